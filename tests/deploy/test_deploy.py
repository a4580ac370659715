"""Deployment files: Kubernetes manifests in deploy/, the Dockerfile and .dockerignore.

Fast and offline: no cluster and no Docker daemon. Manifests are checked against the Kubernetes
JSON schemas that the kubernetes-validate package ships (strict: unknown fields are errors), then
for the properties the app relies on (health probes, non-root, sticky sessions, upload limit).
The Dockerfile is read as text; no image is built here.
"""

from __future__ import annotations

import ast
import copy
import json
import re
import shlex
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from model.rates import MAX_UPLOAD_BYTES, SPOOL_BYTES

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
STREAMLIT_CONFIG = ROOT / ".streamlit" / "config.toml"

# Newest Kubernetes version whose schemas kubernetes-validate==1.37.0 bundles.
K8S_VERSION = "1.37.0"
HEALTH_PATH = "/_stcore/health"
READY_PATH = "/_sahayak/ready"  # serve.py: 200 only once the sample model is fitted
PORT = 8501
# Top-level folders that hold Python but are never part of the running app.
NOT_RUNTIME = frozenset({"tests", "bench", "scripts", "deploy", "docs", "artifacts"})
STICKY_ANNOTATIONS = {
    "nginx.ingress.kubernetes.io/affinity": "cookie",
    "nginx.ingress.kubernetes.io/affinity-mode": "persistent",
    "nginx.ingress.kubernetes.io/session-cookie-name": "sahayak-route",
    "nginx.ingress.kubernetes.io/session-cookie-max-age": "172800",
}

Manifest = dict[str, Any]


# --- helpers: manifests ------------------------------------------------------------------------


NOT_MANIFESTS = {"compose.yaml"}  # Docker Compose for one machine, not Kubernetes


def manifest_files() -> list[Path]:
    """Every Kubernetes manifest in deploy/ (what `kubectl apply -k deploy/` applies)."""
    return sorted(
        p
        for p in DEPLOY.iterdir()
        if p.suffix in {".yaml", ".yml", ".json"} and p.name not in NOT_MANIFESTS
    )


def load_manifests() -> list[tuple[str, Manifest]]:
    """Every non-empty YAML document in deploy/, with the name of the file it came from."""
    docs: list[tuple[str, Manifest]] = []
    for path in manifest_files():
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if doc:
                docs.append((path.name, doc))
    return docs


MANIFESTS = load_manifests()


def only(kind: str) -> Manifest:
    """The single manifest of this kind (fails if there are none or several)."""
    found = [doc for _, doc in MANIFESTS if doc["kind"] == kind]
    assert len(found) == 1, f"expected exactly one {kind} in deploy/, found {len(found)}"
    return found[0]


def container() -> Manifest:
    """The Deployment's only container."""
    containers = only("Deployment")["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    return containers[0]


def streamlit_config() -> dict[str, Any]:
    """The app's .streamlit/config.toml."""
    return tomllib.loads(STREAMLIT_CONFIG.read_text(encoding="utf-8"))


# --- helpers: Dockerfile -----------------------------------------------------------------------


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with comments dropped and `\\` continuations joined."""
    logical: list[str] = []
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):  # Docker drops these, even inside a continuation
            continue
        if line.endswith("\\"):
            current += line[:-1].rstrip() + " "
            continue
        logical.append(current + line)
        current = ""
    if current:
        logical.append(current)
    pairs = []
    for line in logical:
        instruction, _, args = line.partition(" ")
        pairs.append((instruction.upper(), args.strip()))
    return pairs


def instructions(name: str, text: str | None = None) -> list[str]:
    """Arguments of every `name` instruction in the Dockerfile (or in `text`)."""
    source = DOCKERFILE.read_text(encoding="utf-8") if text is None else text
    return [args for instr, args in dockerfile_instructions(source) if instr == name]


def copy_sources(text: str) -> set[str]:
    """Top-level paths that the COPY instructions take from the build context."""
    sources: set[str] = set()
    for args in instructions("COPY", text):
        words = [w for w in shlex.split(args) if not w.startswith("--")]
        for src in words[:-1]:  # the last word is the destination
            first = Path(src).parts[0] if Path(src).parts else "."
            sources.add(first)
    return sources


def local_imports(path: Path, root: Path) -> set[str]:
    """Top-level names imported by `path` that are modules or packages inside `root`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return {n for n in names if (root / n).is_dir() or (root / f"{n}.py").is_file()}


def imported_by_app(root: Path) -> set[str]:
    """Local top-level packages reached from app.py and pages/, following imports transitively."""
    todo = [root / "app.py", *sorted((root / "pages").glob("*.py"))]
    seen_files: set[Path] = set()
    found: set[str] = set()
    while todo:
        path = todo.pop()
        if path in seen_files or not path.is_file():
            continue
        seen_files.add(path)
        for name in local_imports(path, root) - found:
            found.add(name)
            package = root / name
            todo.extend(package.rglob("*.py") if package.is_dir() else [root / f"{name}.py"])
    return found


def python_folders(root: Path) -> set[str]:
    """Top-level, non-hidden folders holding Python files, minus the ones that never ship."""
    return {
        p.name
        for p in root.iterdir()
        if p.is_dir()
        and not p.name.startswith(".")
        and p.name not in NOT_RUNTIME
        and any(p.rglob("*.py"))
    }


def missing_from_image(root: Path) -> set[str]:
    """Runtime files and folders of the repository at `root` that its Dockerfile doesn't COPY
    (``static``: the files Streamlit serves at /app/static, plotly's basic build)."""
    entry = {name for name in ("serve.py", "static") if (root / name).exists()}
    needed = {"app.py", ".streamlit"} | entry | python_folders(root) | imported_by_app(root)
    copied = copy_sources((root / "Dockerfile").read_text(encoding="utf-8"))
    if "." in copied:  # COPY . . takes everything
        return set()
    return needed - copied


# --- schema validation ---------------------------------------------------------------------------


def test_deploy_folder_has_every_kind() -> None:
    kinds = sorted(doc["kind"] for _, doc in MANIFESTS)
    assert kinds == sorted(
        [
            "Namespace",
            "Deployment",
            "Service",
            "Ingress",  # the app
            "Ingress",  # its uploads (limits of their own)
            "Ingress",  # its WebSocket (limits of their own)
            "PodDisruptionBudget",
            "HorizontalPodAutoscaler",
            "ConfigMap",
        ]
    )


@pytest.mark.parametrize(
    "doc", [doc for _, doc in MANIFESTS], ids=[f"{f}:{d['kind']}" for f, d in MANIFESTS]
)
def test_manifest_matches_kubernetes_schema(doc: Manifest) -> None:
    assert kubernetes_validate.validate(doc, K8S_VERSION, strict=True) == "1.37"


def _replicas_as_text(d: Manifest) -> None:
    d["spec"]["replicas"] = "three"


def _unknown_container_field(d: Manifest) -> None:
    d["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {"httpGet": {"port": 1}}


def _probe_port_missing(d: Manifest) -> None:
    del d["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]["httpGet"]["port"]


@pytest.mark.parametrize(
    "breakage", [_replicas_as_text, _unknown_container_field, _probe_port_missing]
)
def test_schema_check_rejects_a_broken_deployment(breakage: Callable[[Manifest], None]) -> None:
    broken = copy.deepcopy(only("Deployment"))
    breakage(broken)
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, K8S_VERSION, strict=True)


def test_kustomization_lists_every_manifest() -> None:
    kustomization = yaml.safe_load((DEPLOY / "Kustomization").read_text(encoding="utf-8"))
    assert kustomization["kind"] == "Kustomization"
    assert kustomization["resources"] == [p.name for p in manifest_files()]
    assert kustomization["namespace"] == "sahayak"


def test_everything_lives_in_the_sahayak_namespace() -> None:
    assert only("Namespace")["metadata"]["name"] == "sahayak"
    for name, doc in MANIFESTS:
        if doc["kind"] != "Namespace":
            assert doc["metadata"].get("namespace") == "sahayak", name


# --- Deployment ----------------------------------------------------------------------------------


def test_deployment_runs_several_replicas() -> None:
    assert only("Deployment")["spec"]["replicas"] >= 2


@pytest.mark.parametrize("probe", ["startupProbe", "livenessProbe"])
def test_probes_hit_streamlit_health(probe: str) -> None:
    http_get = container()[probe]["httpGet"]
    assert http_get["path"] == HEALTH_PATH
    assert http_get["port"] == PORT


def test_readiness_waits_for_the_warm_model() -> None:
    """Issue 23: a pod takes visitors only once serve.py says the sample model is fitted."""
    http_get = container()["readinessProbe"]["httpGet"]
    assert (http_get["path"], http_get["port"]) == (READY_PATH, PORT)


def test_startup_probe_allows_for_model_fitting() -> None:
    startup = container()["startupProbe"]
    assert startup["failureThreshold"] * startup["periodSeconds"] >= 30


def test_container_listens_on_8501() -> None:
    assert [p["containerPort"] for p in container()["ports"]] == [PORT]


def test_resources_have_requests_and_limits() -> None:
    resources = container()["resources"]
    for bound in ("requests", "limits"):
        assert set(resources[bound]) >= {"cpu", "memory"}, bound


def test_pod_runs_as_non_root_with_read_only_root() -> None:
    pod = only("Deployment")["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] > 0
    ctx = container()["securityContext"]
    assert ctx["allowPrivilegeEscalation"] is False
    assert ctx["readOnlyRootFilesystem"] is True
    assert ctx["capabilities"]["drop"] == ["ALL"]
    # The writable places Streamlit and Python need are emptyDirs.
    empty_dirs = {v["name"] for v in pod["volumes"] if "emptyDir" in v}
    mounts = {m["mountPath"]: m["name"] for m in container()["volumeMounts"]}
    assert {"/tmp", "/home/sahayak"} <= set(mounts)
    assert {mounts["/tmp"], mounts["/home/sahayak"]} <= empty_dirs


def test_pod_user_is_the_dockerfile_user() -> None:
    user = instructions("USER")[-1].split(":")[0]
    pod_context = only("Deployment")["spec"]["template"]["spec"]["securityContext"]
    assert str(pod_context["runAsUser"]) == user


def test_container_env_matches_app_config() -> None:
    env = {e["name"]: e["value"] for e in container()["env"]}
    config = streamlit_config()
    assert env["STREAMLIT_SERVER_HEADLESS"] == "true"
    assert env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] == "false"
    assert env["STREAMLIT_CLIENT_SHOW_ERROR_DETAILS"] == "none"
    assert env["STREAMLIT_CLIENT_SHOW_ERROR_DETAILS"] == config["client"]["showErrorDetails"]
    assert env["STREAMLIT_SERVER_MAX_UPLOAD_SIZE"] == "1"
    assert int(env["STREAMLIT_SERVER_MAX_UPLOAD_SIZE"]) == config["server"]["maxUploadSize"]


# --- Service, Ingress, PDB, HPA ------------------------------------------------------------------


def test_service_selects_the_deployment_pods_and_targets_8501() -> None:
    service = only("Service")
    deployment = only("Deployment")
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    selector = service["spec"]["selector"]
    assert selector and selector.items() <= pod_labels.items()
    assert deployment["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    assert service["spec"]["type"] == "ClusterIP"
    assert [(p["port"], p["targetPort"]) for p in service["spec"]["ports"]] == [(80, PORT)]


def ingresses() -> dict[str, Manifest]:
    """Every Ingress by name: the app, its uploads and its WebSocket (each with its own limits)."""
    return {doc["metadata"]["name"]: doc for _, doc in MANIFESTS if doc["kind"] == "Ingress"}


def ingress_paths() -> dict[str, list[tuple[str, str, str]]]:
    """Ingress name -> (host, path, path type) of each rule."""
    return {
        name: [
            (rule["host"], path["path"], path["pathType"])
            for rule in ing["spec"]["rules"]
            for path in rule["http"]["paths"]
        ]
        for name, ing in ingresses().items()
    }


def test_ingresses_split_uploads_and_the_websocket_from_the_app() -> None:
    """Issue 20: uploads and WebSocket opens get limits of their own, so they sit in Ingresses
    of their own on the same host (ingress-nginx merges them into one server)."""
    assert ingress_paths() == {
        "sahayak": [("sahayak.example.org", "/", "Prefix")],
        "sahayak-uploads": [("sahayak.example.org", "/_stcore/upload_file", "Prefix")],
        "sahayak-stream": [("sahayak.example.org", "/_stcore/stream", "Exact")],
    }


def test_ingress_has_sticky_sessions_and_websocket_timeouts() -> None:
    for ingress in ingresses().values():
        annotations = ingress["metadata"]["annotations"]
        assert STICKY_ANNOTATIONS.items() <= annotations.items()
        for timeout in ("proxy-read-timeout", "proxy-send-timeout"):
            assert int(annotations[f"nginx.ingress.kubernetes.io/{timeout}"]) >= 3600


def test_ingress_body_limit_fits_the_upload_limit() -> None:
    for ingress in ingresses().values():
        body = ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-body-size"]
        match = re.fullmatch(r"(\d+)k", body)
        assert match, body
        assert MAX_UPLOAD_BYTES < int(match[1]) * 1024 < SPOOL_BYTES


DISCONNECTED_KEPT, DISCONNECTED_TTL_S = 128, 120  # Streamlit 1.67's MemorySessionStorage


def _limits(name: str) -> tuple[int, int, int]:
    """(requests a minute, burst, connections at once) per client address for an Ingress."""
    a = ingresses()[name]["metadata"]["annotations"]
    rpm = int(a["nginx.ingress.kubernetes.io/limit-rpm"])
    burst = rpm * int(a.get("nginx.ingress.kubernetes.io/limit-burst-multiplier", "5"))
    return rpm, burst, int(a["nginx.ingress.kubernetes.io/limit-connections"])


def test_ingress_limits_websocket_opens_per_address_below_streamlits_reconnect_slots() -> None:
    """Finding 2: one address cannot open and close enough sessions in 120 s to push every
    disconnected session out of Streamlit's 128 slots."""
    rpm, burst, connections = _limits("sahayak-stream")
    assert burst + rpm * DISCONNECTED_TTL_S / 60 < DISCONNECTED_KEPT
    assert 10 <= connections <= 100


def test_ingress_limits_uploads_per_address() -> None:
    """Finding 4: the review's 2 uploads a second for ever; now at most 12 a minute."""
    rpm, burst, connections = _limits("sahayak-uploads")
    assert rpm <= 12 and burst <= 12 and connections <= 4


def test_ingress_keeps_no_access_log() -> None:
    """Finding 9: paths hold upload session ids and query strings hold answers."""
    for ingress in ingresses().values():
        annotations = ingress["metadata"]["annotations"]
        assert annotations["nginx.ingress.kubernetes.io/enable-access-log"] == "false"


def test_ingress_routes_to_the_service() -> None:
    service = only("Service")
    service_port = service["spec"]["ports"][0]["port"]
    for ingress in ingresses().values():
        assert ingress["spec"]["ingressClassName"] == "nginx"
        backends = [
            path["backend"]["service"]
            for rule in ingress["spec"]["rules"]
            for path in rule["http"]["paths"]
        ]
        assert backends == [{"name": service["metadata"]["name"], "port": {"number": service_port}}]
        assert [t["secretName"] for t in ingress["spec"]["tls"]] == ["sahayak-tls"]


def test_pdb_covers_the_pods_and_leaves_room_for_drains() -> None:
    pdb = only("PodDisruptionBudget")
    pod_labels = only("Deployment")["spec"]["template"]["metadata"]["labels"]
    assert pdb["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    assert pdb["spec"]["minAvailable"] < only("HorizontalPodAutoscaler")["spec"]["minReplicas"]


def test_hpa_scales_the_deployment_on_cpu() -> None:
    hpa = only("HorizontalPodAutoscaler")
    deployment = only("Deployment")
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": deployment["apiVersion"],
        "kind": "Deployment",
        "name": deployment["metadata"]["name"],
    }
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (3, 10)
    [metric] = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    assert metric["resource"]["target"] == {"type": "Utilization", "averageUtilization": 70}
    # CPU utilisation is measured against the request, so there must be one.
    assert "cpu" in container()["resources"]["requests"]


# --- Dockerfile and .dockerignore ---------------------------------------------------------------


def test_dockerfile_parser_joins_continuations_and_skips_comments() -> None:
    text = "# c\nFROM x\nRUN a \\\n  # note\n  b\n\nUSER 1\n"
    assert dockerfile_instructions(text) == [("FROM", "x"), ("RUN", "a b"), ("USER", "1")]


def test_base_image_is_debian_bookworm_with_its_python() -> None:
    """Issue 23: ARG BASE, Debian's own release by default (bookworm's Python is 3.11)."""
    [base] = instructions("FROM")
    assert base == "${BASE}"
    assert "BASE=debian:bookworm-slim" in instructions("ARG")


def test_runs_as_non_root_user() -> None:
    users = instructions("USER")
    assert users, "no USER instruction: the container would run as root"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}


def test_healthcheck_passes_only_when_warm() -> None:
    [check] = instructions("HEALTHCHECK")
    assert f"localhost:{PORT}{READY_PATH}" in check


def test_streamlit_settings_and_entrypoint() -> None:
    env: dict[str, str] = {}
    for args in instructions("ENV"):
        env.update(word.split("=", 1) for word in shlex.split(args) if "=" in word)
    assert env["STREAMLIT_CLIENT_SHOW_ERROR_DETAILS"] == "none"
    assert env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] == "false"
    assert instructions("EXPOSE") == [str(PORT)]
    entrypoint = json.loads(instructions("ENTRYPOINT")[-1])
    assert entrypoint[:3] == ["streamlit", "run", "serve.py"]  # serves app.py, warm
    assert {
        f"--server.port={PORT}",
        "--server.address=0.0.0.0",
        "--server.headless=true",
    } <= set(entrypoint)


def test_installs_runtime_requirements_only() -> None:
    installs = [args for args in instructions("RUN") if "pip install" in args]
    assert installs
    for args in installs:
        assert "-r requirements.txt" in args
        assert "requirements-dev" not in args
    assert "requirements-dev.txt" not in copy_sources(DOCKERFILE.read_text(encoding="utf-8"))


def test_runtime_folders_are_derived_from_the_repository() -> None:
    imported = imported_by_app(ROOT)
    assert {"model", "ui"} <= imported
    assert not imported & NOT_RUNTIME, "the app must not import test or tooling folders"
    assert {"pages", "ui", "model", "data"} <= python_folders(ROOT)


def test_image_copies_every_runtime_folder() -> None:
    assert missing_from_image(ROOT) == set()
    copied = copy_sources(DOCKERFILE.read_text(encoding="utf-8"))
    assert not copied & NOT_RUNTIME


def _fake_repo(root: Path, copies: list[str]) -> None:
    """A tiny repository whose app.py imports a package `extras` (and a Dockerfile)."""
    (root / "app.py").write_text("import extras.tool\n", encoding="utf-8")
    for folder in ("pages", "extras", ".streamlit"):
        (root / folder).mkdir()
    (root / "pages" / "home.py").write_text("import os\n", encoding="utf-8")
    (root / "extras" / "tool.py").write_text("X = 1\n", encoding="utf-8")
    lines = ["FROM python:3.11-slim", *(f"COPY {c} ./{c}" for c in copies)]
    (root / "Dockerfile").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_copy_check_catches_a_new_package(tmp_path: Path) -> None:
    _fake_repo(tmp_path, ["app.py", "pages", ".streamlit"])
    assert missing_from_image(tmp_path) == {"extras"}
    (tmp_path / "Dockerfile").write_text(
        (tmp_path / "Dockerfile").read_text(encoding="utf-8") + "COPY extras ./extras\n",
        encoding="utf-8",
    )
    assert missing_from_image(tmp_path) == set()


def dockerignore_patterns() -> Iterator[str]:
    """Patterns in .dockerignore, without comments and with `**/` and trailing `/` stripped."""
    for raw in DOCKERIGNORE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            yield line.removeprefix("**/").rstrip("/")


def test_dockerignore_keeps_local_state_out() -> None:
    patterns = set(dockerignore_patterns())
    assert {".git", ".venv", "tests", "artifacts", "__pycache__"} <= patterns


def test_dockerignore_does_not_hide_what_the_image_copies() -> None:
    copied = copy_sources(DOCKERFILE.read_text(encoding="utf-8"))
    assert not copied & set(dockerignore_patterns())


# --- issue 11: memory-only temp folders, security headers, the single-machine compose file -------


def test_pod_temp_folder_is_in_memory() -> None:
    volumes = {v["name"]: v for v in only("Deployment")["spec"]["template"]["spec"]["volumes"]}
    assert volumes["tmp"]["emptyDir"]["medium"] == "Memory"
    env = {e["name"]: e["value"] for e in container()["env"]}
    mounts = {m["name"]: m["mountPath"] for m in container()["volumeMounts"]}
    assert env["TMPDIR"] == mounts["tmp"]
    assert env["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] == "none"


def _nginx_headers() -> dict[str, str]:
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    return dict(re.findall(r'add_header ([\w-]+) "([^"]*)" always;', text))


def test_ingress_adds_the_same_security_headers_as_nginx() -> None:
    config_map = only("ConfigMap")
    ref = f"{config_map['metadata']['namespace']}/{config_map['metadata']['name']}"
    for ingress in ingresses().values():
        annotations = ingress["metadata"]["annotations"]
        assert annotations["nginx.ingress.kubernetes.io/custom-headers"] == ref
    assert config_map["data"] == _nginx_headers()
    assert {"Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"} <= set(
        config_map["data"]
    )


def test_nginx_body_limit_sits_between_the_app_cap_and_the_spool_size() -> None:
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    body = re.search(r"client_max_body_size (\d+)k;", text)
    buffer = re.search(r"client_body_buffer_size (\d+)k;", text)
    assert body and buffer and buffer[1] == body[1]
    assert MAX_UPLOAD_BYTES < int(body[1]) * 1024 < SPOOL_BYTES


def test_compose_file_runs_the_app_behind_nginx_with_memory_temp_folders() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    app, proxy = compose["services"]["app"], compose["services"]["proxy"]
    assert app["build"]["context"] == ".."
    assert "--server.address=127.0.0.1" in app["command"]
    assert app["entrypoint"] == ["python", "serve_many.py"]  # issue 23: N processes
    assert app["healthcheck"]["test"] == ["CMD", "python", "serve_many.py", "--check"]
    assert proxy["depends_on"]["app"]["condition"] == "service_healthy"
    assert app["environment"]["SAHAYAK_PROCESSES"] == proxy["environment"]["SAHAYAK_PROCESSES"]
    assert any(t.startswith("/tmp:") for t in app["tmpfs"]) and app["read_only"] is True
    assert app["environment"]["TMPDIR"] == "/tmp"
    assert proxy["network_mode"] == "service:app"
    assert "./nginx.conf:/etc/nginx/nginx.conf:ro" in proxy["volumes"]
    assert proxy["command"] == ["sh", "/usr/local/bin/proxy-start"]  # nginx -p /tmp/nginx
    assert any(t.startswith("/tmp/nginx:") for t in proxy["tmpfs"])
    assert app["ports"] == ["${SAHAYAK_PORT:-8080}:8080"]


_STARTUP_PROBE = """
from streamlit import net_util
from streamlit.web import bootstrap

calls = []
net_util._make_blocking_http_get = lambda url, timeout: calls.append(url)
bootstrap.load_config_options({"server.address": "0.0.0.0", "server.headless": True})
bootstrap._print_url(False)
print("OUTSIDE", calls)
"""


def test_started_headless_on_all_addresses_streamlit_asks_no_outside_service() -> None:
    """With our config, a server started as in Docker (0.0.0.0, headless) does not ask
    checkip.amazonaws.com for its address (browser.serverAddress is set)."""
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", _STARTUP_PROBE], cwd=ROOT, capture_output=True, text=True
    )
    assert "OUTSIDE []" in out.stdout, out.stdout + out.stderr


def test_shipped_config_has_no_file_watcher_and_a_small_upload_cap() -> None:
    server = streamlit_config()["server"]
    assert server["fileWatcherType"] == "none"
    assert server["maxUploadSize"] * 1024 * 1024 == SPOOL_BYTES > MAX_UPLOAD_BYTES


def test_shipped_config_skips_the_full_collection_after_every_run() -> None:
    """runner.postScriptGC walks every session's objects after every click, holding the GIL;
    at 100 simulated sessions it made the server fall behind (bench/load_ws.py, README)."""
    assert streamlit_config()["runner"]["postScriptGC"] is False
