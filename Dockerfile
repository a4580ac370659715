# Sahayak as a container, following Streamlit's Docker guidance
# (https://docs.streamlit.io/deploy/tutorials/docker): dependencies installed before the code so
# that layer is cached, a health check, `streamlit run` as ENTRYPOINT. We add: a non-root user, no
# curl, production Streamlit settings in ENV, and a health check that passes only once the process
# is warm (serve.py's /_sahayak/ready).
# Build: docker build -t sahayak .   Run: docker run -p 8501:8501 sahayak
# (podman: `podman build --format docker` keeps the HEALTHCHECK; scripts/images.sh builds and runs
# this file with podman from a local Debian base, as tests/deploy/test_images.py does.)
#
# BASE: Debian's own release with Python from Debian's packages (bookworm: Python 3.11), the same
# distribution the tests build from (a local bookworm root file system made by mmdebstrap, passed
# as --build-arg BASE=...). Any Debian-like image with python3 also works: the RUN below installs
# python3 and python3-venv with apt only when the base has no Python with venv.
ARG BASE=debian:bookworm-slim
FROM ${BASE}

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# Same values as .streamlit/config.toml, repeated so they hold even if the config file is replaced
# (users see a friendly message, never a stack trace; no usage statistics leave the container).
ENV STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=none \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
RUN if ! python3 -c "import ensurepip, venv" 2>/dev/null; then \
      apt-get update \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
           python3 python3-venv \
      && rm -rf /var/lib/apt/lists/*; \
    fi \
 && python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app

# Runtime dependencies only: requirements-dev.txt (pytest, Playwright, ruff) never enters the image.
# WHEELS: a folder of wheels mounted at build time (podman build -v DIR:/wheels --build-arg
# WHEELS=/wheels) to install from instead of the package index, as the image test does.
COPY requirements.txt .
ARG WHEELS=""
RUN pip install ${WHEELS:+--no-index --find-links=$WHEELS} -r requirements.txt

# The app: entry point, its pages and packages, the data files it reads and its Streamlit config.
# tests/deploy/test_deploy.py fails if a new top-level package is not copied here.
# serve_many.py: several serve.py processes in one container (deploy/compose.yaml)
COPY app.py serve.py serve_many.py ./
COPY pages ./pages
COPY ui ./ui
COPY model ./model
COPY data ./data
# Served at /app/static (server.enableStaticServing): plotly's basic build for the charts.
COPY static ./static
COPY .streamlit ./.streamlit

# Fixed numeric ids (10001) so Kubernetes' runAsNonRoot/runAsUser can check them (see deploy/).
RUN groupadd --gid 10001 sahayak && useradd --create-home --uid 10001 --gid 10001 sahayak
USER 10001:10001

EXPOSE 8501
# Ready only when warm: /_sahayak/ready (serve.py) answers 200 once the sample model is fitted, so
# no visitor is sent to a process that would make them wait for it (Streamlit's /_stcore/health
# passes seconds earlier; Kubernetes uses it for liveness). Python's urllib instead of curl: slim
# images have no curl. urlopen raises on a refused connection or a non-2xx status (503 while
# warming), so the command exits non-zero until the process is ready.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8501/_sahayak/ready', timeout=4)"
# serve.py serves app.py and fits the sample model as the server starts (README, "Speed").
ENTRYPOINT ["streamlit", "run", "serve.py", "--server.port=8501", "--server.address=0.0.0.0", "--server.headless=true"]
