"""Which sources stand behind rows of the tables: every table and chart names the publishers of its data."""

from __future__ import annotations

import pandas as pd

from ..data.vocab import PRESS_PREFIX


def ids_in(rows: pd.DataFrame) -> list[str]:
    """The source ids named by the rows' ``source_id`` cells (several may be joined by ';'), in first-use order."""
    return list(dict.fromkeys(i for cell in rows["source_id"] for i in str(cell).split(";")))


def is_press(source_id: str) -> bool:
    """Press and web pages (the evidence for dated events) are told apart from data sources by their id."""
    return source_id.startswith(PRESS_PREFIX)
