"""Source lines: every table and chart in the book names the original publishers of its data."""

from __future__ import annotations

from .data import Dataset


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
