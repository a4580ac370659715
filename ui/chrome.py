"""The frame around every page: brand line, language switch, notices and footer."""

from __future__ import annotations

import re
from html import escape

import streamlit as st

from model.i18n import t
from model.ids import LANGUAGES
from model.quiz import Question
from ui import state

_SWITCH_KEY = "lang_switch"
_PAGE_KEY = "chrome.page"  # session key: (page shown by the last run, arrivals so far)
_SCROLL_TOP = """
<script>
(() => {
  const doc = window.parent ? window.parent.document : document;
  const main = doc.querySelector('[data-testid="stMain"]') || doc.scrollingElement;
  if (main && main.scrollTo) { main.scrollTo({top: 0}); }
  window.scrollTo(0, 0);
})();
</script>
"""


# Constant HTML and JavaScript for the phone fixes (never built from anything a user entered;
# the one text in it, the offline line, comes from the catalog and is escaped).
# On a phone, st.navigation(position="top") folds the pages into a side menu that stayed open
# over the new page after a tap on a page name: close it once the link has done its work. Two-line
# radio options (the quiz) ran into one another at 360 px: space them out.
# The address holds the session's state (ui/state.py): Streamlit pushes a new history entry each
# time a script changes the query, so every answer would be one more tap of Back. A change of the
# query alone (same page) replaces the entry instead; moving to another page still adds one.
# While the connection is away, one calm line in the person's language says the answers are
# safe; Streamlit's own English "Connection error" box is closed (it stays dismissed).
_PHONE_FIXES = """
<style id="sahayak-phone-fixes">
/* this block sits first on the page: it takes no room there */
[data-testid="stElementContainer"]:has(#sahayak-phone-fixes) { display: none; }
@media (max-width: 640px) {
  [data-testid="stRadio"] [role="radiogroup"] { gap: 0.6rem; }
  [data-testid="stRadioOption"] { padding: 0.2rem 0; line-height: 1.4; }
}
#sahayak-offline {
  position: fixed; top: 0; left: 0; right: 0; z-index: 1000100; display: none;
  padding: 0.6rem 1rem; background: #fff4e0; color: #4a3000; border-bottom: 1px solid #e0b060;
  font: 0.95rem/1.4 "Source Sans Pro", "Noto Sans Devanagari", sans-serif; text-align: center;
}
#sahayak-offline[data-shown] { display: block; }
/* captions: Streamlit draws them at 60% opacity, 3.99:1 on the page background; WCAG AA asks
   4.5:1. Solid grey instead: 6.0:1 on the page, 5.6:1 on the light teal boxes */
[data-testid="stCaptionContainer"] { opacity: 1; color: #5b6168; }
/* the brand's handshake is decoration: drawn here with an empty text alternative, so a
   screen reader does not read "handshake icon" in English */
.st-key-sahayak-brand p::before {
  content: "handshake" / ""; font-family: "Material Symbols Rounded"; font-weight: 400;
  font-size: 1.25em; line-height: 1; vertical-align: bottom; margin-right: 0.25rem;
  font-feature-settings: "liga";
}
</style>
<span hidden data-sahayak-offline-text="{offline}"></span>
<script>
(() => {
  const doc = window.parent ? window.parent.document : document;
  const win = doc.defaultView || window;
  if (doc.documentElement.dataset.sahayakMenu) { return; }
  doc.documentElement.dataset.sahayakMenu = "1";
  doc.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest('[data-testid="stSidebar"] a');
    if (!link) { return; }
    setTimeout(() => {
      const close = doc.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (close) { close.click(); }
    }, 0);
  });
  const history = win.history;
  const push = history.pushState.bind(history);
  history.pushState = (data, title, url) => {
    try {
      if (new URL(url, win.location.href).pathname === win.location.pathname) {
        return history.replaceState(data, title, url);
      }
    } catch (error) { }
    return push(data, title, url);
  };
  const line = doc.createElement("div");
  line.id = "sahayak-offline";
  line.setAttribute("role", "status");
  line.setAttribute("aria-live", "polite");
  doc.body.appendChild(line);
  let timer = null;
  const check = () => {
    const app = doc.querySelector('[data-testid="stApp"]');
    const away = app && app.dataset.testConnectionState !== "CONNECTED";
    if (away && !line.dataset.shown && timer === null) {
      timer = setTimeout(() => {
        timer = null;
        const text = doc.querySelector("[data-sahayak-offline-text]");
        line.textContent = text ? text.dataset.sahayakOfflineText : "";
        line.dataset.shown = "1";
      }, 1500);
    }
    if (!away) {
      if (timer !== null) { clearTimeout(timer); timer = null; }
      delete line.dataset.shown;
    }
    for (const box of doc.querySelectorAll('[role="dialog"]')) {
      const title = box.querySelector("h1, h2, h3, [data-testid='stDialogTitle']");
      if (away && title && title.textContent.trim() === "Connection error") {
        const close = box.querySelector('button[aria-label="Close"]');
        if (close) { close.click(); }  // dismissed: Streamlit does not open it again
        (box.closest('[data-testid="stDialog"]') || box).style.display = "none";
      }
    }
  };
  new MutationObserver(check).observe(doc.body, {
    subtree: true, childList: true, attributes: true,
    attributeFilter: ["data-test-connection-state"],
  });
})();
</script>
"""


def _on_switch() -> None:
    choice = st.session_state.get(_SWITCH_KEY)
    if choice in LANGUAGES:
        state.set_lang(choice)


def header() -> str:
    """Draw the brand line and the language switch; return the language to render in."""
    # First on the page, so the phone layout holds from the first widget on a slow network
    # (from the footer it arrived last, and the quiz's options moved when it did).
    lang = state.lang()
    st.html(
        _PHONE_FIXES.replace("{offline}", escape(t("app.offline", lang))),
        unsafe_allow_javascript=True,
    )
    if st.session_state.get(_SWITCH_KEY) != lang:
        st.session_state[_SWITCH_KEY] = lang
    brand, switch = st.columns([3, 2], vertical_alignment="center")
    with brand, st.container(key="sahayak-brand"):
        st.markdown(f"**{t('app.name', lang)}**")  # its icon is drawn by _PHONE_FIXES' CSS
    with switch:
        st.segmented_control(
            t("lang.label", lang),
            options=list(LANGUAGES),
            format_func=lambda code: t(f"lang.{code}", code),
            key=_SWITCH_KEY,
            required=True,
            on_change=_on_switch,
            label_visibility="collapsed",
            width="stretch",
        )
    return lang


def notices(lang: str) -> None:
    """Show queued notices once, in the user's language."""
    for key, params in state.pop_notices():
        words = {
            name: ", ".join(t(k, lang) for k in value) if isinstance(value, list) else value
            for name, value in params.items()
        }
        st.info(t(key, lang, language=t(f"lang.{lang}", lang), **words), icon=":material/info:")


def quiz_progress(lang: str, questions: list[Question], answers: dict[str, str]) -> int:
    """Draw the "N of M answered" bar for a quiz form; return N."""
    done = sum(1 for q in questions if q.id in answers)
    total = len(questions)
    st.progress(
        done / total if total else 0.0, text=t("quiz.progress", lang, answered=done, total=total)
    )
    return done


_MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$:")


_JOIN_AFTER = set(".:@/")  # where links (www., http://, a@b.c) and :material/icons: start
_WORD_JOINER = "\u2060"  # invisible, and breaks the autolink and icon patterns
# Streamlit's Markdown (GFM autolinks) made ``www.…`` a live link even with the joiner after the
# dot, which the browser drops from the address (issue 20, finding 7): a joiner inside every
# "ww" breaks "www" itself, so no link can start.
_DOUBLE_W = re.compile(r"[wW](?=[wW])")
USER_TEXT_LIMIT = 80  # characters of a user's text quoted back in any message


def md_escape(text: str) -> str:
    """``text`` shown literally in Markdown (user-provided names and cell values)."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)


def plain(text: object, limit: int = USER_TEXT_LIMIT) -> str:
    """A user's text (a plan name, a file name, a cell) for any Markdown message, shown as text.

    Markdown characters are escaped, and an invisible word joiner after ``.`` ``:`` ``@`` and
    ``/`` (and inside every "ww") stops Streamlit turning ``www.…``, ``http://…``, e-mail
    addresses and ``:material/…:`` into links or icons. Longer texts are cut to ``limit``
    characters with "…".
    """
    value = "".join(ch if ch.isprintable() else " " for ch in str(text))
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    joined = "".join(ch + _WORD_JOINER if ch in _JOIN_AFTER else ch for ch in md_escape(value))
    return _DOUBLE_W.sub(lambda m: m[0] + _WORD_JOINER, joined)


def footer(lang: str, page: str = "") -> None:
    """The privacy line at the bottom of every page, and the phone fixes.

    On arrival at another page (``page``, its url path) the page is scrolled to its top:
    Streamlit kept the last page's scroll position, so the planner, reached from the button at
    the results' end, opened near its bottom on a phone.
    """
    st.divider()
    st.caption(t("app.footer", lang))
    last, arrivals = st.session_state.get(_PAGE_KEY, ("", 0))
    if page and page != last:
        arrivals += 1
        # a new body (the count of arrivals) on every arrival, so the script runs each time
        st.html(f"<!-- {int(arrivals)} -->{_SCROLL_TOP}", unsafe_allow_javascript=True)
    st.session_state[_PAGE_KEY] = (page or last, arrivals)


def scroll_to_top() -> None:
    """Ask the browser to scroll to the top (after moving to another quiz step)."""
    st.html(_SCROLL_TOP, unsafe_allow_javascript=True)
