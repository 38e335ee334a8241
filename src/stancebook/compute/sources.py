"""Which sources stand behind rows of the tables, and how well: every table and chart names the publishers of its
data, and every event is graded from the kinds of outlet behind it (the source policy, ``data/outlets.csv``)."""

from __future__ import annotations

import pandas as pd

from ..data import Dataset
from ..data.vocab import INDEPENDENT, PRESS_PREFIX, PRIMARY, STATE_MEDIA
from . import memo


def ids_in(rows: pd.DataFrame) -> list[str]:
    """The source ids named by the rows' ``source_id`` cells (several may be joined by ';'), in first-use order."""
    return list(dict.fromkeys(i for cell in rows["source_id"] for i in str(cell).split(";")))


def publishers(ds: Dataset, source_ids: list[str]) -> list[str]:
    """The distinct publishers of these sources, in alphabetical order (to name the outlets behind figures)."""
    return sorted({ds.sources.at[i, "publisher"] for i in source_ids})


def is_press(source_id: str) -> bool:
    """Press and web pages (the evidence for dated events) are told apart from data sources by their id."""
    return source_id.startswith(PRESS_PREFIX)


def outlet_types(ds: Dataset) -> pd.Series:
    """Each source's kind of outlet in the source policy (``outlets.csv``), by source id."""
    return ds.sources["outlet"].map(ds.outlets["type"])


def is_state_media(ds: Dataset, source_id: str) -> bool:
    """Whether a source is a page of state-affiliated media (flagged wherever it is shown)."""
    return ds.outlets.at[ds.sources.at[source_id, "outlet"], "type"] in STATE_MEDIA


def grade(ds: Dataset, cell: str) -> str:
    """How well a row is sourced, from the sources its ``source_id`` cell names (one of GRADES):

    - ``primary``: a record of the state or organisation that acted (an official or intergovernmental source);
    - ``corroborated``: two or more independent outlets (independent media or academic), counted by outlet, not
      by page (two pages of one outlet are one source);
    - ``single``: one independent outlet;
    - ``state_media``: only state-affiliated media (with aggregators or reprints, which add nothing).
    """
    return memo.once(ds, ("grader",), lambda: _grader(ds))(cell)


def grades(ds: Dataset, cells: pd.Series) -> pd.Series:
    """``grade`` of each cell, keeping the index (each distinct cell graded once)."""
    of = memo.once(ds, ("grader",), lambda: _grader(ds))
    graded = {cell: of(cell) for cell in cells.unique()}
    return cells.map(graded)


def _grader(ds: Dataset):
    """``grade`` for this dataset, with the source policy read into plain lookups once."""
    outlet_of = ds.sources["outlet"].to_dict()
    kind_of = ds.outlets["type"].to_dict()
    name_of = ds.outlets["outlet"].to_dict()

    def of(cell: str) -> str:
        outlets = [outlet_of[i] for i in str(cell).split(";")]  # a KeyError, as .loc gave, for an unknown id
        kinds = [kind_of.get(o) for o in outlets]
        if any(k in PRIMARY for k in kinds):
            return "primary"
        independent = len({name_of[o] for o, k in zip(outlets, kinds, strict=True) if k in INDEPENDENT})
        if independent >= 2:
            return "corroborated"
        if independent == 1:
            return "single"
        return "state_media"

    return of
