#!/bin/sh
# The proxy container's start (deploy/proxy.Dockerfile): tell nginx about every app process, then
# run it. SAHAYAK_PROCESSES (unset or "auto": this container's cores) and SAHAYAK_BASE_PORT
# (default 8501) must match the app container's (serve_many.py); compose passes both the same.
# nginx.conf lists the first process (8501) and includes processes/*.conf for the others: this
# writes that file. Everything goes to nginx's prefix, a tmpfs (/tmp/nginx): the root stays
# read-only.
set -eu
PREFIX=${NGINX_PREFIX:-/tmp/nginx}
SOURCE=${NGINX_CONF:-/etc/nginx/nginx.conf}  # the shipped deploy/nginx.conf
count=${SAHAYAK_PROCESSES:-auto}
[ "$count" = auto ] && count=$(nproc)
base=${SAHAYAK_BASE_PORT:-8501}
case "$count" in '' | *[!0-9]*) count=0 ;; esac
case "$base" in '' | *[!0-9]*) base=0 ;; esac
if [ "$count" -lt 1 ] || [ "$count" -gt 64 ]; then
  echo "sahayak-proxy: SAHAYAK_PROCESSES='${SAHAYAK_PROCESSES:-}': give a whole number from 1 to 64" >&2
  exit 2
fi
if [ "$base" -lt 1024 ] || [ "$base" -gt 65471 ]; then
  echo "sahayak-proxy: SAHAYAK_BASE_PORT='${SAHAYAK_BASE_PORT:-}': give a port from 1024 to 65471" >&2
  exit 2
fi
mkdir -p "$PREFIX/processes"
sed "s/server 127\.0\.0\.1:8501 /server 127.0.0.1:$base /" "$SOURCE" >"$PREFIX/nginx.conf"
cp /etc/nginx/mime.types "$PREFIX/mime.types"
chmod 755 "$PREFIX" 2>/dev/null || true  # nginx's workers may drop root
: >"$PREFIX/processes/upstreams.conf"
i=1
while [ "$i" -lt "$count" ]; do
  echo "server 127.0.0.1:$((base + i)) weight=10;" >>"$PREFIX/processes/upstreams.conf"
  i=$((i + 1))
done
echo "sahayak-proxy: $count app processes from port $base"
exec nginx -p "$PREFIX" -c "$PREFIX/nginx.conf" -g "daemon off;"
