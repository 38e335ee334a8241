"""The National Statistical Committee of the Kyrgyz Republic: tables 4.03.00.18 "Geographic distribution of exports
of goods" and 4.03.00.20 "... of imports of goods" (Excel ``.xlsx`` workbooks, read with ``openpyxl``, the
library made for that format).

Layout: the sheet's first row names the table in Kyrgyz, Russian and English (one column each), the second the
unit "(тыс. долларов США)" / "(thousand US dollars)"; a header row lists the years (1994 on) from the fourth
column; then one row per group or country, with its Kyrgyz, Russian and English name in the first three columns
and "-" where nothing was recorded. The total ("Total") and the EU ("The EU") come first; the EU's members are
listed among the countries. A year marked with a footnote ("2023 1") is preliminary.

The EU row equals the 27 members plus the United Kingdom up to 2019 and the 27 members from 2020: the importer
tells which by adding up the member rows, and keeps a row that includes the UK as ``EU28`` beside an ``EU27``
summed from its members.
"""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from .base import LayoutError, Proposal
from .trade import EU27_M49, UK_M49, Table, Year, number, proposal

TABLES = {"4.03.00.18": "export", "4.03.00.20": "import"}
TITLES = {
    "export": "Geographic distribution of exports of goods",
    "import": "Geographic distribution of imports of goods",
}
UNIT = "thousand US dollars"
ROWS = {"Total": "WLD", "Russia": "RUS", "China": "CHN", "Turkey": "TUR", "Türkiye": "TUR", "The EU": "EU"}
#: the English names the tables give the EU's members and the United Kingdom, with their UN M49 codes
MEMBERS = {
    "Austria": "040", "Belgium": "056", "Bulgaria": "100", "Croatia": "191", "Cyprus": "196",
    "Czech Republic": "203", "Denmark": "208", "Estonia": "233", "Finland": "246", "France": "250",
    "Germany": "276", "Greece": "300", "Hungary": "348", "Ireland": "372", "Italy": "380", "Latvia": "428",
    "Lithuania": "440", "Luxembourg": "442", "Malta": "470", "Netherlands": "528", "Poland": "616",
    "Portugal": "620", "Romania": "642", "Slovakia": "703", "Slovenia": "705", "Spain": "724", "Sweden": "752",
    "Great Britain (United Kingdom)": UK_M49, "Great Britain": UK_M49,
}  # fmt: skip
SOURCE = {
    "source_id": "kgz-nsc-trade",
    "publisher": "National Statistical Committee of the Kyrgyz Republic",
    "title": "Geographic distribution of exports and imports of goods (tables 4.03.00.18 and 4.03.00.20)",
    "title_status": "confirmed",
    "url": "https://www.stat.gov.kg/en/statistics/vneshneekonomicheskaya-deyatelnost/",
    "licence": "Public statistics; listed as CC BY by the upstream project, not verified on the NSC site.",
}
BASIS_NOTE = "goods; thousand US$ in the Committee's table, divided by 1,000"


def _text(cell: object) -> str:
    return " ".join(str(cell).split()) if cell is not None else ""


def _read(file: Path) -> tuple[str, dict[str, dict[str, Decimal]], set[str]]:
    """(flow, values per year and partner, preliminary years) of one table."""
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, InvalidFileException) as exc:
        raise LayoutError(f"{file}: cannot be read as an Excel (.xlsx) workbook ({exc})") from None
    for sheet in book.worksheets:
        lines = [tuple(r) for r in sheet.iter_rows(values_only=True)]
        first = " ".join(_text(c) for c in (lines[0] if lines else ()))
        table = next((t for t in TABLES if t in first), None)
        if table is not None:
            break
    else:
        raise LayoutError(
            f"{file}: no sheet whose first row names table {' or '.join(TABLES)}: not an NSC table of trade by country"
        )
    flow = TABLES[table]
    if TITLES[flow] not in first:
        raise LayoutError(f"{file}, sheet {sheet.title}: table {table} should be titled '{TITLES[flow]}'")
    if not any(UNIT in _text(c) for c in lines[1]):
        raise LayoutError(f"{file}, sheet {sheet.title}, row 2: the unit '{UNIT}' is not stated")
    header = next(
        (
            i
            for i, r in enumerate(lines[:8])
            if sum(bool(re.fullmatch(r"(19|20)\d{2}( \d)?", _text(c))) for c in r) >= 3
        ),
        None,
    )
    if header is None:
        raise LayoutError(f"{file}, sheet {sheet.title}: no header row of years in the first 8 rows")
    years = {j: _text(c) for j, c in enumerate(lines[header]) if re.fullmatch(r"(19|20)\d{2}( \d)?", _text(c))}
    preliminary = {y.split()[0] for y in years.values() if " " in y}
    values: dict[str, dict[str, Decimal]] = {y.split()[0]: {} for y in years.values()}
    names = []
    for i, line in enumerate(lines[header + 1 :], start=header + 2):
        if len(line) < 3 or not _text(line[2]):
            continue
        name = _text(line[2])
        names.append(name)
        key = ROWS.get(name) or MEMBERS.get(name)
        if key is None:
            continue
        for j, year in years.items():
            try:
                value = number(line[j] if j < len(line) else None)
            except ValueError as exc:
                raise LayoutError(f"{file}, sheet {sheet.title}, row {i} ({name}), {year}: {exc}") from None
            if value is not None:
                values[year.split()[0]].setdefault(key, value)
    if "Kyrgyzstan" in names:
        raise LayoutError(f"{file}: lists Kyrgyzstan as a partner: not the Kyrgyz Republic's own table")
    found = set().union(*values.values())
    # one name per key the book needs (Turkey and Türkiye are one row; so are the two names of the UK)
    wanted = {}
    for name, key in [*ROWS.items(), *MEMBERS.items()]:
        wanted.setdefault(key, name)
    missing = [name for key, name in wanted.items() if key not in found]
    if missing:
        raise LayoutError(
            f"{file}, sheet {sheet.title}: no row for {', '.join(missing)}: the table is cut short or its layout has "
            "changed"
        )
    return flow, values, preliminary


def read(files: list[Path], data_dir: Path) -> Proposal:
    """Kyrgyzstan's trade rows from table 4.03.00.18 (exports), 4.03.00.20 (imports) or both; turnover only
    from both."""
    table = Table("KGZ", SOURCE["source_id"], "goods", BASIS_NOTE, {}, prints_turnover=False)
    flows = {}
    for file in files:
        flow, values, preliminary = _read(file)
        if flow in flows:
            raise LayoutError(f"{file}: a second table of {flow}s; give table 4.03.00.18 and/or 4.03.00.20 once each")
        flows[flow] = (values, preliminary)
    unknown: dict[str, list[str]] = {}
    for flow, (values, preliminary) in flows.items():
        for year, got in values.items():
            y = table.years.setdefault(year, Year())
            y.values[flow] = got
            if year in preliminary:
                y.preliminary.add(flow)
            members = sum((v for k, v in got.items() if k in EU27_M49), Decimal(0))
            block = got.get("EU")
            if block is None:
                continue
            tolerance = max(Decimal(2), block * Decimal("0.001"))
            if abs(block - members - got.get(UK_M49, Decimal(0))) <= tolerance < abs(block - members):
                y.eu_with_uk = True
            elif abs(block - members) > tolerance:
                # an EU of another composition (before 2015 the table's EU is that of its day): no EU row is kept
                unknown.setdefault(year, []).append(flow)
                del got["EU"]
                for code in EU27_M49:
                    got.pop(code, None)
    years = sorted(table.years)
    if unknown:
        table.notes.append(
            "no EU row for "
            + ", ".join(f"{y} ({'/'.join(f)})" for y, f in sorted(unknown.items()))
            + ": the table's EU row equals neither the 27 members' rows nor those plus the United Kingdom"
        )
    with_uk = [y for y in years if table.years[y].eu_with_uk]
    if with_uk:
        table.notes.append(f"the EU row includes the United Kingdom in {with_uk[0]}–{with_uk[-1]}")
    prelim = sorted({f"{y} {f}s" for y in years for f in table.years[y].preliminary})
    version = f"series {years[0]} to {years[-1]}"
    if prelim:
        version += "; " + ", ".join(prelim) + " marked preliminary"
    return proposal(
        table,
        data_dir,
        version,
        {
            **SOURCE,
            "retrieval_note": "Read from the Committee's own tables with stancebook update kgz-nsc. Values in "
            "thousand US$, divided by 1,000."
            + (f" The EU row includes the United Kingdom in {with_uk[0]} to {with_uk[-1]}." if with_uk else ""),
        },
    )
