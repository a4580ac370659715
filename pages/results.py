"""Results: best-fit category, ranking, reasons, tier, qualities, next steps and pay."""

import streamlit as st

from model import advice
from model.earnings import rate_band
from model.fmt import inr, number, percent
from model.i18n import t, t_list
from model.ids import QUALITIES
from model.pay import load_bands
from model.quiz import assess
from ui import models, routing, share, state

routing.ensure_frame()

lang = state.lang()
bank = state.bank()
result = assess(state.answers(), bank, state.form())
# Native bars instead of plotly here: the results page is what a shared link opens first, and
# loading plotly's JavaScript tripled its first render (bench/bench_app.py).
LEVEL_BADGE = {"strong": "green", "growing": "orange", "work_on": "red"}


def _to_quiz(label_key: str, primary: bool = False) -> None:
    if st.button(
        t(label_key, lang),
        type="primary" if primary else "secondary",
        key=f"to_quiz_{label_key}",
        width="stretch",
    ):
        st.switch_page("pages/quiz.py", query_params={state.LANG: lang})


def cat_name(category: str) -> str:
    return t(f"cat.{category}.name", lang)


st.title(t("results.title", lang))


def _no_verdict() -> None:
    """Empty or straight-lined answers: a notice and a way back, no verdict."""
    st.warning(t(f"results.notice_{result.status}", lang), icon=":material/warning:")
    _to_quiz("results.go_quiz" if result.status == "empty" else "results.edit", primary=True)


def _verdict() -> None:
    """The full result: suggestion, ranking, reasons, level, qualities, next steps, pay."""
    st.caption(t("results.answered", lang, answered=result.answered, total=result.total))
    if result.answered < result.total:
        st.info(
            t("results.partial", lang, answered=result.answered, total=result.total),
            icon=":material/edit_note:",
        )

    tier_name = t(f"tier.{result.tier}.name", lang)
    if result.confident:
        with st.container(border=True):
            st.caption(t("results.best_fit", lang))
            st.header(cat_name(result.category), anchor=False)
            fit = percent(result.fit[result.category], lang)
            st.markdown(
                f"**{t('results.fit_value', lang, fit=fit)}**"
                f" · {t('results.tier_line', lang, tier=tier_name)}"
            )
            st.write(t(f"cat.{result.category}.short", lang))
        if result.close_call:
            st.info(
                t(
                    "results.close_call",
                    lang,
                    first=cat_name(result.ranking[0]),
                    second=cat_name(result.ranking[1]),
                ),
                icon=":material/balance:",
            )
    else:
        st.warning(t(f"results.notice_{result.status}", lang), icon=":material/warning:")
        st.caption(t("results.tentative", lang))

    st.subheader(t("results.ranking_heading", lang))
    for rank, category in enumerate(result.ranking):
        label = t(f"cat.{category}.label", lang)
        fit = percent(result.fit[category], lang)
        st.progress(
            result.fit[category] / 100,
            text=f"**{label} · {fit}**" if rank == 0 else f"{label} · {fit}",
        )
    st.caption(t("results.ranking_caption", lang))

    reasons = advice.reasons(result, bank, lang)
    if reasons:
        st.subheader(t("results.why_heading", lang))
        st.write(t("results.why_lead", lang, category=cat_name(result.category)))
        st.markdown(
            "\n".join(
                f"- {t('results.why_item', lang, question=r.question, answer=r.answer)}"
                for r in reasons
            )
        )

    st.subheader(t("results.tier_heading", lang))
    st.markdown(
        f"**{tier_name}** · {t('results.tier_score', lang, score=number(result.tier_score, lang))}"
    )
    st.write(t(f"tier.{result.tier}.meaning", lang))
    upper = advice.next_tier(result.tier)
    if upper:
        st.markdown(f"**{t('results.move_up_heading', lang, tier=t(f'tier.{upper}.name', lang))}**")
        st.markdown("\n".join(f"- {line}" for line in t_list(f"tier.{result.tier}.move_up", lang)))
    else:
        st.write(t("results.tier_top", lang))

    st.subheader(t("results.qualities_heading", lang))
    measured = [q for q in QUALITIES if result.measured[q]]
    for q in measured:
        level = advice.quality_level(result.qualities[q])
        badge = f":{LEVEL_BADGE[level]}-badge[{t('results.level_' + level, lang)}]"
        st.progress(
            result.qualities[q] / 100,
            text=f"{t(f'quality.{q}.name', lang)} · {number(result.qualities[q], lang)} {badge}",
        )
    st.caption(t("results.qualities_caption", lang))
    for q in QUALITIES:
        if not result.measured[q]:
            st.caption(f"{t(f'quality.{q}.name', lang)}: {t('results.not_measured', lang)}")
    weak = advice.weak_qualities(result)
    if weak:
        st.markdown(f"**{t('results.tips_heading', lang)}**")
        for q in weak:
            with st.expander(
                f"{t(f'quality.{q}.name', lang)} · "
                f"{t('results.level_' + advice.quality_level(result.qualities[q]), lang)}",
                expanded=q == weak[0],
            ):
                st.caption(t(f"quality.{q}.desc", lang))
                st.write(t(f"quality.{q}.tip", lang))
    elif measured:
        st.success(t("results.all_strong", lang), icon=":material/star:")

    st.subheader(t("results.next_heading", lang))
    st.markdown(f"**{t('results.skills_heading', lang, category=cat_name(result.category))}**")
    st.markdown("\n".join(f"- {s}" for s in t_list(f"cat.{result.category}.skills", lang)))
    st.markdown(f"**{t('results.where_heading', lang)}**")
    st.markdown("\n".join(f"- {s}" for s in t_list("results.where", lang)))
    st.info(t("results.part_time", lang), icon=":material/schedule:")

    st.subheader(t("results.pay_heading", lang))
    band = rate_band(models.sample_rates(), result.category, result.tier)
    bands = load_bands()
    with st.container(border=True):
        st.markdown(
            f"### {t('results.pay_band', lang, low=inr(band.low, lang), high=inr(band.high, lang))}"
        )
        st.caption(
            t("results.pay_caption", lang, category=cat_name(result.category), tier=tier_name)
        )
    st.caption(
        t(
            "results.pay_overall",
            lang,
            low=inr(bands.overall_min, lang),
            high=inr(bands.overall_max, lang),
        )
    )

    if st.button(
        t("results.to_planner", lang), type="primary", icon=":material/savings:", width="stretch"
    ):
        st.switch_page("pages/planner.py", query_params={state.LANG: lang})
    edit, again = st.columns(2)
    with edit:
        _to_quiz("results.edit")
    with again:
        if st.button(t("results.retake", lang), width="stretch"):
            state.clear_answers()
            st.switch_page("pages/home.py", query_params={state.LANG: lang})

    share.panel("results", lang, result)


if result.status in ("empty", "uniform"):
    _no_verdict()
else:
    _verdict()
