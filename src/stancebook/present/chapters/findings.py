"""The key findings (``chapters/templates/findings.ipynb``), the page the book opens on: its three questions
answered in a few findings each. Every finding is one sentence computed from the data, with how sure the book
is of it (from the stance intervals, the sourcing grades of the events, and the estimates that disagree) and a
link to the evidence. A finding the data cannot support is left out, never written as a blank."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ...compute import facts as facts_
from ...compute import claims as cl
from ...compute import migration as m
from ...compute import stance as st
from ...compute import trade as t
from ...compute import votes as v
from ...compute.sources import ids_in, publishers
from ...data import Dataset
from ...data.vocab import INVASION
from .. import glue, tables
from .. import text as tx
from ..escape import Markup, join, page_link
from . import region

CHAPTER = "findings"


@dataclass(frozen=True)
class Finding:
    #: the finding: one sentence, with its numbers
    text: str
    #: how sure the book is: "high", "medium" or "low"
    sure: str
    #: why it is that sure
    why: str
    #: where the evidence is: (page of the book, with its section anchor; what the link says)
    evidence: tuple[tuple[str, str], ...]


#: how sure a finding is, as the page says it
SURE_LABELS = {"high": "High", "medium": "Medium", "low": "Low"}
#: how sure a stance finding is, from the share of the state acts behind it that rest on the state's own record or
#: on two or more independent outlets: at least this share for each grade (below the lower, "low")
SURE_SHARE = {"high": 0.75, "medium": 0.5}
#: the questions, in the order the page asks them
QUESTIONS = ("stance", "dependence", "claims")


def load(data_dir: str | Path, prepared: str | Path = "") -> Dataset:
    """The part of ``data_dir`` this chapter reads (see ``stancebook.data.scope``); from the build's bundle at
    ``prepared`` when it matches the data (``stancebook.compute.facts.load``)."""
    return facts_.load(data_dir, CHAPTER, prepared=prepared)


def _names(ds: Dataset, codes: list[str]) -> str:
    return tx.names_list([ds.name(c) for c in codes])


def _page(iso3: str) -> str:
    return f"countries/{iso3.lower()}.html"


# --- where each state stands ------------------------------------------------------------------------------


def ranking(ds: Dataset) -> Finding | None:
    """Which state the index puts closest to Moscow, and whether the intervals let the data order the states."""
    u = st.uncertainty(ds)
    if u.empty:
        return None
    top = u.index[0]
    values = [f"{ds.name(c)} {tx.score(u.at[c, 'index'])}" for c in u.index]
    text = (
        f"On the book's stance index (from −1, away from Moscow, to +1, toward it), {ds.name(top)} stands "
        f"closest to Moscow: {'; '.join(values)}."
    )
    fixed = [c for c in u.index if u.at[c, "rank_low"] == u.at[c, "rank_high"]]
    if len(u) == 1:
        sure, why = "low", "Only one state has enough events for an index, so there is nothing to rank it against."
    elif not fixed:
        sure = "low"
        why = (
            f"Every state's {st.LEVEL:.0%} interval overlaps another's ({ds.name(top)}: "
            f"{tx.score(u.at[top, 'low'])} to {tx.score(u.at[top, 'high'])}), so the data do not fix any rank; "
            f"{ds.name(top)} comes first in {u.at[top, 'p_rank_1']:.0%} of the resampled sets of events."
        )
    elif len(fixed) < len(u):
        sure = "medium"
        why = f"The {st.LEVEL:.0%} intervals fix the rank of {_names(ds, fixed)} alone; the others' intervals overlap."
    else:
        sure, why = "high", f"The {st.LEVEL:.0%} intervals of the states do not overlap, so the order is the data's."
    out = [c for c in ds.focus if c not in u.index]
    if out:
        why += f" Too few events to place {_names(ds, out)} at all."
    return Finding(text, sure, why, (("region.html#a-stance-index", "the stance index and its intervals"),))


def _grade_why(ds: Dataset, countries: list[str]) -> tuple[str, str]:
    """How well the state acts the stance counts are sourced: how sure that makes it, and why."""
    events = pd.concat([st.scored(st.country_events(ds, c)) for c in countries])
    events = events[events["category"] != st.UN_VOTE]
    if events.empty:
        return "medium", "Only the UN vote record is counted: the data hold no other act of these states."
    grades = events["grade"].value_counts()
    strong = int(grades.get("primary", 0) + grades.get("corroborated", 0))
    share = strong / len(events)
    sure = "high" if share >= SURE_SHARE["high"] else "medium" if share >= SURE_SHARE["medium"] else "low"
    weak = [f"{int(grades[g])} on {tx.GRADE_LABELS[g]}" for g in ("single", "state_media") if grades.get(g, 0)]
    return sure, (
        f"Of the {tx.count(len(events), 'state act')} counted, {strong} ({share:.0%}) rest on the state's "
        f"own record or on two or more independent outlets" + (f"; {tx.names_list(weak)}." if weak else ".")
    )


def leanings(ds: Dataset) -> Finding | None:
    """On how many dimensions each state leans toward Moscow and away from it."""
    tables_ = {c: st.stance_table(ds, c) for c in ds.focus}
    parts, counts = [], {}
    for c, s in tables_.items():
        toward = int((s["position"] == "toward_russia").sum())
        away = int((s["position"] == "away_from_russia").sum())
        counts[c] = (toward, away)
        parts.append(f"{ds.name(c)} {toward} toward and {away} away")
    if not any(a + b for a, b in counts.values()):
        return None
    more_away = [c for c, (a, b) in counts.items() if b > a]
    more_toward = [c for c, (a, b) in counts.items() if a > b]
    who = lambda codes: "every state" if len(codes) == len(ds.focus) else _names(ds, codes)  # noqa: E731
    verb = lambda codes: "leans" if len(codes) == 1 or len(codes) == len(ds.focus) else "lean"  # noqa: E731
    if more_away and not more_toward:
        lead = f"{who(more_away)} {verb(more_away)} away from Moscow on more dimensions than toward it"
    elif more_toward and not more_away:
        lead = f"{who(more_toward)} {verb(more_toward)} toward Moscow on more dimensions than away from it"
    elif more_toward:
        lead = (
            f"{_names(ds, more_toward)} {verb(more_toward)} toward Moscow on more dimensions than away from it, "
            f"{_names(ds, more_away)} the other way"
        )
    else:
        lead = "no state leans more one way than the other"
    text = f"Of the {tx.count(len(st.DIMENSIONS), 'dimension')} the book scores, {lead}: {'; '.join(parts)}."
    sure, why = _grade_why(ds, ds.focus)
    return Finding(
        text, sure, why, (("region.html#stance-toward-moscow", "the stance of each state, dimension by dimension"),)
    )


def differences(ds: Dataset) -> Finding | None:
    """Where the states differ most, and on how many of them that rests."""
    scored = st.scores_compared(ds)
    if scored.empty:
        return None
    sure, why = _grade_why(ds, ds.focus)
    widest = st.widest(scored)
    fewest = int(scored.loc[widest].notna().sum(axis=1).min()) if widest else len(ds.focus)
    if fewest < len(ds.focus):
        sure = "low"
        why = (
            f"Only {fewest} of the {len(ds.focus)} states have {st.MIN_EVENTS} or more events there, enough to be "
            f"scored. {why}"
        )
    return Finding(
        region.differ_most(ds), sure, why, (("region.html#stance-toward-moscow", "the regional stance table"),)
    )


def voting(ds: Dataset) -> Finding | None:
    """Whose UN voting changed after the invasion."""
    before = v.resolutions(ds)
    before = before[before["date"] < INVASION]
    if before.empty:
        return None
    changes = {c: v.before_after(ds, c) for c in ds.focus}
    told = [c for c, f in changes.items() if f["change"] in ("away", "toward", "unchanged")]
    sure = "high" if len(told) == len(ds.focus) else "medium" if told else "low"
    why = (
        f"A tally of recorded votes, {tx.count(len(before), 'resolution')} before the invasion and "
        f"{tx.count(len(v.resolutions(ds, INVASION)), 'resolution')} since; the rule is stated on each country's "
        "page."
        + (
            ""
            if len(told) == len(ds.focus)
            else f" It cannot be told for {_names(ds, [c for c in ds.focus if c not in told])}."
        )
    )
    return Finding(
        region.votes_change_text(ds), sure, why, (("region.html#who-voted-how", "every vote, state by state"),)
    )


# --- dependence on Russia ---------------------------------------------------------------------------------


def trade_shares(ds: Dataset) -> Finding | None:
    """Russia's and China's share of each state's recorded trade in its latest year."""
    summary = t.regional_summary(ds)
    if summary.empty:
        return None
    order = summary.sort_values("rus_share_last", ascending=False)
    parts = [f"{ds.name(c)} {tx.percent(r['rus_share_last'])} in {int(r['last_year'])}" for c, r in order.iterrows()]
    china = [c for c, r in summary.iterrows() if r["chn_share_last"] > r["rus_share_last"]]
    text = f"Russia's share of each state's recorded trade in its latest year: {'; '.join(parts)}. " + (
        f"China's share was larger than Russia's for {_names(ds, china)}."
        if china
        else "China's share was smaller than Russia's for every one of them."
    )
    missing = [c for c in ds.focus if c not in summary.index]
    why = "Each state's own statistics, one series per country."
    sure = "medium" if missing else "high"
    if missing:
        why += (
            f" {_names(ds, missing)} {'publishes' if len(missing) == 1 else 'publish'} no trade series by "
            "partner, so the finding leaves "
            f"{'it' if len(missing) == 1 else 'them'} out; partners' records for "
            f"{'it' if len(missing) == 1 else 'them'} are on the country pages."
        )
    links = [("region.html#trade-with-russia-and-china", "trade with Russia and China, state by state")]
    links += [(_page(c) + "#trade", f"{ds.name(c)}'s trade as its partners record it") for c in missing]
    return Finding(text, sure, why, tuple(links))


def china_records(ds: Dataset) -> Finding | None:
    """How far China's customs records of its trade with each state exceed the state's own."""
    both = t.against_partner(ds, ds.focus)
    if both.empty:
        return None
    outlets = publishers(ds, ids_in(both))
    why = (
        f"China's figures are its customs statistics as quoted by {tx.names_list(outlets)}, not read from the "
        "customs database; two records of the same trade can both be right, and the book shows both."
    )
    return Finding(
        region.china_text(ds),
        "medium",
        why,
        (("region.html#trade-with-russia-and-china", "both records, side by side"),),
    )


def trade_with_russia(ds: Dataset) -> Finding | None:
    """Whether each state's recorded trade with Russia rose or fell from the year before the invasion."""
    summary = t.regional_summary(ds).dropna(subset=["rus_index_last"])
    if summary.empty:
        return None
    rose = [c for c, r in summary.iterrows() if r["rus_index_last"] > 100]
    fell = [c for c, r in summary.iterrows() if r["rus_index_last"] < 100]
    parts = [
        f"{ds.name(c)} {tx.usd_m(r['rus_turnover_base'])} in {int(r['base_year'])} and "
        f"{tx.usd_m(r['rus_turnover_last'])} in {int(r['last_year'])}"
        for c, r in summary.iterrows()
    ]
    lead = []
    if rose:
        lead.append(f"rose for {_names(ds, rose)}")
    if fell:
        lead.append(f"fell for {_names(ds, fell)}")
    bases = set(summary["base_year"].astype(int))
    span = (f"from {INVASION.year - 1}, the year before the invasion, to each state's latest year"
            if bases == {INVASION.year - 1} else "from the year before the invasion (or a state's first year on record) to its latest")
    text = (
        f"Recorded trade with Russia, exports plus imports, {' and '.join(lead) or 'did not change'} {span}: "
        f"{'; '.join(parts)}."
    )
    services = [c for c in summary.index if t.bases(ds, c) == ["goods_and_services"]]
    why = "Each state's own statistics in current US dollars, so price changes are in the figures."
    if services:
        why += f" The figures of {_names(ds, services)} count services as well as goods."
    return Finding(
        text,
        "medium" if services else "high",
        why,
        (("region.html#trade-with-russia-and-china", "trade with Russia, as an index"),),
    )


def remittances(ds: Dataset) -> Finding | None:
    """Where remittances weigh most, in the World Bank's series, and which estimates disagree."""
    last = m.latest(ds)
    if last.empty:
        return None
    parts = [f"{ds.name(c)} {r.value:.2f}% in {r.year}" for c, r in zip(last.index, last.itertuples())]
    text = (
        f"Money sent home by migrants, most of them in Russia, weighs most in {ds.name(last.index[0])}: personal "
        f"remittances as a share of GDP, in each state's latest year, were {'; '.join(parts)}."
    )
    found = m.conflicts(ds, ds.focus)
    missing = [c for c in ds.focus if c not in last.index]
    if found.empty:
        sure, why = "high", "One consistent, revised World Bank series for every state it covers."
    else:
        cases = found.drop_duplicates(["country", "year"])
        where = [f"{ds.name(c)} in {y}" for c, y in zip(cases["country"], cases["year"], strict=True)]
        sure = "medium"
        why = (
            f"The World Bank's series; other published estimates differ from it by more than {m.TOLERANCE:.0%} "
            f"for {tx.names_list(where)}, and both are shown."
        )
    if missing:
        why += f" The series has no value for {_names(ds, missing)}."
    return Finding(text, sure, why, (("region.html#remittances", "remittances, state by state"),))


# --- the source articles ----------------------------------------------------------------------------------


def verdicts(ds: Dataset) -> Finding | None:
    f = cl.summary(ds)
    if not f["n_claims"]:
        return None
    text = (
        f"Of the {tx.count(f['n_claims'], 'claim')} the book checked in {tx.count(f['n_articles'], 'article')}, "
        f"{f['n_supported']} are supported by the data, {f['n_partly']} partly supported and "
        f"{f['n_misstated']} misstated; {f['n_not_verifiable']} cannot be checked with the data the book holds."
    )
    checkable = f["n_claims"] - f["n_not_verifiable"]
    sure = "high" if checkable and f["n_unverified_meta"] == 0 else "medium"
    why = (
        f"Each verdict names its evidence; for {tx.count(f['n_since_then'], 'claim')}, what has happened since "
        "the article appeared is noted beside the verdict."
    )
    if f["n_unverified_meta"]:
        why += (
            f" For {tx.count(f['n_unverified_meta'], 'article')}, the author, date or address could not be confirmed."
        )
    return Finding(text, sure, why, (("sources.html#the-claims-checked", "every claim, with its verdict"),))


def misstatements(ds: Dataset) -> Finding | None:
    counts = cl.verdict_counts(ds)
    counts = counts[counts["misstated"] > 0]
    if counts.empty:
        return None
    order = counts.sort_values("misstated", ascending=False)
    parts = [f"{ds.articles.at[a, 'cite_as']} {r['misstated']} of {r['total']}" for a, r in order.iterrows()]
    text = f"The misstatements, by article (misstated of claims checked): {'; '.join(parts)}."
    return Finding(
        text,
        "high",
        "Each misstatement is set against the figure or record it contradicts.",
        (("sources.html#the-misstatements", "the misstatements and the evidence"),),
    )


def agreement(ds: Dataset) -> Finding | None:
    """On which countries the articles that ascribe a stance agree, and on which they split (two or more
    articles ascribing one)."""
    ag = cl.agreement(ds).drop(index=cl.REGION, errors="ignore")
    ag = ag[ag["with_stance"] >= 2]
    if ag.empty:
        return None
    parts = []
    for key, words in (("agree", "agree on"), ("mostly", "mostly agree on"), ("split", "are split on")):
        places = [f"{ds.name(p)} ({int(ag.at[p, 'with_stance'])})" for p in ag.index if ag.at[p, "agreement"] == key]
        if places:
            parts.append(f"{words} {tx.names_list(places)}")
    text = (
        f"Read against each other (in brackets, how many of the {tx.count(len(ds.articles), 'article')} ascribe "
        f"the country a stance), the articles {tx.names_list(parts)}."
    )
    return Finding(
        text,
        "medium",
        "How an article portrays a country is the book's reading of it, paraphrased and listed article by article.",
        (("sources.html#where-the-articles-agree-and-disagree", "where the articles agree"),),
    )


#: the findings of each question, in the order the page gives them
FINDINGS = {
    "stance": (ranking, leanings, differences, voting),
    "dependence": (trade_shares, china_records, trade_with_russia, remittances),
    "claims": (verdicts, misstatements, agreement),
}


def findings(ds: Dataset, question: str) -> list[Finding]:
    """The question's findings that the data support (the others are left out)."""
    return [f for f in (rule(ds) for rule in FINDINGS[question]) if f is not None]


def findings_list(ds: Dataset, question: str) -> Markup:
    items = []
    for f in findings(ds, question):
        links = join((page_link(page, label) for page, label in f.evidence), "; ")
        items.append(
            Markup(
                '<li class="stancebook-finding"><p>{}</p><p class="stancebook-sure"><strong>How sure: {}.</strong> {}'
                '</p><p class="stancebook-evidence">Evidence: {}.</p></li>'
            ).format(f.text, SURE_LABELS[f.sure], f.why, links)
        )
    if not items:
        return tables.no_data_line("the data support no finding on this question.")
    return Markup('<ol class="stancebook-findings">{}</ol>').format(join(items))


def show_findings(ds: Dataset, question: str) -> None:
    tables.show(findings_list(ds, question))


def sure_rule() -> str:
    """How the page grades its findings, with the thresholds the code uses."""
    return (
        f"A ranking is high only when the {st.LEVEL:.0%} intervals of the stance index separate every state, and low "
        f"when every interval overlaps another's. Another finding about the stance is high when at least "
        f"{SURE_SHARE['high']:.0%} of the state acts behind it rest on the state's own record or on two or more "
        f"independent outlets, medium from {SURE_SHARE['medium']:.0%}, and low below that or when few of the states "
        "are scored on it; the finding on UN votes is high when the change can be told for every state. A finding "
        "about figures is high when it rests on each state's own statistics or one consistent series, and medium "
        f"when other published estimates differ from that series by more than {m.TOLERANCE:.0%}, when it leaves "
        "states out for want of data, mixes goods with goods and services, or rests on figures quoted in the press. "
        "A claim's verdict is high when the article's details are confirmed; how the book reads an article's "
        "portrayal of a country is medium, being a reading."
    )


def facts(ds: Dataset) -> dict[str, object]:
    focus = ds.focus
    return {
        "n_focus": len(focus),
        "focus_names": _names(ds, focus),
        "sure_rule": sure_rule(),
    }


def glue_all(ds: Dataset) -> None:
    glue.glue(CHAPTER, facts(ds))
