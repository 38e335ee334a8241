"""Kazakhstan's Bureau of National Statistics: "Основные показатели внешней торговли (по странам)", the annual
spreadsheet of foreign trade by country (an Excel 97 ``.xls`` file, read with ``xlrd``, the library made for that
format).

Layout (editions 2019 to 2023): one sheet per year (named ``12_2019``, ``2022`` ...; the 2023 edition adds a cover
and notes), each with the title "Основные показатели внешней торговли Республики Казахстан", the period ("за
январь-декабрь 2019 года", "2023 год") in the next rows, the unit "тыс. долларов США", a header row with
"Товарооборот", "Экспорт", "Импорт" (each followed by a share column), and one row per country or group, the
total first ("Всего"). The EU block ("Страны ЕС") is followed by its members; up to the 2022 edition it lists
the United Kingdom among them. Each edition holds its year and the year before.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import xlrd

from .base import LayoutError, Proposal
from .trade import Table, Year, number, proposal

TITLE = "Основные показатели внешней торговли Республики Казахстан"
UNIT = "тыс. долларов США"
COLUMNS = {"turnover": "Товарооборот", "export": "Экспорт", "import": "Импорт"}
ROWS = {"Всего": "WLD", "Россия": "RUS", "Китай": "CHN", "Турция": "TUR", "Страны ЕС": "EU"}
UK = ("Соединенное Королевство", "Великобритания")
SOURCE = {
    "source_id": "kaz-bns-trade",
    "publisher": "Bureau of National Statistics, Agency for Strategic Planning and Reforms of Kazakhstan",
    "title": "Main indicators of foreign trade, by country (annual spreadsheets)",
    "title_status": "confirmed",
    "url": "https://stat.gov.kz/en/industries/economy/foreign-market/spreadsheets/",
    "licence": "Public statistics; no open licence found on the site. Cite the Bureau of National Statistics.",
}
BASIS_NOTE = "goods; thousand US$ in the Bureau's table, divided by 1,000"


def _label(cell: object) -> str:
    return " ".join(str(cell).split())


def _word(cell: object) -> str:
    """A header cell as compared (editions differ in case: "Экспорт", "экспорт")."""
    return _label(cell).casefold()


def _sheet(sheet: xlrd.sheet.Sheet, file: Path) -> tuple[str, Year, int] | None:
    """(year, its figures, members listed in the EU block), or None for a sheet that is not a year's table."""
    top = [_label(sheet.cell_value(i, 0)) for i in range(min(sheet.nrows, 4))]
    if not any(TITLE in t for t in top):
        return None
    header = next(
        (
            i
            for i in range(min(sheet.nrows, 10))
            if all(w.casefold() in map(_word, sheet.row_values(i)) for w in COLUMNS.values())
        ),
        None,
    )
    if header is None:
        raise LayoutError(
            f"{file}, sheet {sheet.name}: no header row with {', '.join(COLUMNS.values())}: the layout has changed"
        )
    years = {y for t in top[1:] for y in re.findall(r"\b(?:19|20)\d{2}\b", t)}
    if len(years) != 1:
        raise LayoutError(f"{file}, sheet {sheet.name}: the period under the title names no single year ({top})")
    if not any(UNIT in _label(c) for i in range(header) for c in sheet.row_values(i)):
        raise LayoutError(f"{file}, sheet {sheet.name}: the unit '{UNIT}' is not stated above the header")
    cols = {flow: list(map(_word, sheet.row_values(header))).index(word.casefold()) for flow, word in COLUMNS.items()}
    year = Year(values={flow: {} for flow in COLUMNS})
    in_block, members, labels = False, 0, []
    for i in range(header + 2, sheet.nrows):
        label = _label(sheet.cell_value(i, 0))
        if not label:
            continue
        labels.append(label)
        key = next((k for name, k in ROWS.items() if label == name or (k == "WLD" and label.startswith(name))), None)
        if in_block and label.startswith("Страны"):
            in_block = False
        elif in_block:
            members += 1
            if label in UK:
                key = "BLOCK_UK"
                year.eu_with_uk = True
        if key == "EU":
            in_block = True
        if key is None or key in year.values["export"]:
            continue
        for flow, col in cols.items():
            try:
                value = number(sheet.cell_value(i, col))
            except ValueError as exc:
                raise LayoutError(f"{file}, sheet {sheet.name}, row {i + 1} ({label}): {exc}") from None
            if value is not None:
                year.values[flow][key] = value
    if "Казахстан" in labels:
        raise LayoutError(f"{file}, sheet {sheet.name}: lists Kazakhstan as a partner: not Kazakhstan's own table")
    missing = [name for name, k in ROWS.items() if k not in year.values["export"]]
    if missing:
        raise LayoutError(
            f"{file}, sheet {sheet.name}: no row for {', '.join(missing)}: the table is cut short or its layout has "
            "changed"
        )
    return years.pop(), year, members


def read(files: list[Path], data_dir: Path) -> Proposal:
    """Kazakhstan's trade rows from one or more BNS editions (a later edition's year wins)."""
    table = Table("KAZ", SOURCE["source_id"], "goods", BASIS_NOTE, {})
    editions, published = [], []
    for file in files:
        try:
            book = xlrd.open_workbook(str(file), on_demand=True)
        except Exception as exc:  # xlrd raises several types for a file that is not a whole .xls workbook
            raise LayoutError(f"{file}: cannot be read as an Excel 97 (.xls) workbook ({exc})") from None
        got = {}
        for sheet in book.sheets():
            found = _sheet(sheet, file)
            if found:
                got[found[0]] = found
            else:
                for i in range(min(sheet.nrows, 12)):
                    m = re.search(r"Дата опубликования:\s*(\d{2})\.(\d{2})\.(\d{4})", _label(sheet.cell_value(i, 0)))
                    if m:
                        published.append(f"{m[3]}-{m[2]}-{m[1]}")
        if not got:
            raise LayoutError(f"{file}: no sheet titled '{TITLE}': not a BNS table of foreign trade by country")
        editions.append((max(got), got))
    for edition, got in sorted(editions, key=lambda e: e[0]):
        for year, figures, members in got.values():
            figures.edition = edition
            table.years[year] = figures
            table.notes = [n for n in table.notes if not n.startswith(f"{year}:")]
            table.notes.append(
                f"{year}: the EU block lists {members} members" + (", the UK among them" if figures.eu_with_uk else "")
            )
    first = min(int(e) for e, _ in editions)
    last = max(int(e) for e, _ in editions)
    version = f"editions for {first} to {last}"
    if published:
        version += f"; the {last} edition is dated " + _date(max(published))
    return proposal(
        table,
        data_dir,
        version,
        {
            **SOURCE,
            "retrieval_note": "Read from the Bureau's own spreadsheets with stancebook update kaz-bns. Values in "
            "thousand US$, divided by 1,000." + _uk_note(editions),
        },
    )


def _uk_note(editions: list[tuple[str, dict]]) -> str:
    """Which editions' EU block lists the United Kingdom, said in the source row."""
    with_uk = sorted(e for e, got in editions if any(y.eu_with_uk for _, y, _ in got.values()))
    if not with_uk:
        return ""
    return f" In the editions of {with_uk[0]} to {with_uk[-1]} the EU block lists the United Kingdom among its members."


def _date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B')} {d.year}"
