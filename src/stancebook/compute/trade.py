"""Trade with Russia, China, the EU and Türkiye: the primary series, turnover, shares and indices.

The trade table keeps every figure the research found, flagged. The charts and the prose use
only the *primary* series: the reporting country's own statistics read from its data files,
one row per reporter, partner, year and flow (the data checks enforce this). Everything else
(partner-reported mirror data, figures quoted by officials) is listed, not charted.
"""

from __future__ import annotations

import pandas as pd

from ..data import Dataset
from ..data.rows import flow_sums
from ..data.vocab import BASE_YEAR, CHINA, EU, RUSSIA, WORLD
from ..data.vocab import TRADE_PARTNERS as PARTNERS
from . import memo


def primary(ds: Dataset, iso3: str | None = None) -> pd.DataFrame:
    """The primary rows, for one reporter or all (split by reporter once per dataset)."""
    if iso3 is None:
        return ds.trade[ds.trade["primary"] == "yes"]
    by_reporter = memo.once(ds, ("primary",), lambda: _by_reporter(ds))
    return by_reporter[iso3].copy() if iso3 in by_reporter else ds.trade.iloc[0:0]


def _by_reporter(ds: Dataset) -> dict[str, pd.DataFrame]:
    rows = ds.trade[ds.trade["primary"] == "yes"]
    return {str(reporter): group for reporter, group in rows.groupby("reporter", sort=False)}


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
    return memo.once(ds, ("turnover", iso3), lambda: _turnover(ds, iso3))


def _turnover(ds: Dataset, iso3: str) -> pd.DataFrame:
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
    out = pd.DataFrame(
        {p: turnover_by_partner[p] / world * 100 if p in turnover_by_partner else float("nan") for p in partners},
        index=turnover_by_partner.index,
    )
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


def share_years(ds: Dataset, countries: list[str] | None = None) -> tuple[int, int] | None:
    """The two years a comparison of trade shares uses: the base year and the latest year for which every one
    of ``countries`` (the focus countries with a series, by default) has a share; None when there is no such
    pair of years."""
    countries = [c for c in (ds.focus if countries is None else countries) if has_series(ds, c)]
    years = None
    for c in countries:
        s = shares(turnover(ds, c)).dropna(how="any")
        have = set(s.index)
        years = have if years is None else years & have
    if not years or BASE_YEAR not in years or max(years) <= BASE_YEAR:
        return None
    return BASE_YEAR, int(max(years))


def share_table(ds: Dataset, years: tuple[int, int], partners: tuple[str, ...] = (RUSSIA, CHINA)) -> pd.DataFrame:
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


def latest_reported(ds: Dataset, iso3: str, partner: str = RUSSIA) -> pd.DataFrame:
    """The country's reported turnover with ``partner`` (any source) for the latest calendar year on record, when
    that year is later than its own series ends (or it has none); empty otherwise."""
    rows = ds.trade[
        (ds.trade["reporter"] == iso3)
        & (ds.trade["partner"] == partner)
        & (ds.trade["flow"] == "turnover")
        & ds.trade["months"].isna()
    ]
    own = primary(ds, iso3)
    if rows.empty or (not own.empty and rows["year"].max() <= own["year"].max()):
        return rows.iloc[0:0]
    return rows[rows["year"] == rows["year"].max()]


def mirror_rows(ds: Dataset, iso3: str) -> pd.DataFrame:
    """The country's turnover with each partner as recorded by that partner (mirror data, calendar years only),
    one row per partner and year: a partner's own data file before a figure quoted in the press, and the first
    row of the data otherwise. The EU block as published with the United Kingdom is left out."""
    rows = ds.trade[
        (ds.trade["reporter"] == iso3)
        & (ds.trade["reported_by"] == "partner")
        & (ds.trade["flow"] == "turnover")
        & ds.trade["months"].isna()
        & ds.trade["partner"].isin(PARTNERS)
    ]
    order = rows["channel"].ne("data_file").sort_values(kind="stable").index
    return rows.loc[order].drop_duplicates(["partner", "year"])


def mirror_turnover(ds: Dataset, iso3: str) -> pd.DataFrame:
    """``mirror_rows`` as years (rows) by partner (columns), million US$; empty when there are none."""
    rows = mirror_rows(ds, iso3)
    if rows.empty:
        return pd.DataFrame()
    return rows.pivot(index="year", columns="partner", values="value_usd_m").sort_index()


def against_partner(ds: Dataset, countries: list[str], partner: str = CHINA) -> pd.DataFrame:
    """For each country with its own series, every calendar year in which both its own statistics and
    ``partner``'s records (mirror data, ``mirror_rows``) give their trade: the country, the year, ``own`` and
    ``recorded`` (million US$, exports plus imports), ``ratio`` (recorded / own) and the partner figure's
    ``source_id``; empty when no year has both."""
    out = []
    for c in countries:
        if not has_series(ds, c):
            continue
        tv = turnover(ds, c)
        own = tv[partner].dropna() if partner in tv else pd.Series(dtype=float)
        rows = mirror_rows(ds, c)
        for r in rows[rows["partner"] == partner].itertuples():
            if r.year in own.index and own[r.year]:
                out.append(
                    {
                        "country": c,
                        "year": int(r.year),
                        "own": float(own[r.year]),
                        "recorded": float(r.value_usd_m),
                        "ratio": float(r.value_usd_m) / float(own[r.year]),
                        "source_id": r.source_id,
                    }
                )
    return pd.DataFrame(out, columns=["country", "year", "own", "recorded", "ratio", "source_id"])


def other_figures(ds: Dataset, iso3: str) -> pd.DataFrame:
    """The country's non-primary rows (mirror data and quoted figures), newest first."""
    rows = ds.trade[(ds.trade["reporter"] == iso3) & (ds.trade["primary"] == "no")]
    order = {p: i for i, p in enumerate(ds.partners.index)}
    return (
        rows.assign(_p=rows["partner"].map(order), _m=rows["months"].fillna("12..12"))
        .sort_values(["year", "_m", "_p", "flow"], ascending=[False, False, True, True])
        .drop(columns=["_p", "_m"])
    )


#: how far another published figure may differ from the country's own before the book says they differ
TOLERANCE = 0.10


def against_own(ds: Dataset, iso3: str, since: int) -> pd.DataFrame:
    """The country's other figures from ``since`` on (EU block as published with the UK left out), each with the
    own-statistics figure for the same partner, year and flow (``own``, NaN where there is none) and the relative
    gap (``gap``: other / own - 1)."""
    rows = other_figures(ds, iso3)
    rows = rows[(rows["year"] >= since) & (rows["partner"] != "EU28")]
    own = primary(ds, iso3).set_index(["partner", "year", "flow"])["value_usd_m"]
    keys = list(zip(rows["partner"], rows["year"], rows["flow"], strict=True))
    # a figure for some months of a year has no own figure to be compared with: the own series is of calendar years
    mine = [own.get(k, float("nan")) if pd.isna(m) else float("nan") for k, m in zip(keys, rows["months"], strict=True)]
    return rows.assign(
        own=mine,
        gap=[o / m - 1 if m == m and m else float("nan") for o, m in zip(rows["value_usd_m"], mine, strict=True)],
    )


def bases(ds: Dataset, iso3: str) -> list[str]:
    """The bases (goods, goods_and_services) of the country's primary series."""
    return sorted(primary(ds, iso3)["basis"].unique())


def country_summary(ds: Dataset, iso3: str) -> dict:
    """Facts for the country chapter's trade prose; empty when there is no primary series with a world total.

    ``base_year`` is the year before the invasion when the series has it (else its first year); ``last_year``
    the latest year with a world total; ``shares`` holds each partner's share of total trade by year (%), and
    ``russia_turnover`` the turnover with Russia by year (million US$)."""
    if not has_series(ds, iso3):
        return {}
    t = turnover(ds, iso3)
    s = shares(t, PARTNERS)
    years = [y for y in t.index if WORLD in t and pd.notna(t.at[y, WORLD])]
    if not years:
        return {}
    first, last = int(min(years)), int(max(years))
    base = BASE_YEAR if BASE_YEAR in years else first
    return {
        "first_year": first,
        "last_year": last,
        "base_year": base,
        "bases": bases(ds, iso3),
        "top_partner_last": max(PARTNERS, key=lambda p: s.at[last, p] if pd.notna(s.at[last, p]) else -1),
        "shares": s,
        "russia_turnover": (t[RUSSIA] if RUSSIA in t else pd.Series(dtype=float)).loc[base:last].dropna(),
    }


def regional_summary(ds: Dataset) -> pd.DataFrame:
    """One row per focus country with a primary series: its base and latest year, Russia's and China's share
    of its trade in both, its turnover with Russia in both and as an index (base year = 100), whether China
    overtook Russia, and the EU-side and own-side re-export indices in its latest year. Countries without a
    series are not rows: the regional prose names them apart."""
    rows = {}
    signal = reexport_signal(ds)
    for c in ds.focus:
        f = country_summary(ds, c)
        if not f or RUSSIA not in f["shares"] or f["base_year"] == f["last_year"]:
            continue
        base, last, s = f["base_year"], f["last_year"], f["shares"]
        tv = f["russia_turnover"]
        row = {
            "base_year": base,
            "last_year": last,
            "rus_share_base": s.at[base, RUSSIA],
            "rus_share_last": s.at[last, RUSSIA],
            "chn_share_base": s.at[base, CHINA],
            "chn_share_last": s.at[last, CHINA],
            "rus_turnover_base": tv.get(base, float("nan")),
            "rus_turnover_last": tv.get(last, float("nan")),
        }
        row["rus_index_last"] = (
            row["rus_turnover_last"] / row["rus_turnover_base"] * 100 if row["rus_turnover_base"] else float("nan")
        )
        row["china_overtook"] = bool(
            row["rus_share_base"] > row["chn_share_base"] and row["chn_share_last"] > row["rus_share_last"]
        )
        hit = signal[(signal["country"] == c) & (signal["year"] == last)] if not signal.empty else signal
        row["eu_exports_index_last"] = float(hit["eu_exports_index"].iloc[0]) if len(hit) else float("nan")
        row["eu_imports_index_last"] = float(hit["imports_index"].iloc[0]) if len(hit) else float("nan")
        rows[c] = row
    return pd.DataFrame.from_dict(rows, orient="index")
