"""Remittances and labour migration: the indicator table read as series, figures and periods.

Every row of ``indicators.csv`` is one published figure for one period. Indicators differ in
what they count (people, border crossings, registrations, patents, dollars, shares of GDP),
so they are never added together or drawn on one axis. The one series drawn across years
and countries is the World Bank's remittances as % of GDP (WDI), chosen because it is one
consistent, revised series for every country it covers; other estimates are listed beside it.
"""

from __future__ import annotations

import pandas as pd

from ..data import Dataset
from ..data.vocab import BASE_YEAR, OTHER_REMITTANCE_SHARES, OTHER_REMITTANCE_USD, REMITTANCES, REMITTANCES_USD
from .periods import is_year, period_end
from .sources import is_press

#: two estimates of the same measure disagree when they differ by more than this share of the World Bank's value
TOLERANCE = 0.10
#: each World Bank series and the other published estimates of the same measure it is compared with
COMPARED = {REMITTANCES: OTHER_REMITTANCE_SHARES, REMITTANCES_USD: OTHER_REMITTANCE_USD}


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


def latest(ds: Dataset, countries: list[str] | None = None) -> pd.DataFrame:
    """Each country's latest value of the World Bank's remittances as % of GDP: ``year`` and ``value``, largest
    first; countries without a value are left out."""
    rem = remittances(ds, countries)
    rows = {c: (int(rem[c].dropna().index[-1]), float(rem[c].dropna().iloc[-1])) for c in rem if rem[c].notna().any()}
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=["year", "value"])
    return frame.sort_values("value", ascending=False, kind="stable")


def release(ds: Dataset) -> str:
    """Which release of the World Bank's data the primary remittance series is ('WDI update of April 2026'): the
    first part of its source's version."""
    ids = ds.indicators.loc[ds.indicators["indicator"] == REMITTANCES, "source_id"].unique()
    return "; ".join(dict.fromkeys(str(ds.sources.at[i, "version"]).split(",")[0].split(";")[0] for i in ids))


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


#: the counts of the country's people in Russia the book trusts most, best first: published by a statistical
#: agency in its own data (not quoted in the press), with one method for every country
TRUSTED_COUNTS = ("migrant_stock_in_russia",)


def trusted_count(ds: Dataset, iso3: str) -> pd.Series | None:
    """The latest figure of the first of TRUSTED_COUNTS the country has from a data source (not a press page);
    None when it has none."""
    rows = figures(ds, iso3, ("migration",))
    from_data = rows["source_id"].map(lambda cell: not any(is_press(i) for i in cell.split(";"))).astype(bool)
    rows = rows.loc[from_data]
    for indicator in TRUSTED_COUNTS:
        found = rows[(rows["indicator"] == indicator) & rows["value"].notna()]
        if not found.empty:
            return found.iloc[found["period"].map(period_end).argmax()]
    return None


def country_summary(ds: Dataset, iso3: str) -> dict:
    """Facts for the chapter's remittance prose; empty when the primary series has no value. ``series`` holds
    every year's value (% of GDP) from the base year on, or the whole series when it starts later."""
    series = remittances(ds, [iso3])
    if iso3 not in series or series[iso3].dropna().empty:
        return {}
    s = series[iso3].dropna()
    recent = s[s.index >= BASE_YEAR]
    return {
        "first_year": int(s.index.min()),
        "last_year": int(s.index.max()),
        "last": float(s.iloc[-1]),
        "peak": float(s.max()),
        "peak_year": int(s.idxmax()),
        "series": recent if not recent.empty else s,
    }


def conflicts(ds: Dataset, countries: list[str] | None = None, tolerance: float = TOLERANCE) -> pd.DataFrame:
    """Whole-year estimates that differ from the World Bank's value of the same measure, country and year by more
    than ``tolerance`` (a share of the World Bank's value): one row per pair, with both indicators, both values,
    the gap (other / World Bank - 1) and the other estimate's source, by country and year."""
    countries = ds.focus if countries is None else countries
    rows = ds.indicators[ds.indicators["country"].isin(countries) & ds.indicators["period"].map(is_year)]
    rows = rows.dropna(subset=["value"])
    out = []
    for wdi, others in COMPARED.items():
        base = rows[rows["indicator"] == wdi].set_index(["country", "period"])["value"]
        for r in rows[rows["indicator"].isin(others)].itertuples():
            key = (r.country, r.period)
            if key not in base.index or base[key] == 0:
                continue
            gap = r.value / base[key] - 1
            if abs(gap) > tolerance:
                out.append(
                    {
                        "country": r.country,
                        "year": int(r.period),
                        "indicator": wdi,
                        "value": base[key],
                        "other_indicator": r.indicator,
                        "other_value": r.value,
                        "gap": gap,
                        "source_id": r.source_id,
                    }
                )
    columns = ["country", "year", "indicator", "value", "other_indicator", "other_value", "gap", "source_id"]
    return pd.DataFrame(out, columns=columns).sort_values(["country", "year", "indicator"]).reset_index(drop=True)
