"""Periods of the indicator table: a year, quarter, half, month or day, or a range between two of them
('2023', '2023-Q1', '2023-H1', '2023-05', '2023-05-31', '2021-01..2021-09', '..2024')."""

from __future__ import annotations

import re

import pandas as pd

_POINT = re.compile(r"^(?P<y>\d{4})(-(?:Q(?P<q>[1-4])|H(?P<h>[12])|(?P<m>\d{2})(?:-(?P<d>\d{2}))?))?$")


def point(text: str) -> dict:
    match = _POINT.match(text)
    if not match:
        raise ValueError(f"not a period: {text!r}")
    return {k: int(v) for k, v in match.groupdict().items() if v}


def period_end(period: str) -> pd.Timestamp:
    """The last day a period covers, for ordering figures in time."""
    p = point(period.split("..")[-1])
    if "d" in p:
        return pd.Timestamp(p["y"], p["m"], p["d"])
    if "m" in p:
        return pd.Timestamp(p["y"], p["m"], 1) + pd.offsets.MonthEnd(0)
    if "q" in p:
        return pd.Timestamp(p["y"], 3 * p["q"], 1) + pd.offsets.MonthEnd(0)
    if "h" in p:
        return pd.Timestamp(p["y"], 6 * p["h"], 1) + pd.offsets.MonthEnd(0)
    return pd.Timestamp(p["y"], 12, 31)


def is_year(period: str) -> bool:
    return bool(re.fullmatch(r"\d{4}", period))
