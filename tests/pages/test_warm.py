"""The warm model: the sample model is fitted by a background thread as the server starts."""

from __future__ import annotations

import re
import time

from tests.browser.server import ROOT


def test_one_warm_thread_fills_the_sample_model_cache() -> None:
    from ui import models

    thread = models.warm_in_background()
    assert models.warm_in_background() is thread  # once per process
    thread.join(timeout=300)
    assert not thread.is_alive()
    start = time.perf_counter()
    model = models.sample_model()
    assert time.perf_counter() - start < 0.5  # from the cache, not a second fit
    assert model is models.sample_model()


def test_serve_entry_warms_at_start_and_serves_app() -> None:
    text = (ROOT / "serve.py").read_text(encoding="utf-8")
    assert re.search(r'st\.App\(\s*"app\.py"', text) and "warm_in_background" in text


def test_sample_bands_and_template_are_the_sample_figures():
    """ui.models keeps the sample's bands and template once per process: the same figures as
    computing them from the sample data each time."""
    from model.ids import CATEGORIES, TIERS
    from model.pay import MARKETS
    from model.rates import rate_band, template_csv
    from ui import models

    rates = models.sample_rates()
    for category in CATEGORIES:
        for tier in TIERS:
            for market in MARKETS:
                expected = rate_band(rates, category, tier, market)
                assert models.sample_band(category, tier, market) == expected
                assert models.sample_bands(category, tier)[market] == expected
    assert models.sample_template() == template_csv(rates)
