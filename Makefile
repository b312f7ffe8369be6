# Build and test the edition. GNU make; every step is also a script under scripts/.
#   make book    venv + system packages + HTML + PDF
#   make test    make check, clean HTML + PDF pass (warnings are errors), then the whole pytest suite
#   make check   fast content checks and ruff, no build (also run on every pull request)
# Run `make help` for the rest.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DELETE_ON_ERROR:
.NOTPARALLEL:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules --no-print-directory

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements/lock.txt
BUILD  := _build
PDF    := $(BUILD)/pdf/book.pdf
PYTEST_ARGS ?=

export PYTHON VENV

.PHONY: help book html pdf test full lint venv system-packages clean clean-all lock
.PHONY: check format new-chapter linkcheck
.PHONY: browser-packages bench

help: ## show this help
	@echo "Targets (outputs: $(BUILD)/html/index.html, $(PDF); logs: $(BUILD)/logs/):"
	grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'
	echo "Variables: FULL=1 (make html/pdf: full Sphinx pass), PYTEST_ARGS='-k ...' (make test)"

book: html pdf ## venv, system packages, HTML then PDF (incremental)

venv: $(STAMP) ## create .venv and install the locked environment

# Reinstalled only when pyproject.toml or the lock changes.
$(STAMP): pyproject.toml $(LOCK) scripts/install-venv.sh
	bash scripts/install-venv.sh
	touch $@

system-packages: ## check/install the Debian packages for the PDF (TeX, fonts, poppler)
	bash scripts/system-packages.sh

browser-packages: ## check/install Debian's Chromium and axe-core (npm) for the browser tests
	bash scripts/browser-packages.sh

html: $(STAMP) ## build the HTML (incremental; see scripts/build.sh for when it goes --all)
	bash scripts/build.sh html

pdf: $(STAMP) system-packages ## build the PDF with xelatex -> _build/pdf/book.pdf
	bash scripts/build.sh pdf

# A clean Sphinx pass for the gate: old outputs removed and --all, so -W sees every page's
# warnings; the execution cache (_build/.jupyter_cache) is kept, so notebooks that did not
# change are not re-executed. Both builds run even if the first fails, so one run reports
# every problem.
full: $(STAMP) system-packages ## clean HTML + PDF build (what make test and CI build)
	rm -rf $(BUILD)/html $(BUILD)/latex $(BUILD)/pdf $(BUILD)/logs
	rc=0
	FULL=1 bash scripts/build.sh html || rc=1
	FULL=1 bash scripts/build.sh pdf || rc=1
	exit $$rc

# pytest exits 5 when it collected no test: a run that tested nothing must not pass.
test: check full browser-packages ## make check, full build, then the whole pytest suite (fails if no test ran)
	rc=0; $(BIN)/python -m pytest $(PYTEST_ARGS) || rc=$$?
	if [[ $$rc == 5 ]]; then
	    echo "make test: pytest collected no tests (exit 5): treating this as a failure" >&2
	    exit 1
	fi
	exit $$rc

# Not a timed test: one run of the performance budget on a temporary copy (README, Performance).
bench: $(STAMP) system-packages browser-packages ## measure the performance budget; prints a table
	$(BIN)/python scripts/bench.py

lint: $(STAMP) ## ruff check (make check runs it too)
	$(BIN)/ruff check analysis tests scripts

# Content checks (analysis/checks: table of contents, front matter, citations, alt text,
# links and references, statistics typed into prose) and ruff. No build: a few seconds.
# Every part runs even if one fails, so one run reports every problem.
check: $(STAMP) ## fast checks, no build: chapters, citations, links, typed statistics; ruff
	rc=0
	$(BIN)/python -m analysis.checks || rc=1
	$(BIN)/ruff check --output-format concise analysis tests scripts || rc=1
	if ! $(BIN)/ruff format --check --output-format concise analysis tests scripts; then
	    echo "check: files above need formatting (fix: make format)" >&2
	    rc=1
	fi
	exit $$rc

format: $(STAMP) ## ruff format and safe lint fixes on analysis, tests, scripts
	$(BIN)/ruff format analysis tests scripts
	$(BIN)/ruff check --fix analysis tests scripts

# External links are checked on a schedule (.github/workflows/linkcheck.yml), not in the gate.
linkcheck: $(STAMP) ## check the external links (needs the network): report of the broken ones
	rc=0
	IPYTHONDIR=$$PWD/_assets/ipython $(BIN)/jupyter-book build . --builder linkcheck \
	    --path-output $(BUILD)/linkcheck || rc=1
	$(BIN)/python scripts/linkcheck_report.py $(BUILD)/linkcheck/_build/html/output.json || rc=1
	exit $$rc

# NAME and TITLE reach the script through the environment, so no quoting can break them.
new-chapter: $(STAMP) ## new chapter from templates/chapter.md: make new-chapter NAME=slug TITLE="…"
	$(BIN)/python scripts/new_chapter.py "$${NAME-}" "$${TITLE-}"

lock: ## re-resolve pyproject.toml (+ test extra) into requirements/lock.txt
	bash scripts/lock.sh
	rm -f $(STAMP)

clean: ## remove build outputs but keep the execution cache
	[[ -d $(BUILD) ]] || exit 0
	find $(BUILD) -mindepth 1 -maxdepth 1 ! -name .jupyter_cache ! -name .jupyter_cache.inputs \
	    -exec rm -rf {} +

clean-all: clean ## also remove the execution cache and .venv
	rm -rf $(BUILD) $(VENV)
