"""The country chapter (``chapters/templates/country.ipynb``, executed once per focus country): its facts for
the prose, and every table and chart it shows."""

from __future__ import annotations

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
from ...data.vocab import (BASE_YEAR, CORE_TIES, EXTERNAL, INSTITUTIONS, INVASION, MOBILISATION, REMITTANCES, RUSSIA,
                           UN_VOTE)
from .. import blocks, card, charts, glue, tables
from .. import text as tx
from ..escape import Markup
from ..style import position_css, vote_css

CHAPTER = "country"
#: the other trade figures listed start this many years before the base year
OTHER_FIGURES_LEAD = 2


def load(data_dir: str | Path, iso3: str, prepared: str | Path = "") -> Dataset:
    """The part of ``data_dir`` this chapter reads, for the country (see ``stancebook.data.scope``); from the build's
    bundle at ``prepared`` when it matches the data (``stancebook.compute.facts.load``)."""
    return facts_.load(data_dir, CHAPTER, iso3, prepared)


# --- the prose ------------------------------------------------------------------------------------------

def describe_counts(counts: pd.Series) -> str:
    """'voted yes on none, abstained on 10, voted no on 2 and did not vote on 1'."""
    parts = [f"{tx.VOTE_VERBS[c]} {counts[c] if counts[c] else 'none'}" for c in tx.VOTE_VERBS]
    if counts.get(v.NO_DATA, 0):
        parts.append(f"has no recorded vote in the data for {counts[v.NO_DATA]}")
    return tx.names_list(parts)


def votes_intro(ds: Dataset) -> str:
    """Which resolutions the book follows, and how many came before and after the invasion."""
    res = v.resolutions(ds)
    post = v.resolutions(ds, since=INVASION)
    n_pre = len(res) - len(post)
    span = (f"between {tx.date_text(res['date'].min())} and {tx.date_text(res['date'].max())}"
            if len(res) > 1 else f"on {tx.date_text(res['date'].min())}")
    split = (f"{n_pre} before the full-scale invasion of {tx.invasion_date()}, as a baseline, and {len(post)} after it"
             if n_pre else f"all of them after the full-scale invasion of {tx.invasion_date()}")
    return (f"The book follows {tx.count(len(res), 'Ukraine-related resolution')} that the General Assembly "
            f"adopted by recorded vote {span}: {split}.")


def votes_text(ds: Dataset, iso3: str) -> str:
    """The country's record since the invasion, and how often it voted as Russia did."""
    f = v.country_summary(ds, iso3)
    name = ds.name(iso3)
    return (f"On the {f['n_post']} resolutions since the invasion, {name} {describe_counts(f['post_counts'])}. "
            f"Russia voted no on {f['russia_no']} of them. Both countries cast a vote on {f['both_voted']} of "
            f"these resolutions, and {name}'s vote matched Russia's on {f['same_as_russia']} of those.")


def _record(p: v.Period) -> str:
    """'voted no on 6 and abstained on 5, and 6 of its 11 votes matched Russia's'."""
    parts = [f"{tx.VOTE_VERBS[c]} {p.counts[c]}" for c in tx.VOTE_VERBS if p.counts.get(c, 0)]
    did = tx.names_list(parts)
    if not p.both_cast:
        return f"{did}, so no vote of its matched Russia's"
    return f"{did}, and {p.same} of its {tx.count(p.both_cast, 'vote')} matched Russia's"


CHANGE_VERDICTS = {
    "away": "its voting moved away from Russia's after the invasion",
    "toward": "its voting moved toward Russia's after the invasion",
    "unchanged": "its voting did not change much after the invasion",
    "too_few": "it cast too few votes in one of the periods for the book to say whether its voting changed",
    "never_voted": "it voted in neither period, so its record did not change",
}


def change_text(ds: Dataset, iso3: str) -> str:
    """Whether the country's UN voting changed after the invasion: on every resolution the book follows, then like
    for like on the run of texts voted on most often both before and after."""
    name = ds.name(iso3)
    every = v.before_after(ds, iso3)
    before, after = every["before"], every["after"]
    if not before.n:
        return f"The book holds no UN vote from before the invasion, so it cannot say whether {name}'s voting changed."
    years = (f"from {before.first.year} to {before.last.year}" if before.first.year != before.last.year
             else f"in {before.first.year}")
    text = (f"Before the invasion, on {tx.count(before.n, 'resolution')} {years}, {name} {_record(before)}. "
            f"Since the invasion, on {after.n}, it {_record(after)}. By the book's rule "
            f"({tx.change_rule(v.CHANGE_MIN_SHIFT, v.CHANGE_MIN_CAST)}), {CHANGE_VERDICTS[every['change']]}.")
    series = v.longest_series(ds)
    if series is None or every["change"] == "never_voted":
        return text
    like = v.before_after(ds, iso3, series)
    b, a = like["before"], like["after"]

    def matched(p: v.Period) -> str:
        return f"{p.same} of {p.both_cast} votes matched Russia's" if p.both_cast else "it cast no vote"

    return text + (f" Like for like, on {tx.SERIES_LABELS.get(series, series)}: {matched(b)} before the invasion "
                   f"({b.n} resolutions) and {matched(a)} since ({a.n}).")


def stance_text(ds: Dataset, iso3: str) -> str:
    """The paragraph that opens the country's stance section."""
    f = st.country_summary(ds, iso3)
    name = ds.name(iso3)
    years = f["years"]
    when = f" between {years[0]} and {years[1]}" if years and years[0] != years[1] else (
        f" in {years[0]}" if years else "")
    parts = [f"Besides its UN votes, the book records {tx.count(f['n_events'], 'act')} of {name}'s leaders and "
             f"state bodies{when} that bear on its stance toward Moscow"]
    if f["n_designations"]:
        parts[-1] += (f", and {tx.count(f['n_designations'], 'Western sanctions designation')} of firms or banks "
                      f"in {name}, listed but not counted as its own stance")
    parts[-1] += "."
    toward = [tx.lowered(tx.DIMENSION_LABELS[d]) for d in f["toward"]]
    away = [tx.lowered(tx.DIMENSION_LABELS[d]) for d in f["away"]]
    if toward:
        parts.append(f"Under the book's coding it leans toward Russia on {tx.names_list(toward)}"
                     + (f", and away from it on {tx.names_list(away)}." if away else "."))
    elif away:
        parts.append(f"Under the book's coding it leans away from Russia on {tx.names_list(away)}.")
    if f["did_not_vote"]:
        parts.append(f"{name} did not vote on any of the {f['n_resolutions']} UN resolutions counted since the "
                     "invasion: the book shows that record as a position of its own (did not vote), not as a score.")
    if f["interval"] is None:
        parts.append(f"There is too little evidence to place {name} on the stance index: "
                     f"{tx.count(f['dimensions_scored'], 'dimension')} of the {len(st.DIMENSIONS)} "
                     f"{'has' if f['dimensions_scored'] == 1 else 'have'} {st.MIN_EVENTS} or more events counted, "
                     f"and an index needs {st.MIN_DIMENSIONS} (see the regional chapter).")
    else:
        lo, hi = f["rank_bounds"]
        low, high = f["interval"]
        place = (f"it is {'the closest' if lo == 1 else tx.ordinal(lo) + ' closest'} to Moscow" if lo == hi else
                 f"it is somewhere from {tx.ordinal(lo)} to {tx.ordinal(hi)} closest to Moscow, as its interval "
                 "overlaps others'")
        v_lo, v_hi = f["rank_range"]
        spread = ("its rank does not change under the sensitivity variants that place it" if v_lo == v_hi else
                  f"under the sensitivity variants that place it, it ranks from {tx.ordinal(v_lo)} to "
                  f"{tx.ordinal(v_hi)}")
        parts.append(f"Its stance index is {tx.score(f['index'])} on a scale from −1 (away from Russia on every "
                     f"dimension) to +1 (toward Russia on every dimension), with a {st.LEVEL:.0%} interval from "
                     f"{tx.score(low)} to {tx.score(high)} when its events are resampled. Of the "
                     f"{f['n_ranked']} countries placed, {place}; {spread} (see the regional chapter).")
    return " ".join(parts)


def _partner(ds: Dataset, partner: str) -> str:
    return "the European Union" if partner == t.EU else str(ds.partners.at[partner, "name"])


def trade_text(ds: Dataset, iso3: str) -> str:
    """The opening paragraph on trade (or why there is none)."""
    f = t.country_summary(ds, iso3)
    name = ds.name(iso3)
    if not f:
        mirror = t.mirror_turnover(ds, iso3)
        if mirror.empty:
            return (f"The book has no trade series from {name}'s own statistics, so this section draws no trade "
                    "charts. The figures that do exist are listed below with who reported them.")
        partners = tx.names_list([ds.partners.at[p, "name"] for p in t.PARTNERS if p in mirror])
        return (f"The book has no trade series from {name}'s own statistics. The chart draws instead what its "
                f"partners record as their trade with it ({partners}, from {int(mirror.index.min())} to "
                f"{int(mirror.index.max())}), never mixed with figures of its own; every figure is listed below "
                "with who reported it.")
    base, last, s = f["base_year"], f["last_year"], f["shares"]
    basis = " and ".join(tx.BASIS_LABELS[b] for b in f["bases"])
    when = (f"In {base}, the year before the full-scale invasion," if base == BASE_YEAR else f"In {base},")
    text = (f"{name}'s own statistics ({basis}) give its trade by partner from {f['first_year']} to {last}. "
            f"{when} Russia accounted for {tx.percent(s.at[base, RUSSIA])} of {name}'s total trade and China for "
            f"{tx.percent(s.at[base, t.CHINA])}")
    if last != base:
        text += (f"; in {last} the shares were {tx.percent(s.at[last, RUSSIA])} and "
                 f"{tx.percent(s.at[last, t.CHINA])}")
    text += (f". Of Russia, China, the EU and Türkiye, the largest partner in {last} was "
             f"{_partner(ds, f['top_partner_last'])}.")
    tv = f["russia_turnover"]
    if not tv.empty:
        text += (" Trade with Russia (exports plus imports) was "
                 + tx.names_list([f"{tx.usd_m(x)} in {int(y)}" for y, x in tv.items()]) + ".")
    return text


def remittance_text(ds: Dataset, iso3: str) -> str:
    """The opening paragraph on remittances (World Bank series), or why there is none."""
    f = m.country_summary(ds, iso3)
    name = ds.name(iso3)
    if not f:
        return f"The book has no World Bank remittance series for {name}; see the note below."
    said = [f"{x:.2f}% in {int(y)}" for y, x in f["series"].items()]
    said[0] = said[0].replace("%", "% of GDP", 1)
    text = (f"According to the World Bank ({m.release(ds)}), personal remittances received by {name} from all "
            "countries were "
            f"equal to {tx.names_list(said)}. The series runs from {f['first_year']} to {f['last_year']}; its "
            f"highest value was {f['peak']:.2f}% in {f['peak_year']}.")
    return text + blocks.conflict_sentence(ds, [iso3])


def other_trade_text(ds: Dataset, iso3: str) -> str:
    """How the other published trade figures compare with the country's own statistics, counted."""
    since = BASE_YEAR - OTHER_FIGURES_LEAD
    rows = t.against_own(ds, iso3, since)
    name = ds.name(iso3)
    if rows.empty:
        return f"The book holds no other published trade figures for {name} from {since} on."
    n = tx.count(len(rows), "other figure")
    matched = rows[rows["own"].notna()]
    if not t.has_series(ds, iso3):
        text = (f"The book holds {n} for {name} from {since} on; with no series from its own statistics in the "
                "data, there is nothing of its own to compare them with, and they are listed as published.")
    elif matched.empty:
        text = (f"The book holds {n} for {name} from {since} on, none for a partner, year and flow its own "
                "statistics also give.")
    else:
        wide = int((matched["gap"].abs() > t.TOLERANCE).sum())
        text = (f"The book holds {n} for {name} from {since} on; {len(matched)} of them are for a partner, year and "
                f"flow its own statistics also give, and {wide} of those differ from its own figure by more than "
                f"{t.TOLERANCE:.0%}.")
    latest = latest_reported_text(ds, iso3)
    return f"{text} {latest}" if latest else text


def latest_reported_text(ds: Dataset, iso3: str) -> str:
    """The latest reported figures of the country's trade with Russia, when they are newer than its own series."""
    rows = t.latest_reported(ds, iso3, RUSSIA)
    if rows.empty:
        return ""
    own = t.primary(ds, iso3)
    last_own = int(own["year"].max()) if not own.empty else None
    latest = int(rows["year"].iloc[0])
    figures = [
        f"{tx.PRECISION_MARKS[r.precision].strip() + ' ' if r.precision in ('approximate', 'lower_bound') else ''}"
        f"{tx.usd_m(r.value_usd_m)} ({tx.REPORTED_BY_LABELS[r.reported_by]}"
        f"{', ' + tx.BASIS_LABELS[r.basis] if r.basis != 'not_stated' else ''})"
        for r in rows.itertuples()
    ]
    after = f", after its own series ends in {last_own}" if last_own else ""
    return (f"The latest reported figures for its trade with Russia are for {latest}{after}: "
            f"{tx.names_list(figures)}. They are in the table of other figures below.")


def other_remittance_text(ds: Dataset, iso3: str) -> str:
    """Who published the country's other remittance figures, and how many count money from Russia alone."""
    rows = m.figures(ds, iso3, ("remittances",))
    rows = rows[rows["indicator"] != REMITTANCES]
    name = ds.name(iso3)
    if rows.empty:
        return f"The book holds no other remittance figures for {name}."
    ids = [i for s in rows["source_id"] for i in s.split(";")]
    who = publishers(ds, ids)
    # the indicators of money sent from Russia alone are named so (transfers_from_russia_usd and the like)
    russia = int(rows["indicator"].str.contains("from_russia").sum())
    counts = "counts" if russia == 1 else "count"
    return (f"The book holds {tx.count(len(rows), 'other remittance figure')} for {name}, from "
            f"{tx.names_list(who)}" + (f"; {russia} of them {counts} the money sent from Russia alone" if russia else "")
            + ". They cover different periods and definitions, so they are listed rather than charted.")


def facts(ds: Dataset, iso3: str) -> dict[str, object]:
    """Every value the chapter's prose glues (declared in ``stancebook.present.glue.REGISTRY``)."""
    return {
        "stance_text": stance_text(ds, iso3),
        "votes_intro": votes_intro(ds),
        "votes_text": votes_text(ds, iso3),
        "votes_change": change_text(ds, iso3),
        "trade_text": trade_text(ds, iso3),
        "remittance_text": remittance_text(ds, iso3),
        "other_trade_text": other_trade_text(ds, iso3),
        "other_remittance_text": other_remittance_text(ds, iso3),
        "invasion_date": tx.invasion_date(),
        "mobilisation_date": tx.date_text(MOBILISATION),
    }


def glue_all(ds: Dataset, iso3: str) -> None:
    glue.glue(CHAPTER, facts(ds, iso3))


# --- profile and votes ----------------------------------------------------------------------------------

def profile_table(ds: Dataset, iso3: str):
    c = ds.countries.loc[iso3]
    counts = v.vote_counts(ds, iso3)
    n = len(v.resolutions(ds))
    rows = {
        "ISO 3166-1 code": iso3,
        "UN geographic sub-region (M49)": c["m49_subregion"],
        "Member of the United Nations since": tx.date_text(c["un_member_since"]),
        "Role in this book": "focus country" if c["role"] == "focus" else "comparison country",
        "Recorded votes in this book's data": f"{n - counts[v.NO_DATA]} of {n} resolutions",
    }
    frame = pd.DataFrame({"": list(rows), " ": list(rows.values())})
    return tables.styled(frame, f"profile-{iso3.lower()}", kind="stancebook-profile", header=False)


def show_card(ds: Dataset, iso3: str) -> None:
    tables.show(card.card(ds, iso3))


def show_profile(ds: Dataset, iso3: str) -> None:
    source = tables.source_line(ds, ds.countries.at[iso3, "source_id"].split(";") + v.source_ids(ds, [iso3]))
    tables.show(tables.folded(profile_table(ds, iso3), "Codes, UN membership and the votes on record", above=0,
                              inside=source))


def vote_table(ds: Dataset, iso3: str, compare: str = RUSSIA):
    """The country's vote on each resolution, the comparison country's, and the world tally."""
    cv = v.country_votes(ds, iso3, compare)
    res = v.resolutions(ds)
    columns = [
        ("Date", [tx.short_date(d) for d in cv["date"]], ""),
        ("Resolution", blocks.labelled(res).tolist(), ""),
        ("Subject", cv["title"].tolist(), ""),
        (ds.name(iso3), [tx.VOTE_LABELS.get(c, tx.NO_DATA) for c in cv["vote"]], [vote_css(c) for c in cv["vote"]]),
    ]
    if compare != iso3:
        columns.append((ds.name(compare), [tx.VOTE_LABELS.get(c, tx.NO_DATA) for c in cv["compare_vote"]],
                        [vote_css(c) for c in cv["compare_vote"]]))
    columns.append(("World: yes–no–abstain (not voting)",
                    [f"{r.yes}–{r.no}–{r.abstain} ({'not stated' if pd.isna(r.non_voting) else r.non_voting})"
                     for r in cv.itertuples()], ""))
    table = pd.DataFrame({i: values for i, (_, values, _) in enumerate(columns)})
    css = pd.DataFrame({i: css for i, (_, _, css) in enumerate(columns)}, index=table.index)
    table.columns = [label for label, _, _ in columns]
    return tables.styled(table, f"votes-{iso3.lower()}", kind="stancebook-votes", css=css)


def show_votes(ds: Dataset, iso3: str, compare: str = RUSSIA) -> None:
    tables.show(tables.folded(vote_table(ds, iso3, compare), "The votes, resolution by resolution"),
                blocks.vote_source(ds, [iso3, compare]))


# --- stance ---------------------------------------------------------------------------------------------

def stance_table(ds: Dataset, iso3: str):
    s = st.stance_table(ds, iso3)
    latest = []
    for r in s.itertuples():
        e = r.latest
        latest.append(tx.NO_VALUE if e is None else f"{tx.event_date(e['date'])}: {blocks.event_summary(e)}")
    table = pd.DataFrame({
        "Dimension": [tx.DIMENSION_LABELS[d] for d in s.index],
        "Position": [tx.POSITION_LABELS[p] for p in s["position"]],
        "Score": [tx.score(x) for x in s["score"]],
        "Events counted (toward / hedging / away)": [
            f"{r.events} ({r.toward} / {r.hedging} / {r.away})" + (f"; {r.not_counted} not counted"
                                                                  if r.not_counted else "")
            for r in s.itertuples()],
        "Latest event counted": latest,
    })
    css = pd.DataFrame("", index=table.index, columns=table.columns)
    css["Position"] = [position_css(p) for p in s["position"]]
    return tables.styled(table, f"stance-{iso3.lower()}", css=css)


def show_stance(ds: Dataset, iso3: str) -> None:
    tables.show(stance_table(ds, iso3), tables.small(
        "Score: the mean of the events counted, with toward Russia = +1, hedging = 0, away = −1; the position "
        f"leans one way beyond ±{tx.fraction(st.THRESHOLD)}, and a dimension is scored only from {st.MIN_EVENTS} or "
        "more events. Not counted: acts of firms, of the press and of other states, events in doubt, gatherings "
        "every focus state attended, and UN resolutions the country did not vote on. The coding is set out in the "
        "methods chapter."),
        blocks.stance_source(ds, iso3))


def events_table(ds: Dataset, iso3: str):
    ev = st.country_events(ds, iso3)
    ev = ev[ev["category"] != UN_VOTE]
    if ev.empty:
        return None
    table = pd.DataFrame({
        "Date": [tx.event_date(d) for d in ev["date"]],
        "Category": ev["category"].map(tx.CATEGORY_LABELS).values,
        "Direction": [direction_cell(a, d, doubt, shared) for a, d, doubt, shared in
                      zip(ev["actor_type"], ev["direction"], ev["doubt"], ev["shared"], strict=True)],
        "What happened": ev["summary"].values,
        "Sourcing": [tx.GRADE_LABELS[g] + (f"; in doubt: {d}" if pd.notna(d) else "")
                     for g, d in zip(ev["grade"], ev["doubt"], strict=True)],
        "Sources": [tables.source_links(ds, s) for s in ev["source_id"]],
    })
    return tables.styled(table, f"events-{iso3.lower()}")


def direction_cell(actor_type: str, direction: str, doubt: object, shared: bool = False) -> str:
    """An event's direction, or why it is listed and not scored."""
    if actor_type != "state":
        return f"not scored ({tx.ACTOR_TYPE_LABELS[actor_type]})"
    label = tx.DIRECTION_LABELS[direction]
    if pd.notna(doubt):
        return f"not scored (in doubt; {tx.lowered(label)} if confirmed)"
    if shared:
        return f"{label}; not scored (a gathering every focus state attended)"
    return label


def show_events(ds: Dataset, iso3: str) -> None:
    table = events_table(ds, iso3)
    if table is None:
        tables.show(tables.no_data_line(f"the book records no stance events for {ds.name(iso3)}."))
        return
    tables.show(tables.folded(table, "The events, one row each"), tables.small(
        "UN votes are in the vote table above. Sourcing is computed from the pages linked in each row: ",
        tables.em(tx.GRADE_LABELS["primary"]), " (a record of the state or organisation itself), ",
        tables.em(tx.GRADE_LABELS["corroborated"]), ", ", tables.em(tx.GRADE_LABELS["single"]), ", or ",
        tables.em(tx.GRADE_LABELS["state_media"]), "; each outlet is named once, further pages of it as [2], [3]. "
        "Source: the pages linked in each row."))


def ties_table(ds: Dataset, iso3: str):
    ties = ds.institutions[ds.institutions["country"] == iso3]
    if ties.empty:
        return None
    order = {k: i for i, k in enumerate(INSTITUTIONS)}
    ties = ties.sort_values("institution", key=lambda s: s.map(order))
    table = pd.DataFrame({
        "Institution or tie": ties["institution"].map(tx.INSTITUTION_LABELS).values,
        "Status": ties["status"].values,
        "Since": [tx.event_date(x) if pd.notna(x) else "not known" for x in ties["since"]],
        "Detail": ties["detail"].values,
        "Source": [tables.source_links(ds, s) for s in ties["source_id"]],
    })
    return tables.styled(table, f"ties-{iso3.lower()}")


def show_ties(ds: Dataset, iso3: str) -> None:
    table = ties_table(ds, iso3)
    if table is None:
        tables.show(tables.no_data_line(f"the book records no institutional ties for {ds.name(iso3)}."))
        return
    missing = [tx.INSTITUTION_LABELS[k] for k in CORE_TIES
               if not ((ds.institutions["country"] == iso3) & (ds.institutions["institution"] == k)).any()]
    tables.show(tables.folded(table, "The ties, one row each", above=0),
                tables.no_data_line(f"no sourced status for {tx.names_list(missing)}.") if missing else None,
                tables.small("Ties are structural and mostly older than the war: they are shown beside the stance, "
                             "not scored in it. Source: the pages linked in each row."))


def show_claims(ds: Dataset, iso3: str) -> None:
    c = cl.claims_for(ds, country=iso3)
    if c.empty:
        tables.show(tables.paragraph(f"The source articles make no checked claim about {ds.name(iso3)} alone."))
        return
    table = blocks.claims_table(ds, c, f"claims-{iso3.lower()}")
    # the PDF lists every claim once, in the chapter on the source articles
    elsewhere = (f"The claims about {ds.name(iso3)} are listed, article by article, in the chapter on the source "
                 "articles.")
    tables.show(tables.folded(table, "The claims and their verdicts", above=0, in_print=elsewhere), tables.small(
        "Claims about the region as a whole are in the chapter on the source articles. Source: the evidence "
        "linked in each row."))


def show_stance_timeline(ds: Dataset, iso3: str) -> None:
    charts.show(charts.stance_timeline(ds, iso3))


def show_vote_timeline(ds: Dataset, iso3: str) -> None:
    charts.show(charts.vote_timeline(ds, iso3), source=tables.paragraph(
        "Source: as for the vote table above.", css_class="stancebook-source"))


# --- trade, remittances, migration ----------------------------------------------------------------------

def coverage_note(ds: Dataset, iso3: str, topic: str) -> Markup | None:
    """The curated note on the country's coverage of the topic, unless a 'no data' note already gives it."""
    note = ds.coverage_note(iso3, topic)
    charted = {"trade": t.has_series(ds, iso3), "remittances": iso3 in m.remittances(ds, [iso3])}
    return tables.note(note) if note and charted.get(topic, True) else None


def show_note(ds: Dataset, iso3: str, topic: str) -> None:
    tables.show(coverage_note(ds, iso3, topic))


def show_trade(ds: Dataset, iso3: str) -> None:
    """The trade charts from the country's own statistics (partners, shares, and its record of trade with China
    against China's customs where both exist) and their note; without its own series, a 'no data' note with its
    reason and the chart of what its partners record."""
    if not t.has_series(ds, iso3):
        # a 'no data' note, then the partners' own records instead, titled as such and never mixed with the
        # country's statistics
        mirror = charts.mirror_trade(ds, iso3)
        charts.show(charts.trade_partners(ds, iso3), *([] if isinstance(mirror, charts.NoData) else [mirror]))
        return
    china = charts.china_records(ds, [iso3])
    charts.show(charts.trade_partners(ds, iso3), charts.partner_shares(ds, iso3),
                *([] if isinstance(china, charts.NoData) else [china]))
    show_note(ds, iso3, "trade")


def other_trade_table(ds: Dataset, iso3: str, since: int):
    """Figures not in the primary series (mirror data, quoted figures) since ``since``, with their flags."""
    rows = t.against_own(ds, iso3, since)
    if rows.empty:
        return None
    derived = "derived (arithmetic on published figures)"
    table = pd.DataFrame({
        "Year": [tx.year_and_months(y, m) for y, m in zip(rows["year"], rows["months"], strict=True)],
        "Partner": rows["partner"].map(ds.partners["name"]).values,
        "Flow": rows["flow"].values,
        "Million US$": [f"{x:,.1f}" for x in rows["value_usd_m"]],
        "Reported by": rows["reported_by"].map(tx.REPORTED_BY_LABELS).values,
        "Basis": rows["basis"].map(tx.BASIS_LABELS).values,
        "Precision": [", ".join(x for x in (tx.PRECISION_LABELS[p], derived if f == "derived" else "") if x)
                      for p, f in zip(rows["precision"], rows["figure"])],
        "Source": [tables.source_links(ds, s) for s in rows["source_id"]],
    })
    return tables.styled(table, f"trade-other-{iso3.lower()}")


def show_other_trade(ds: Dataset, iso3: str) -> None:
    since = BASE_YEAR - OTHER_FIGURES_LEAD
    table = other_trade_table(ds, iso3, since)
    if table is None:
        tables.show(tables.paragraph(
            f"No other published trade figures for {ds.name(iso3)} since {since} are in the data."))
        return
    tables.show(tables.folded(table, "The other published figures"), tables.small(
        f"Figures from {since} on; earlier years, and the EU block as published with the United Kingdom, are in ",
        tables.code("data/trade.csv"), ". Source: the publisher in each row (as cited by the page linked)."))


def indicator_table(ds: Dataset, iso3: str, topics: tuple[str, ...], exclude: tuple[str, ...] = ()):
    """The country's figures on the topics: what is counted, period, value, and who published it."""
    rows = m.figures(ds, iso3, topics)
    rows = rows[~rows["indicator"].isin(exclude)]
    if rows.empty:
        return None
    # the definition is given once, on the first of the rows that measure the same thing in a run
    first = rows["indicator"].ne(rows["indicator"].shift())
    table = pd.DataFrame({
        "Indicator": [Markup("{}<br><span class='stancebook-definition'>{}</span>").format(r.label, r.definition)
                      if new else Markup("{}<br><span class='stancebook-definition'>(as above)</span>").format(r.label)
                      for r, new in zip(rows.itertuples(), first, strict=True)],
        "Period": [tx.period_label(p) + (f" ({d})" if isinstance(d, str) else "")
                   for p, d in zip(rows["period"], rows["period_detail"])],
        "Figure": [tx.format_value(r.value, r.unit, r.precision, r.value_high) for r in rows.itertuples()],
        "Unit": rows["unit"].values,
        "Source": [tables.source_links(ds, s) for s in rows["source_id"]],
    })
    return tables.styled(table, f"indicators-{iso3.lower()}-{'-'.join(topics)}")


def show_indicators(ds: Dataset, iso3: str, topics: tuple[str, ...], exclude: tuple[str, ...] = ()) -> None:
    table = indicator_table(ds, iso3, topics, exclude)
    if table is None:
        what = {"remittances": "other remittance", "opinion": "opinion poll"}.get(topics[0], topics[0])
        tables.show(tables.no_data_line(f"the book holds no {what} figures for {ds.name(iso3)}."))
        return
    tables.show(tables.folded(table, "The figures, with their sources"), tables.small(
        "Source: the publisher in each row, as cited by the page linked. Figures with different units count "
        "different things and are not added together."))


def show_remittances(ds: Dataset, iso3: str) -> None:
    charts.show(charts.remittance_share(ds, iso3))
    conflicts = blocks.remittance_conflicts(ds, [iso3])
    if conflicts is not None:
        tables.show(*conflicts)
    show_note(ds, iso3, "remittances")


def show_other_remittances(ds: Dataset, iso3: str) -> None:
    show_indicators(ds, iso3, ("remittances",), exclude=(REMITTANCES,))


def show_migration(ds: Dataset, iso3: str) -> None:
    show_note(ds, iso3, "migration")
    show_indicators(ds, iso3, ("migration", "mobilisation"))


def show_opinion(ds: Dataset, iso3: str) -> None:
    show_indicators(ds, iso3, ("opinion",))
