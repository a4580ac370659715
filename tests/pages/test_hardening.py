"""Issue 11 (hardening) in AppTest: notices in words, user text shown as text, saved-plan names,
refit limits."""

from __future__ import annotations

import pytest

from model.i18n import t
from tests.pages.helpers import all_text, start


@pytest.mark.parametrize("lang", ["en", "hi"])
@pytest.mark.parametrize(
    "query",
    [
        {"v": "1", "a": "111"},  # truncated answers
        {"v": "1", "a": "1" * 401},  # over-long answers
        {"v": "99", "a": "1"},  # unknown version
        {"h": "abc", "s": "x~y"},  # planner setting and saved plan
    ],
)
def test_every_link_notice_is_in_words(lang, query):
    """A raw catalog key (``notice.link.a``) never reaches the screen."""
    at = start({**query, "lang": lang})
    text = all_text(at)
    assert "notice." not in text
    assert t("notice.link.parts", lang).split("{")[0] in text
