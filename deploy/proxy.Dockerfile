# nginx for deploy/compose.yaml: Debian's nginx with its brotli module, the same packages that
# tests/deploy/test_proxy.py runs deploy/nginx.conf with (scripts/test.sh installs them).
# compose.yaml builds it: docker compose -f deploy/compose.yaml up -d --build
# BASE: as in the app's Dockerfile, Debian's own release (the image test passes a local bookworm
# base made by mmdebstrap).
ARG BASE=debian:bookworm-slim
FROM ${BASE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      nginx libnginx-mod-http-brotli-filter \
 && rm -rf /var/lib/apt/lists/*
# The shipped config (compose mounts the same file over it) and the start script that writes one
# upstream line per app process (SAHAYAK_PROCESSES) into nginx's tmpfs prefix, then runs nginx.
COPY nginx.conf /etc/nginx/nginx.conf
COPY proxy-start.sh /usr/local/bin/proxy-start
# www-data (33): compose.yaml runs the container as this user with its own tmpfs prefix.
USER 33:33
CMD ["sh", "/usr/local/bin/proxy-start"]
