"""The data chapter: every table in ``data/`` with what it holds, whose figures it carries, and a download link."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import Markdown, display

from .bib import DATA, PRESS, group
from .data import Dataset
from .report import glue
from .report_stance import _styled
from .schemas import TABLES, Table
from .vintage import vintage

#: where the built book keeps its copies of the CSV files, relative to a chapter page
DOWNLOAD_DIR = "../data"


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
            ids += [i for cell in frame[column].dropna() for i in str(cell).split(";")]
    return list(dict.fromkeys(ids))


def sources_cell(ds: Dataset, table: Table) -> str:
    """Whose figures a table carries: the publishers of its data sources, and how many press pages."""
    if table.name == "sources":
        return "The list of sources itself."
    ids = _source_ids(ds, table)
    if not ids:
        return "Compiled by the book: no figures from a publisher."
    publishers = list(dict.fromkeys(ds.sources.at[i, "publisher"] for i in ids if group(i) == DATA))
    press = sum(group(i) == PRESS for i in ids)
    parts = [html.escape(p) for p in publishers]
    if press:
        parts.append(f"{press} news or official web page{'s' if press != 1 else ''}")
    return "; ".join(parts)


def data_table_listing(ds: Dataset, download_dir: str = DOWNLOAD_DIR) -> pd.DataFrame:
    rows = []
    for t in TABLES:
        frame = _frame(ds, t)
        columns = list(t.schema.columns)
        rows.append({
            "File": f'<a href="{download_dir}/{t.file}" download><code>{t.file}</code></a>',
            "Rows": len(frame),
            "What it holds": html.escape(t.description),
            "Columns": ", ".join(f"<code>{c}</code>" for c in columns),
            "Sources": sources_cell(ds, t),
        })
    return pd.DataFrame(rows)


def show_data_tables(ds: Dataset, download_dir: str = DOWNLOAD_DIR) -> None:
    display(_styled(data_table_listing(ds, download_dir), "data-files", "stancebook-figures stancebook-data-files"))
    display(Markdown("Source: the book's `data/` folder; each row of each table names its original publisher "
                     "through `source_id` (see the references)."))


def glue_data(ds: Dataset) -> None:
    v = vintage(ds)
    glue("vintage_text", v.text())
    glue("data_fingerprint", v.fingerprint)
    glue("n_tables", len(TABLES))
    glue("n_data_sources", sum(group(i) == DATA for i in ds.sources.index))
    glue("n_press_sources", sum(group(i) == PRESS for i in ds.sources.index))
