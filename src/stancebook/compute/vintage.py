"""When the book was built, and how recent its data are (the facts of the line at the foot of every page).

The data vintage is read from the data themselves (the latest vote, trade year, remittance year and
event), with a fingerprint of the files in ``data/`` so that two copies of the book can be told apart
even when the dates agree. The build date honours ``SOURCE_DATE_EPOCH`` for reproducible builds.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from ..data import Dataset
from ..data.vocab import REMITTANCES
from . import stance as st
from . import trade as t


@dataclass(frozen=True)
class Vintage:
    votes_to: pd.Timestamp | None
    trade_to: int | None
    #: the latest year of any trade figure, reported figures included (the primary series may end earlier)
    trade_reported_to: int | None
    remittances_to: int | None
    events_to: pd.Timestamp | None
    fingerprint: str


def fingerprint(ds: Dataset) -> str:
    """First 10 hex digits of a SHA-256 over the names and bytes of the CSV files in ``data/``."""
    h = hashlib.sha256()
    for path in sorted(ds.data_dir.glob("*.csv")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:10]


def vintage(ds: Dataset) -> Vintage:
    remittances = ds.indicators[ds.indicators["indicator"] == REMITTANCES]
    primary = t.primary(ds)
    when = st.event_dates(ds.events["date"]).dropna()
    return Vintage(
        votes_to=ds.unga_resolutions["date"].max() if not ds.unga_resolutions.empty else None,
        trade_to=int(primary["year"].max()) if not primary.empty else None,
        trade_reported_to=int(ds.trade["year"].max()) if not ds.trade.empty else None,
        remittances_to=int(pd.to_numeric(remittances["period"].str[:4]).max()) if not remittances.empty else None,
        events_to=when.max() if not when.empty else None,
        fingerprint=fingerprint(ds),
    )
