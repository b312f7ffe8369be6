#!/usr/bin/env bash
# Create .venv if missing and make it hold exactly requirements/lock.txt plus the project
# (editable). Run by `make` through the stamp file .venv/.installed, which depends on
# pyproject.toml and the lock, so an unchanged environment costs nothing.
#
# - pip itself is first brought to the locked version, then the lock is installed with
#   -r (every pin exact, nothing resolved anew), then the project with --no-deps and
#   --no-build-isolation (built with the locked setuptools: no unpinned build env).
# - Distributions in .venv that are not in the lock are uninstalled (like pip-sync), so
#   the venv is the lock, whatever was installed by hand before.
# - `pip check` fails if pyproject.toml asks for something the lock lacks: run `make lock`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
LOCK=requirements/lock.txt

if [[ ! -x $VENV/bin/python ]]; then
    echo "install: creating $VENV with $("$PYTHON" --version)"
    "$PYTHON" -m venv "$VENV"
fi
py=$VENV/bin/python
"$py" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "install: the lock is for Python 3.11; "+sys.version.split()[0]+" found in '"$VENV"' (rm -rf '"$VENV"')")'

echo "install: syncing $VENV with $LOCK"
"$py" -m pip install --quiet "$(grep -E '^pip==' "$LOCK")"
"$py" -m pip install --quiet -r "$LOCK"
"$py" -m pip install --quiet --no-deps --no-build-isolation -e .

# Remove whatever the lock does not list (the editable project excepted).
extra=$("$py" - "$LOCK" <<'PY'
import re, sys, tomllib
from importlib.metadata import distributions

norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
pins = {norm(l.split("==")[0]) for l in open(sys.argv[1]) if "==" in l and not l.startswith("#")}
project = norm(tomllib.load(open("pyproject.toml", "rb"))["project"]["name"])
print(" ".join(sorted({d.metadata["Name"] for d in distributions()
                       if norm(d.metadata["Name"]) not in pins | {project}})))
PY
)
if [[ -n $extra ]]; then
    echo "install: removing distributions not in the lock: $extra"
    # shellcheck disable=SC2086
    "$py" -m pip uninstall --quiet --yes $extra
fi
"$py" -m pip check
echo "install: $VENV matches $LOCK"
