"""The methods chapter (``chapters/templates/methods.ipynb``): how the stance is coded, the sensitivity
variants, and the caveats by country."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...compute import facts as facts_
from ...compute import migration as m
from ...compute import stance as st
from ...compute.sources import grades, outlet_types
from ...data import Dataset
from ...data.vocab import EXTERNAL, OUTLET_TYPES, STATE_MEDIA, UN_VOTE
from .. import glue, tables
from .. import text as tx
from ..escape import join

CHAPTER = "methods"


def load(data_dir: str | Path, prepared: str | Path = "") -> Dataset:
    """The part of ``data_dir`` this chapter reads (see ``stancebook.data.scope``); from the build's bundle at
    ``prepared`` when it matches the data (``stancebook.compute.facts.load``)."""
    return facts_.load(data_dir, CHAPTER, prepared=prepared)


def facts(ds: Dataset) -> dict[str, object]:
    years = st.event_years(ds, votes=False)
    state = ds.events[ds.events["actor_type"] == "state"]
    graded = grades(ds, state["source_id"]).value_counts()
    kinds = outlet_types(ds)
    revisions = ds.revisions
    dropped = revisions[revisions["change"] == "dropped"]
    return {
        "n_events_total": len(ds.events),
        "events_span": (f"from {years[0]} to {years[1]}" if years and years[0] != years[1] else
                        f"in {years[0]}" if years else "in no year"),
        "n_designations_total": int((ds.events["category"] == EXTERNAL).sum()),
        "n_not_state": int(((ds.events["actor_type"] != "state") & (ds.events["category"] != EXTERNAL)).sum()),
        "n_doubtful_events": int(ds.events["doubt"].notna().sum()),
        "n_primary": int(graded.get("primary", 0)),
        "n_corroborated": int(graded.get("corroborated", 0)),
        "n_single_outlet": int(graded.get("single", 0)),
        "n_state_media_only": int(graded.get("state_media", 0)),
        "n_sources": len(ds.sources),
        "n_outlets": ds.sources["outlet"].map(ds.outlets["outlet"]).nunique(),
        "n_state_media_sources": int(kinds.isin(STATE_MEDIA).sum()),
        "n_revisions": len(revisions),
        "n_rows_dropped": int((dropped["table"] != "events").sum()),
        "n_events_dropped": int((dropped["table"] == "events").sum()),
        "n_sources_replaced": int(revisions["change"].isin(("source added", "source replaced")).sum()),
        "threshold": tx.fraction(st.THRESHOLD),
        "invasion_date": tx.invasion_date(),
        "fewest_events": fewest_events(ds),
        "review_text": review_text(ds),
        "min_events": st.MIN_EVENTS,
        "min_dimensions": st.MIN_DIMENSIONS,
        "draws": f"{st.DRAWS:,}",
        "level": f"{st.LEVEL:.0%}",
        "shared_text": shared_text(ds),
        "worked_example": worked_example(ds),
        "remittance_release": m.release(ds),
        "tolerance": f"{m.TOLERANCE:.0%}",
    }


def review_text(ds: Dataset) -> str:
    """What this edition's rules change in the index against the first edition's: how many events leave the
    scores, who is no longer placed, whose position or rank moves."""
    r = st.review(ds)
    r = r[r["index"].notna() | r["index_before"].notna()]
    if r.empty:
        return "No focus country has an index under either set of rules."
    names = lambda cs: tx.names_list([ds.name(c) for c in cs])  # noqa: E731
    fewer = r[r["scored"] < r["scored_before"]]
    unplaced = [c for c in r.index if pd.isna(r.at[c, "index"]) and pd.notna(r.at[c, "index_before"])]
    both = [c for c in r.index if pd.notna(r.at[c, "index"]) and pd.notna(r.at[c, "index_before"])]
    moved = [c for c in both if r.at[c, "position"] != r.at[c, "position_before"]]
    reranked = [c for c in both if r.at[c, "rank"] != r.at[c, "rank_before"]]
    parts = []
    if fewer.empty:
        parts.append("The new rules take no event out of any score.")
    else:
        parts.append(f"The new rules take {tx.count(int((fewer['scored_before'] - fewer['scored']).sum()), 'event')} "
                     f"out of the scores of {names(fewer.index)}.")
    if unplaced:
        parts.append(f"{names(unplaced)} {'is' if len(unplaced) == 1 else 'are'} no longer placed: too little "
                     "evidence is left once single events no longer set a dimension.")
    if moved:
        parts.append(f"The position read from the index changes for {names(moved)}.")
    elif both:
        parts.append("No country placed under both keeps a different position.")
    if reranked:
        parts.append(f"Among the countries placed under both, the ranks of {names(reranked)} change.")
    elif len(both) > 1:
        parts.append("The countries placed under both keep their order.")
    return " ".join(parts)


def shared_text(ds: Dataset) -> str:
    """The gatherings every focus state attended, by date, and how many acts they account for."""
    events = [st.country_events(ds, c) for c in ds.focus]
    shared = pd.concat([e[e["shared"]] for e in events]) if events else pd.DataFrame()
    if shared.empty:
        return "The events record no gathering that every focus state attended."
    days = sorted(set(shared["date"]))  # ISO dates, some a month only: text order is date order
    return (f"The events record {tx.count(len(days), 'such gathering')} "
            f"({tx.names_list([tx.long_event_date(d) for d in days])}), "
            f"{tx.count(len(shared), 'act')} across the {tx.count(len(ds.focus), 'state')}.")


def example_country(ds: Dataset) -> str | None:
    """The country the worked example follows: the placed country with the most dimensions scored (file order
    breaks ties); None when no country is placed."""
    placed = st.placed(ds)
    placed = placed[placed["placed"]]
    if placed.empty:
        return None
    return max(placed.index, key=lambda c: (placed.at[c, "dimensions"], -list(ds.focus).index(c)))


def worked_example(ds: Dataset) -> str:
    """The index of one country computed step by step, in words, from its counts."""
    c = example_country(ds)
    if c is None:
        return "No country has enough events for an index, so there is no example to work through."
    table = st.stance_table(ds, c)
    scored = table[table["score"].notna()]
    u = st.uncertainty(ds)
    first = scored.iloc[0]
    dim = tx.lowered(tx.DIMENSION_LABELS[scored.index[0]])
    few = table[table["position"] == st.TOO_FEW]
    parts = [
        f"Take {ds.name(c)}. On {dim} it has {tx.count(int(first['events']), 'event')} counted: "
        f"{int(first['toward'])} toward Russia, {int(first['hedging'])} hedging and {int(first['away'])} away, so "
        f"the score is ({int(first['toward'])} − {int(first['away'])}) ÷ {int(first['events'])} = "
        f"{tx.score(first['score'])}."
    ]
    if not few.empty:
        parts.append(f"{tx.capitalised(tx.names_list([tx.lowered(tx.DIMENSION_LABELS[d]) for d in few.index]))} "
                     f"{'has' if len(few) == 1 else 'have'} fewer than {st.MIN_EVENTS} events and "
                     f"{'is' if len(few) == 1 else 'are'} not scored.")
    parts.append(f"The index is the mean of its {tx.count(len(scored), 'scored dimension')} "
                 f"({', '.join(tx.score(x) for x in scored['score'])}): "
                 f"{tx.score(st.index_table(ds, (st.BASE,)).at[c, st.BASE.key])}.")
    parts.append(f"Drawing each dimension's events again {st.DRAWS:,} times, the index falls between "
                 f"{tx.score(u.at[c, 'low'])} and {tx.score(u.at[c, 'high'])} in {st.LEVEL:.0%} of the draws, "
                 f"and {ds.name(c)} is first in {u.at[c, 'p_rank_1']:.0%} of them.")
    return " ".join(parts)


def fewest_events(ds: Dataset) -> str:
    """Which focus country has the fewest acts of its own on record, and how many."""
    own = ds.events[(ds.events["actor_type"] == "state") & ds.events["country"].isin(ds.focus)]
    counts = own["country"].value_counts().reindex(ds.focus, fill_value=0)
    if counts.empty:
        return "no focus country has any"
    least = counts[counts == counts.min()].index
    return f"{tx.names_list([ds.name(c) for c in least])} ({tx.count(int(counts.min()), 'act')})"


def glue_all(ds: Dataset) -> None:
    glue.glue(CHAPTER, facts(ds))


def show_coding(ds: Dataset) -> None:
    dims = pd.DataFrame({
        "Dimension": [tx.DIMENSION_LABELS[d] for d in st.DIMENSIONS],
        "Events it counts": [(f"UN General Assembly votes since {tx.invasion_date()} (from the UN voting record)"
                              if cat == UN_VOTE else f"events of category '{cat}'")
                             for cat in st.DIMENSIONS.values()],
    })
    tables.show(tables.styled(dims, "coding-dimensions"))


def show_variants(ds: Dataset) -> None:
    rows = [{"Variant": tx.VARIANT_LABELS[c.key],
             "Not voting": "counts as abstaining (0)" if c.non_voting_as_abstention else "left out",
             "Events kept": ("primary or corroborated only" if c.verified_only else
                             "all but those resting only on state media" if c.no_state_media else "all graded events"),
             "Weight of rhetoric": f"{c.rhetoric_weight:g}",
             "Fewest events per dimension": str(c.min_events),
             "Fewest dimensions to place": str(c.min_dimensions),
             "Gatherings all attended": "scored" if c.count_shared else "listed, not scored"} for c in st.VARIANTS]
    tables.show(tables.styled(pd.DataFrame(rows), "coding-variants"))


def show_policy(ds: Dataset) -> None:
    """The source policy: each kind of outlet, what it may carry, and how many of the book's sources it holds."""
    kinds = outlet_types(ds).value_counts()
    rows = [{"Kind of outlet": tx.OUTLET_TYPE_LABELS[k], "May carry": OUTLET_TYPES[k],
             "Sources in the book": int(kinds.get(k, 0))} for k in OUTLET_TYPES]
    tables.show(tables.styled(pd.DataFrame(rows), "source-policy"), tables.small(
        "Every web domain the sources are on is listed with its outlet and kind in data/outlets.csv; the book "
        "refuses to build if a source's domain is missing, if anything rests on a disinformation outlet or on an "
        "aggregator alone, or if a state-affiliated page does not name the official it reports."))


def show_review(ds: Dataset) -> None:
    """The index and rank of each focus country under the current rule on whose acts count and the earlier one."""
    r = st.review(ds)
    table = pd.DataFrame({
        "Country": [ds.name(c) for c in r.index],
        "Events scored": [str(int(x)) for x in r["scored"]],
        "Index": [tx.score(x) for x in r["index"]],
        "Rank": [tx.NO_VALUE if pd.isna(x) else str(int(x)) for x in r["rank"]],
        "Events scored, earlier rule": [str(int(x)) for x in r["scored_before"]],
        "Index, earlier rule": [tx.score(x) for x in r["index_before"]],
        "Rank, earlier rule": [tx.NO_VALUE if pd.isna(x) else str(int(x)) for x in r["rank_before"]],
    })
    tables.show(tables.styled(table, "review-index"), tables.small(
        "Earlier rules, as in the first edition: acts of firms, of the press and other states' statements about a "
        "country scored as its own (Western designations excepted), a dimension scored from a single event, every "
        "country with a scored dimension placed, and gatherings every state attended scored. Rank 1 is closest to "
        "Moscow; – means not placed."))


def change_label(change: str) -> str:
    """A kind of revision in words: 'not scored: firm' -> 'not scored (act of a firm)'."""
    if change.startswith("not scored: "):
        return f"not scored ({tx.ACTOR_TYPE_LABELS[change.removeprefix('not scored: ')]})"
    return change


def show_revisions(ds: Dataset) -> None:
    """Every change the review made, by table and kind, then each change with its reason."""
    rev = ds.revisions
    if rev.empty:
        tables.show(tables.no_data_line("the data record no revisions."))
        return
    counts = rev.groupby(["table", "change"]).size().reset_index(name="n")
    summary = pd.DataFrame({"Table": counts["table"].values, "Change": counts["change"].map(change_label).values,
                            "Rows": [str(n) for n in counts["n"]]})
    listing = pd.DataFrame({"Table": rev["table"].values, "Row": rev["key"].values,
                            "Change": rev["change"].map(change_label).values, "Reason": rev["reason"].values})
    # a row's key (e.g. an indicator's code and period) may be long and has no spaces: let it wrap, so that the
    # reasons keep their room
    wide_reason = [
        {"selector": "td.col1", "props": "overflow-wrap: anywhere; min-width: 9em; max-width: 14em;"},
        {"selector": "td.col3", "props": "min-width: 18em;"},
    ]
    tables.show(tables.styled(summary, "revisions-summary"),
                tables.folded(tables.styled(listing, "revisions-list", extra_styles=wide_reason),
                              "Every change, with its reason",
                              in_print=f"The {len(listing)} changes, each with its reason, are listed in the online "
                                       "edition of this chapter and in data/revisions.csv."),
                tables.small("The full list, with the pages added and removed, is data/revisions.csv."))


def show_coverage_notes(ds: Dataset) -> None:
    notes = ds.coverage_notes
    if notes.empty:
        return
    tables.show(tables.lines(join([tables.strong(f"{ds.name(r.country)}, {r.topic}"), ": ", r.note])
                             for r in notes.itertuples()))
