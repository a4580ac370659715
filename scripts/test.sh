#!/usr/bin/env bash
# Install everything the tests need into .venv, then lint and run the whole suite.
# Usage: bash scripts/test.sh [extra pytest args]
#
# The browser journeys need a Chromium. We use, in order: one on PATH (`chromium`,
# Debian's package; installed here with apt-get when running as root), else the one
# Playwright downloads for your user (`python -m playwright install chromium`).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null
  else
    echo "No chromium on PATH: fetching Playwright's Chromium for this user..."
    .venv/bin/python -m playwright install chromium
  fi
fi

# The proxy test (tests/deploy/test_proxy.py) runs Debian's nginx in front of the app; in CI it
# must run. Debian has nginx-light on older releases, nginx on all: take whichever exists.
if [ ! -x /usr/sbin/nginx ] && ! command -v nginx >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's nginx for the proxy test..."
    apt-get update -qq
    pkg=nginx
    if apt-cache policy nginx-light 2>/dev/null | grep -q "Candidate: [0-9]"; then pkg=nginx-light; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null
  else
    echo "No nginx: tests/deploy/test_proxy.py will skip (it fails under CI=true)."
  fi
fi

.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
