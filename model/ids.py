"""The stable ids shared by links, data files and tests (see shared/DESIGN.md).

The order of each tuple is the canonical display order and the tie-break order
used by the scoring code, so it must never be shuffled.
"""

from __future__ import annotations

from typing import Final

CATEGORIES: Final[tuple[str, ...]] = (
    "admin",
    "marketing",
    "programming",
    "design",
    "writing",
    "av_editing",
    "finance",
)
TIERS: Final[tuple[str, ...]] = ("basic", "specialist", "expert")
QUALITIES: Final[tuple[str, ...]] = (
    "communication",
    "adaptability",
    "motivation",
    "honesty",
    "saying_no",
)
LANGUAGES: Final[tuple[str, ...]] = ("en", "hi")
DEFAULT_LANGUAGE: Final[str] = "en"
FORMS: Final[tuple[str, ...]] = ("short", "full", "adaptive")
"""``adaptive`` asks from the full form's items one at a time, chosen by ``model.adaptive``."""
DEFAULT_FORM: Final[str] = "short"
