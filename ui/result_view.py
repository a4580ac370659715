"""The sections of the results page, each drawn from an Assessment through the catalogs.

Native progress bars instead of plotly here: the results page is what a shared link opens
first, and loading plotly's JavaScript tripled its first render (bench/bench_app.py).
"""

from __future__ import annotations

import streamlit as st

from model import advice
from model.fmt import inr, percent
from model.i18n import t, t_list
from model.ids import QUALITIES
from model.pay import MARKETS, load_bands
from model.quiz import ADAPTIVE, BOOTSTRAP, Assessment, QuestionBank, load_bank
from ui import adaptive as known
from ui import models

LEVEL_BADGE = {"strong": "green", "growing": "orange", "work_on": "gray"}


def cat_name(category: str, lang: str) -> str:
    """The full name of a kind of work."""
    return t(f"cat.{category}.name", lang)


def hero(result: Assessment, lang: str) -> None:
    """The suggestion, with how sure it is: a clear fit, a likely fit or a close call."""
    top, runner_up = result.category, result.runner_up
    with st.container(border=True):
        st.caption(t(f"certainty.{result.certainty}_title", lang))
        if result.close_call:
            labels = (t(f"cat.{c}.label", lang) for c in (top, runner_up))
            st.header(" · ".join(labels), anchor=False)
        else:
            st.header(cat_name(top, lang), anchor=False)
            st.write(t(f"cat.{top}.short", lang))
        st.write(advice.certainty_sentence(result, lang))
        tier = t(f"tier.{result.tier}.name", lang)
        line = t("results.tier_line", lang, tier=tier)
        st.markdown(f"**{known.fit_line(result, lang)}** · {line}")  # a close call: both


def ranking(result: Assessment, lang: str) -> None:
    """All seven kinds of work as bars, best first."""
    st.subheader(t("results.ranking_heading", lang))
    asked = known.kinds_asked(result, load_bank())  # the rest are named, not shown at 0%
    for rank, category in enumerate(c for c in result.ranking if c in asked):
        label = t(f"cat.{category}.label", lang)
        fit = percent(result.fit[category], lang)
        st.progress(
            result.fit[category] / 100,
            text=f"**{label} · {fit}**" if rank == 0 else f"{label} · {fit}",
        )
    st.caption(t("results.ranking_caption", lang))
    known.not_asked(result, load_bank(), lang)
    if result.confident:
        st.caption(t("certainty.how", lang, runs=BOOTSTRAP))


def reasons(result: Assessment, bank: QuestionBank, lang: str) -> None:
    """The answers that pointed most clearly to the suggestion."""
    found = advice.reasons(result, bank, lang)
    if not found:
        return
    st.subheader(t("results.why_heading", lang))
    st.write(t("results.why_lead", lang, category=cat_name(result.category, lang)))
    st.markdown(
        "\n".join(
            f"- {t('results.why_item', lang, question=r.question, answer=r.answer)}" for r in found
        )
    )


def level(result: Assessment, bank: QuestionBank, lang: str) -> None:
    """The level, what it rests on, and what moves a person up."""
    st.subheader(t("results.tier_heading", lang))
    tier_name = t(f"tier.{result.tier}.name", lang)
    st.markdown(f"**{tier_name}**")
    if not result.tier_measured:
        st.info(t("level.not_measured", lang), icon=":material/help:")
    st.write(t(f"tier.{result.tier}.meaning", lang))
    lines = advice.level_lines(result, bank, lang)
    if lines:
        st.markdown(f"**{t('level.based_on', lang)}**")
        st.markdown("\n".join(f"- {line}" for line in lines))
        st.caption(t("level.rule", lang))
    upper = advice.next_tier(result.tier)
    if upper:
        st.markdown(f"**{t('results.move_up_heading', lang, tier=t(f'tier.{upper}.name', lang))}**")
        st.markdown("\n".join(f"- {line}" for line in t_list(f"tier.{result.tier}.move_up", lang)))
    else:
        st.write(t("results.tier_top", lang))


def profile(result: Assessment, lang: str) -> None:
    """The work-habit profile on the five qualities, and tips for the ones put last."""
    st.subheader(t("profile.heading", lang))
    if known.thin_profile(result, load_bank(), lang):  # two situations make no profile
        return
    measured = [q for q in QUALITIES if result.measured[q]]
    for q in measured:
        rank = advice.quality_level(result.qualities[q])
        badge = f":{LEVEL_BADGE[rank]}-badge[{t('profile.level_' + rank, lang)}]"
        st.progress(
            result.qualities[q] / 100,
            text=f"{t(f'quality.{q}.name', lang)} · {percent(result.qualities[q], lang)} {badge}",
        )
    if measured:
        st.caption(t("profile.caption", lang))
    for q in QUALITIES:
        if not result.measured[q]:
            st.caption(f"{t(f'quality.{q}.name', lang)}: {t('profile.not_measured', lang)}")
    weak = advice.weak_qualities(result)
    if weak:
        st.markdown(f"**{t('profile.tips_heading', lang)}**")
        for q in weak:
            rank = advice.quality_level(result.qualities[q])
            with st.expander(
                f"{t(f'quality.{q}.name', lang)} · {t('profile.level_' + rank, lang)}",
                expanded=q == weak[0],
            ):
                st.caption(t(f"quality.{q}.desc", lang))
                st.write(t(f"quality.{q}.tip", lang))
    elif measured:
        st.success(t("profile.balanced", lang), icon=":material/star:")


def next_steps(result: Assessment, lang: str) -> None:
    """Skills for the suggested kind(s) of work, a first step and part-time advice that fit
    the person's situation, and where to find work."""
    st.subheader(t("results.next_heading", lang))
    for category in advice.suggested(result):
        heading, items = advice.skills(result, category)
        st.markdown(f"**{t(heading, lang, category=cat_name(category, lang))}**")
        st.markdown("\n".join(f"- {s}" for s in t_list(items, lang)))
        if heading == "results.expert_heading":
            break  # the Expert's next steps are the same for both kinds of work
    situation = advice.situation(result)
    step = advice.first_step(result)
    if step:
        first = t(step, lang, category=cat_name(result.category, lang))
        st.success(first, icon=":material/flag:")
    st.markdown(f"**{t('results.where_heading', lang)}**")
    st.markdown("\n".join(f"- {s}" for s in t_list("results.where", lang)))
    key = f"situation.part_time.{situation}" if situation else "situation.part_time_none"
    st.info(t(key, lang), icon=":material/schedule:")


def pay(result: Assessment, lang: str) -> None:
    """The billed hourly band for the suggestion from clients in India and from clients abroad,
    side by side, what that means for planning, and the overall range."""
    st.subheader(t("results.pay_heading", lang))
    bands = models.sample_bands(result.category, result.tier)
    with st.container(border=True):
        columns = st.columns(len(MARKETS))
        for column, market in zip(columns, MARKETS, strict=True):
            band = bands[market]
            column.caption(t(f"pay.{market}", lang))
            shown = t("results.pay_band", lang, low=inr(band.low, lang), high=inr(band.high, lang))
            column.markdown(f"#### {shown}")
        st.caption(
            t(
                "results.pay_caption",
                lang,
                category=cat_name(result.category, lang),
                tier=t(f"tier.{result.tier}.name", lang),
            )
        )
        st.write(advice.markets_text(bands["india"], bands["abroad"], lang))
        st.write(t("pay.billed", lang))
    overall_bands = load_bands()
    overall = t(
        "results.pay_overall",
        lang,
        low=inr(overall_bands.overall_min, lang),
        high=inr(overall_bands.overall_max, lang),
    )
    if max(band.high for band in bands.values()) > overall_bands.overall_max:
        overall += " " + t("pay.above_usual", lang, high=inr(overall_bands.overall_max, lang))
    st.caption(overall)


def number_line(
    result: Assessment, lang: str, form: str | None = None, bank: QuestionBank | None = None
) -> None:
    """How many questions the result rests on; on the adaptive form, how many it took and
    how sure the result is. The optional question and the experience questions that "not
    yet" made moot are not counted, so skipping them asks for nothing more."""
    if form == ADAPTIVE:
        sure = t(f"results.adaptive_sure.{result.certainty}", lang)
        count = result.answered - len(result.context)
        st.caption(t("results.adaptive", lang, count=count, sure=sure))
        return
    st.caption(t("results.answered", lang, answered=result.answered, total=result.total))
    answered, asked = result.answered, result.total
    if bank is not None:
        short = len(bank.questions("short", result.version))
        fixed = form if form in ("short", "full") else "short" if result.total == short else "full"
        answered, asked = advice.counted(result, bank, fixed)
    if answered < asked:
        st.info(
            t("results.partial", lang, answered=answered, total=asked),
            icon=":material/edit_note:",
        )
