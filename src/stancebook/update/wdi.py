"""The World Bank's World Development Indicators bulk download, ``API_<indicator>_DS2_<lang>_csv_v2_<n>.csv``.

Layout (as the World Bank publishes it): a line ``"Data Source","World Development Indicators",``, a blank line,
``"Last Updated Date","YYYY-MM-DD",``, a blank line, then a header ``"Country Name","Country Code","Indicator
Name","Indicator Code","1960",...`` and one row per country or aggregate with a value (or nothing) per year.
The file is read with the standard ``csv`` module rather than a data-frame reader because the checks are on the
file itself: every row must have as many fields as the header, or the file is refused as truncated or altered.
(When the machine is online the same series can be fetched with the World Bank's own ``wbgapi`` client; the
book reads the downloaded file so that an update can be repeated from the file alone.)

Rows: one indicator row per country and year with a value, as published (no rounding), for the countries
``data/`` already holds for that indicator and every focus country, from the earliest year ``data/`` holds for it
(every year of the file for a new indicator). A value of exactly 0 is left out and said, since the World Bank
publishes zeros it does not explain (Turkmenistan's remittances, 2019 to 2023).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from .base import LayoutError, Proposal

#: World Bank indicator code -> (the book's indicator, its unit, its source row and that row's title)
INDICATORS = {
    "BX.TRF.PWKR.CD.DT": (
        "remittances_usd_wdi",
        "USD",
        "wdi-remittances-usd",
        "World Development Indicators: Personal remittances, received (current US$), BX.TRF.PWKR.CD.DT",
    ),
    "BX.TRF.PWKR.DT.GD.ZS": (
        "remittances_pct_gdp",
        "percent of GDP",
        "wdi-remittances-gdp",
        "World Development Indicators: Personal remittances, received (% of GDP), BX.TRF.PWKR.DT.GD.ZS",
    ),
    "NY.GDP.MKTP.CD": (
        "gdp_current_usd",
        "current US$",
        "wdi-gdp",
        "World Development Indicators: GDP (current US$), NY.GDP.MKTP.CD",
    ),
    "SP.POP.TOTL": (
        "population_total",
        "persons",
        "wdi-population",
        "World Development Indicators: Population, total, SP.POP.TOTL",
    ),
}
HEADER = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _lines(file: Path) -> list[list[str]]:
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LayoutError(f"{file}: cannot be read as a UTF-8 text file ({exc})") from None
    return list(csv.reader(io.StringIO(text)))


def read(file: Path, data_dir: Path) -> Proposal:
    """The indicator rows of a WDI bulk file; LayoutError if it is not one, is cut short, or is for an indicator
    or countries the book does not read."""
    lines = _lines(file)
    if not lines or lines[0][:2] != ["Data Source", "World Development Indicators"]:
        found = ",".join(lines[0]) if lines else "an empty file"
        raise LayoutError(
            f"{file}: not a World Development Indicators bulk file: its first line should be "
            f'"Data Source","World Development Indicators" (found {found!r})'
        )
    updated = next((r[1] for r in lines[:4] if r[:1] == ["Last Updated Date"] and len(r) > 1), None)
    try:
        updated_on = dt.date.fromisoformat(updated or "")
    except ValueError:
        raise LayoutError(
            f'{file}: the line "Last Updated Date","YYYY-MM-DD" the World Bank writes third is missing or not '
            f"a date (found {updated!r})"
        ) from None
    at = next((i for i, r in enumerate(lines) if r[:4] == HEADER), None)
    if at is None:
        raise LayoutError(f"{file}: no header row starting {', '.join(HEADER)}: the layout has changed")
    header = lines[at]
    years = [c for c in header[4:] if c]
    if not years or not all(len(y) == 4 and y.isdigit() for y in years):
        raise LayoutError(f"{file}, line {at + 1}: after {', '.join(HEADER)} the header should list years")
    body = [(i + 1, r) for i, r in enumerate(lines[at + 1 :], start=at + 1) if r]
    for line, row in body:
        if len(row) != len(header):
            raise LayoutError(
                f"{file}, line {line}: {len(row)} fields where the header has {len(header)}: the file is cut "
                "short or altered; download it again"
            )
    codes = sorted({r[3] for _, r in body})
    if len(codes) != 1 or codes[0] not in INDICATORS:
        raise LayoutError(
            f"{file}: holds indicator(s) {', '.join(codes) or 'none'}; the book reads one of "
            f"{', '.join(INDICATORS)} per file"
        )
    indicator, unit, source_id, title = INDICATORS[codes[0]]
    held, focus = _held(data_dir, indicator)
    countries = set(held) | set(focus)
    mine = [(line, r) for line, r in body if r[1] in countries]
    if not any(r[1] in focus for _, r in mine):
        raise LayoutError(
            f"{file}: holds no row for any focus country ({', '.join(focus)}): it is the file for other "
            "countries, or a cut of it without them"
        )
    since = min((int(y) for y in held.values()), default=int(years[0]))
    rows, zeros = [], []
    for _, r in mine:
        for year, value in zip(header[4:], r[4:], strict=True):
            if not year or int(year) < since or value == "":
                continue
            if float(value) == 0:
                zeros.append(f"{r[1]} {year}")
                continue
            rows.append(
                {
                    "country": r[1],
                    "indicator": indicator,
                    "period": year,
                    "period_detail": "",
                    "value": value,
                    "value_high": "",
                    "precision": "as_published",
                    "unit": unit,
                    "source_id": source_id,
                    "note": "",
                }
            )
    covered = {y for y in years if int(y) >= since}
    last = max((int(r["period"]) for r in rows), default=None)
    version = (
        f"bulk download with Last Updated Date {updated_on.day} {MONTHS[updated_on.month - 1]} {updated_on.year}"
        + (f"; years to {last}" if last else "")
    )
    source = {
        "source_id": source_id,
        "publisher": "World Bank",
        "title": title,
        "title_status": "confirmed",
        "url": f"https://data.worldbank.org/indicator/{codes[0]}",
        "version": version,
        "licence": "CC BY 4.0 (World Bank)",
        "retrieval_note": f"Read from the World Bank's own bulk file {file.name} with stancebook update wdi.",
    }
    # a source row already describing this release stays as it is (its note may say more than this one)
    if _source_version(data_dir, source_id) == version:
        sources = {}
    else:
        sources = {source_id: source}
    notes = [f"{len(rows)} values of {codes[0]} from {since} on, for {', '.join(sorted({r['country'] for r in rows}))}"]
    if zeros:
        notes.append(f"left out {len(zeros)} values of exactly 0, which the file does not explain: {', '.join(zeros)}")
    return Proposal(
        table="indicators",
        rows=rows,
        owns=lambda row: row["indicator"] == indicator and row["country"] in countries and row["period"] in covered,
        sources=sources,
        notes=notes,
    )


def _source_version(data_dir: Path, source_id: str) -> str | None:
    with (data_dir / "sources.csv").open(encoding="utf-8", newline="") as f:
        return next((r["version"] for r in csv.DictReader(f) if r["source_id"] == source_id), None)


def _held(data_dir: Path, indicator: str) -> tuple[dict[str, str], list[str]]:
    """The countries ``data/`` holds the indicator for (with the earliest year of each), and the focus countries."""
    with (data_dir / "indicators.csv").open(encoding="utf-8", newline="") as f:
        held: dict[str, str] = {}
        for r in csv.DictReader(f):
            if r["indicator"] == indicator and r["period"].isdigit():
                held[r["country"]] = min(held.get(r["country"], r["period"]), r["period"])
    with (data_dir / "countries.csv").open(encoding="utf-8", newline="") as f:
        focus = [r["iso3"] for r in csv.DictReader(f) if r["role"] == "focus"]
    return held, focus
