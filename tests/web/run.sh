#!/usr/bin/env bash
# Browser end-to-end test of `oborot serve` and `oborot report` (see e2e.mjs).
# Installs what it needs: Node.js and npm, Debian's chromium (apt-get, as root
# or through sudo) and playwright-core (npm ci, from package-lock.json).
# Exit 77 (CTest SKIP_RETURN_CODE) only when Chromium cannot be installed.
#
#   tests/web/run.sh build/oborot [OUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(realpath "${1:?usage: run.sh OBOROT_BINARY [OUT_DIR]}")"
out="${2:-$here/out}"

sudo=""
if [[ $(id -u) != 0 ]]; then
  if sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
fi
install() {  # apt-get install PACKAGES..., or return 1 when that is impossible
  [[ $sudo == none ]] && return 1
  $sudo apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "run.sh: installing nodejs and npm" >&2
  install nodejs npm || { echo "run.sh: cannot install Node.js (not root, no sudo)" >&2; exit 1; }
fi
if [[ ! -x ${CHROMIUM:-/usr/bin/chromium} ]]; then
  echo "run.sh: installing chromium" >&2
  if ! install chromium; then
    echo "skipped: chromium is not installed and cannot be installed here"
    exit 77
  fi
fi
if [[ ! -d $here/node_modules/playwright-core ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$here/e2e.mjs" --oborot "$bin" --out "$out"
