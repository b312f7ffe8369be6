#!/usr/bin/env bash
# Make sure the Debian packages that the PDF build and the tests need are installed.
#   scripts/system-packages.sh           check; install what is missing (as root)
#   scripts/system-packages.sh --check   check only; exit 1 if anything is missing
#
# The PDF builder (jupyter-book --builder pdflatex) really runs xelatex through latexmk,
# with Sphinx's preamble (fonts FreeSerif/FreeSans/FreeMono) and sphinx-jupyterbook-latex's
# class; the tests read the PDF with pdftotext/pdftoppm. About 360 MB installed.
# texlive-fonts-extra (bbm.sty, 1.4 GB) is NOT needed: _assets/latex/bbm.sty is a stub.
set -euo pipefail

PACKAGES=(
    texlive-latex-recommended
    texlive-latex-extra
    texlive-fonts-recommended
    texlive-xetex
    latexmk
    fontconfig
    fonts-freefont-otf
    poppler-utils
)

missing=()
need() { # need PACKAGE CHECK-COMMAND...: PACKAGE is missing unless the check succeeds
    local pkg=$1; shift
    if ! "$@" >/dev/null 2>&1; then
        [[ " ${missing[*]-} " == *" $pkg "* ]] || missing+=("$pkg")
    fi
}
# Not `grep -q`: it exits at the first match, fc-list then dies of SIGPIPE and pipefail
# turns the pipeline into a failure.
have_font() { fc-list : family | grep -F "$1" >/dev/null; }
deb_installed() { [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]; }

check() {
    missing=()
    need texlive-xetex command -v xelatex
    need latexmk command -v latexmk
    need fontconfig command -v fc-list
    need fonts-freefont-otf have_font FreeSerif
    need poppler-utils command -v pdftotext
    need poppler-utils command -v pdftoppm
    # The TeX package sets themselves: ask dpkg where there is one, else look for a file
    # that the build loads from each (fontspec, titlesec/fncychap, the Times metrics).
    if command -v dpkg-query >/dev/null; then
        for pkg in "${PACKAGES[@]}"; do need "$pkg" deb_installed "$pkg"; done
    else
        need texlive-latex-recommended kpsewhich fontspec.sty
        need texlive-latex-extra kpsewhich titlesec.sty
        need texlive-latex-extra kpsewhich fncychap.sty
        need texlive-fonts-recommended kpsewhich ptmr8t.tfm
    fi
}

check
if (( ${#missing[@]} == 0 )); then
    echo "system-packages: all present (${PACKAGES[*]})"
    exit 0
fi

install_cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [[ ${1-} == --check ]]; then
    echo "system-packages: missing: ${missing[*]}" >&2
    exit 1
fi
if (( EUID != 0 )) || ! command -v apt-get >/dev/null; then
    cat >&2 <<MSG
system-packages: cannot build the PDF: these Debian packages are missing:
    ${missing[*]}
Install them as root, then rerun make:
    sudo sh -c '$install_cmd'
MSG
    exit 1
fi

echo "system-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
check
if (( ${#missing[@]} )); then
    echo "system-packages: still missing after apt-get install: ${missing[*]}" >&2
    exit 1
fi
echo "system-packages: installed"
