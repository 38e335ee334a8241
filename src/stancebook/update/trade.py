"""What the national trade importers share: a reporter's table of thousand US$ by year, flow and partner, turned
into rows of ``trade.csv`` the way the book keeps them.

Each importer (``bns``, ``nsc``, ``statuz``) reads its publisher's own file and gives a ``Table``: for each year
and flow (export, import, and turnover where the publisher prints it), the published figure for the world total,
Russia, China and Türkiye, the EU block as the publisher prints it (and whether it includes the United Kingdom),
and each EU member's row where the table lists them. ``rows`` applies the book's rules, the same for every
reporter:

- values are divided by 1,000 (thousand to million US$) and kept to 3 decimals, the precision of the tables;
- a turnover the publisher does not print is export + import (``figure`` = derived);
- the EU is the 27 members of today: a block that includes the United Kingdom is kept as ``EU28`` (never in the
  primary series) beside an ``EU27`` derived from it; a reporter that prints no block gets an ``EU27`` summed from
  its member rows; a world total the publisher does not print is the sum of every partner row.

Numbers are read as ``Decimal`` from their text, so that the arithmetic is exact and a value is written as the
publisher printed it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from .base import LayoutError, Proposal

FLOWS = ("export", "import", "turnover")
#: the partners the book keeps from a national table (besides the EU)
PARTNERS = ("WLD", "RUS", "CHN", "TUR")
#: the 27 members of the European Union since 1 February 2020, as UN M49 numeric codes
EU27_M49 = frozenset(
    "040 056 100 191 196 203 208 233 246 250 276 300 348 372 380 428 440 442 470 528 616 620 642 703 705 724 "
    "752".split()
)
UK_M49 = "826"
THOUSAND = Decimal(1000)


def number(value: object) -> Decimal | None:
    """A table cell as a number: None for an empty cell or a dash (nothing recorded); LayoutError otherwise."""
    if value is None:
        return None
    text = str(value).strip().replace("\xa0", "").replace(" ", "").replace(",", ".")
    if text in ("", "-", "–", "—", "x", "..."):
        return None
    try:
        return Decimal(repr(value) if isinstance(value, float) else text)
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None


def millions(thousands: Decimal) -> str:
    """Thousand US$ as million US$ with at most 3 decimals (a half rounded up, as spreadsheets round), written as
    the curated tables write numbers."""
    value = (thousands / THOUSAND).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    text = format(value.normalize(), "f")
    return text if "." in text else text + ".0"


@dataclass
class Year:
    """One year of a reporter's table: thousand US$ per flow and partner (``WLD``, ``RUS``, ``CHN``, ``TUR``,
    ``EU`` for the block as printed, or an M49 code for a member row)."""

    values: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    #: the EU block as printed includes the United Kingdom
    eu_with_uk: bool = False
    #: the publisher marks these flows as preliminary in this year
    preliminary: set[str] = field(default_factory=set)
    #: the edition the year was read from, for a publisher whose editions each hold two years
    edition: str | None = None


@dataclass
class Table:
    """A reporter's trade by partner, as one publisher's file gives it."""

    reporter: str
    source_id: str
    basis: str
    #: what the figures are, said in every published row's note
    basis_note: str
    years: dict[str, Year]
    #: the book's partners by the UN M49 code the table keys its rows by, for a table keyed by code alone
    codes: dict[str, str] = field(default_factory=dict)
    #: whether the table prints a world total, a turnover and an EU block (else they are derived)
    prints_total: bool = True
    prints_turnover: bool = True
    prints_eu: bool = True
    notes: list[str] = field(default_factory=list)


def _row(table: Table, partner: str, year: str, flow: str, value: Decimal, derived: str | None) -> dict[str, str]:
    y = table.years[year]
    note = derived or table.basis_note
    if flow in y.preliminary or (flow == "turnover" and y.preliminary):
        note += " (the table marks these figures as preliminary)"
    if y.edition:
        note += f"; from the {y.edition} edition"
    return {
        "reporter": table.reporter,
        "partner": partner,
        "year": year,
        "months": "",
        "flow": flow,
        "value_usd_m": millions(value),
        "basis": table.basis,
        "reported_by": "reporter",
        "channel": "data_file",
        "figure": "derived" if derived else "published",
        "precision": "as_published",
        "primary": "no" if partner == "EU28" else "yes",
        "source_id": table.source_id,
        "note": note,
    }


def rows(table: Table, since: int | None) -> list[dict[str, str]]:
    """The trade rows of ``table`` from ``since`` on (every year when None), in a stable order."""
    out = []
    for year in sorted(table.years):
        if since is not None and int(year) < since:
            continue
        y = table.years[year]
        flows = [f for f in ("export", "import") if f in y.values]
        if table.prints_turnover and "turnover" in y.values:
            flows.append("turnover")
        by_flow: dict[str, dict[str, tuple[Decimal, str | None]]] = {}
        for flow in flows:
            got = y.values[flow]
            kept: dict[str, tuple[Decimal, str | None]] = {}
            for p in PARTNERS:
                key = table.codes.get(p, p)
                if p == "WLD" and not table.prints_total:
                    kept[p] = (
                        sum(got.values(), Decimal(0)),
                        "DERIVED by us: the sum of every partner row of the table",
                    )
                elif key in got:
                    kept[p] = (got[key], None)
            member_sum = sum((v for k, v in got.items() if k in EU27_M49), Decimal(0))
            if table.prints_eu and "EU" in got:
                if y.eu_with_uk:
                    kept["EU28"] = (got["EU"], None)
                    if "BLOCK_UK" in got:
                        kept["EU27"] = (
                            got["EU"] - got["BLOCK_UK"],
                            "DERIVED by us: the EU block as printed (which lists the United Kingdom) minus the "
                            "United Kingdom row",
                        )
                    else:
                        kept["EU27"] = (member_sum, "DERIVED by us: the sum of the 27 EU members' rows of the table")
                else:
                    kept["EU27"] = (got["EU"], None)
            elif any(k in EU27_M49 for k in got):
                kept["EU27"] = (member_sum, "DERIVED by us: the sum of the 27 EU members' rows of the table")
            by_flow[flow] = kept
        if not table.prints_turnover and {"export", "import"} <= set(by_flow):
            ex, im = by_flow["export"], by_flow["import"]
            by_flow["turnover"] = {
                p: (ex[p][0] + im[p][0], "DERIVED by us: export + import (the table prints no turnover)")
                for p in ex
                if p in im and p != "EU28"
            }
        for p in (*PARTNERS, "EU27", "EU28"):
            for flow in FLOWS:
                if p in by_flow.get(flow, {}):
                    value, derived = by_flow[flow][p]
                    out.append(_row(table, p, year, flow, value, derived))
    return out


def _key(row: dict[str, str]) -> tuple[str, ...]:
    return row["reporter"], row["partner"], row["year"], row["months"], row["flow"]


def _edition(row: dict[str, str]) -> str | None:
    found = re.search(r"from the (\d{4}) edition", row["note"])
    return found[1] if found else None


SPAN = re.compile(r"(\d{4}) to (\d{4})")


def _merged_version(old: str | None, new: str) -> str | None:
    """The source row's version after reading a file described by ``new``, or None to leave ``old`` as it is.
    A version names the range of years (or editions) read so far, "... 2010 to 2023 ...": a file inside that
    range leaves it; one that reaches further widens it, worded as the newest file's version is."""
    if old is None:
        return new
    was, now = SPAN.search(old), SPAN.search(new)
    if not (was and now):
        return None if old == new or not now else new
    lo, hi = min(was[1], now[1]), max(was[2], now[2])
    if (lo, hi) == (was[1], was[2]):
        return None
    return SPAN.sub(f"{lo} to {hi}", new if now[2] == hi else old, count=1)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def proposal(table: Table, data_dir: Path, version: str, source: dict[str, str]) -> Proposal:
    """The rows of ``table`` from the earliest year ``data/`` holds from this source (every year of the table for a
    new source), replacing the rows of that source for the years and flows the table covers; the source row is
    written when it is new or names another range of years than ``version`` does."""
    current_rows = [r for r in _read_csv(data_dir / "trade.csv") if r["source_id"] == table.source_id]
    since = min((int(r["year"]) for r in current_rows), default=None)
    new = rows(table, since)
    # a row data/ holds from a later edition than the file's stays as it is: an older file never overwrites it
    later = {_key(r) for r in current_rows
             if r["year"] in table.years and (_edition(r) or "") > (table.years[r["year"]].edition or "")}  # fmt: skip
    new = [r for r in new if _key(r) not in later]
    if not new:
        raise LayoutError(
            f"the file holds no year from {since} on for {table.reporter}, the first year data/ holds from "
            f"{table.source_id}"
        )
    years = {r["year"] for r in new}
    flows = {r["flow"] for r in new}
    old = next((r for r in _read_csv(data_dir / "sources.csv") if r["source_id"] == table.source_id), None)
    merged = _merged_version(old["version"] if old else None, version)
    sources = {} if merged is None else {table.source_id: {**(old or {}), **source, "version": merged}}
    notes = [
        f"{len(new)} rows of {table.reporter}'s trade from {min(years)} to {max(years)} "
        f"({', '.join(f for f in FLOWS if f in flows)})",
        *table.notes,
    ]
    source_id, reporter = table.source_id, table.reporter
    if later:
        notes.append(f"kept {len(later)} rows that data/ holds from a later edition than this file's")
    return Proposal(
        table="trade",
        rows=new,
        owns=lambda r: (
            r["source_id"] == source_id
            and r["reporter"] == reporter
            and r["year"] in years
            and r["flow"] in flows
            and _key(r) not in later
        ),
        sources=sources,
        notes=notes,
    )
