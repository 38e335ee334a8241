"""The methods chapter (``chapters/templates/methods.ipynb``): how the stance is coded, the sensitivity
variants, and the caveats by country."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...compute import stance as st
from ...data import Dataset, scope
from ...data.vocab import EXTERNAL, UN_VOTE
from .. import glue, tables
from .. import text as tx
from ..escape import join

CHAPTER = "methods"


def load(data_dir: str | Path) -> Dataset:
    return scope.load(data_dir, CHAPTER)


def facts(ds: Dataset) -> dict[str, object]:
    years = st.event_years(ds, votes=False)
    return {
        "n_events_total": len(ds.events),
        "events_span": (f"from {years[0]} to {years[1]}" if years and years[0] != years[1] else
                        f"in {years[0]}" if years else "in no year"),
        "n_designations_total": int((ds.events["category"] == EXTERNAL).sum()),
        "n_unverified_events": int((ds.events["confidence"] == "unverified").sum()),
        "n_single_source": int((ds.events["confidence"] == "single-source").sum()),
        "n_sources": len(ds.sources),
        "threshold": "1/3" if abs(st.THRESHOLD - 1 / 3) < 1e-12 else f"{st.THRESHOLD:g}",
        "invasion_date": tx.invasion_date(),
        "fewest_events": fewest_events(ds),
    }


def fewest_events(ds: Dataset) -> str:
    """Which focus country has the fewest acts of its own on record, and how many."""
    own = ds.events[(ds.events["category"] != EXTERNAL) & ds.events["country"].isin(ds.focus)]
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
             "Events kept": "verified by source only" if c.verified_only else "verified and single-source",
             "Weight of rhetoric": f"{c.rhetoric_weight:g}"} for c in st.VARIANTS]
    tables.show(tables.styled(pd.DataFrame(rows), "coding-variants"))


def show_coverage_notes(ds: Dataset) -> None:
    notes = ds.coverage_notes
    if notes.empty:
        return
    tables.show(tables.lines(join([tables.strong(f"{ds.name(r.country)}, {r.topic}"), ": ", r.note])
                             for r in notes.itertuples()))
