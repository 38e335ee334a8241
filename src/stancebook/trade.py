"""Trade with Russia, China, the EU and Türkiye: the primary series, turnover, shares and indices.

The trade table keeps every figure the research found, flagged. The charts and the prose use
only the *primary* series: the reporting country's own statistics read from its data files,
one row per reporter, partner, year and flow (the data checks enforce this). Everything else
(partner-reported mirror data, figures quoted by officials) is listed, not charted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from .data import Dataset

RUSSIA, CHINA, EU, TURKEY, WORLD = "RUS", "CHN", "EU27", "TUR", "WLD"
#: the partners drawn in the charts, in legend order
PARTNERS = (RUSSIA, CHINA, EU, TURKEY)
#: the year before the full-scale invasion: the base of every index
BASE_YEAR = 2021
BASIS_LABELS = {"goods": "goods", "goods_and_services": "goods and services", "not_stated": "basis not stated"}


def flow_sums(rows: pd.DataFrame) -> pd.DataFrame:
    """Export + import per reporter, partner and year, where both flows are present.

    Returns columns reporter, partner, year, export_plus_import. Years with only one of the
    two flows are left out: half a sum is not a turnover.
    """
    flows = rows[rows["flow"].isin(["export", "import"])]
    wide = flows.pivot_table(index=["reporter", "partner", "year"], columns="flow", values="value_usd_m",
                             aggfunc="sum")
    if not {"export", "import"} <= set(wide.columns):
        return pd.DataFrame(columns=["reporter", "partner", "year", "export_plus_import"])
    wide = wide.dropna(subset=["export", "import"])
    out = (wide["export"] + wide["import"]).rename("export_plus_import").reset_index()
    return out


def primary(ds: Dataset, iso3: str | None = None) -> pd.DataFrame:
    """The primary rows, for one reporter or all."""
    rows = ds.trade[ds.trade["primary"] == "yes"]
    return rows if iso3 is None else rows[rows["reporter"] == iso3]


def has_series(ds: Dataset, iso3: str) -> bool:
    return not primary(ds, iso3).empty


def values(ds: Dataset, iso3: str, flow: str) -> pd.DataFrame:
    """Primary values of one flow: years (rows) by partner (columns), million US$."""
    rows = primary(ds, iso3)
    rows = rows[rows["flow"] == flow]
    return rows.pivot(index="year", columns="partner", values="value_usd_m").sort_index()


def turnover(ds: Dataset, iso3: str) -> pd.DataFrame:
    """Turnover (export + import) by year and partner, million US$.

    A published or derived primary turnover row is used where there is one (the data checks
    hold it equal to export + import); otherwise export + import is summed here.
    """
    rows = primary(ds, iso3)
    given = rows[rows["flow"] == "turnover"].pivot(index="year", columns="partner", values="value_usd_m")
    sums = flow_sums(rows).pivot(index="year", columns="partner", values="export_plus_import")
    return given.combine_first(sums).sort_index() if not given.empty else sums.sort_index()


def shares(turnover_by_partner: pd.DataFrame, partners: tuple[str, ...] = (RUSSIA, CHINA)) -> pd.DataFrame:
    """Each partner's turnover as a percentage of turnover with the world, by year.

    A year without a world total gives no share (NaN) rather than a share of something else.
    """
    if WORLD not in turnover_by_partner:
        return pd.DataFrame(index=turnover_by_partner.index, columns=list(partners), dtype=float)
    world = turnover_by_partner[WORLD]
    out = pd.DataFrame({p: turnover_by_partner[p] / world * 100 if p in turnover_by_partner else float("nan")
                        for p in partners}, index=turnover_by_partner.index)
    return out


def index_to(series: pd.Series, base: int = BASE_YEAR) -> pd.Series:
    """The series as an index with ``base`` = 100; all NaN when the base year is missing."""
    if base not in series.index or pd.isna(series.get(base)) or series[base] == 0:
        return series * float("nan")
    return series / series[base] * 100


def russia_turnover(ds: Dataset, countries: list[str] | None = None) -> pd.DataFrame:
    """Turnover with Russia, years (rows) by reporting country (columns), million US$."""
    countries = ds.focus if countries is None else countries
    by_country = {c: turnover(ds, c) for c in countries if has_series(ds, c)}
    return pd.DataFrame({c: tv[RUSSIA] for c, tv in by_country.items() if RUSSIA in tv}).sort_index()


def russia_turnover_index(ds: Dataset, base: int = BASE_YEAR) -> pd.DataFrame:
    """Turnover with Russia as an index, ``base`` = 100, for the focus countries with a base-year value."""
    levels = russia_turnover(ds)
    index = levels.apply(index_to, base=base)
    return index.dropna(axis=1, how="all")


def share_table(ds: Dataset, years: tuple[int, ...] = (BASE_YEAR, 2023),
                partners: tuple[str, ...] = (RUSSIA, CHINA)) -> pd.DataFrame:
    """Rows: focus countries with a primary series; columns: (partner, year) share of total trade, %."""
    out = {}
    for c in ds.focus:
        if not has_series(ds, c):
            continue
        s = shares(turnover(ds, c), partners)
        out[c] = {(p, y): s.at[y, p] if y in s.index else float("nan") for p in partners for y in years}
    frame = pd.DataFrame(out).T
    if not frame.empty:
        frame.columns = pd.MultiIndex.from_tuples(frame.columns, names=["partner", "year"])
    return frame


def reexport_signal(ds: Dataset, base: int = BASE_YEAR) -> pd.DataFrame:
    """What the EU says it exported to each focus country against what the country records importing from the EU.

    Columns: country, year, eu_exports_eur_m (Eurostat, euro), imports_from_eu_usd_m (the
    country's primary series, dollars; NaN where there is none), and both as an index with
    ``base`` = 100. The two are in different currencies and are compared as growth only.
    """
    frames = []
    for c in ds.focus:
        eu = ds.eu_exports[ds.eu_exports["partner"] == c].set_index("year")["value_eur_m"].sort_index()
        imports = values(ds, c, "import").get(EU, pd.Series(dtype=float)) if has_series(ds, c) else None
        if eu.empty and (imports is None or imports.empty):
            continue
        years = sorted(set(eu.index) | (set(imports.index) if imports is not None else set()))
        frame = pd.DataFrame(index=pd.Index(years, name="year"))
        frame["eu_exports_eur_m"] = eu
        frame["imports_from_eu_usd_m"] = imports if imports is not None else float("nan")
        frame["eu_exports_index"] = index_to(frame["eu_exports_eur_m"], base)
        frame["imports_index"] = index_to(frame["imports_from_eu_usd_m"], base)
        frame.insert(0, "country", c)
        frames.append(frame.reset_index())
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def other_figures(ds: Dataset, iso3: str) -> pd.DataFrame:
    """The country's non-primary rows (mirror data and quoted figures), newest first."""
    rows = ds.trade[(ds.trade["reporter"] == iso3) & (ds.trade["primary"] == "no")]
    order = {p: i for i, p in enumerate(ds.partners.index)}
    return rows.assign(_p=rows["partner"].map(order)).sort_values(["year", "_p", "flow"],
                                                                 ascending=[False, True, True]).drop(columns="_p")


def bases(ds: Dataset, iso3: str) -> list[str]:
    """The bases (goods, goods and services) of the country's primary series."""
    return sorted(primary(ds, iso3)["basis"].unique())


def country_summary(ds: Dataset, iso3: str) -> dict:
    """Facts for the country chapter's trade prose; empty when there is no primary series."""
    if not has_series(ds, iso3):
        return {}
    t = turnover(ds, iso3)
    s = shares(t, (RUSSIA, CHINA, EU, TURKEY))
    years = [y for y in t.index if WORLD in t and pd.notna(t.at[y, WORLD])]
    first, last = min(years), max(years)
    facts = {
        "first_year": first, "last_year": last,
        "basis": " and ".join(BASIS_LABELS[b] for b in bases(ds, iso3)),
        "top_partner_last": max(PARTNERS, key=lambda p: s.at[last, p] if pd.notna(s.at[last, p]) else -1),
    }
    for p in (RUSSIA, CHINA):
        for y in (BASE_YEAR, last):
            facts[f"{p.lower()}_share_{y}"] = s.at[y, p] if y in s.index else float("nan")
    for y in range(BASE_YEAR, last + 1):
        facts[f"rus_turnover_{y}"] = t.at[y, RUSSIA] if y in t.index and RUSSIA in t else float("nan")
    return facts


def regional_summary(ds: Dataset, years: tuple[int, int] = (BASE_YEAR, 2023)) -> dict:
    """Facts for the regional chapter's trade prose, keyed '<iso3>_<fact>' for every focus country with a series."""
    first, last = years
    facts: dict = {}
    overtook, with_series = [], []
    for c in ds.focus:
        if not has_series(ds, c):
            continue
        with_series.append(c)
        tv = turnover(ds, c)
        s = shares(tv, (RUSSIA, CHINA))
        k = c.lower()
        for y in years:
            facts[f"{k}_rus_share_{y}"] = s.at[y, RUSSIA]
            facts[f"{k}_chn_share_{y}"] = s.at[y, CHINA]
        for y in range(first, last + 1):
            facts[f"{k}_rus_turnover_{y}"] = tv.at[y, RUSSIA]
        facts[f"{k}_rus_index_{last}"] = index_to(tv[RUSSIA])[last]
        if s.at[first, RUSSIA] > s.at[first, CHINA] and s.at[last, CHINA] > s.at[last, RUSSIA]:
            overtook.append(c)
    facts["with_series"] = with_series
    facts["china_overtook"] = overtook
    signal = reexport_signal(ds)
    for c in with_series:
        f = signal[(signal["country"] == c) & (signal["year"] == last)]
        if not f.empty:
            facts[f"{c.lower()}_eu_exports_index_{last}"] = float(f["eu_exports_index"].iloc[0])
            facts[f"{c.lower()}_eu_imports_index_{last}"] = float(f["imports_index"].iloc[0])
    return facts
