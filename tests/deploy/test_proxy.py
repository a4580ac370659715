"""deploy/nginx.conf for real: Debian's nginx in front of a live app server.

The config is deploy/nginx.conf with only its listen port and upstream port changed. Without an
nginx binary these tests skip locally; under CI (``CI`` set) they fail: in CI they must run
(scripts/test.sh installs nginx and its brotli module there).
"""

from __future__ import annotations

import os
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit

from model.i18n import t
from model.quiz import load_bank, steps
from tests.browser.server import (
    NGINX,
    NGINX_CONF,
    ROOT,
    nginx_proxy,
    proxy_conf,
    streamlit_server,
)
from tests.pages.test_share import rate_file

BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so"  # as in nginx.conf
STATIC = Path(streamlit.__file__).parent / "static" / "static"

HEADERS = {
    "content-security-policy": "frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


@pytest.fixture(scope="module")
def proxy(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The app behind nginx; yields the proxy's base URL and nginx's prefix folder."""
    if not Path(NGINX).exists() or not Path(BROTLI_MODULE).exists():
        missing = (
            "nginx and its brotli module (apt-get install nginx libnginx-mod-http-brotli-filter)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{missing} are missing; scripts/test.sh installs them")
        pytest.skip(f"no {missing} on this machine; see scripts/test.sh")
    prefix = tmp_path_factory.mktemp("nginx")
    with streamlit_server("run", "app.py") as (app_url, _), nginx_proxy(app_url, prefix) as url:
        yield url, prefix


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return (
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                (response.read()),
            )
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_the_config_derives_from_the_shipped_file_by_ports_only():
    derived = proxy_conf(1234, 5678)
    assert (
        derived.replace("127.0.0.1:1234", "8080").replace("5678", "8501") == NGINX_CONF.read_text()
    )


def test_javascript_comes_back_gzipped(proxy):
    url, _ = proxy
    _, _, page = _get(url + "/")
    script = re.search(rb'src="\.?/?(static/js/[^"]+\.js)"', page)
    assert script, page[:500]
    status, headers, body = _get(f"{url}/{script[1].decode()}", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert body[:2] == b"\x1f\x8b"


def test_browsers_that_accept_brotli_get_the_smaller_encoding(proxy):
    """Chromium asks for ``gzip, deflate, br``; the largest files come back as brotli,
    smaller than gzip: Streamlit's own bundles and plotly's basic build (fetched when a chart
    opens, from the app's static folder)."""
    url, _ = proxy
    main = next((STATIC / "js").glob("index.*.js"))
    for path, raw in (
        (f"/static/js/{main.name}", main.stat().st_size),
        (
            "/app/static/plotly-basic.min.js",
            (ROOT / "static" / "plotly-basic.min.js").stat().st_size,
        ),
    ):
        sizes = {}
        for encoding in ("gzip", "br"):
            status, headers, body = _get(
                url + path, **{"Accept-Encoding": f"gzip, deflate, {encoding}"}
            )
            assert status == 200, path
            sizes[headers.get("content-encoding")] = len(body)
        assert set(sizes) == {"gzip", "br"}, path
        assert sizes["br"] < 0.95 * sizes["gzip"], (path, sizes)
        assert sizes["br"] < 0.35 * raw, (path, sizes, raw)


@pytest.mark.parametrize("path", ["/", "/_stcore/health", "/quiz", "/_stcore/metrics"])
def test_security_headers_are_on_every_answer(proxy, path):
    url, _ = proxy
    _, headers, _ = _get(url + path)
    for name, part in HEADERS.items():
        assert part in headers.get(name, ""), (path, name, headers)


def test_metrics_are_blocked_and_health_passes(proxy):
    url, _ = proxy
    assert _get(url + "/_stcore/metrics")[0] == 404
    status, _, body = _get(url + "/_stcore/health")
    assert status == 200 and body == b"ok"


def test_an_oversized_upload_is_refused_by_the_proxy(proxy):
    url, prefix = proxy
    body = b"x" * 1_100_000
    request = urllib.request.Request(
        f"{url}/_stcore/upload_file/session/file",
        data=body,
        method="PUT",
        headers={"Content-Type": "multipart/form-data; boundary=b"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 413
    assert b"nginx" in refused.value.read()  # nginx's own page: the app never saw it
    assert not any(p.is_file() for p in (prefix / "body_temp").rglob("*"))


def test_an_accepted_upload_reaches_the_session_through_the_proxy(proxy, browser, tmp_path):
    """The planner through nginx: its charts draw under the proxy's Content-Security-Policy,
    and a coach's rate file goes through (body limits, rate limits, buffering in memory) to the
    app, which fits on it and says so; nothing lands in nginx's body folder."""
    url, prefix = proxy
    rates = tmp_path / "rates.csv"
    rates.write_bytes(rate_file(300, scale=2.0))
    from playwright.sync_api import expect

    page = browser.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.goto(f"{url}/planner?lang=en")
    expect(page.get_by_role("heading", name=t("planner.title", "en"))).to_be_visible(timeout=30_000)
    # the charts' component and plotly's basic build run under the proxy's policy
    page.get_by_text(t("planner.chart_show", "en"), exact=True).first.click()
    expect(page.locator(".js-plotly-plot")).to_have_count(2)
    page.get_by_text(t("rates.heading", "en")).click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(rates))
    expect(page.get_by_text(re.compile(r"Projections use your data"))).to_be_visible(timeout=60_000)
    page.close()
    assert violations == []
    assert not any(p.is_file() for p in (prefix / "body_temp").rglob("*"))


def test_a_quiz_journey_through_the_proxy(proxy, browser):
    """The page renders through nginx and a click goes over the WebSocket and back, with no
    Content-Security-Policy violation."""
    url, _ = proxy
    violations: list[str] = []
    page = browser.new_page()
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.goto(f"{url}/quiz?lang=en&form=short")
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", name=t("quiz.title", "en"))).to_be_visible(timeout=30_000)
    questions = load_bank().questions("short")
    first = steps(questions)[0][0]
    group = page.locator('[data-testid="stRadio"]').filter(has_text=first.text("en"))
    group.get_by_text(first.options[0].text("en"), exact=True).click()
    done = t("quiz.progress", "en", answered=1, total=len(questions))
    expect(page.get_by_text(done, exact=True)).to_be_visible()
    page.close()
    assert violations == []
