"""Reliability in a real server and browser: no files written, upload limits, no tracebacks,
and two people at once."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from model import links
from model.i18n import t
from model.rates import MAX_UPLOAD_MB, REQUIRED, load_rates
from tests.browser.conftest import ROOT, run_server
from tests.browser.test_journeys import DESKTOP, PHONE, _download, _expect, _open_share_panel
from tests.pages.helpers import honest_answers

pytestmark = pytest.mark.browser
# Files the test run itself may create in the work tree (not the server's doing).
OURS = {".git", ".venv", "artifacts", ".pytest_cache", ".hypothesis", ".ruff_cache", "__pycache__"}


def _files(root: Path) -> set[str]:
    """Every file under ``root``, except the test run's own folders."""
    found = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in OURS]
        found |= {os.path.relpath(os.path.join(folder, f), root) for f in files}
    return found


def _rates_file(folder: Path, rows: int = 150) -> Path:
    sample = load_rates().head(rows).copy()
    sample["monthly_income_inr"] = sample["monthly_income_inr"] * 2
    path = folder / "rates.csv"
    sample.loc[:, [*REQUIRED, "market"]].to_csv(path, index=False)
    return path


def test_a_full_journey_writes_no_files(browser, tmp_path):
    """Quiz answers from a link, results, report, planner, upload, saved plan, CSV: the server
    gains no file in the work tree, its home or its temp dir."""
    home, temp, inputs = tmp_path / "home", tmp_path / "tmp", tmp_path / "inputs"
    for folder in (home, temp, inputs):
        folder.mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(temp), "PYTHONDONTWRITEBYTECODE": "1"}
    rates = _rates_file(inputs)
    before = _files(ROOT)
    answers = honest_answers("writing", "short")
    query = links.query_string(links.encode(lang="hi", form="short", answers=answers))
    with run_server(env=env) as url:
        context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
        page = context.new_page()
        page.goto(f"{url}/results?{query}")
        _expect()(page.get_by_role("heading", name=t("cat.writing.name", "hi"))).to_be_visible(
            timeout=30_000
        )
        _open_share_panel(page, "hi")  # the share panel starts folded
        _download(page, t("share.report", "hi"))
        page.get_by_role("button", name=t("results.to_planner", "hi")).click()
        _expect()(page.get_by_role("heading", name=t("planner.title", "hi"))).to_be_visible()
        page.get_by_text(t("rates.heading", "hi")).click()
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(rates))
        _expect()(page.get_by_text(re.compile(r"rates\\?\.csv"))).to_be_visible()
        page.get_by_label(t("planner.scenario_name", "hi")).fill("डिस्क जाँच")
        page.get_by_role("button", name=t("planner.scenario_save", "hi")).click()
        _expect()(page.locator('[data-testid="stMarkdownContainer"] table')).to_have_count(2)
        _open_share_panel(page, "hi")
        _download(page, t("share.csv", "hi"))
        context.close()
    assert _files(ROOT) == before
    assert _files(home) == set() and _files(temp) == set()


def test_upload_over_the_size_limit_is_refused(server, browser, tmp_path):
    big = tmp_path / "big.csv"
    line = "admin,basic,20,2,500,40000\n"
    big.write_text(
        ",".join(REQUIRED) + "\n" + line * (MAX_UPLOAD_MB * 1024 * 1024 // len(line) + 10)
    )
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server}/planner?lang=en")
    _expect()(page.get_by_role("heading", name=t("planner.title", "en"))).to_be_visible(
        timeout=30_000
    )
    before = page.locator('[data-testid="stMetricValue"]').first.inner_text()
    page.get_by_text(t("rates.heading", "en")).click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(big))
    limit = re.compile(rf"{MAX_UPLOAD_MB}(\.0)?\s?MB", re.I)
    _expect()(page.get_by_text(limit).last).to_be_visible()
    _expect()(page.get_by_text(t("rates.using_sample", "en", rows="3,000"))).to_be_visible()
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == before
    page.close()


def test_a_crash_shows_no_stack_trace_with_our_config(browser, tmp_path):
    """With the repo's .streamlit/config.toml, an error in a script shows users a plain
    message, never the code or a traceback."""
    shutil.copytree(ROOT / ".streamlit", tmp_path / ".streamlit")
    script = tmp_path / "boom.py"
    script.write_text(
        "import streamlit as st\nst.title('Boom test')\nraise RuntimeError('secret detail 42')\n"
    )
    with run_server(script=script, cwd=tmp_path) as url:
        page = browser.new_page(viewport=PHONE)
        page.goto(url)
        _expect()(page.get_by_role("heading", name="Boom test")).to_be_visible(timeout=30_000)
        _expect()(
            page.locator('[data-testid="stException"], [data-testid="stAlert"]')
        ).to_have_count(1)
        text = page.locator("body").inner_text()
        assert "secret detail 42" not in text and "Traceback" not in text
        assert "boom.py" not in text and "RuntimeError" not in text
        page.close()


def test_two_people_at_once_see_only_their_own(server, browser):
    alice_ctx = browser.new_context(viewport=PHONE)
    bob_ctx = browser.new_context(viewport=DESKTOP)
    alice, bob = alice_ctx.new_page(), bob_ctx.new_page()
    query = links.query_string(
        links.encode(lang="hi", form="short", answers=honest_answers("finance", "short"))
    )
    alice.goto(f"{server}/planner?{query}")
    bob.goto(f"{server}/results?lang=en")
    _expect()(alice.get_by_role("heading", name=t("planner.title", "hi"))).to_be_visible(
        timeout=30_000
    )
    alice.get_by_label(t("planner.scenario_name", "hi")).fill("ऐलिस की योजना")
    alice.get_by_role("button", name=t("planner.scenario_save", "hi")).click()
    _expect()(alice.locator('[data-testid="stMarkdownContainer"] table')).to_have_count(2)
    _expect()(bob.get_by_text(t("results.notice_empty", "en"))).to_be_visible()
    bob.get_by_role("link", name=t("nav.planner", "en")).click()
    _expect()(bob.get_by_role("heading", name=t("planner.title", "en"))).to_be_visible()
    _expect()(bob.get_by_text(t("planner.scenario_none", "en"))).to_be_visible()
    assert "ऐलिस" not in bob.locator("body").inner_text()
    _expect()(alice.get_by_text(t("planner.scenario_none", "hi"))).to_have_count(0)
    alice_ctx.close()
    bob_ctx.close()
