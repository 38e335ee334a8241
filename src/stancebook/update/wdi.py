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
    values = {r[1]: dict(zip(header[4:], r[4:], strict=True)) for _, r in body}
    return _proposal(codes[0], values, data_dir, years, f"the World Bank's own bulk file {file.name}",
                     "stancebook update wdi", _release(updated_on), str(file))  # fmt: skip


def _release(updated_on: dt.date) -> str:
    return f"bulk download with Last Updated Date {updated_on.day} {MONTHS[updated_on.month - 1]} {updated_on.year}"


def _proposal(
    code: str,
    values: dict[str, dict[str, str]],
    data_dir: Path,
    years: list[str],
    read_from: str,
    command: str,
    release: str,
    where: str,
) -> Proposal:
    """The indicator rows of ``values`` (country -> year -> value as text) for the countries the book reads."""
    indicator, unit, source_id, title = INDICATORS[code]
    held, focus = _held(data_dir, indicator)
    countries = set(held) | set(focus)
    mine = {c: v for c, v in values.items() if c in countries}
    if not any(c in focus for c in mine):
        raise LayoutError(
            f"{where}: holds no row for any focus country ({', '.join(focus)}): it is the file for other "
            "countries, or a cut of it without them"
        )
    years = [y for y in years if y]
    since = min((int(y) for y in held.values()), default=int(min(years)))
    rows, zeros = [], []
    for country, by_year in mine.items():
        for year in years:
            value = by_year.get(year, "")
            if int(year) < since or value == "":
                continue
            if float(value) == 0:
                zeros.append(f"{country} {year}")
                continue
            rows.append(
                {
                    "country": country,
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
    version = release + (f"; years to {last}" if last else "")
    source = {
        "source_id": source_id,
        "publisher": "World Bank",
        "title": title,
        "title_status": "confirmed",
        "url": f"https://data.worldbank.org/indicator/{code}",
        "version": version,
        "licence": "CC BY 4.0 (World Bank)",
        "retrieval_note": f"Read from {read_from} with {command}.",
    }
    # a source row already describing this release stays as it is (its note may say more than this one)
    if _source_version(data_dir, source_id) == version:
        sources = {}
    else:
        sources = {source_id: source}
    notes = [f"{len(rows)} values of {code} from {since} on, for {', '.join(sorted({r['country'] for r in rows}))}"]
    if zeros:
        notes.append(f"left out {len(zeros)} values of exactly 0, which the file does not explain: {', '.join(zeros)}")
    return Proposal(
        table="indicators",
        rows=rows,
        owns=lambda row: row["indicator"] == indicator and row["country"] in countries and row["period"] in covered,
        sources=sources,
        notes=notes,
    )


def read_api(code: str, data_dir: Path, fetch=None, today: dt.date | None = None) -> Proposal:
    """The same rows from the World Bank's indicators API, through its own client ``wbgapi`` (the machine must
    be online). ``fetch`` stands in for ``wbgapi.data.fetch`` (tests). The API gives numbers, not the bulk file's
    text: each is written as Python writes a float, which may differ from the file in the last digit."""
    if code not in INDICATORS:
        raise LayoutError(f"indicator {code}: the book reads one of {', '.join(INDICATORS)}")
    if fetch is None:
        import wbgapi

        fetch = wbgapi.data.fetch
    held, focus = _held(data_dir, INDICATORS[code][0])
    economies = sorted(set(held) | set(focus))
    values: dict[str, dict[str, str]] = {}
    years: set[str] = set()
    try:
        for obs in fetch(code, economies, time="all", numericTimeKeys=True):
            year = str(obs["time"])
            years.add(year)
            if obs["value"] is not None:
                values.setdefault(obs["economy"], {})[year] = repr(float(obs["value"]))
    except OSError as exc:  # requests' connection errors are OSErrors
        raise LayoutError(
            f"the World Bank API could not be reached ({exc.__class__.__name__}): download the bulk file "
            f"API_{code}_DS2_en_csv_v2_<n>.csv from https://data.worldbank.org/indicator/{code} and run "
            "stancebook update wdi FILE"
        ) from None
    if not years:
        raise LayoutError(f"the World Bank API returned no data for {code}")
    today = today or dt.date.today()
    return _proposal(code, values, data_dir, sorted(years), "the World Bank's indicators API (wbgapi)",
                     "stancebook update wdi-api", f"indicators API, fetched {today.day} {MONTHS[today.month - 1]} "
                     f"{today.year}", f"World Bank API, {code}")  # fmt: skip


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
