"""The regional chapter (``chapters/templates/region.ipynb``): the focus countries side by side. Its prose is
computed for whichever focus countries the data hold, with the years the data give."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...compute import facts as facts_
from ...compute import migration as m
from ...compute import stance as st
from ...compute import trade as t
from ...compute import votes as v
from ...compute.sources import ids_in, publishers
from ...data import Dataset
from ...compute.periods import is_year
from ...data.vocab import BASE_YEAR, CORE_TIES, INVASION, OTHER_REMITTANCE_SHARES, REMITTANCES
from .. import blocks, charts, glue, tables
from .. import text as tx
from ..escape import Markup, join
from ..style import EMPTY_CELL_CSS, position_css, vote_css

CHAPTER = "region"


def load(data_dir: str | Path, prepared: str | Path = "") -> Dataset:
    """The part of ``data_dir`` this chapter reads (see ``stancebook.data.scope``); from the build's bundle at
    ``prepared`` when it matches the data (``stancebook.compute.facts.load``)."""
    return facts_.load(data_dir, CHAPTER, prepared=prepared)


def _names(ds: Dataset, codes: list[str], empty: str = "none") -> str:
    return tx.names_list([ds.name(c) for c in codes], empty)


# --- the prose ------------------------------------------------------------------------------------------

def stance_facts(ds: Dataset) -> dict[str, object]:
    dims = st.placed(ds)["dimensions"]
    fewest = dims.idxmin()
    visits = {c: st.stance_table(ds, c).at["leader_visits", "position"] for c in ds.focus}
    toward = [c for c, p in visits.items() if p == "toward_russia"]
    return {
        "n_dimensions": len(st.DIMENSIONS),
        "fewest_dims_country": ds.name(fewest),
        "fewest_dims": int(dims[fewest]),
        "min_events": st.MIN_EVENTS,
        "min_dimensions": st.MIN_DIMENSIONS,
        "visits_toward": ("every focus country" if toward and len(toward) == len(ds.focus) else
                          _names(ds, toward, "none of the focus countries")),
        "differ_most": differ_most(ds),
        "index_top": ranking_text(ds),
        "variants_text": variants_text(ds),
        "level": f"{st.LEVEL:.0%}",
    }


def ranking_text(ds: Dataset) -> str:
    """Which countries the index places and which it cannot, which is highest, and whether the intervals let the
    data order them."""
    placed = st.placed(ds)
    out = [c for c in ds.focus if not placed.at[c, "placed"]]
    parts = []
    if out:
        has = (lambda c: "it has") if len(out) == 1 else (lambda c: f"{ds.name(c)} has")
        parts.append(f"Too little evidence to place {_names(ds, out)}: "
                     + "; ".join(f"{has(c)} {tx.count(int(placed.at[c, 'dimensions']), 'dimension')} with "
                                 f"{st.MIN_EVENTS} or more events" for c in out)
                     + f", fewer than the {st.MIN_DIMENSIONS} an index needs.")
    u = st.uncertainty(ds)
    if u.empty:
        parts.append("No country has enough events for an index.")
        return " ".join(parts)
    top = u.index[0]
    parts.append(f"{ds.name(top)} has the highest index ({tx.score(u.at[top, 'index'])}, "
                 f"{st.LEVEL:.0%} interval {tx.score(u.at[top, 'low'])} to {tx.score(u.at[top, 'high'])}) and is "
                 f"first in {u.at[top, 'p_rank_1']:.0%} of the resampled sets of events.")
    single = [c for c in u.index if u.at[c, "rank_low"] == u.at[c, "rank_high"]]
    if len(u) > 1 and not single:
        parts.append("The intervals of every country overlap another's, so the data do not fix any country's rank; "
                     "the table gives the ranks each may hold.")
    elif len(u) > 1:
        parts.append(f"The intervals set the rank of {_names(ds, single)} alone; the others share ranks.")
    return " ".join(parts)


def differ_most(ds: Dataset) -> str:
    """Where the states differ most: the dimensions whose scores spread widest among the countries scored on
    them (at least two), with the range."""
    scored = st.scores_compared(ds)
    if scored.empty:
        return "No dimension has scores for two or more focus countries, so the book cannot say where they differ."
    widest = st.widest(scored)
    if not widest:
        return "On every dimension scored for two or more focus countries, their scores are the same."
    parts = [f"{tx.lowered(tx.DIMENSION_LABELS[d])} (from {tx.score(scored.loc[d].min())} to "
             f"{tx.score(scored.loc[d].max())}, {scored.loc[d].notna().sum()} countries scored)" for d in widest]
    return f"The states differ most on {tx.names_list(parts)}."


def votes_change_text(ds: Dataset) -> str:
    """Whose UN voting changed after the invasion, compared with the baseline before it."""
    before = v.resolutions(ds)
    before = before[before["date"] < INVASION]
    if before.empty:
        return "The book holds no UN vote from before the invasion, so it cannot say whose voting changed."
    groups: dict[str, list[str]] = {}
    for c in ds.focus:
        groups.setdefault(v.before_after(ds, c)["change"], []).append(ds.name(c))
    parts = [f"{tx.names_list(groups[k])} {label}" for k, label in tx.CHANGE_LABELS.items() if k in groups]
    years = f"{before['date'].min().year} to {before['date'].max().year}"
    return (f"Against the baseline of {tx.count(len(before), 'resolution')} from {years}, "
            f"{tx.names_list(parts)} (by the rule in each country chapter: {tx.change_rule(v.CHANGE_MIN_SHIFT, v.CHANGE_MIN_CAST)}).")


def vote_facts(ds: Dataset) -> dict[str, object]:
    f = v.regional_summary(ds)
    return {
        "votes_change_text": votes_change_text(ds),
        "n_focus": f["n_focus"], "focus_names": tx.names_list(f["focus_names"]), "n_post": f["n_post"],
        "n_slots": f["n_slots"], "n_cast": f["n_cast"], "n_abstain": f["n_abstain"], "n_no": f["n_no"],
        "n_yes": f["n_yes"], "n_not_voting": f["n_not_voting"], "ever_yes": tx.names_list(f["ever_yes"]),
        "never_voted": tx.names_list(f["never_voted"]), "top_no_label": f["top_no_label"],
        "top_no_title": f["top_no_title"], "top_no_count": f["top_no_count"],
        "invasion_date": tx.invasion_date(),
    }


def trade_gaps_text(ds: Dataset) -> str:
    missing = [c for c in ds.focus if not t.has_series(ds, c)]
    return (f"The trade charts leave out {_names(ds, missing)}: the data hold no series from "
            f"{'its' if len(missing) == 1 else 'their'} own statistics (see below)." if missing else
            "Every focus country has a trade series from its own statistics.")


def turnover_text(ds: Dataset, summary: pd.DataFrame) -> str:
    """How each country's trade with Russia moved between the base year and its latest year."""
    if summary.empty:
        return "No focus country has a trade series with Russia in the data."
    parts = []
    for c, r in summary.iterrows():
        direction = "rose" if r["rus_index_last"] > 100 else "fell" if r["rus_index_last"] < 100 else "was unchanged"
        parts.append(f"{ds.name(c)}'s {direction} from {tx.usd_m(r['rus_turnover_base'])} in {int(r['base_year'])} "
                     f"to {tx.usd_m(r['rus_turnover_last'])} in {int(r['last_year'])} "
                     f"(index {r['rus_index_last']:.0f})")
    return ("Recorded trade with Russia, exports plus imports, as each country's own statistics give it: "
            + "; ".join(parts) + ".")


def share_text(ds: Dataset, summary: pd.DataFrame) -> str:
    """How Russia's and China's shares of each country's trade moved."""
    if summary.empty:
        return "No focus country has a series of its total trade in the data."
    parts = [f"{ds.name(c)}, Russia's share {tx.percent(r['rus_share_base'])} in {int(r['base_year'])} and "
             f"{tx.percent(r['rus_share_last'])} in {int(r['last_year'])}, China's {tx.percent(r['chn_share_base'])} "
             f"and {tx.percent(r['chn_share_last'])}" for c, r in summary.iterrows()]
    fell = [c for c, r in summary.iterrows() if r["rus_share_last"] < r["rus_share_base"]]
    overtook = [c for c, r in summary.iterrows() if r["china_overtook"]]
    text = "Of each country's total trade: " + "; ".join(parts) + ". "
    text += (f"Russia's share fell in {_names(ds, fell)}. " if fell else "Russia's share fell in none of them. ")
    text += (f"China became a larger partner than Russia, having been a smaller one, in {_names(ds, overtook)}."
             if overtook else "In none of them did China overtake Russia.")
    return text


def china_text(ds: Dataset) -> str:
    """How far China's customs records of its trade with each country exceed the country's own, in the latest
    year that has both."""
    both = t.against_partner(ds, ds.focus)
    if both.empty:
        return ("No year has both a country's own figure for its trade with China and China's customs figure, so "
                "the two records cannot be compared.")
    latest = both.sort_values("year").drop_duplicates("country", keep="last").sort_values("ratio", ascending=False)
    parts = [f"{ds.name(r.country)} {r.ratio:.1f} times in {r.year} ({tx.usd_m(r.recorded)} against "
             f"{tx.usd_m(r.own)})" for r in latest.itertuples()]
    top = latest.iloc[0]
    return (f"China's customs record more trade with the region than its states' own statistics do, most of all with "
            f"{ds.name(top['country'])}: China's figure as a multiple of the country's own, in the latest year with "
            f"both, was {'; '.join(parts)}.") if top["ratio"] > 1 else (
            f"China's customs record no more trade with any of them than their own statistics do: "
            f"{'; '.join(parts)}.")


def services_note(ds: Dataset) -> str:
    services = [c for c in ds.focus if t.has_series(ds, c) and t.bases(ds, c) == ["goods_and_services"]]
    if not services:
        return "All the series count goods only."
    return (f"The partner tables of {_names(ds, services)} include services, so compare "
            f"{'its' if len(services) == 1 else 'their'} growth, not {'its' if len(services) == 1 else 'their'} "
            "level, with the others.")


def remittance_text(ds: Dataset) -> str:
    """Which countries depend most on remittances, in the World Bank's series, in each one's latest year."""
    rem = m.remittances(ds)
    if rem.empty:
        return "The data hold no World Bank remittance series for the focus countries."
    last = m.latest(ds)
    parts = [f"{ds.name(c)} {r.value:.2f}% of GDP in {r.year}" for c, r in zip(last.index, last.itertuples())]
    top = last.index[0]
    s = rem[top].dropna()
    history = ""
    if BASE_YEAR in s.index and s.index[-1] > BASE_YEAR:
        path = [f"{s[y]:.2f}% in {y}" for y in s.index if y >= BASE_YEAR]
        history = f" For {ds.name(top)} the series ran {tx.names_list(path)}."
    return (f"In the World Bank's series, remittances were largest relative to GDP in {ds.name(top)}. In each "
            f"country's latest year: {'; '.join(parts)}.{history}" + blocks.conflict_sentence(ds, ds.focus))


def reexport_text(ds: Dataset, summary: pd.DataFrame) -> str:
    parts = [f"{ds.name(c)} in {int(r['last_year'])}: EU exports {r['eu_exports_index_last']:.0f}, its own recorded "
             f"imports from the EU {r['eu_imports_index_last']:.0f}" for c, r in summary.iterrows()
             if pd.notna(r["eu_exports_index_last"]) and pd.notna(r["eu_imports_index_last"])]
    if not parts:
        return "No focus country has both an EU export series and its own import series in the data."
    return f"As an index with {BASE_YEAR} = 100: " + "; ".join(parts) + "."


def dependence_facts(ds: Dataset) -> dict[str, object]:
    summary = t.regional_summary(ds)
    return {
        "base_year": BASE_YEAR,
        "turnover_text": turnover_text(ds, summary),
        "trade_gaps_text": trade_gaps_text(ds),
        "share_text": share_text(ds, summary),
        "china_text": china_text(ds),
        "services_note": services_note(ds),
        "remittance_text": remittance_text(ds),
        "estimates_text": estimates_text(ds),
        "reexport_text": reexport_text(ds, summary),
    }


def facts(ds: Dataset) -> dict[str, object]:
    return {**vote_facts(ds), **stance_facts(ds), **dependence_facts(ds)}


def glue_all(ds: Dataset) -> None:
    glue.glue(CHAPTER, facts(ds))


# --- stance ---------------------------------------------------------------------------------------------

def stance_matrix(ds: Dataset):
    positions, counts = st.regional_matrix(ds)
    table = pd.DataFrame({"Dimension": [tx.DIMENSION_LABELS[d] for d in positions.index]})
    css = pd.DataFrame({"Dimension": ""}, index=table.index)
    for c in ds.focus:
        table[ds.name(c)] = [f"{tx.POSITION_LABELS[p]} ({n})" if n else tx.POSITION_LABELS[p]
                             for p, n in zip(positions[c], counts[c])]
        css[ds.name(c)] = [position_css(p) for p in positions[c]]
    return tables.styled(table, "stance-matrix", kind="stancebook-matrix", css=css)


def show_stance_matrix(ds: Dataset) -> None:
    tables.show(stance_matrix(ds), tables.small(
        "Each cell: the position under the base coding and, in brackets, the number of events counted."),
        blocks.stance_source(ds))


def rank_cell(u: pd.DataFrame, iso3: str) -> str:
    """A country's rank as the intervals allow: '1', or '1–3 (intervals overlap)'."""
    low, high = int(u.at[iso3, "rank_low"]), int(u.at[iso3, "rank_high"])
    return str(low) if low == high else f"{low}–{high} (intervals overlap)"


def index_table(ds: Dataset):
    u = st.uncertainty(ds)
    placed = st.placed(ds)
    order = list(u.index) + [c for c in ds.focus if c not in u.index]
    index = st.index_table(ds, (st.BASE,))[st.BASE.key]
    table = pd.DataFrame({
        "Country": [ds.name(c) for c in order],
        "Stance index": [tx.score(index[c]) if c in u.index else tx.NO_VALUE for c in order],
        f"{st.LEVEL:.0%} interval": [f"{tx.score(u.at[c, 'low'])} to {tx.score(u.at[c, 'high'])}" if c in u.index
                                     else tx.NO_VALUE for c in order],
        "Position": [tx.POSITION_LABELS[st.position(index[c])] if c in u.index else tx.POSITION_LABELS[st.NOT_PLACED]
                     for c in order],
        "Rank (1 = closest to Moscow)": [rank_cell(u, c) if c in u.index else tx.NO_VALUE for c in order],
        "Dimensions scored": [f"{placed.at[c, 'dimensions']} of {len(st.DIMENSIONS)}" for c in order],
        "Events counted": [str(placed.at[c, "events"]) for c in order],
    })
    css = pd.DataFrame("", index=table.index, columns=table.columns)
    css["Position"] = [position_css(st.position(index[c])) if c in u.index else "" for c in order]
    return tables.styled(table, "stance-index", css=css)


def rank_probability_table(ds: Dataset):
    u = st.uncertainty(ds)
    if u.empty:
        return None
    ranks = [c for c in u.columns if c.startswith("p_rank_")]
    table = pd.DataFrame({"Country": [ds.name(c) for c in u.index]})
    for column in ranks:
        table[f"Rank {column.removeprefix('p_rank_')}"] = [f"{p:.0%}" for p in u[column]]
    return tables.styled(table, "stance-rank-probabilities")


def show_index_table(ds: Dataset) -> None:
    tables.show(index_table(ds), tables.small(
        f"A dimension is scored from {st.MIN_EVENTS} or more events, and a country is placed on {st.MIN_DIMENSIONS} "
        f"or more scored dimensions. The interval holds the central {st.LEVEL:.0%} of the index recomputed on "
        f"{st.DRAWS:,} resamples of each country's events; a rank is given alone only where the intervals separate."),
        blocks.as_above("the stance table"))
    charts.show(charts.index_intervals(ds), source=blocks.as_above("the stance table"))
    probabilities = rank_probability_table(ds)
    if probabilities is not None:
        tables.show(probabilities, tables.small(
            "How often each country takes each rank among the countries placed, over the resampled sets of events."))


def sensitivity_table(ds: Dataset):
    """Codings (rows, the base first) by focus country (columns): the index and, in brackets, the rank."""
    index = st.index_table(ds)
    rk = st.ranks(index)
    table = pd.DataFrame({"Coding": [tx.VARIANT_LABELS[coding.key] for coding in st.VARIANTS]})
    for c in index.index:
        table[ds.name(c)] = [
            "not placed" if pd.isna(index.at[c, coding.key]) else
            f"{tx.score(index.at[c, coding.key])} ({int(rk.at[c, coding.key])})" for coding in st.VARIANTS]
    return tables.styled(table, "stance-sensitivity", kind="stancebook-matrix")


def variants_text(ds: Dataset) -> str:
    """The variants the sensitivity table recomputes the index under, in words, from the list of codings."""
    labels = [tx.lowered(tx.VARIANT_LABELS[c.key]) for c in st.VARIANTS if c != st.BASE]
    return (f"The table recomputes the index under {tx.count(len(labels), 'other coding')}: "
            f"{'; '.join(labels[:-1])}; and {labels[-1]}." if len(labels) > 1 else
            f"The table recomputes the index under one other coding: {labels[0]}." if labels else
            "The book defines no other coding to compare.")


def sensitivity_text(ds: Dataset):
    """Which variants change the order of the countries, said plainly."""
    sens = st.sensitivity(ds)
    base = sens.loc[st.BASE.key]
    changed = sens[~sens["same_as_base"]]
    verdict = ("The ranking is stable under every variant." if changed.empty else
               f"The ranking is not stable: {len(changed)} of the {len(sens) - 1} variants reorder it.")
    items = []
    for key, row in sens.drop(index=st.BASE.key).iterrows():
        if row["same_as_base"]:
            items.append([tables.em(tx.VARIANT_LABELS[key]), ": the order does not change."])
        elif not row["order"]:
            items.append([tables.em(tx.VARIANT_LABELS[key]), ": too few events remain to place any country."])
        else:
            items.append([tables.em(tx.VARIANT_LABELS[key]), f": the order becomes "
                          f"{', '.join(ds.name(c) for c in row['order'])} ({_names(ds, row['moved'])} change places)."])
    return (tables.paragraph("Under the base coding the order, from closest to Moscow to furthest, is "
                             f"{', '.join(ds.name(c) for c in base['order'])}. {verdict}")
            + tables.lines(join(parts) for parts in items))


def show_sensitivity(ds: Dataset) -> None:
    tables.show(sensitivity_text(ds), sensitivity_table(ds), tables.small(
        "Each cell: the stance index and, in brackets, the rank (1 = closest to Moscow)."),
        blocks.as_above("the stance table"))


def ties_matrix(ds: Dataset):
    ties = ds.institutions[ds.institutions["institution"].isin(CORE_TIES)]
    wide = ties.pivot(index="institution", columns="country", values="status").reindex(
        index=list(CORE_TIES), columns=ds.focus)
    table = pd.DataFrame({"Institution or tie": [tx.INSTITUTION_LABELS[k] for k in wide.index]})
    css = pd.DataFrame({"Institution or tie": ""}, index=table.index)
    for c in ds.focus:
        table[ds.name(c)] = wide[c].fillna(tx.NO_DATA).values
        css[ds.name(c)] = [EMPTY_CELL_CSS if pd.isna(x) else "" for x in wide[c]]
    return tables.styled(table, "ties-matrix", kind="stancebook-matrix", css=css)


def show_ties_matrix(ds: Dataset) -> None:
    ties = ds.institutions[ds.institutions["institution"].isin(CORE_TIES) & ds.institutions["country"].isin(ds.focus)]
    tables.show(ties_matrix(ds), tables.small(
        tables.em("No data"), " means no sourced status was found, not that there is no tie. Since-dates and "
        "details are on each country's page. Source: ", tables.source_links(ds, sorted(set(ids_in(ties)))), "."))


# --- votes ----------------------------------------------------------------------------------------------

def vote_matrix(ds: Dataset):
    """Countries (rows: the focus countries, marked ●, then the others) by resolutions (columns, in date order);
    cells coloured by vote."""
    countries = ds.focus + [c for c in ds.countries.index if c not in ds.focus]
    res = v.resolutions(ds)
    codes = v.vote_matrix(ds, countries)
    labels = [Markup("{}<br>{}").format(lab, f"{d:%b %Y}") for lab, d in zip(blocks.labelled(res), res["date"])]
    table = pd.DataFrame({"Country": [ds.name(c) + (" ●" if c in ds.focus else "") for c in countries]})
    css = pd.DataFrame({"Country": ""}, index=table.index)
    for label, res_id in zip(labels, res.index):
        table[label] = codes[res_id].fillna(tx.NO_VALUE).values
        css[label] = [vote_css(x) for x in codes[res_id]]
    return tables.styled(table, "stance", kind="stancebook-stance", css=css,
                         extra_styles=[{"selector": "th.col_heading", "props": "font-size: 0.8em;"}])


def show_vote_matrix(ds: Dataset) -> None:
    tables.show(vote_matrix(ds), blocks.vote_source(ds))


def show_vote_bars(ds: Dataset) -> None:
    charts.show(charts.regional_vote_bars(ds, INVASION))


# --- dependence -----------------------------------------------------------------------------------------

def show_turnover(ds: Dataset) -> None:
    charts.show(charts.russia_turnover_index(ds))
    missing = [c for c in ds.focus if not t.has_series(ds, c)]
    if missing:
        tables.show(tables.lines(
            [tables.strong(ds.name(c)), ": ", ds.coverage_note(c, "trade") or
             "The data hold no series from its own statistics."] for c in missing))


def show_share_bars(ds: Dataset) -> None:
    charts.show(charts.share_bars(ds), charts.china_records(ds, ds.focus))


def show_remittances(ds: Dataset) -> None:
    charts.show(charts.remittances_region(ds))
    conflicts = blocks.remittance_conflicts(ds, ds.focus)
    if conflicts is not None:
        tables.show(*conflicts)


def remittance_estimates(ds: Dataset, since: int = BASE_YEAR) -> pd.DataFrame:
    """The focus countries' yearly remittances as % of GDP from ``since`` on: the World Bank's series and every
    other published estimate."""
    rows = ds.indicators[ds.indicators["indicator"].isin((REMITTANCES, *OTHER_REMITTANCE_SHARES))
                         & ds.indicators["country"].isin(ds.focus)]
    rows = rows[rows["period"].map(is_year)]
    return rows[rows["period"].astype(int) >= since]


def remittance_comparison(ds: Dataset, since: int = BASE_YEAR):
    """The World Bank series beside the other published estimates of remittances as % of GDP."""
    indicators = (REMITTANCES, *OTHER_REMITTANCE_SHARES)
    rows = remittance_estimates(ds, since)
    others = rows[rows["indicator"] != REMITTANCES]
    if others.empty:
        return None
    keep = set(zip(others["country"], others["period"]))
    rows = rows[[k in keep for k in zip(rows["country"], rows["period"])]]
    labels = ds.indicator_definitions["label"]
    table = pd.DataFrame({
        "Country": rows["country"].map(ds.name).values,
        "Year": rows["period"].values,
        "Estimate": rows["indicator"].map(labels).values,
        "% of GDP": [tx.format_value(r.value, "percent", r.precision) for r in rows.itertuples()],
        "Source": [tables.source_links(ds, s) for s in rows["source_id"]],
        "_order": rows["indicator"].map({k: i for i, k in enumerate(indicators)}).values,
    }).sort_values(["Country", "Year", "_order"]).drop(columns="_order").reset_index(drop=True)
    return tables.styled(table, "remittance-estimates")


def estimates_text(ds: Dataset, since: int = BASE_YEAR) -> str:
    """Who else published remittances as % of GDP, and how many of those estimates differ from the World Bank's
    figure for the same country and year by more than the stated tolerance."""
    rows = remittance_estimates(ds, since)
    wb = rows[rows["indicator"] == REMITTANCES].set_index(["country", "period"])["value"]
    others = rows[rows["indicator"] != REMITTANCES]
    if others.empty:
        return "The book holds no other estimate of the same share to set beside the World Bank's."
    outlets = publishers(ds, ids_in(others))
    pairs = [(r.value, wb[(r.country, r.period)]) for r in others.itertuples() if (r.country, r.period) in wb.index]
    wide = sum(abs(o - w) > m.TOLERANCE * abs(w) for o, w in pairs)
    text = (f"Other estimates of the same share, by {tx.names_list(outlets)}, are set beside it from {since} on "
            "in the table below")
    if not pairs:
        return text + "; none is for a year the World Bank's series covers."
    return (text + f": of the {tx.count(len(pairs), 'estimate')} for a year the World Bank's series covers, "
            f"{wide} differ{'s' if wide == 1 else ''} from its figure by more than {m.TOLERANCE:.0%}.")


def show_remittance_comparison(ds: Dataset) -> None:
    table = remittance_comparison(ds)
    if table is None:
        return
    tables.show(tables.folded(table, "Every estimate, with its source"), tables.small(
        "Source: the publisher in each row. Figures published at the time came before later revisions of GDP and "
        "of remittance data. The book charts the current World Bank series and lists the others for comparison."))


def show_reexport(ds: Dataset) -> None:
    charts.show(charts.reexport_signal(ds))
