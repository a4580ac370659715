# nginx for deploy/compose.yaml: Debian's nginx with its brotli module, the same packages that
# tests/deploy/test_proxy.py runs deploy/nginx.conf with (scripts/test.sh installs them).
# compose.yaml builds it: docker compose -f deploy/compose.yaml up -d --build
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      nginx libnginx-mod-http-brotli-filter \
 && rm -rf /var/lib/apt/lists/*
# www-data (33): compose.yaml runs the container as this user with its own tmpfs prefix.
USER 33:33
CMD ["nginx", "-p", "/tmp/nginx", "-c", "/etc/nginx/nginx.conf", "-g", "daemon off;"]
