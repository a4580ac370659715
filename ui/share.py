"""Share links, the printable report and the CSV export, for the results and planner pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from html import escape
from urllib.parse import quote, urlsplit, urlunsplit

import streamlit as st

from model import links
from model.export import scenarios_csv
from model.i18n import t
from model.planner import net_view, plan_from
from model.quiz import Assessment
from model.report import PlanPart, build_report, method_line
from ui import models, routing, state

_IST = dt.timezone(dt.timedelta(hours=5, minutes=30))

# The link in a plain selectable box, and a copy/share button under it. Streamlit's code box
# (st.code) made every phone download its syntax highlighter, about 0.5 MB gzipped, for one line
# of text; its copy icon shows only on hover, which touch screens never have. The link is built
# by model.links from the session's answers (ASCII, percent-encoded) and escaped here; the
# script is a constant and reads the link from the box when the button is tapped.
_SHARE_BOX = """
<code data-sahayak-link style="display:block;font-family:ui-monospace,monospace;
 font-size:0.8rem;line-height:1.45;padding:0.6rem 0.75rem;margin-bottom:0.5rem;
 border-radius:0.5rem;background:rgba(151,166,195,0.15);color:inherit;overflow-wrap:anywhere;
 word-break:break-all;user-select:all;-webkit-user-select:all">{link}</code>
<button type="button" data-sahayak-share data-done="{done}" style="width:100%;min-height:2.75rem;
 border-radius:0.5rem;border:1px solid rgba(49,51,63,0.3);background:transparent;font:inherit;
 color:inherit;cursor:pointer">{label}</button>
"""
_SHARE_SCRIPT = """
<script>
(() => {
  const doc = window.parent ? window.parent.document : document;
  if (doc.documentElement.dataset.sahayakShareReady) { return; }
  doc.documentElement.dataset.sahayakShareReady = "1";
  const copy = async (text) => {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return;
    }
    const area = doc.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    doc.body.appendChild(area);
    area.select();
    doc.execCommand("copy");
    area.remove();
  };
  doc.addEventListener("click", async (event) => {
    const button = event.target.closest && event.target.closest("button[data-sahayak-share]");
    if (!button) { return; }
    const box = button.closest('[data-testid="stExpanderDetails"]') || doc;
    const shown = box.querySelector("[data-sahayak-link]");
    const link = shown ? shown.textContent.trim() : "";
    if (!link) { return; }
    if (navigator.share) {
      try { await navigator.share({url: link}); return; }
      catch (error) { if (error && error.name === "AbortError") { return; } }
    }
    try { await copy(link); button.textContent = button.dataset.done; } catch (error) { }
  });
})();
</script>
"""


def app_root() -> str:
    """The app's address as the browser sees it, without a page name ("" if unknown)."""
    url = st.context.url or ""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    if last in routing.PAGE_NAMES:
        path = path[: -len(last) - 1]
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def link_params(lang: str, with_plan: bool) -> dict[str, str | list[str]]:
    """The query parameters that reopen this session's result (and plan)."""
    saved = state.scenarios() if with_plan else []
    return links.encode(
        lang=lang,
        form=state.form(),
        answers=state.answers(),
        plan=state.plan_values() if with_plan else None,
        scenarios=[(s.name, s.plan) for s in saved],
        default_name=lambda n: t("planner.scenario_default", lang, number=n),
        coach=state.coach()[0],
        coach_wa=state.coach()[1],
    )


def share_link(page: str, lang: str, with_plan: bool) -> str:
    """A full link to ``page`` that reopens this session's state."""
    query = links.query_string(link_params(lang, with_plan))
    return f"{app_root()}/{page}?{query}"


def report_maker(lang: str, result: Assessment, link: str) -> Callable[[], str]:
    """The one-page report for this session: inputs gathered now, HTML built on download."""
    plan = plan_from(state.plan_values(result))
    model = models.current()
    projection = model.predict(
        plan.category, plan.tier, plan.hours, plan.clients, plan.abroad_share
    )
    bands = {}
    if models.upload() is None:  # the same sample bands as the results page
        bands = models.sample_bands(plan.category, plan.tier)
    part = PlanPart(
        plan.category,
        plan.tier,
        plan.hours,
        plan.clients,
        projection,
        net_view(projection, plan),
        plan.abroad_pct,
        bands,
    )
    method = method_line(
        lang, model.name, model.rows, models.upload() is not None, model.metrics["r2"]
    )
    return partial(
        build_report,
        lang=lang,
        result=result,
        bank=state.bank(),
        plan=part,
        scenarios=state.scenarios(),
        method=method,
        today=dt.datetime.now(_IST).date(),
        link=link,
        coach=state.coach()[0],
    )


def link_box(link: str, lang: str) -> None:
    """``link`` in the plain selectable box with its copy/share button (escaped text)."""
    st.html(
        _SHARE_BOX.format(
            link=escape(link),
            label=escape(t("share.copy", lang)),
            done=escape(t("share.copied", lang)),
        )
        + _SHARE_SCRIPT,
        unsafe_allow_javascript=True,
    )


def coach_message(lang: str, coach: str, person: str, link: str) -> str:
    """The WhatsApp text to the coach: the result link, with the person's first name if given."""
    person = " ".join("".join(ch if ch.isprintable() else " " for ch in person).split())[:40]
    if person:
        return t("coach.send_text", lang, coach=coach, person=person, link=link)
    return t("coach.send_text_anon", lang, coach=coach, link=link)


def to_coach(page: str, lang: str, with_plan: bool) -> None:
    """With a coach's link: "Send my result to NAME" (WhatsApp to the coach's number, or to a
    chat the person picks), the person's first name optional. The plan goes along once the
    person has one (opened the planner, or came with one)."""
    coach, number = state.coach()
    if not coach:
        return
    planned = with_plan or any(
        isinstance(k, str) and k.startswith(state.PLAN) for k in st.session_state
    )
    first = st.text_input(
        t("coach.first_name", lang),
        max_chars=40,
        help=t("coach.first_name_help", lang, coach=coach),
        key=f"coach_first_{page}",
    )
    text = coach_message(lang, coach, first, share_link("results", lang, planned))
    st.link_button(
        t("coach.send", lang, coach=coach),
        f"https://wa.me/{number or ''}?text={quote(text)}",
        icon=":material/send:",
        type="primary",
        width="stretch",
    )


def panel(page: str, lang: str, result: Assessment) -> None:
    """Share link, WhatsApp button, report download and (planner) the CSV of saved plans."""
    with_plan = page == "planner"
    link = share_link(page, lang, with_plan)
    # Folded by default: a shared link opens the result first, and the panel's widgets
    # (code box, link and download buttons) added ~0.4 s to that first render (bench/).
    with st.expander(t("share.heading", lang), icon=":material/share:"):
        st.caption(t(f"share.{page}_lead", lang))
        link_box(link, lang)
        st.caption(t("share.link_label", lang))
        message = f"{t('share.whatsapp_text', lang)} {link}"
        report = report_maker(lang, result, link)
        today = dt.datetime.now(_IST).date().isoformat()
        left, right = st.columns(2)
        left.link_button(
            t("share.whatsapp", lang),
            f"https://wa.me/?text={quote(message)}",
            icon=":material/send:",
            width="stretch",
        )
        right.download_button(
            t("share.report", lang),
            report,
            file_name=f"sahayak-report-{today}.html",
            mime="text/html",
            help=t("share.report_help", lang),
            icon=":material/description:",
            on_click="ignore",
            width="stretch",
            key=f"report_{page}",
        )
        to_coach(page, lang, with_plan)
        saved = state.scenarios()
        if with_plan and saved:
            st.download_button(
                t("share.csv", lang),
                scenarios_csv(saved, lang),
                file_name=f"sahayak-plans-{today}.csv",
                mime="text/csv",
                help=t("share.csv_help", lang),
                icon=":material/table:",
                on_click="ignore",
                key="csv_plans",
            )
