"""What an update changes in ``data/``, checked with the build's own schemas and rules, and written atomically.

The tables are read and written as text with the standard ``csv`` module, in the layout the curation scripts
write (header first, LF line ends, minimal quoting), so that rows an importer reproduces exactly leave the file
byte-identical. Existing rows keep their order: a replaced row stays where it was, a removed one goes, and new
rows follow the last row the importer owns.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..data import load
from ..data.schemas import TABLES
from ..errors import DataError
from .base import Proposal

#: the column that names a row's country, per table an importer may write
COUNTRY_COLUMN = {"indicators": "country", "trade": "reporter", "unga_votes": "iso3"}
SOURCES = "sources"
#: how many changed rows the report names, per table
SHOWN = 10


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _text(columns: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({c: r.get(c, "") for c in columns} for r in rows)
    return out.getvalue()


#: columns of a table's key that hold the figure itself: a new value of the same figure is a change, not a new row
VALUE_COLUMNS = ("value", "value_usd_m")


def _key(table: str):
    """What identifies a row across releases: the table's key without the figure's value."""
    columns = [c for c in next(t for t in TABLES if t.name == table).key if c not in VALUE_COLUMNS]
    return lambda row: tuple(row[c] for c in columns)


@dataclass
class TableDiff:
    """The keys of the rows added, changed (with the columns that changed) and removed in one table."""

    table: str
    added: list[tuple] = field(default_factory=list)
    changed: dict[tuple, list[str]] = field(default_factory=dict)
    removed: list[tuple] = field(default_factory=list)
    #: rows added, changed and removed per country (when the table has a country column)
    by_country: dict[str, list[int]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


@dataclass
class Diff:
    """An update's effect: the diff of each table and the new text of each table that changes."""

    tables: list[TableDiff]
    texts: dict[str, str]
    notes: list[str]
    #: the rules of the build the new tables would break (an update with any is never written)
    problems: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return all(t.empty for t in self.tables)

    def report(self) -> str:
        """Per table: rows added, changed and removed, then per country; then what the importer left out."""
        lines = []
        for t in self.tables:
            lines.append(f"{t.table}.csv: {len(t.added)} added, {len(t.changed)} changed, {len(t.removed)} removed")
            for country, (a, c, r) in sorted(t.by_country.items()):
                lines.append(f"  {country}: {a} added, {c} changed, {r} removed")
            for key, columns in list(t.changed.items())[:SHOWN]:
                lines.append(f"  changed {'/'.join(key)}: {', '.join(columns)}")
            if len(t.changed) > SHOWN:
                lines.append(f"  ... and {len(t.changed) - SHOWN} more changed rows")
        lines += [f"Note: {n}" for n in self.notes]
        return "\n".join(lines)


def _merge(table: str, current: list[dict[str, str]], proposal: Proposal) -> tuple[list[dict[str, str]], TableDiff]:
    key = _key(table)
    country = COUNTRY_COLUMN.get(table)
    proposed = {key(r): r for r in proposal.rows}
    diff = TableDiff(table)
    out, last_owned, seen = [], None, set()
    for row in current:
        if not proposal.owns(row):
            out.append(row)
            continue
        k = key(row)
        if k in proposed:
            new = proposed[k]
            columns = [c for c in row if row[c] != new.get(c, "")]
            if columns:
                diff.changed[k] = columns
            out.append({c: new.get(c, "") for c in row})
            seen.add(k)
        else:
            diff.removed.append(k)
        last_owned = len(out)
    added = [r for k, r in proposed.items() if k not in seen]
    diff.added = [key(r) for r in added]
    at = len(out) if last_owned is None else last_owned
    out[at:at] = added
    if country:
        counts: dict[str, list[int]] = {}
        rows_by_key = {key(r): r for r in current} | proposed
        for i, keys in enumerate((diff.added, list(diff.changed), diff.removed)):
            for k in keys:
                counts.setdefault(rows_by_key[k][country], [0, 0, 0])[i] += 1
        diff.by_country = counts
    return out, diff


def _merge_sources(current: list[dict[str, str]], new: dict[str, dict[str, str]]) -> tuple[list, TableDiff]:
    diff = TableDiff(SOURCES)
    out = []
    for row in current:
        update = new.get(row["source_id"])
        if update is None:
            out.append(row)
            continue
        merged = {**row, **{c: v for c, v in update.items() if c in row}}
        columns = [c for c in row if row[c] != merged[c]]
        if columns:
            diff.changed[(row["source_id"],)] = columns
        out.append(merged)
    have = {r["source_id"] for r in current}
    for sid, row in new.items():
        if sid not in have:
            out.append(row)
            diff.added.append((sid,))
    return out, diff


def diff(data_dir: Path, proposal: Proposal | list[Proposal]) -> Diff:
    """What ``proposal`` (or several, one per table) changes in ``data_dir``, validated: ``problems`` lists (naming
    file, row, column and rule) every schema or rule of the build the new tables would break."""
    data_dir = Path(data_dir)
    proposals = proposal if isinstance(proposal, list) else [proposal]
    texts, tables, notes, new_sources = {}, [], [], {}
    for p in proposals:
        columns, current = _read(data_dir / f"{p.table}.csv")
        rows, table_diff = _merge(p.table, current, p)
        tables.append(table_diff)
        if not table_diff.empty:
            texts[p.table] = _text(columns, rows)
        notes += p.notes
        new_sources.update(p.sources)
    source_columns, sources = _read(data_dir / f"{SOURCES}.csv")
    merged_sources, source_diff = _merge_sources(sources, new_sources)
    if not source_diff.empty:
        texts[SOURCES] = _text(source_columns, merged_sources)
    result = Diff([*tables, source_diff], texts, notes)
    try:
        _validate(data_dir, texts)
    except DataError as exc:
        result.problems = exc.problems
    return result


def _validate(data_dir: Path, texts: dict[str, str]) -> None:
    """Load a copy of ``data_dir`` with the new tables in place, with every schema and rule of the build."""
    if not texts:
        return
    with tempfile.TemporaryDirectory(prefix="stancebook-update-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy)
        for table, text in texts.items():
            (copy / f"{table}.csv").write_text(text, encoding="utf-8")
        try:
            load(copy)
        except DataError as exc:
            # name the real files, not the temporary copy
            raise DataError(
                [dataclasses.replace(p, file=p.file.replace(str(copy), str(data_dir))) for p in exc.problems]
            ) from None


def apply(data_dir: Path, result: Diff) -> list[Path]:
    """Write the changed tables (never those of an update that breaks a rule: DataError): each to a temporary file
    beside it, then moved into place (an interrupted update leaves each file whole, old or new; sources first, so
    no row ever cites a source not yet written)."""
    if result.problems:
        raise DataError(result.problems)
    data_dir = Path(data_dir)
    order = sorted(result.texts, key=lambda t: t != SOURCES)
    staged = []
    try:
        for table in order:
            fd, name = tempfile.mkstemp(prefix=f".{table}.", suffix=".csv.update", dir=data_dir)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write(result.texts[table])
            staged.append((Path(name), data_dir / f"{table}.csv"))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
    return [target for _, target in staged]
