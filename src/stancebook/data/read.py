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
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError([Problem(shown, f"the file is not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    _check_shape(shown, table, text)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""],
                            skip_blank_lines=False, index_col=False)
    except pd.errors.ParserError as exc:
        raise DataError([_parser_problem(shown, exc)]) from None
    frame.index = frame.index + 2
    frame = frame.dropna(how="all")  # blank lines, e.g. at the end of a hand-edited file
    try:
        return table.schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        raise DataError(_problems(shown, table, exc.failure_cases)) from None


def _check_shape(shown: str, table: Table, text: str) -> None:
    """Header and row lengths: the rules that must hold before any value can be read."""
    if not text.strip():
        raise DataError([Problem(shown, "the file is empty: it needs a header row and at least one data row")])
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip() for h in next(reader)]
        expected = list(table.schema.columns)
        missing = [c for c in expected if c not in header]
        problems = []
        for h in header:
            if h not in expected:
                close = difflib.get_close_matches(h, missing, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else " (check its spelling)"
                missing = [c for c in missing if c not in close]
                problems.append(Problem(shown, f"this column is not part of the table{hint}", line=1, column=h))
        problems += [Problem(shown, "this column is required but missing from the header", line=1, column=c)
                     for c in missing]
        if problems:
            raise DataError(problems)
        start = reader.line_num + 1
        for row in reader:
            if row and any(cell.strip() for cell in row) and len(row) != len(header):
                if reader.line_num > start and any("\n" in cell for cell in row):
                    rule = "a quote (\") opened on this line is never closed"
                else:
                    rule = (f"this row has {len(row)} fields but the header has {len(header)} "
                            "(a missing or extra comma, or an unquoted comma inside a value)")
                raise DataError([Problem(shown, rule, line=start)])
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataError([Problem(shown, f"the file is not well-formed CSV ({exc})", line=reader.line_num)]) from None


def _parser_problem(shown: str, exc: Exception) -> Problem:
    text = str(exc).strip().splitlines()[-1]
    match = re.search(r"starting at row (\d+)", text)
    line = int(match.group(1)) + 1 if match else None
    if "EOF inside string" in text:
        return Problem(shown, "a quote (\") is opened here but never closed", line=line)
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


