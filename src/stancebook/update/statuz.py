"""Uzbekistan's Statistics Agency: open-data datasets 1105 (exports by country) and 1176 (imports by country),
downloaded from stat.uz as ``sdmx_data_<id>.csv``.

Despite the name, the download is not SDMX-ML or SDMX-CSV (no dataflow, dimension or observation columns) but a
plain wide table, so it is read with the standard ``csv`` module (an SDMX library would refuse it); the checks
are on the file itself. Layout: a header ``Code,Klassifikator,Klassifikator_ru,Klassifikator_en,<year>,...`` (the
first cell may carry a byte-order mark), then one row per partner: its UN M49 numeric code, its name in Uzbek,
Russian and English, and a value per year in thousand US$. The rows include "Other countries" (code 0) and no
total, so the world total is the sum of all rows. The file does not say which flow it holds: the dataset number in
its name does (1105 exports, 1176 imports), as the Agency names its downloads.

The rows add up to the headline "foreign trade turnover", which in Uzbek methodology includes services, so the
book keeps them as goods and services.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .base import LayoutError, Proposal
from .trade import EU27_M49, Table, Year, number, proposal

HEADER = ["Code", "Klassifikator", "Klassifikator_ru", "Klassifikator_en"]
DATASETS = {"1105": "export", "1176": "import"}
PARTNERS = {"643": "RUS", "156": "CHN", "792": "TUR"}
REPORTER_M49 = "860"
SOURCE = {
    "source_id": "uzb-stat-trade",
    "publisher": "Statistics Agency under the President of the Republic of Uzbekistan",
    "title": "Exports and imports by country (open-data SDMX datasets 1105 and 1176)",
    "title_status": "confirmed",
    "url": "https://stat.uz/en/official-statistics/merchandise-trade",
    "licence": "Open data of the Statistics Agency; terms not recorded upstream.",
}
BASIS_NOTE = (
    "goods and services: the rows add up to the headline foreign trade turnover, which in Uzbek methodology "
    "includes services; thousand US$ in the Agency's table, divided by 1,000"
)


def _read(file: Path) -> tuple[str, dict[str, dict[str, object]]]:
    found = re.search(r"(?<!\d)(1105|1176)(?!\d)", file.name)
    if not found:
        raise LayoutError(
            f"{file}: the file name should carry the dataset number, 1105 (exports) or 1176 (imports), as stat.uz "
            "names its downloads (sdmx_data_1105.csv): the file itself does not say which flow it holds"
        )
    flow = DATASETS[found[1]]
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LayoutError(f"{file}: cannot be read as a UTF-8 text file ({exc})") from None
    lines = list(csv.reader(io.StringIO(text)))
    if not lines or lines[0][:4] != HEADER:
        found = ",".join(lines[0][:4]) if lines else "an empty file"
        raise LayoutError(f"{file}, line 1: the header should start {','.join(HEADER)} (found {found!r})")
    header = lines[0]
    years = header[4:]
    if not years or not all(re.fullmatch(r"(19|20)\d{2}", y) for y in years):
        raise LayoutError(f"{file}, line 1: after {','.join(HEADER)} the header should list years (found {years})")
    values: dict[str, dict[str, object]] = {y: {} for y in years}
    for n, row in enumerate(lines[1:], start=2):
        if not row:
            continue
        if len(row) != len(header):
            raise LayoutError(
                f"{file}, line {n}: {len(row)} fields where the header has {len(header)}: the file is cut short or "
                "altered; download it again"
            )
        code = row[0].strip()
        if not code.isdigit():
            raise LayoutError(f"{file}, line {n}, column Code: {code!r} is not a UN M49 country code")
        code = code.zfill(3) if code != "0" else "0"
        if code == REPORTER_M49:
            raise LayoutError(f"{file}, line {n}: lists Uzbekistan as a partner: not Uzbekistan's own table")
        for year, cell in zip(years, row[4:], strict=True):
            try:
                value = number(cell)
            except ValueError as exc:
                raise LayoutError(f"{file}, line {n}, column {year}: {exc}") from None
            if value is not None:
                values[year][code] = value
    missing = [
        f"{name} (code {code})" for code, name in PARTNERS.items() if not any(code in v for v in values.values())
    ]
    members = {code for v in values.values() for code in v if code in EU27_M49}
    if len(members) < len(EU27_M49):
        missing.append(f"{len(EU27_M49) - len(members)} of the 27 EU members")
    if missing:
        raise LayoutError(f"{file}: no row for {', '.join(missing)}: the table is cut short or is another dataset")
    return flow, values


def read(files: list[Path], data_dir: Path) -> Proposal:
    """Uzbekistan's trade rows from dataset 1105 (exports), 1176 (imports) or both; turnover only from both."""
    table = Table("UZB", SOURCE["source_id"], "goods_and_services", BASIS_NOTE, {},
                  codes={p: code for code, p in PARTNERS.items()},
                  prints_total=False, prints_turnover=False, prints_eu=False)  # fmt: skip
    seen = set()
    for file in files:
        flow, values = _read(file)
        if flow in seen:
            raise LayoutError(f"{file}: a second file of {flow}s; give dataset 1105 and/or 1176 once each")
        seen.add(flow)
        for year, got in values.items():
            table.years.setdefault(year, Year()).values[flow] = got
    years = sorted(table.years)
    return proposal(
        table,
        data_dir,
        f"series {years[0]} to {years[-1]}",
        {
            **SOURCE,
            "retrieval_note": "Read from the Agency's own open-data files with stancebook update uzb-stat. "
            "Values in thousand US$, divided by 1,000. The country rows add up to the headline foreign trade "
            "turnover, which in Uzbek methodology includes services.",
        },
    )
