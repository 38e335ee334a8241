"""The data chapter (``chapters/templates/data.ipynb``): every table in ``data/`` with what it holds, whose
figures it carries, and a download link."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...compute import facts as facts_
from ...compute import trade as t
from ...compute.sources import ids_in, is_press
from ...compute.vintage import vintage
from ...data import Dataset
from ...data.schemas import TABLES, Table
from .. import glue, tables
from .. import text as tx
from ..escape import Markup, join

CHAPTER = "data"
#: where the built book keeps its copies of the CSV files, relative to a chapter page
DOWNLOAD_DIR = "../data"


def load(data_dir: str | Path, prepared: str | Path = "") -> Dataset:
    """The part of ``data_dir`` this chapter reads (see ``stancebook.data.scope``); from the build's bundle at
    ``prepared`` when it matches the data (``stancebook.compute.facts.load``)."""
    return facts_.load(data_dir, CHAPTER, prepared=prepared)


def _frame(ds: Dataset, table: Table) -> pd.DataFrame:
    """The table's rows with its key as a column again (loading turns some keys into the index)."""
    frame = ds.table(table.name)
    return frame.reset_index() if frame.index.name and frame.index.name not in frame else frame


def _source_ids(ds: Dataset, table: Table) -> list[str]:
    """The source ids the table's rows name, in first-use order ([] for tables without a source column)."""
    frame = _frame(ds, table)
    ids: list[str] = []
    for column, target in table.refs.items():
        if target == "sources" and column in frame:
            ids += ids_in(frame[[column]].dropna().rename(columns={column: "source_id"}))
    return list(dict.fromkeys(ids))


def sources_cell(ds: Dataset, table: Table) -> str:
    """Whose figures a table carries: the publishers of its data sources, and how many press pages."""
    if table.name == "sources":
        return "The list of sources itself."
    ids = _source_ids(ds, table)
    if not ids:
        return "Compiled by the book: no figures from a publisher."
    publishers = list(dict.fromkeys(str(ds.sources.at[i, "publisher"]) for i in ids if not is_press(i)))
    press = sum(is_press(i) for i in ids)
    if press:
        publishers.append(tx.count(press, "news or official web page"))
    return "; ".join(publishers)


def listing(ds: Dataset, download_dir: str = DOWNLOAD_DIR) -> pd.DataFrame:
    rows = []
    for t in TABLES:
        rows.append({
            "File": Markup('<a href="{}/{}" download><code>{}</code></a>').format(download_dir, t.file, t.file),
            "Rows": str(len(_frame(ds, t))),
            "What it holds": t.description,
            "Columns": join((tables.code(c) for c in t.schema.columns), ", "),
            "Sources": sources_cell(ds, t),
        })
    return pd.DataFrame(rows)


def show_tables(ds: Dataset, download_dir: str = DOWNLOAD_DIR) -> None:
    tables.show(tables.styled(listing(ds, download_dir), "data-files", kind="stancebook-figures stancebook-data-files"),
                tables.small("Source: the book's ", tables.code("data/"), " folder; each row of each table names its "
                             "original publisher through ", tables.code("source_id"), " (see the references)."))


def national_tables_text(ds: Dataset) -> str:
    """Whose national trade tables the importers read (the publishers of the primary series), and which focus
    countries have none."""
    primary = t.primary(ds)
    parts = []
    for reporter, rows in primary.groupby("reporter", sort=False):
        for sid in dict.fromkeys(rows["source_id"]):
            parts.append(f"{ds.sources.at[sid, 'publisher']} ({ds.name(reporter)})")
    none = [ds.name(c) for c in ds.focus if not t.has_series(ds, c)]
    text = f"The national trade tables by partner that the importers read are those of {tx.names_list(parts)}."
    if none:
        text += (f" {tx.names_list(none)} {'publishes' if len(none) == 1 else 'publish'} no such table that the "
                 "book could read, so their trade is known from their partners and from officials' statements.")
    return text


def facts(ds: Dataset) -> dict[str, object]:
    v = vintage(ds)
    return {
        "national_tables_text": national_tables_text(ds),
        "vintage_text": tx.vintage_text(v),
        "n_tables": len(TABLES),
        "n_data_sources": sum(not is_press(i) for i in ds.sources.index),
        "n_press_sources": sum(is_press(i) for i in ds.sources.index),
    }


def glue_all(ds: Dataset) -> None:
    glue.glue(CHAPTER, facts(ds))
