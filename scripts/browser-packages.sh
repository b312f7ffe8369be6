#!/usr/bin/env bash
# Make sure the browser tests (tests/test_browser.py) have what they drive and inject:
#   - Debian's Chromium (/usr/bin/chromium), which Playwright launches by path: never a
#     browser downloaded by `playwright install`;
#   - axe-core from the npm registry, pinned by tests/browser/package-lock.json and
#     installed into tests/browser/node_modules (gitignored) with `npm ci`;
#   - Node.js and npm to install it (on the machine image; from Debian if missing).
#   scripts/browser-packages.sh           check; install what is missing (apt as root)
#   scripts/browser-packages.sh --check   check only; exit 1 if anything is missing
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BROWSER_DIR=tests/browser
AXE=$BROWSER_DIR/node_modules/axe-core/axe.min.js
check_only=0
[[ ${1-} == --check ]] && check_only=1

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Chromium needs a font to draw text: the PDF's FreeFont serves (system-packages.sh has it).
fc-list 2>/dev/null | grep -F FreeSerif >/dev/null || missing+=(fonts-freefont-otf)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if (( ${#missing[@]} )); then
    if (( check_only )); then
        echo "browser-packages: missing Debian packages: ${missing[*]}" >&2
        exit 1
    fi
    if (( EUID != 0 )) || ! command -v apt-get >/dev/null; then
        echo "browser-packages: missing Debian packages: ${missing[*]}" >&2
        echo "    install them as root: apt-get install -y --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
    echo "browser-packages: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# axe-core: reinstalled when the lock changes (the stamp holds the lock's hash).
stamp=$BROWSER_DIR/node_modules/.lock-sha256
want=$(sha256sum "$BROWSER_DIR/package-lock.json" | cut -c1-64)
if [[ ! -s $AXE || $(cat "$stamp" 2>/dev/null) != "$want" ]]; then
    if (( check_only )); then
        echo "browser-packages: axe-core is not installed in $BROWSER_DIR (run make browser-packages)" >&2
        exit 1
    fi
    echo "browser-packages: npm ci in $BROWSER_DIR"
    npm ci --prefix "$BROWSER_DIR" --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
fi
[[ -s $AXE ]] || { echo "browser-packages: $AXE missing after npm ci" >&2; exit 1; }
echo "browser-packages: $(chromium --version 2>/dev/null | head -1), axe-core $(node -p "require('./$BROWSER_DIR/node_modules/axe-core/package.json').version")"
