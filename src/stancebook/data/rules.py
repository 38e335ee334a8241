"""Rules that join rows and tables of ``data/``: every id a row points to exists, a partner that is a country
has its colour, one primary trade figure per cell and turnover = export + import, and every piece of evidence a
claim cites is a row of the book's tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import Problem
from . import schemas as sc
from .read import display_path
from .vocab import AGGREGATES, EVIDENCE_KINDS

REF_HINTS = {
    "sources": "unknown source id: add it to sources.csv or correct it",
    "countries": "unknown country code: add the country to countries.csv or correct it",
    "unga_resolutions": "unknown resolution id: it must be a res_id in unga_resolutions.csv",
    "partners": "unknown partner code: add it to partners.csv or correct it",
    "indicator_definitions": "unknown indicator: define it in indicator_definitions.csv or correct it",
    "articles": "unknown article id: it must be an article_id in articles.csv",
}
#: extra values a link column accepts besides the ids of the table it points to
REF_EXTRAS = {("indicators", "country"): set(AGGREGATES), ("article_views", "country"): set(AGGREGATES),
              ("claims", "country"): set(AGGREGATES)}


def _check_refs(data_dir: Path, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Rules that join two tables: every id a row points to must exist in the table it names."""
    by_name = {t.name: t for t in sc.TABLES}
    problems: list[Problem] = []
    for table in sc.TABLES:
        frame = frames[table.name]
        shown = display_path(data_dir / table.file)
        for column, target in table.refs.items():
            known = set(frames[target][by_name[target].key[0]]) | REF_EXTRAS.get((table.name, column), set())
            rule = REF_HINTS.get(target, f"unknown id: it must be a {by_name[target].key[0]} in {by_name[target].file}")
            for line, ids in zip(frame["csv_line"], frame[column]):
                for one in str(ids).split(";"):
                    if one not in known:
                        problems.append(Problem(shown, rule, line=int(line), column=column, value=one))
    return problems


def _check_partner_colours(data_dir: Path, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """A partner that is also a country in the book is drawn in the country's colour everywhere."""
    shown = display_path(data_dir / sc.PARTNERS.file)
    colours = dict(zip(frames[sc.COUNTRIES.name]["iso3"], frames[sc.COUNTRIES.name]["colour"].str.upper()))
    return [
        Problem(shown, f"a partner that is a country must have its colour in countries.csv ({colours[p.partner]})",
                line=int(p.csv_line), column="colour", value=p.colour)
        for p in frames[sc.PARTNERS.name].itertuples()
        if p.partner in colours and p.colour.upper() != colours[p.partner]
    ]


def flow_sums(rows: pd.DataFrame) -> pd.DataFrame:
    """Export + import per reporter, partner and year, where both flows are present.

    Returns columns reporter, partner, year, export_plus_import. Years with only one of the two flows are left
    out: half a sum is not a turnover.
    """
    flows = rows[rows["flow"].isin(["export", "import"])]
    wide = flows.pivot_table(index=["reporter", "partner", "year"], columns="flow", values="value_usd_m",
                             aggfunc="sum")
    if not {"export", "import"} <= set(wide.columns):
        return pd.DataFrame(columns=["reporter", "partner", "year", "export_plus_import"])
    wide = wide.dropna(subset=["export", "import"])
    return (wide["export"] + wide["import"]).rename("export_plus_import").reset_index()


#: how far a primary turnover may be from its primary export + import (rounding in the published tables)
TURNOVER_TOLERANCE = 0.5


def _check_trade(data_dir: Path, trade: pd.DataFrame) -> list[Problem]:
    """Rules across rows of the trade table: one primary figure per cell, and turnover = export + import."""
    shown = display_path(data_dir / sc.TRADE.file)
    primary = trade[trade["primary"] == "yes"]
    cell = ["reporter", "partner", "year", "flow"]
    problems = [
        Problem(shown, "only one row per reporter, partner, year and flow may be primary (this one repeats an "
                "earlier primary row)", line=int(r.csv_line), column="primary", value="yes")
        for r in primary[primary.duplicated(cell)].itertuples()
    ]
    if problems:
        return problems
    sums = flow_sums(primary)
    turnover = primary[primary["flow"] == "turnover"].merge(sums, on=["reporter", "partner", "year"])
    for r in turnover.itertuples():
        if abs(r.value_usd_m - r.export_plus_import) > TURNOVER_TOLERANCE:
            problems.append(Problem(
                shown, f"a primary turnover must equal the primary export + import of the same year "
                f"({r.export_plus_import:,.1f}) within {TURNOVER_TOLERANCE}",
                line=int(r.csv_line), column="value_usd_m", value=r.value_usd_m))
    return problems


#: for each kind of claim evidence: the table it points to (by schema name) and how a row's key is spelt
EVIDENCE_TARGETS = {
    "event": (sc.EVENTS.name, lambda f: f["event_id"]),
    "tie": (sc.INSTITUTION_TIES.name, lambda f: f["country"] + "/" + f["institution"]),
    "vote": (sc.VOTES.name, lambda f: f["iso3"] + "/" + f["res_id"]),
    "trade": (sc.TRADE.name,
              lambda f: f["reporter"] + "/" + f["partner"] + "/" + f["year"].astype(str) + "/" + f["flow"]),
    "indicator": (sc.INDICATORS.name, lambda f: f["country"] + "/" + f["indicator"] + "/" + f["period"]),
    "source": (sc.SOURCES.name, lambda f: f["source_id"]),
}


def evidence_keys(frames: dict[str, pd.DataFrame]) -> dict[str, set[str]]:
    """For each kind of claim evidence, the ids the data hold (what may follow 'kind:')."""
    return {kind: set(key(frames[table])) for kind, (table, key) in EVIDENCE_TARGETS.items()}


def _check_evidence(data_dir: Path, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every piece of evidence a claim cites must point to a row of the book's tables."""
    shown = display_path(data_dir / sc.CLAIMS.file)
    known = evidence_keys(frames)
    problems = []
    for line, evidence in zip(frames[sc.CLAIMS.name]["csv_line"], frames[sc.CLAIMS.name]["evidence"]):
        for item in ([] if pd.isna(evidence) else evidence.split(";")):
            kind, _, key = item.partition(":")
            if key not in known[kind]:
                rule = f"evidence points to nothing: '{key}' is not {EVIDENCE_KINDS[kind]}"
                problems.append(Problem(shown, rule, line=int(line), column="evidence", value=item))
    return problems




def check(data_dir: Path, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every rule that joins rows or tables, as Problems (none when the data keep them all). The links between
    tables come first: the other rules read the rows the links point to."""
    problems = _check_refs(data_dir, frames)
    if problems:
        return problems
    return (_check_partner_colours(data_dir, frames) + _check_trade(data_dir, frames[sc.TRADE.name])
            + _check_evidence(data_dir, frames))
