"""Read one CSV table of ``data/`` and validate it against its schema: the rules that a single file can break
(its encoding, its shape, each cell's type and allowed values, its key). Each broken rule becomes a Problem
naming the file, the row and the column."""

from __future__ import annotations

import csv
import difflib
import io
import re
from pathlib import Path

import pandas as pd
import pandera.errors

from ..errors import DataError, Problem
from .schemas import Table


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_table(data_dir: Path, table: Table) -> pd.DataFrame:
    """Read one CSV as text and validate it against its schema.

    The frame's index is the CSV line number of each row (the header is line 1), so
    that every problem can be reported by line. Raises DataError.
    """
    path = Path(data_dir) / table.file
    shown = display_path(path)
    if not path.is_file():
        raise DataError([Problem(shown, f"file not found (the {table.name} table: {table.description})")])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError([Problem(shown, f"the file cannot be read ({exc.strerror or exc})")]) from None
    text = decode(shown, raw)
    _check_shape(shown, table, text)
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""], skip_blank_lines=False, index_col=False
        )
    except pd.errors.ParserError as exc:
        raise DataError([_parser_problem(shown, exc)]) from None
    frame.index = frame.index + 2
    frame = frame.dropna(how="all")  # blank lines, e.g. at the end of a hand-edited file
    number_problems = _check_number_text(shown, table, frame)
    if number_problems:
        raise DataError(number_problems)
    try:
        valid = table.schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        raise DataError(_problems(shown, table, exc.failure_cases)) from None
    return valid


# --- encodings ---------------------------------------------------------------------------------------------

#: byte-order marks of the encodings a spreadsheet may save "Unicode text" in, longest first
_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
)
#: the legacy encodings a hand-edited CSV is most often saved in, as charset-normalizer names them
_LEGACY = {
    "cp1252": "Windows-1252 (Western European)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1257": "Windows-1257 (Baltic)",
    "latin_1": "ISO-8859-1 (Latin-1)",
    "mac_roman": "Mac OS Roman",
    "koi8_r": "KOI8-R (Cyrillic)",
    "cp866": "DOS code page 866 (Cyrillic)",
    "utf_16": "UTF-16",
}
RESAVE = (
    "re-save it as UTF-8 (in Excel: Save As > 'CSV UTF-8 (Comma delimited)'; in LibreOffice: "
    "Character set 'Unicode (UTF-8)')"
)


def _utf16_or_32(raw: bytes) -> str | None:
    """The UTF-16 or UTF-32 variant a file without a byte-order mark looks like, from where its zero bytes
    fall (text of ASCII characters has a zero byte beside every character), or None."""
    sample = raw[:4096]
    if not sample or sample.count(0) < len(sample) // 4:
        return None
    for width, name in ((4, "UTF-32"), (2, "UTF-16")):
        lanes = [sample[i::width].count(0) / max(1, len(sample[i::width])) for i in range(width)]
        full = [i for i, share in enumerate(lanes) if share > 0.9]
        if width == 4 and len(full) == 3:
            return f"{name} ({'little' if 0 not in full else 'big'}-endian)"
        if width == 2 and len(full) == 1:
            return f"{name} ({'little' if full == [1] else 'big'}-endian)"
    return "UTF-16 or UTF-32"


def decode(shown: str, raw: bytes) -> str:
    """The file's text, read as UTF-8 (with or without a byte-order mark); any other encoding is refused with
    a message that names the one the file looks like and how to re-save it."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            raise DataError([Problem(shown, f"the file is {name} text, not UTF-8: {RESAVE}")])
    wide = _utf16_or_32(raw)
    if wide:
        raise DataError(
            [Problem(shown, f"the file looks like {wide} text without a byte-order mark, not UTF-8: {RESAVE}")]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        guess = _guess_encoding(raw)
        looks = (
            f"it looks like {guess}, or another legacy encoding" if guess else "its encoding could not be recognised"
        )
        raise DataError(
            [
                Problem(
                    shown,
                    f"the file is not UTF-8 text ({looks}; the first byte that is not UTF-8 is on this line): {RESAVE}",
                    line=line,
                )
            ]
        ) from None


def _guess_encoding(raw: bytes) -> str | None:
    """The legacy encoding the bytes most likely are in, by charset-normalizer (the detector requests uses)."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000], cp_isolation=[c for c in _LEGACY if c != "utf_16"]).best()
    return None if best is None else _LEGACY.get(best.encoding, best.encoding)


# --- numbers written as text -------------------------------------------------------------------------------

_NOT_A_NUMBER = {
    "nan",
    "inf",
    "+inf",
    "-inf",
    "infinity",
    "+infinity",
    "-infinity",
    "n/a",
    "na",
    "#n/a",
    "#value!",
    "#div/0!",
    "null",
    "none",
    "-",
    "–",
    "—",
}
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_EUROPEAN = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+,\d+$")
_THOUSANDS_SPACE = re.compile(r"^[+-]?\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?$")


def number_text_rule(text: str) -> str | None:
    """What is wrong with a cell of a number column that the reader wrote in a way the book does not read, and
    how to write it; None if nothing is (a cell that is no number at all is left to the schema's own rule)."""
    t = text.strip()
    plain = lambda x: x.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")  # noqa: E731
    if t.lower() in _NOT_A_NUMBER:
        return (
            f"'{t}' is not a number: write the figure (digits, with a '.' before any decimals), or leave the "
            "cell empty where this column allows a missing value"
        )
    if _EUROPEAN.match(t):
        fixed = t.replace(".", "").replace(",", ".")
        return f"'{t}' uses a decimal comma and '.' between thousands: write {fixed}"
    if _THOUSANDS_SPACE.match(t):
        digits = re.sub(r"[ \u00a0\u202f]", "", t).replace(",", ".")
        return f"'{t}' has spaces between thousands: write {digits}"
    if _THOUSANDS_COMMA.match(t) and "." in t:
        return f"'{t}' uses ',' between thousands: write {plain(t)} (no thousands separators)"
    if _THOUSANDS_COMMA.match(t):
        return (
            f"'{t}' has a comma: write {plain(t)} if it separates thousands, or {t.replace(',', '.')} if it is "
            "a decimal comma (the book reads '.' as the decimal point and no thousands separators)"
        )
    if _DECIMAL_COMMA.match(t):
        return f"'{t}' uses a decimal comma: write {t.replace(',', '.')} (a '.' before the decimals)"
    return None


def _number_columns(table: Table) -> list[str]:
    return [name for name, column in table.schema.columns.items() if str(column.dtype).startswith(("int", "float"))]


def _check_number_text(shown: str, table: Table, frame: pd.DataFrame) -> list[Problem]:
    """Numbers written with a decimal comma, thousands separators or as 'NaN' / 'inf': said as such (the
    schema alone would say 'must be a whole number', or take 'NaN' for an empty cell)."""
    problems = []
    for column in _number_columns(table):
        if column not in frame:
            continue
        for line, cell in frame[column].dropna().items():
            rule = number_text_rule(str(cell))
            if rule:
                problems.append(Problem(shown, rule, line=int(line), column=column))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or ""))


#: the largest cell the csv module reads (its field_size_limit)
CELL_LIMIT = csv.field_size_limit()
#: delimiters other than the comma that spreadsheets write, and what they are called
_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _other_delimiter(header_line: str, expected: list[str]) -> str | None:
    """The delimiter a header uses instead of commas, if splitting by it gives this table's columns."""
    for delimiter, name in _DELIMITERS.items():
        cells = [c.strip().strip('"') for c in header_line.split(delimiter)]
        if len(cells) > 1 and len(set(cells) & set(expected)) >= min(2, len(expected)):
            return name
    return None


def _split_number(table: Table, header: list[str], row: list[str]) -> tuple[str, str] | None:
    """Where a row has one field too many because a decimal comma or a thousands separator split a number in
    two: the number column and the number as written ('4807,5'); None otherwise."""
    if len(row) != len(header) + 1:
        return None
    numbers = set(_number_columns(table))
    for i, column in enumerate(header):
        if column in numbers and i + 1 < len(row):
            text = f"{row[i].strip()},{row[i + 1].strip()}"
            if _DECIMAL_COMMA.match(text) or _THOUSANDS_COMMA.match(text):
                return column, text
    return None


def _check_shape(shown: str, table: Table, text: str) -> None:
    """Header and row lengths: the rules that must hold before any value can be read."""
    if not text.strip():
        raise DataError([Problem(shown, "the file is empty: it needs a header row and at least one data row")])
    expected = list(table.schema.columns)
    first_line = text.lstrip("\ufeff").splitlines()[0]
    delimiter = _other_delimiter(first_line, expected)
    if delimiter and "," not in first_line:
        raise DataError(
            [
                Problem(
                    shown,
                    f"the file's cells are separated by {delimiter}, not commas (a spreadsheet "
                    "set to another list separator saves files this way): re-save it as CSV "
                    "with commas ('CSV UTF-8 (Comma delimited)' in Excel)",
                    line=1,
                )
            ]
        )
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip() for h in next(reader)]
        missing = [c for c in expected if c not in header]
        problems = []
        for h in header:
            if h not in expected:
                close = difflib.get_close_matches(h, missing, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else " (check its spelling)"
                missing = [c for c in missing if c not in close]
                problems.append(Problem(shown, f"this column is not part of the table{hint}", line=1, column=h))
        problems += [
            Problem(shown, "this column is required but missing from the header", line=1, column=c) for c in missing
        ]
        if problems:
            raise DataError(problems)
        start = reader.line_num + 1
        for row in reader:
            if row and any(cell.strip() for cell in row) and len(row) != len(header):
                if reader.line_num > start and any("\n" in cell for cell in row):
                    rule = 'a quote (") opened on this line is never closed'
                else:
                    rule = (
                        f"this row has {len(row)} fields but the header has {len(header)} "
                        "(a missing or extra comma, or an unquoted comma inside a value)"
                    )
                    split = _split_number(table, header, row)
                    if split:
                        column, text = split
                        rule = (
                            f"{rule}: the comma in {text!r} splits the number in column '{column}' in two; "
                            f"{number_text_rule(text)}"
                        )
                raise DataError([Problem(shown, rule, line=start)])
            start = reader.line_num + 1
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            rule = (
                f"a cell that starts on this line is longer than {CELL_LIMIT:,} characters, which no cell of "
                'the book needs: most likely a quote (") opened there is never closed, or a whole text was '
                "pasted into one cell"
            )
            raise DataError([Problem(shown, rule, line=start)]) from None
        raise DataError([Problem(shown, f"the file is not well-formed CSV ({exc})", line=reader.line_num)]) from None


def _parser_problem(shown: str, exc: Exception) -> Problem:
    text = str(exc).strip().splitlines()[-1]
    match = re.search(r"starting at row (\d+)", text)
    line = int(match.group(1)) + 1 if match else None
    if "EOF inside string" in text:
        return Problem(shown, 'a quote (") is opened here but never closed', line=line)
    return Problem(shown, f"the file is not well-formed CSV ({text})", line=line)


def _problems(shown: str, table: Table, cases: pd.DataFrame) -> list[Problem]:
    """Turn pandera's failure cases into one Problem per line, column and rule."""
    cases = cases.copy()
    cases["check"] = cases["check"].astype(str)
    wrong_type = cases["check"].str.startswith(("coerce_dtype", "dtype"))
    if wrong_type.any():
        # Rules on a column whose values could not be read as its type say nothing useful.
        broken = set(cases.loc[wrong_type, "column"])
        cases = cases[wrong_type | (cases["column"].notna() & ~cases["column"].isin(broken))]
    problems: list[Problem] = []
    seen: set[tuple] = set()
    firsts: set[tuple] = set()
    for case in cases.sort_values("index").itertuples(index=False):
        check = case.check
        whole_table = case.schema_context == "DataFrameSchema"
        column = None if whole_table or pd.isna(case.column) else str(case.column)
        line = None if pd.isna(case.index) else int(case.index)
        value = None if whole_table or pd.isna(case.failure_case) else case.failure_case
        if check == "not_nullable":
            rule, value = "a value is required here (the cell is empty)", None
        elif check == "field_uniqueness":
            rule = "values in this column must be unique (this one repeats an earlier row)"
        elif check == "multiple_fields_uniqueness":
            rule = f"the key ({', '.join(table.key)}) must be unique (this row repeats an earlier one)"
            column, value = ", ".join(table.key), None
        elif wrong_type.any() and check.startswith(("coerce_dtype", "dtype")):
            rule = "must be a date written YYYY-MM-DD" if "datetime" in check else "must be a whole number"
        else:
            rule = check
        if whole_table and rule in table.row_rules:
            column = table.row_rules[rule]
        if check == "field_uniqueness":
            first = (column, value)
            if first not in firsts:  # the first occurrence is not the duplicate
                firsts.add(first)
                continue
        key = (line, column, rule)
        if key not in seen:
            seen.add(key)
            problems.append(Problem(shown, rule, line=line, column=column, value=value))
    # A row rule spanning several columns adds nothing when one of its cells already broke its own rule.
    cell_lines = {p.line for p in problems if p.column and p.rule not in table.row_rules}
    problems = [p for p in problems if p.rule not in table.row_rules or p.line not in cell_lines]
    problems.sort(key=lambda p: (p.line or 0, p.column or ""))
    return problems
