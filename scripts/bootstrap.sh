#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks, then the project into .venv. Safe to run again.
# Usage: scripts/bootstrap.sh [test]   ("test" adds the browser the real-browser tests drive)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

need=()
if [ "${1:-}" = test ]; then
  command -v chromium >/dev/null || need+=(chromium)
fi
"$PYTHON" -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
# PDFs (WeasyPrint): Pango, fast font subsetting, and the CJK fonts without which Chinese prints as empty boxes;
# the charts' PNG for DOCX (cairosvg): Cairo.
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2 fonts-noto-cjk; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Missing system packages: ${need[*]} (install them as root: apt-get install ${need[*]})" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  touch "$stamp"
fi
