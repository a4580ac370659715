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

.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
