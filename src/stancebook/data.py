"""Load the curated tables in ``data/``, validate them, and hand them over as one Dataset."""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.errors

from .errors import DataError, Problem
from . import schemas as sc
from .schemas import COUNTRIES, RESOLUTIONS, SOURCES, TABLES, VOTES, Table


#: Dataset field of the tables whose schema name differs from it
FIELDS = {"unga_resolutions": "resolutions", "unga_votes": "votes"}


def field_name(table: str) -> str:
    """The Dataset field holding a table named by its schema name."""
    return FIELDS.get(table, table)


@dataclass(frozen=True)
class Dataset:
    """All curated tables, validated and linked.

    ``countries`` is indexed by ISO3 code in file order; ``resolutions`` by ``res_id``
    in date order; ``sources`` by ``source_id``; ``votes`` is a long table.
    """

    data_dir: Path
    sources: pd.DataFrame
    countries: pd.DataFrame
    resolutions: pd.DataFrame
    votes: pd.DataFrame
    partners: pd.DataFrame
    trade: pd.DataFrame
    eu_exports: pd.DataFrame
    indicator_definitions: pd.DataFrame
    indicators: pd.DataFrame
    coverage_notes: pd.DataFrame
    events: pd.DataFrame
    institutions: pd.DataFrame
    articles: pd.DataFrame
    article_views: pd.DataFrame
    claims: pd.DataFrame

    @property
    def focus(self) -> list[str]:
        """ISO3 codes of the focus countries, in file order."""
        return self.countries.index[self.countries["role"] == "focus"].tolist()

    def table(self, name: str) -> pd.DataFrame:
        """A table by its schema name (``unga_resolutions`` and ``unga_votes`` are held as resolutions, votes)."""
        return getattr(self, field_name(name))

    def name(self, iso3: str) -> str:
        return str(self.countries.at[iso3, "name"])

    def colour(self, iso3: str) -> str:
        return str(self.countries.at[iso3, "colour"])

    def coverage_note(self, iso3: str, topic: str) -> str | None:
        """The curated note on a country's coverage of a topic (coverage_notes.csv), if there is one."""
        notes = self.coverage_notes
        hit = notes[(notes["country"] == iso3) & (notes["topic"] == topic)]
        return None if hit.empty else str(hit["note"].iloc[0])


def _display_path(path: Path) -> str:
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
    shown = _display_path(path)
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


REF_HINTS = {
    "sources": "unknown source id: add it to sources.csv or correct it",
    "countries": "unknown country code: add the country to countries.csv or correct it",
    "unga_resolutions": "unknown resolution id: it must be a res_id in unga_resolutions.csv",
    "partners": "unknown partner code: add it to partners.csv or correct it",
    "indicator_definitions": "unknown indicator: define it in indicator_definitions.csv or correct it",
    "articles": "unknown article id: it must be an article_id in articles.csv",
}
#: extra values a link column accepts besides the ids of the table it points to
REF_EXTRAS = {("indicators", "country"): set(sc.AGGREGATES), ("article_views", "country"): set(sc.AGGREGATES),
              ("claims", "country"): set(sc.AGGREGATES)}


def _check_refs(data_dir: Path, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Rules that join two tables: every id a row points to must exist in the table it names."""
    by_name = {t.name: t for t in TABLES}
    problems: list[Problem] = []
    for table in TABLES:
        frame = frames[table.name]
        shown = _display_path(data_dir / table.file)
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
    shown = _display_path(data_dir / sc.PARTNERS.file)
    colours = dict(zip(frames[COUNTRIES.name]["iso3"], frames[COUNTRIES.name]["colour"].str.upper()))
    return [
        Problem(shown, f"a partner that is a country must have its colour in countries.csv ({colours[p.partner]})",
                line=int(p.csv_line), column="colour", value=p.colour)
        for p in frames[sc.PARTNERS.name].itertuples()
        if p.partner in colours and p.colour.upper() != colours[p.partner]
    ]


#: how far a primary turnover may be from its primary export + import (rounding in the published tables)
TURNOVER_TOLERANCE = 0.5


def _check_trade(data_dir: Path, trade: pd.DataFrame) -> list[Problem]:
    """Rules across rows of the trade table: one primary figure per cell, and turnover = export + import."""
    from .trade import flow_sums

    shown = _display_path(data_dir / sc.TRADE.file)
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
    "vote": (VOTES.name, lambda f: f["iso3"] + "/" + f["res_id"]),
    "trade": (sc.TRADE.name,
              lambda f: f["reporter"] + "/" + f["partner"] + "/" + f["year"].astype(str) + "/" + f["flow"]),
    "indicator": (sc.INDICATORS.name, lambda f: f["country"] + "/" + f["indicator"] + "/" + f["period"]),
    "source": (SOURCES.name, lambda f: f["source_id"]),
}


def evidence_keys(frames: dict[str, pd.DataFrame]) -> dict[str, set[str]]:
    """For each kind of claim evidence, the ids the data hold (what may follow 'kind:')."""
    return {kind: set(key(frames[table])) for kind, (table, key) in EVIDENCE_TARGETS.items()}


def _check_evidence(data_dir: Path, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every piece of evidence a claim cites must point to a row of the book's tables."""
    shown = _display_path(data_dir / sc.CLAIMS.file)
    known = evidence_keys(frames)
    problems = []
    for line, evidence in zip(frames[sc.CLAIMS.name]["csv_line"], frames[sc.CLAIMS.name]["evidence"]):
        for item in ([] if pd.isna(evidence) else evidence.split(";")):
            kind, _, key = item.partition(":")
            if key not in known[kind]:
                rule = f"evidence points to nothing: '{key}' is not {sc.EVIDENCE_KINDS[kind]}"
                problems.append(Problem(shown, rule, line=int(line), column="evidence", value=item))
    return problems


def load(data_dir: str | Path = "data") -> Dataset:
    """Read and validate every table in ``data_dir``; raise DataError listing every problem."""
    data_dir = Path(data_dir)
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for table in TABLES:
        try:
            frames[table.name] = read_table(data_dir, table)
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    for name, frame in frames.items():
        frames[name] = frame.rename_axis("csv_line").reset_index()
    problems = _check_refs(data_dir, frames)
    if not problems:
        problems = (_check_partner_colours(data_dir, frames) + _check_trade(data_dir, frames[sc.TRADE.name])
                    + _check_evidence(data_dir, frames))
    if problems:
        raise DataError(problems)
    return Dataset(
        data_dir=data_dir,
        sources=frames[SOURCES.name].set_index("source_id", drop=False),
        countries=frames[COUNTRIES.name].set_index("iso3", drop=False),
        resolutions=frames[RESOLUTIONS.name].sort_values(["date", "csv_line"]).set_index("res_id", drop=False),
        votes=frames[VOTES.name],
        partners=frames[sc.PARTNERS.name].set_index("partner", drop=False),
        trade=frames[sc.TRADE.name],
        eu_exports=frames[sc.EU_EXPORTS.name],
        indicator_definitions=frames[sc.INDICATOR_DEFINITIONS.name].set_index("indicator", drop=False),
        indicators=frames[sc.INDICATORS.name],
        coverage_notes=frames[sc.COVERAGE_NOTES.name],
        events=frames[sc.EVENTS.name],
        institutions=frames[sc.INSTITUTION_TIES.name],
        articles=frames[sc.ARTICLES.name].set_index("article_id", drop=False),
        article_views=frames[sc.ARTICLE_VIEWS.name],
        claims=frames[sc.CLAIMS.name],
    )
