# Build and test the edition. GNU make; every step is also a script under scripts/.
#   make book    venv + system packages + HTML + PDF
#   make test    clean HTML + PDF pass (warnings are errors), then the whole pytest suite
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
test: full ## full build, then the whole pytest suite (fails if no test ran)
	rc=0; $(BIN)/python -m pytest $(PYTEST_ARGS) || rc=$$?
	if [[ $$rc == 5 ]]; then
	    echo "make test: pytest collected no tests (exit 5): treating this as a failure" >&2
	    exit 1
	fi
	exit $$rc

lint: $(STAMP) ## ruff check (the project's lint; not part of make test yet)
	$(BIN)/ruff check analysis tests scripts

lock: ## re-resolve pyproject.toml (+ test extra) into requirements/lock.txt
	bash scripts/lock.sh
	rm -f $(STAMP)

clean: ## remove build outputs but keep the execution cache
	[[ -d $(BUILD) ]] || exit 0
	find $(BUILD) -mindepth 1 -maxdepth 1 ! -name .jupyter_cache ! -name .jupyter_cache.inputs \
	    -exec rm -rf {} +

clean-all: clean ## also remove the execution cache and .venv
	rm -rf $(BUILD) $(VENV)
