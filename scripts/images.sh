#!/usr/bin/env bash
# Build Sahayak's two images with podman from a local Debian base (issue 23), as
# tests/deploy/test_images.py does. No Docker engine and no image registry are needed: the base is
# a Debian bookworm root file system that mmdebstrap makes from Debian's packages, and the
# Python packages are wheels that pip downloads on the host and the build installs offline.
#
#   bash scripts/images.sh install   # Debian's podman, runc, mmdebstrap, podman-compose (root)
#   bash scripts/images.sh build     # base (if missing), wheels, app and proxy images; timed
#   bash scripts/images.sh clean     # remove the images and the work folder
#
# Images: localhost/sahayak-base:bookworm, localhost/sahayak:test, localhost/sahayak-proxy:test.
# podman settings for this kind of sandbox (no systemd, no setting of rlimits, crun refused by
# the cgroup setup): a containers.conf given by CONTAINERS_CONF (written below), runc.
# Every step is bounded by `timeout`; a step that fails says which and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${SAHAYAK_IMAGES_WORK:-/tmp/sahayak-images}
BASE=localhost/sahayak-base:bookworm
APP=localhost/sahayak:test
PROXY=localhost/sahayak-proxy:test
export CONTAINERS_CONF=$WORK/containers.conf
PY=${PYTHON:-.venv/bin/python}

say() { printf 'images: %s\n' "$*"; }
fail() { say "FAILED: $*" >&2; exit 1; }
seconds() { date +%s.%N; }
took() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(seconds)"; }

write_conf() {
  mkdir -p "$WORK"
  cat >"$CONTAINERS_CONF" <<'EOF'
[containers]
default_ulimits = []
pids_limit = 0

[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
EOF
}

install() {
  local missing=()
  for tool in podman runc mmdebstrap podman-compose; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [ ${#missing[@]} -eq 0 ] && { say "podman, runc, mmdebstrap, podman-compose present"; return; }
  [ "$(id -u)" = 0 ] || fail "missing ${missing[*]}: run as root, or apt-get install them"
  say "installing ${missing[*]} from Debian's packages"
  timeout 120 apt-get update -qq || fail "apt-get update (120 s)"
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq podman runc mmdebstrap \
    podman-compose >/dev/null || fail "apt-get install podman runc mmdebstrap podman-compose (600 s)"
}

base() {
  if podman image exists "$BASE" && [ -z "${FRESH_BASE:-}" ]; then
    say "base $BASE present (FRESH_BASE=1 makes it again)"
    return
  fi
  local start; start=$(seconds)
  rm -f "$WORK/rootfs.tar"
  timeout 300 mmdebstrap --quiet --variant=minbase bookworm "$WORK/rootfs.tar" \
    || fail "mmdebstrap bookworm (300 s)"
  timeout 120 podman import --quiet "$WORK/rootfs.tar" "$BASE" >/dev/null \
    || fail "podman import of the root file system (120 s)"
  rm -f "$WORK/rootfs.tar"
  say "base $BASE made in $(took "$start") s"
}

wheels() {
  local start; start=$(seconds)
  rm -rf "$WORK/wheels"
  timeout 300 "$PY" -m pip download --quiet --disable-pip-version-check --only-binary=:all: \
    -r requirements.txt -d "$WORK/wheels" || fail "pip download -r requirements.txt (300 s)"
  say "wheels for requirements.txt in $(took "$start") s"
}

build() {
  write_conf
  base
  wheels
  local start; start=$(seconds)
  timeout 900 podman build --runtime runc --format docker --network host \
    --volume "$WORK/wheels:/wheels:ro" --build-arg "BASE=$BASE" --build-arg WHEELS=/wheels \
    --tag "$APP" . >"$WORK/app-build.log" 2>&1 \
    || { tail -n 30 "$WORK/app-build.log" >&2; fail "podman build of the app image (Dockerfile, 900 s)"; }
  say "app image $APP built in $(took "$start") s, $(podman image inspect --format '{{.Size}}' "$APP") bytes"
  start=$(seconds)
  timeout 600 podman build --runtime runc --format docker --network host \
    --build-arg "BASE=$BASE" --file deploy/proxy.Dockerfile --tag "$PROXY" deploy \
    >"$WORK/proxy-build.log" 2>&1 \
    || { tail -n 30 "$WORK/proxy-build.log" >&2; fail "podman build of the proxy image (deploy/proxy.Dockerfile, 600 s)"; }
  say "proxy image $PROXY built in $(took "$start") s, $(podman image inspect --format '{{.Size}}' "$PROXY") bytes"
}

clean() {
  write_conf
  podman rmi --force "$APP" "$PROXY" "$BASE" >/dev/null 2>&1 || true
  podman image prune --force >/dev/null 2>&1 || true  # the layers earlier builds left untagged
  rm -rf "$WORK"
}

case "${1:-build}" in
  install) install ;;
  build) build ;;
  clean) clean ;;
  *) fail "unknown step '$1' (install, build, clean)" ;;
esac
