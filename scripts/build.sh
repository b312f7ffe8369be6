#!/usr/bin/env bash
# Build the book with Jupyter Book 1, failing on any Sphinx warning and any failing cell.
#   scripts/build.sh html    -> _build/html/            log: _build/logs/html.log
#   scripts/build.sh pdf     -> _build/pdf/book.pdf     log: _build/logs/pdf.log
#                               (LaTeX sources and latexmk's own files in _build/latex/)
# Environment: FULL=1 forces a full Sphinx pass (--all: every page re-read, so every
# warning is re-emitted); notebooks are still served from the execution cache.
#
# Why not always --all: `-W` on an incremental build does not re-emit the warnings of
# pages that did not change, so an incremental build can pass while the book has
# warnings. This script therefore passes --all by itself when
#   - FULL=1 (make test and CI do this, after removing the old outputs), or
#   - the previous build of the same kind did not succeed (a failure stays visible
#     until it is fixed, instead of vanishing on the next incremental run), or
#   - inputs that Sphinx does not track changed: analysis/ (our extensions and the
#     parser they call), data/, _assets/, the lock.
# and it clears the execution cache _build/.jupyter_cache (keyed by jupyter-cache on
# the notebooks' code only) when what the kernels import or read changed: analysis/
# (outside sphinxext), data/, the IPython startup files, or the lock.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

target=${1:?usage: scripts/build.sh html|pdf}
case $target in
    html) builder=html ;;
    pdf) builder=pdflatex ;;
    *) echo "build: unknown target '$target' (html|pdf)" >&2; exit 2 ;;
esac

BUILD=_build
LOGS=$BUILD/logs
KEYS=$BUILD/.keys
JB=${VENV:-.venv}/bin/jupyter-book
mkdir -p "$LOGS" "$KEYS"

# Kernels run with this IPython profile: analysis.display.enable() at startup.
export IPYTHONDIR=$PWD/_assets/ipython
# jupyter-book runs `make all-pdf` in _build/latex: do not hand it our make's flags.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

digest() { # digest [-x PATH] PATH...: one hash over the files under PATH... (not -x's)
    local skip=(-name __pycache__)
    if [[ $1 == -x ]]; then skip+=(-o -path "$2"); shift 2; fi
    { find "$@" \( "${skip[@]}" \) -prune -o -type f ! -name '*.pyc' -print0 2>/dev/null || true; } \
        | LC_ALL=C sort -z | xargs -0 -r sha256sum | sha256sum | cut -c1-64
}

# What the kernels import or read: the package (but for the Sphinx extensions), the data,
# the IPython startup files, the locked environment.
exec_key=$(digest -x analysis/sphinxext analysis data _assets/ipython/profile_default/startup requirements/lock.txt)
# Everything Sphinx's own dependency tracking misses: our extensions and the parser they
# call, the data they read, the assets they copy, the kernels' inputs.
sphinx_key=$(digest analysis data _assets/static _assets/latex _assets/ipython/profile_default/startup requirements/lock.txt)

all=()
reason=""
if [[ ${FULL:-0} == 1 ]]; then
    reason="FULL=1"
fi
EXEC_KEY=$BUILD/.jupyter_cache.inputs  # lives and dies with the cache (make clean keeps both)
if [[ -d $BUILD/.jupyter_cache && $(cat "$EXEC_KEY" 2>/dev/null) != "$exec_key" ]]; then
    echo "build: code or data that the notebooks use changed: clearing $BUILD/.jupyter_cache"
    rm -rf "$BUILD/.jupyter_cache"
    reason=${reason:-"execution cache cleared"}
fi
if [[ -z $reason && ! -e $LOGS/$target.ok ]]; then
    reason="the previous $target build did not succeed (or there was none)"
fi
if [[ -z $reason && $(cat "$KEYS/sphinx-$target" 2>/dev/null) != "$sphinx_key" ]]; then
    reason="code, data or assets that Sphinx does not track changed"
fi
if [[ -n $reason ]]; then
    all=(--all)
    echo "build: full Sphinx pass (--all): $reason"
fi
echo "$exec_key" > "$EXEC_KEY"
rm -f "$LOGS/$target.ok"
[[ $target == pdf ]] && rm -f "$BUILD/latex/book.pdf" "$BUILD/pdf/book.pdf"

cmd=("$JB" build . -n -W --keep-going --builder "$builder" "${all[@]}")
# The first line of the log is the command (tests/test_build.py checks that it had --all).
echo "build: IPYTHONDIR=$IPYTHONDIR ${cmd[*]}" | tee "$LOGS/$target.log.tmp"
start=$SECONDS
set +e
"${cmd[@]}" 2>&1 | tee -a "$LOGS/$target.log.tmp"
rc=${PIPESTATUS[0]}
set -e
# The log without terminal colours, for people and for tests/test_build.py.
sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$LOGS/$target.log.tmp" > "$LOGS/$target.log"
rm -f "$LOGS/$target.log.tmp"
elapsed=$((SECONDS - start))

if [[ $target == pdf && $rc == 0 ]]; then
    if [[ -s $BUILD/latex/book.pdf ]]; then
        mkdir -p "$BUILD/pdf"
        cp "$BUILD/latex/book.pdf" "$BUILD/pdf/book.pdf"
        # The HTML's download menu and downloads page link to <html>/book.pdf.
        if [[ -d $BUILD/html ]]; then cp "$BUILD/latex/book.pdf" "$BUILD/html/book.pdf"; fi
    else
        echo "build: jupyter-book reported success but $BUILD/latex/book.pdf is missing" >&2
        rc=1
    fi
fi
if [[ $rc != 0 ]]; then
    echo "build: $target FAILED (exit $rc, ${elapsed}s): see the warnings above or $LOGS/$target.log" >&2
    exit "$rc"
fi
echo "$sphinx_key" > "$KEYS/sphinx-$target"
touch "$LOGS/$target.ok"
echo "build: $target OK in ${elapsed}s"
