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

# The proxy test (tests/deploy/test_proxy.py) runs Debian's nginx with its brotli module in front
# of the app, as deploy/proxy.Dockerfile does; in CI it must run.
BROTLI=/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so
if [ ! -x /usr/sbin/nginx ] || [ ! -f "$BROTLI" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's nginx and its brotli module for the proxy test..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-brotli-filter \
      >/dev/null
  else
    echo "No nginx with brotli: tests/deploy/test_proxy.py will skip (it fails under CI=true)."
  fi
fi

# The image tests (tests/deploy/test_images.py) build the app and proxy images with Debian's podman
# from a local Debian base (scripts/images.sh) and run them, the compose stack as a pod. In CI
# they must run: podman, runc, mmdebstrap and podman-compose come from Debian's packages. On your
# own machine they run when you ask: SAHAYAK_IMAGE_TESTS=1 bash scripts/test.sh
if [ -n "${CI:-}" ] || [ "${SAHAYAK_IMAGE_TESTS:-}" = 1 ]; then
  bash scripts/images.sh install
  export SAHAYAK_IMAGE_TESTS=1
fi

.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
