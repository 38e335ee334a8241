"""Source lines: every table and chart in the book names the original publishers of its data."""

from __future__ import annotations

import pandas as pd

from .data import Dataset


def ids_in(rows: pd.DataFrame) -> list[str]:
    """The source ids named by the rows' ``source_id`` cells (several may be joined by ';'), in first-use order."""
    return list(dict.fromkeys(i for cell in rows["source_id"] for i in str(cell).split(";")))


def source_text(ds: Dataset, source_ids: list[str]) -> str:
    """Plain-text source line: publisher, title, version, URL; several sources joined by '; '."""
    parts = []
    for sid in dict.fromkeys(source_ids):
        s = ds.sources.loc[sid]
        parts.append(f"{s['publisher']}, {s['title']} ({s['version']}), {s['url']}")
    return "; ".join(parts)


def source_markdown(ds: Dataset, source_ids: list[str]) -> str:
    """The same line in Markdown, with each title linked to its URL."""
    parts = []
    for sid in dict.fromkeys(source_ids):
        s = ds.sources.loc[sid]
        parts.append(f"{s['publisher']}, [{s['title']}]({s['url']}) ({s['version']})")
    return "Source: " + "; ".join(parts) + "."
