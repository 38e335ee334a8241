"""What an importer gives: the rows it proposes for one table, which existing rows they replace, and the source
rows they cite."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


class LayoutError(ValueError):
    """A file an importer refuses: not the layout it reads, truncated, or for something else. The message names
    the file and what was expected."""


@dataclass(frozen=True)
class Proposal:
    """Rows for ``table`` (as text, column by column), replacing every existing row that ``owns`` selects; and
    source rows (by source_id) to add or update in sources.csv. ``notes`` say what the importer left out and why.
    """

    table: str
    rows: list[dict[str, str]]
    owns: Callable[[dict[str, str]], bool]
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
