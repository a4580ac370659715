"""The images built and run (issue 23, part 1): the app image, the proxy image and the compose
stack, with podman from a local Debian base (scripts/images.sh), exercised in real Chromium.

Marker ``images``. They run in CI (``CI`` set: scripts/test.sh installs the tools) and wherever
``SAHAYAK_IMAGE_TESTS=1`` is set (they build images: about 2-3 minutes on a cold machine), and
then fail, never skip, when a tool is missing. On your own machine:

    bash scripts/images.sh install
    SAHAYAK_IMAGE_TESTS=1 .venv/bin/python -m pytest -m images tests/deploy/test_images.py

Each container runs as compose runs it: read-only root, memory-only temp folders, the image's
user. The app and proxy images run on the host's network (``--network host``) on free loopback
ports; the compose stack runs as a podman pod (podman-compose 1.0.3, Debian's, cannot do
compose.yaml's ``network_mode: "service:app"``), its containers made from compose.yaml's own
settings, its port 8080 published on 127.0.0.1 only. Every step has a time limit and says what
failed.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from model import links
from model.i18n import t
from model.quiz import load_bank, steps
from tests.browser.server import ROOT, free_port, proxy_conf
from tests.pages.helpers import honest_answers

pytestmark = [
    pytest.mark.images,
    pytest.mark.skipif(
        os.environ.get("SAHAYAK_IMAGE_TESTS") != "1" and not os.environ.get("CI"),
        reason="image tests: set SAHAYAK_IMAGE_TESTS=1 (they build images with podman)",
    ),
]
WORK = Path(os.environ.get("SAHAYAK_IMAGES_WORK", "/tmp/sahayak-images"))
APP, PROXY = "localhost/sahayak:test", "localhost/sahayak-proxy:test"
READY_LIMIT = 120.0  # seconds from `podman run` to a passing HEALTHCHECK
ENV = {**os.environ, "CONTAINERS_CONF": str(WORK / "containers.conf")}
# podman's own bind mounts for --network host and a pod's name resolution, not the app's writes
PODMAN_FILES = {"/etc", "/etc/hosts", "/etc/resolv.conf", "/etc/hostname"}


def podman(*args: str, timeout: float = 60, check: bool = True, err: bool = False) -> str:
    """Run ``podman args``; its output (``err``: its error output), or a failure naming the
    command and its error."""
    try:
        done = subprocess.run(
            ["podman", "--runtime", "runc", *args],
            env=ENV,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"podman {shlex.join(args)} took over {timeout:.0f} s")
    if check and done.returncode != 0:
        pytest.fail(f"podman {shlex.join(args)} exited {done.returncode}: {done.stderr[-1500:]}")
    return (done.stderr if err else done.stdout).strip()


@pytest.fixture(scope="module")
def images() -> dict[str, float]:
    """Build both images (scripts/images.sh); the build's figures, in seconds."""
    for tool in ("podman", "runc", "mmdebstrap"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing: bash scripts/images.sh install")
    start = time.monotonic()
    try:
        done = subprocess.run(
            ["bash", str(ROOT / "scripts" / "images.sh"), "build"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1500,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("scripts/images.sh build took over 1500 s")
    assert done.returncode == 0, f"scripts/images.sh build failed:\n{done.stdout}\n{done.stderr}"
    print(done.stdout)
    return {"build": time.monotonic() - start}


def _health_cmd(image: str, port: int) -> str:
    """The image's own HEALTHCHECK command, its port 8501 changed to ``port`` (host network)."""
    check = json.loads(podman("image", "inspect", image))[0].get("Healthcheck")
    assert check and check["Test"][0] == "CMD-SHELL", check
    command = check["Test"][1]
    assert "localhost:8501/_sahayak/ready" in command, command
    return command.replace("localhost:8501", f"localhost:{port}")


def _wait_healthy(name: str, limit: float = READY_LIMIT) -> float:
    """Run the container's health check until it passes; seconds waited."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        state = podman("inspect", "--format", "{{.State.Status}}", name)
        if state != "running":
            logs = podman("logs", "--tail", "30", name, check=False)
            pytest.fail(f"container {name} is {state}, not running: {logs}")
        if podman("healthcheck", "run", name, check=False, timeout=30) in ("", "healthy"):
            return time.monotonic() - start
        time.sleep(0.5)
    pytest.fail(f"container {name}'s health check did not pass in {limit:.0f} s")


def _written_outside_tmpfs(name: str) -> set[str]:
    """Paths the container changed in its image's file system (``podman diff``), less podman's
    own mounts: empty if the read-only root held."""
    changed = podman("diff", "--format", "json", name)
    paths = set()
    for kind in json.loads(changed or "{}").values():
        paths.update(kind or ())
    return paths - PODMAN_FILES


@contextmanager
def container(name: str, *args: str) -> Iterator[str]:
    """``podman run -d --name name args``; removed afterwards."""
    podman("run", "-d", "--name", name, *args, timeout=60)
    try:
        yield name
    finally:
        podman("rm", "--force", "--time", "5", name, check=False, timeout=60)


def _app_args(port: int, name: str) -> list[str]:
    """The app image as compose runs it (read-only, tmpfs), on the host's network at ``port``."""
    return [
        "--network",
        "host",
        "--read-only",
        "--tmpfs",
        "/tmp:size=64m,mode=1777",
        "--tmpfs",
        "/home/sahayak:size=16m,mode=1777",
        "--health-cmd",
        _health_cmd(APP, port),
        APP,
        f"--server.port={port}",
        "--server.address=127.0.0.1",
    ]


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def _journey(browser, url: str) -> None:
    """Quiz (a click over the WebSocket) -> results from a share link -> planner with charts."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{url}/quiz?lang=en&form=short")
    expect(page.get_by_role("heading", name=t("quiz.title", "en"))).to_be_visible(timeout=60_000)
    questions = load_bank().questions("short")
    first = steps(questions)[0][0]
    group = page.locator('[data-testid="stRadio"]').filter(has_text=first.text("en"))
    group.get_by_text(first.options[0].text("en"), exact=True).click()
    done = t("quiz.progress", "en", answered=1, total=len(questions))
    expect(page.get_by_text(done, exact=True)).to_be_visible()
    answers = honest_answers("writing", "short")
    query = links.query_string(links.encode(lang="en", form="short", answers=answers))
    page.goto(f"{url}/results?{query}")
    expect(page.get_by_role("heading", name=t("cat.writing.name", "en"))).to_be_visible(
        timeout=60_000
    )
    page.goto(f"{url}/planner?{query}")
    expect(page.get_by_role("heading", name=t("planner.title", "en"))).to_be_visible(timeout=60_000)
    page.get_by_text(t("planner.chart_show", "en"), exact=True).first.click()
    expect(page.locator(".js-plotly-plot")).to_have_count(2, timeout=60_000)
    page.close()
    assert violations == [], violations


def _user_in(name: str) -> str:
    return podman("exec", name, "id", "-u")


def test_the_app_image_is_healthy_only_when_warm_and_serves_a_journey(images, browser):
    port = free_port()
    name = f"sahayak-app-{uuid.uuid4().hex[:8]}"
    start = time.monotonic()
    with container(name, *_app_args(port, name)):
        waited = _wait_healthy(name)
        assert _get(f"http://127.0.0.1:{port}/_sahayak/ready")[0] == 200
        print(f"app image: start to healthy (ready) {time.monotonic() - start:.1f} s")
        _journey(browser, f"http://127.0.0.1:{port}")
        assert _user_in(name) == "10001"
        refused = subprocess.run(
            ["podman", "exec", name, "touch", "/app/x"], env=ENV, capture_output=True, text=True
        )
        assert refused.returncode != 0 and "Read-only file system" in refused.stderr, refused
        assert _written_outside_tmpfs(name) == set()
    assert waited < READY_LIMIT


def test_the_proxy_image_in_front_of_the_app_image(images, browser, tmp_path):
    """nginx from the proxy image (the shipped nginx.conf, its listen and upstream ports changed
    for the host network) in front of the app image: JavaScript compressed, headers, a journey
    over the WebSocket through nginx, nothing written outside the tmpfs."""
    app_port, listen = free_port(), free_port()
    app = f"sahayak-app-{uuid.uuid4().hex[:8]}"
    proxy = f"sahayak-proxy-{uuid.uuid4().hex[:8]}"
    conf = tmp_path / "nginx.conf"
    conf.write_text(proxy_conf(listen, app_port))
    conf.chmod(0o644)
    with container(app, *_app_args(app_port, app)):
        _wait_healthy(app)
        proxy_args = [
            "--network",
            "host",
            "--read-only",
            "--user",
            "33:33",
            "--tmpfs",
            "/tmp/nginx:size=32m,mode=1777",
            "--volume",
            f"{conf}:/etc/nginx/nginx.conf:ro",
            "--env",
            "SAHAYAK_PROCESSES=1",
            "--env",
            f"SAHAYAK_BASE_PORT={app_port}",
            PROXY,
        ]
        with container(proxy, *proxy_args):
            url = f"http://127.0.0.1:{listen}"
            _wait_answer(f"{url}/_stcore/health", proxy)
            _check_proxy(url)
            _journey(browser, url)
            assert _written_outside_tmpfs(proxy) == set()
            assert _user_in(proxy) == "33"
        assert _written_outside_tmpfs(app) == set()


def _wait_answer(url: str, name: str, limit: float = 60) -> None:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if _get_or_0(url) == 200:
            return
        time.sleep(0.3)
    logs = podman("logs", "--tail", "30", name, check=False)
    pytest.fail(f"{url} did not answer 200 in {limit:.0f} s; {name}'s log: {logs}")


def _get_or_0(url: str) -> int:
    try:
        return _get(url)[0]
    except OSError:
        return 0


def _check_proxy(url: str) -> None:
    """The main script comes compressed (brotli and gzip), with the security headers."""
    status, headers, page = _get(url + "/")
    assert status == 200
    assert "frame-ancestors 'none'" in headers.get("content-security-policy", ""), headers
    assert headers.get("x-content-type-options") == "nosniff", headers
    assert "sahayak_route=" in headers.get("set-cookie", ""), headers
    script = re.search(rb'src="\.?/?(static/js/[^"]+\.js)"', page)
    assert script, page[:300]
    for encoding in ("gzip", "br"):
        status, headers, _ = _get(f"{url}/{script[1].decode()}", **{"Accept-Encoding": encoding})
        assert (status, headers.get("content-encoding")) == (200, encoding), headers
    assert _get(url + "/_stcore/metrics")[0] == 404


def test_the_compose_stack_runs_as_a_pod(images, browser):
    """compose.yaml's two services, each container made from its own settings in the file, in
    one podman pod (their shared network namespace is what network_mode "service:app" gives):
    two app processes, nginx started once the app's health check passes, browsers spread over
    the processes and a journey through nginx."""
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    app, proxy = compose["services"]["app"], compose["services"]["proxy"]
    port = free_port()
    pod = f"sahayak-pod-{uuid.uuid4().hex[:8]}"
    podman("pod", "create", "--name", pod, "--publish", f"127.0.0.1:{port}:8080")
    try:
        app_name, proxy_name = f"{pod}-app", f"{pod}-proxy"
        env = {**app["environment"], "SAHAYAK_PROCESSES": "2"}
        args = ["--pod", pod, "--read-only"]
        args += [a for tmpfs in app["tmpfs"] for a in ("--tmpfs", tmpfs)]
        args += [a for k, v in env.items() for a in ("--env", f"{k}={v}")]
        test = app["healthcheck"]["test"]
        assert test[0] == "CMD"
        args += ["--health-cmd", shlex.join(test[1:])]
        args += ["--entrypoint", json.dumps(app["entrypoint"]), APP, *app["command"]]
        with container(app_name, *args):
            start = time.monotonic()
            _wait_healthy(app_name)  # depends_on: condition: service_healthy
            print(f"compose app (2 processes): start to healthy {time.monotonic() - start:.1f} s")
            volume = proxy["volumes"][0].replace("./", f"{ROOT / 'deploy'}/", 1)
            proxy_args = ["--pod", pod, "--read-only", "--user", proxy["user"], "-v", volume]
            proxy_args += [a for tmpfs in proxy["tmpfs"] for a in ("--tmpfs", tmpfs)]
            proxy_args += ["--env", "SAHAYAK_PROCESSES=2", PROXY, *proxy["command"]]
            with container(proxy_name, *proxy_args):
                url = f"http://127.0.0.1:{port}"
                _wait_answer(f"{url}/_stcore/health", proxy_name)
                _check_proxy(url)
                _journey(browser, url)
                reached = _processes_reached(url, app_name)
                assert reached == {8501, 8502}, reached
                assert _written_outside_tmpfs(proxy_name) == set()
            assert _written_outside_tmpfs(app_name) == set()
    finally:
        podman("pod", "rm", "--force", pod, check=False, timeout=60)


def _processes_reached(url: str, container_name: str, requests: int = 40) -> set[int]:
    """The app ports that nginx holds connections to after ``requests`` cookie-less requests
    (each gets a new route id, so each picks a process afresh; all 40 on one of two processes
    has odds of 2**-39). Read from the pod's shared /proc/net/tcp: nginx keeps its upstream
    connections open (keepalive)."""
    for _ in range(requests):
        assert _get(url + "/_stcore/health")[0] == 200
    table = podman("exec", container_name, "cat", "/proc/net/tcp")
    ports = set()
    for line in table.splitlines()[1:]:
        fields = line.split()
        local, state = fields[1], fields[3]
        if state == "01":  # ESTABLISHED
            ports.add(int(local.rsplit(":", 1)[1], 16))
    return ports & {8501, 8502, 8503}


def _exited_with(name: str, limit: float = 60) -> tuple[int, str]:
    """Wait for the container to stop; (its exit code, its log)."""
    start = time.monotonic()
    while podman("inspect", "--format", "{{.State.Status}}", name) == "running":
        if time.monotonic() - start > limit:
            pytest.fail(f"container {name} still runs after {limit:.0f} s; it should refuse")
        time.sleep(0.5)
    code = int(podman("inspect", "--format", "{{.State.ExitCode}}", name))
    log = ""
    for _ in range(20):  # the log's last lines can land a moment after the exit
        log = podman("logs", name, check=False) + podman("logs", name, check=False, err=True)
        if "Sahayak cannot start" in log:
            break
        time.sleep(0.5)
    return code, log


def test_a_coach_runs_their_own_copy_with_their_own_rate_file(images, browser, tmp_path):
    """Part 5: a coach mounts their rate file over the sample's (README, "Deploying"): the copy
    starts, gets ready and serves the planner; a file it cannot use, or a broken question bank,
    stops it at start with a message naming the file and the problem."""
    from tests.pages.test_share import rate_file

    good, bad, bank = tmp_path / "rates.csv", tmp_path / "bad.csv", tmp_path / "questions.toml"
    good.write_bytes(rate_file(300, scale=2.0))
    bad.write_text("category,tier\nwriting,basic\n", encoding="utf-8")
    bank.write_text("version = 'x'\n", encoding="utf-8")
    for path in (good, bad, bank):
        path.chmod(0o644)
    tmp_path.chmod(0o755)
    port = free_port()
    name = f"sahayak-coach-{uuid.uuid4().hex[:8]}"
    mount = ["--volume", f"{good}:/app/data/sample_rates.csv:ro"]
    with container(name, *mount, *_app_args(port, name)):
        _wait_healthy(name)
        _journey(browser, f"http://127.0.0.1:{port}")
    for what, target, words in (
        (bad, "sample_rates.csv", "these columns are missing"),
        (bank, "questions.toml", ""),
    ):
        name = f"sahayak-coach-{uuid.uuid4().hex[:8]}"
        mount = ["--volume", f"{what}:/app/data/{target}:ro"]
        with container(name, *mount, *_app_args(free_port(), name)):
            code, log = _exited_with(name)
            assert code != 0, log
            assert f"Sahayak cannot start: data/{target} cannot be used: {words}" in log, log
