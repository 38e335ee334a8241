"""Remittances and labour migration: the indicator table read as series, figures and periods.

Every row of ``indicators.csv`` is one published figure for one period. Indicators differ in
what they count (people, border crossings, registrations, patents, dollars, shares of GDP),
so they are never added together or drawn on one axis. The one series drawn across years
and countries is the World Bank's remittances as % of GDP (WDI), chosen because it is one
consistent, revised series for every country it covers; other estimates are listed beside it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from .data import Dataset

#: the primary remittance series drawn in the charts
REMITTANCES = "remittances_pct_gdp"
#: other published estimates of the same ratio, listed beside the primary series
OTHER_REMITTANCE_SHARES = ("remittances_pct_gdp_knomad", "remittances_pct_gdp_wb", "remittances_pct_gdp_wb_adb")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PRECISION_MARKS = {"as_published": "", "rounded": " (rounded)", "approximate": "about ",
                   "lower_bound": "more than ", "range": "", "not_published": ""}

_POINT = re.compile(r"^(?P<y>\d{4})(-(?:Q(?P<q>[1-4])|H(?P<h>[12])|(?P<m>\d{2})(?:-(?P<d>\d{2}))?))?$")


def _point(text: str) -> dict:
    match = _POINT.match(text)
    if not match:
        raise ValueError(f"not a period: {text!r}")
    return {k: int(v) for k, v in match.groupdict().items() if v}


def _point_label(p: dict, with_year: bool = True) -> str:
    year = f" {p['y']}" if with_year else ""
    if "q" in p:
        return f"Q{p['q']}{year}"
    if "h" in p:
        return f"H{p['h']}{year}"
    if "d" in p:
        return f"{p['d']} {MONTHS[p['m'] - 1]}{year}"
    if "m" in p:
        return f"{MONTHS[p['m'] - 1]}{year}"
    return str(p["y"])


def period_label(period: str) -> str:
    """'2022-Q2' -> 'Q2 2022'; '2021-01..2021-09' -> 'Jan–Sep 2021'; '..2024' -> 'up to 2024'."""
    if ".." not in period:
        return _point_label(_point(period))
    start, end = period.split("..")
    end_p = _point(end)
    if not start:
        return f"up to {_point_label(end_p)}"
    start_p = _point(start)
    same_year = start_p["y"] == end_p["y"]
    return f"{_point_label(start_p, with_year=not same_year)}–{_point_label(end_p)}"


def period_end(period: str) -> pd.Timestamp:
    """The last day a period covers, for ordering figures in time."""
    p = _point(period.split("..")[-1])
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


def annual(ds: Dataset, indicator: str, countries: list[str] | None = None) -> pd.DataFrame:
    """A whole-year indicator as years (rows) by country (columns); countries without it are left out."""
    rows = ds.indicators[(ds.indicators["indicator"] == indicator) & ds.indicators["period"].map(is_year)]
    if countries is not None:
        rows = rows[rows["country"].isin(countries)]
    rows = rows.dropna(subset=["value"]).assign(year=rows["period"].astype(int))
    if rows.duplicated(["country", "year"]).any():
        raise ValueError(f"{indicator}: more than one whole-year value for a country and year")
    return rows.pivot(index="year", columns="country", values="value").sort_index()


def remittances(ds: Dataset, countries: list[str] | None = None) -> pd.DataFrame:
    """The primary remittance series (% of GDP), years by country, focus countries by default."""
    countries = ds.focus if countries is None else countries
    frame = annual(ds, REMITTANCES, countries)
    return frame[[c for c in countries if c in frame]]


def figures(ds: Dataset, iso3: str, topics: tuple[str, ...]) -> pd.DataFrame:
    """All of a country's figures on the topics, with definitions, in time order within each indicator."""
    defs = ds.indicator_definitions
    rows = ds.indicators[(ds.indicators["country"] == iso3)]
    rows = rows[rows["indicator"].map(defs["topic"]).isin(topics)]
    rows = rows.assign(
        label=rows["indicator"].map(defs["label"]),
        definition=rows["indicator"].map(defs["definition"]),
        topic=rows["indicator"].map(defs["topic"]),
        end=rows["period"].map(period_end),
        order=rows["indicator"].map({k: i for i, k in enumerate(defs.index)}),
    )
    return rows.sort_values(["order", "end", "csv_line"]).drop(columns=["order"])


def format_value(value: float, unit: str, precision: str = "as_published", high: float | None = None) -> str:
    """A figure as prose would write it: '32.7% of GDP', 'US$2.45 billion', '1,063,000 persons'."""
    if precision == "not_published":
        return "not published"

    def one(x: float) -> str:
        if unit.startswith("percent"):
            return f"{x:,.2f}".rstrip("0").rstrip(".")
        if unit in ("USD", "current US$"):
            if x >= 1e9:
                return f"US${x / 1e9:,.2f}".rstrip("0").rstrip(".") + " billion"
            return f"US${x / 1e6:,.1f}".rstrip("0").rstrip(".") + " million"
        return f"{x:,.0f}"

    text = one(value) if high is None or pd.isna(high) else f"{one(value)} to {one(high)}"
    if unit == "percent of GDP":
        text += "% of GDP"
    elif unit.startswith("percent change"):
        text = ("+" if value > 0 else "") + text + "% on the year before"
    elif unit == "percent":
        text += "%"
    mark = PRECISION_MARKS[precision]
    return text + mark if mark.startswith(" ") else mark + text


def country_summary(ds: Dataset, iso3: str) -> dict:
    """Facts for the chapter's remittance prose; empty when the primary series has no value."""
    series = remittances(ds, [iso3])
    if iso3 not in series or series[iso3].dropna().empty:
        return {}
    s = series[iso3].dropna()
    facts = {"rem_first_year": int(s.index.min()), "rem_last_year": int(s.index.max()),
             "rem_last": float(s.iloc[-1]), "rem_peak": float(s.max()), "rem_peak_year": int(s.idxmax())}
    for y in (2021, 2022, 2023):
        facts[f"rem_{y}"] = float(s[y]) if y in s.index else float("nan")
    return facts
