"""Issue 11 in a real server and Chromium: an upload never opens a file on disk; a rejected file
keeps the accepted one; one unit for the size limit."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest

from model.i18n import t
from model.rates import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, REQUIRED, load_rates
from tests.browser.server import streamlit_server
from tests.browser.test_journeys import DESKTOP, _expect

pytestmark = pytest.mark.browser


def _sized_rates(path: Path, size: int) -> Path:
    """A valid rate file of exactly ``size`` bytes (an extra, padded column)."""
    # with the market column: since issue 18 rows from both markets read as India are refused
    table = load_rates().head(300).loc[:, [*REQUIRED, "market"]].copy()
    table["monthly_income_inr"] = table["monthly_income_inr"] * 2
    table["note"] = ""
    base = len(table.to_csv(index=False).encode())
    per_row, extra = divmod(size - base, len(table))
    table["note"] = ["x" * (per_row + (1 if i < extra else 0)) for i in range(len(table))]
    path.write_bytes(table.to_csv(index=False).encode())
    assert path.stat().st_size == size
    return path


def _disk_files(pid: int, temp: Path) -> set[str]:
    """Files the process has open in ``temp`` or already unlinked (how a spooled upload looks)."""
    found = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(temp)) or target.endswith("(deleted)"):
            found.add(target)
    return found


def _open_planner(page, url):
    page.goto(f"{url}/planner?lang=en")
    _expect()(page.get_by_role("heading", name=t("planner.title", "en"))).to_be_visible(
        timeout=30_000
    )
    page.get_by_text(t("rates.heading", "en")).click()


def test_the_largest_accepted_upload_opens_no_file(browser, tmp_path):
    """Finding 1: watched at the level of the server's open files while a slowed-down upload of
    the largest file the app accepts is in flight."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    # The largest file both the browser (decimal MB on Linux) and the app accept.
    big = _sized_rates(tmp_path / "big.csv", min(MAX_UPLOAD_BYTES, MAX_UPLOAD_MB * 10**6) - 100)
    with streamlit_server("run", "app.py", env=env) as (url, proc):
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        _open_planner(page, url)
        baseline = _disk_files(proc.pid, temp)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 300_000},
        )
        seen: set[str] = set()
        stop = threading.Event()

        def watch() -> None:
            while not stop.is_set():
                seen.update(_disk_files(proc.pid, temp) - baseline)
                stop.wait(0.01)

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(big))
            accepted = page.get_by_text(re.compile(r"Projections use your data"))
            _expect()(accepted).to_be_visible(timeout=60_000)
        finally:
            stop.set()
            watcher.join()
        context.close()
    assert seen == set()
    assert list(temp.iterdir()) == []


def test_a_rejected_file_keeps_the_accepted_upload(server, browser, tmp_path):
    """Finding 8, as a person does it: a good file, then a bad one."""
    good = _sized_rates(tmp_path / "good.csv", 60_000)
    bad = tmp_path / "bad.csv"
    bad.write_text("category,tier\nadmin,basic\n")
    page = browser.new_page(viewport=DESKTOP)
    _open_planner(page, server)
    uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    uploader.set_input_files(str(good))
    mine = page.get_by_text(re.compile(r"Projections use your data"))
    _expect()(mine).to_be_visible()
    uploader.set_input_files(str(bad))
    _expect()(page.locator('[data-testid="stAlert"]').filter(has_text="bad")).to_have_count(0)
    _expect()(page.get_by_text(re.compile(t("rates.rejected", "en").split(":")[0]))).to_be_visible()
    _expect()(mine).to_be_visible()
    page.close()


def test_one_unit_for_the_size_limit(server, browser, tmp_path):
    """Finding 11: just under 1 MB is taken; just over is refused with the same unit."""
    over = _sized_rates(tmp_path / "over.csv", MAX_UPLOAD_BYTES + 5_000)
    page = browser.new_page(viewport=DESKTOP)
    _open_planner(page, server)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(over))
    _expect()(page.get_by_text(re.compile(r"1(\.0)?\s?MB")).last).to_be_visible()
    _expect()(page.get_by_text(t("rates.using_sample", "en", rows="3,000"))).to_be_visible()
    page.close()


def test_names_beginning_with_www_are_not_links(server, browser, tmp_path):
    """Issue 20, finding 7: a saved plan named ``www.…`` and a rate file named ``www.…`` are
    text in Chromium: no link in the saved-plans table, the toast or the source line."""
    rates = tmp_path / "www.filelink.example.csv"
    rates.write_bytes(_sized_rates(tmp_path / "x.csv", 60_000).read_bytes())
    page = browser.new_page(viewport=DESKTOP)
    _open_planner(page, server)
    page.get_by_label(t("planner.scenario_name", "en")).fill("www.planlink.example")
    page.get_by_role("button", name=t("planner.scenario_save", "en")).click()
    _expect()(page.locator("table").filter(has_text="planlink")).to_be_visible()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(rates))
    _expect()(page.get_by_text(re.compile(r"Projections use your data.*filelink"))).to_be_visible()
    hosts = page.locator("a").evaluate_all("els => els.map(e => new URL(e.href).hostname)")
    page.close()
    assert hosts and not [host for host in hosts if "link" in host]


def _open_charts(page) -> None:
    page.get_by_text(t("planner.chart_show", "en"), exact=True).first.click()


def test_charts_say_loading_and_all_redraw_after_a_failed_download(server, browser):
    """Issue 20, finding 8: while plotly's file is slow each chart box says it is loading; after
    the file failed and the network is back, reopening one chart draws every open chart."""
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server}/planner?lang=en")
    _expect()(page.get_by_role("heading", name=t("planner.title", "en"))).to_be_visible(
        timeout=30_000
    )
    notes = page.locator("p[data-sahayak-note]")
    drawn = page.locator(".js-plotly-plot")
    page.route("**/plotly-basic.min.js", lambda route: route.abort())
    _open_charts(page)
    _expect()(notes.filter(has_text=t("planner.chart_failed", "en"))).to_have_count(2)
    page.unroute("**/plotly-basic.min.js")
    first = page.get_by_text(t("planner.chart_show", "en"), exact=True).first
    first.click()  # close the first chart
    _expect()(notes).to_have_count(1)
    first.click()  # and open it again: the download is retried
    _expect()(drawn).to_have_count(2)
    _expect()(notes.filter(has_text=t("planner.chart_failed", "en"))).to_have_count(0)
    page.close()

    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server}/planner?lang=hi")
    _expect()(page.get_by_role("heading", name=t("planner.title", "hi"))).to_be_visible(
        timeout=30_000
    )
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": 100_000, "uploadThroughput": -1},
    )
    page.get_by_text(t("planner.chart_show", "hi"), exact=True).first.click()
    loading = page.locator("p[data-sahayak-note]").filter(has_text=t("planner.chart_loading", "hi"))
    _expect()(loading).to_have_count(2)
    _expect()(page.locator(".js-plotly-plot")).to_have_count(2, timeout=60_000)
    _expect()(loading).to_have_count(0)
    page.close()


def _held_upload_bytes(url: str) -> int:
    """Bytes Streamlit's uploaded-file manager holds (the server's own metrics endpoint)."""
    import urllib.request

    with urllib.request.urlopen(url + "/_stcore/metrics", timeout=10) as response:
        text = response.read().decode()
    found = re.findall(r"cache_memory_bytes\{[^}]*UploadedFileManager[^}]*\} (\d+)", text)
    return sum(int(n) for n in found)


def test_a_checked_upload_leaves_no_bytes_on_the_server(browser, tmp_path):
    """Issue 20, finding 4: once a file has been checked (taken, then refused) the server holds
    neither; the page still uses the taken file's model."""
    good = _sized_rates(tmp_path / "good.csv", 200_000)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"category,tier\nadmin,basic\n" + b"x" * 100_000)
    with streamlit_server("run", "app.py") as (url, _):
        page = browser.new_page(viewport=DESKTOP)
        _open_planner(page, url)
        uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
        uploader.set_input_files(str(good))
        mine = page.get_by_text(re.compile(r"Projections use your data"))
        _expect()(mine).to_be_visible(timeout=60_000)
        held_after_good = _held_upload_bytes(url)
        uploader.set_input_files(str(bad))
        rejected = page.get_by_text(re.compile(t("rates.rejected", "en").split(":")[0]))
        _expect()(rejected).to_be_visible()
        _expect()(mine).to_be_visible()
        page.wait_for_timeout(5_500)  # Streamlit caches this metric for 5 s
        held_after_bad = _held_upload_bytes(url)
        page.close()
    assert held_after_good == 0 and held_after_bad == 0
