# Sahayak as a container, following Streamlit's Docker guidance
# (https://docs.streamlit.io/deploy/tutorials/docker): slim image, dependencies installed before
# the code so that layer is cached, Streamlit's own health endpoint, `streamlit run` as ENTRYPOINT.
# We add: a non-root user, no curl, and production Streamlit settings in ENV.
# Build: docker build -t sahayak .   Run: docker run -p 8501:8501 sahayak
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# Same values as .streamlit/config.toml, repeated so they hold even if the config file is replaced
# (users see a friendly message, never a stack trace; no usage statistics leave the container).
ENV STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=none \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
WORKDIR /app

# Runtime dependencies only: requirements-dev.txt (pytest, Playwright, ruff) never enters the image.
COPY requirements.txt .
RUN pip install -r requirements.txt

# The app: entry point, its pages and packages, the data files it reads and its Streamlit config.
# tests/deploy/test_deploy.py fails if a new top-level package is not copied here.
COPY app.py serve.py ./
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
# Python's urllib instead of curl: slim images have no curl, and installing it would add apt
# packages (and their security updates) only for this probe. urlopen raises on a refused
# connection or a non-2xx status, so the command exits non-zero when Streamlit is unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8501/_stcore/health', timeout=4)"
# serve.py serves app.py and fits the sample model as the server starts (README, "Speed").
ENTRYPOINT ["streamlit", "run", "serve.py", "--server.port=8501", "--server.address=0.0.0.0", "--server.headless=true"]
