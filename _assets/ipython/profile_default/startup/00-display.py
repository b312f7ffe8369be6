# Run by every IPython kernel that the book build starts (the Makefile sets
# IPYTHONDIR=_assets/ipython): charts get HTML + PNG, DataFrames get a markdown table.
# See analysis/display.py.
from analysis.display import enable

enable()
