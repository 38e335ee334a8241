"""The UN Dag Hammarskjöld Library's General Assembly voting data, ``<YYYY>_<MM>_<DD>_ga_voting.csv``
(https://digitallibrary.un.org/record/4060887).

Layout (the 2026 release): a header ``undl_id, ms_code, ms_name, ms_vote, date, session, resolution, draft,
committee_report, meeting, title, agenda_title, subjects, vote_note, total_yes, total_no, total_abstentions,
total_non_voting, total_ms, undl_link`` and one row per member state and recorded vote: the record id, the
member's ISO3 code and name, its vote (``Y``, ``N``, ``A``; non-voting ``X`` or blank), and the resolution's
date, symbol and totals, repeated on every row. The file is about 360 MB, so it is read row by row with the
standard ``csv`` module and only the rows of the resolutions ``data/`` holds are kept.

Rows: for every resolution ``data/unga_resolutions.csv`` holds with a UN record id, its totals as the file gives
them and the vote of every country ``data/countries.csv`` holds. A resolution the book knows only from the press
(no record id) is matched by its symbol and date: once the UN's release has it, its totals, record id and votes
come from the file instead of the press. The importer never changes which resolutions the book follows nor their
symbols: Ukraine-related resolutions in the file that the book does not hold, and symbols the file gives for
resolutions whose symbols the data mark as inferred or recalled, are listed in the notes for hand curation.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from .base import LayoutError, Proposal

COLUMNS = (
    "undl_id", "ms_code", "ms_name", "ms_vote", "date", "session", "resolution", "draft", "committee_report",
    "meeting", "title", "agenda_title", "subjects", "vote_note", "total_yes", "total_no", "total_abstentions",
    "total_non_voting", "total_ms", "undl_link",
)  # fmt: skip
#: what the importer reads of a row (the rest may change between releases)
NEEDED = ("undl_id", "ms_code", "ms_vote", "date", "resolution", "title", "total_yes", "total_no",
          "total_abstentions", "total_non_voting", "total_ms")  # fmt: skip
VOTES = {"Y": "Y", "N": "N", "A": "A", "X": "X", "": "X"}
SOURCE_ID = "undl-ga-voting"
#: title words that mark a resolution on the book's subject, for the list of candidates the book does not hold
SUBJECT = re.compile(r"Ukrain|Crimea|Sevastopol", re.IGNORECASE)
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read(file: Path, data_dir: Path) -> list[Proposal]:
    """The resolution and vote rows of the resolutions data/ holds; LayoutError if the file is not the DHL's
    voting data, is cut short, or holds none of them."""
    resolutions = _read_csv(data_dir / "unga_resolutions.csv")
    countries = [r["iso3"] for r in _read_csv(data_dir / "countries.csv")]
    by_record = {r["undl_id"]: r for r in resolutions if r["undl_id"]}
    by_symbol = {(r["symbol"], r["date"]): r for r in resolutions if not r["undl_id"] and r["symbol"]}
    found: dict[str, dict] = {}  # res_id -> {"row": first file row, "votes": {iso3: vote}, "members": n}
    candidates: dict[str, tuple[str, str, str]] = {}
    try:
        f = file.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise LayoutError(f"{file}: cannot be read ({exc})") from None
    with f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except (StopIteration, UnicodeDecodeError, csv.Error):
            raise LayoutError(f"{file}: empty or not a UTF-8 CSV file") from None
        missing = [c for c in NEEDED if c not in header]
        if missing:
            raise LayoutError(
                f"{file}, line 1: not the UN Digital Library's voting data: no column {', '.join(missing)} "
                f"(the layout is {', '.join(COLUMNS)})"
            )
        at = {c: header.index(c) for c in NEEDED}
        try:
            for line, fields in enumerate(reader, start=2):
                if not fields:
                    continue
                if len(fields) != len(header):
                    raise LayoutError(
                        f"{file}, line {line}: {len(fields)} fields where the header has {len(header)}: the file is "
                        "cut short or altered; download it again"
                    )
                row = {c: fields[i] for c, i in at.items()}
                held = by_record.get(row["undl_id"]) or by_symbol.get((row["resolution"], row["date"][:10]))
                if held is None:
                    if SUBJECT.search(row["title"]) and row["undl_id"] not in candidates:
                        candidates[row["undl_id"]] = (row["date"][:10], row["resolution"], row["title"][:90])
                    continue
                got = found.setdefault(held["res_id"], {"row": row, "votes": {}, "members": 0})
                got["members"] += 1
                if row["ms_code"] in countries:
                    if row["ms_vote"] not in VOTES:
                        raise LayoutError(
                            f"{file}, line {line}, column ms_vote: {row['ms_vote']!r} is not a vote (Y, N, A, X or "
                            "blank)"
                        )
                    got["votes"][row["ms_code"]] = VOTES[row["ms_vote"]]
        except (UnicodeDecodeError, csv.Error) as exc:
            raise LayoutError(f"{file}: not a readable UTF-8 CSV file ({exc})") from None
    if not found:
        raise LayoutError(
            f"{file}: holds none of the {len(resolutions)} resolutions data/ follows (by UN record id, or symbol and "
            "date): it is another file, or a cut of it without them"
        )
    res_rows, vote_rows, notes, cut = [], [], [], []
    for r in resolutions:
        got = found.get(r["res_id"])
        if got is None:
            res_rows.append(r)
            continue
        f = got["row"]
        record = f["undl_id"]
        totals = {k: f[c] for k, c in (("yes", "total_yes"), ("no", "total_no"), ("abstain", "total_abstentions"),
                                        ("non_voting", "total_non_voting"), ("members", "total_ms"))}  # fmt: skip
        if got["members"] < int(totals["members"] or 0):
            cut.append(r["res_id"])
        res_rows.append({**r, **totals, "undl_id": record, "undl_url": f"https://digitallibrary.un.org/record/{record}",
                         "source_id": SOURCE_ID})  # fmt: skip
        if f["resolution"] and f["resolution"] != r["symbol"]:
            notes.append(f"{r['res_id']}: the file's symbol is {f['resolution']}, the data's {r['symbol'] or 'blank'}")
        elif f["resolution"] and r["symbol_basis"] in ("inferred", "recalled"):
            notes.append(
                f"{r['res_id']}: the file gives the symbol {f['resolution']}, which the data mark as "
                f"{r['symbol_basis']}: it can be marked certain by hand"
            )
        absent = [c for c in countries if c not in got["votes"]]
        if absent and got["members"] >= int(totals["members"] or 0):
            notes.append(f"{r['res_id']}: no row for {', '.join(absent)} (not members on that date)")
        vote_rows += [{"res_id": r["res_id"], "iso3": c, "vote": v, "source_id": SOURCE_ID}
                      for c, v in sorted(got["votes"].items(), key=lambda cv: countries.index(cv[0]))]  # fmt: skip
    if cut:
        notes.append(
            f"the file holds only some members' rows for {len(cut)} resolutions (a cut of the release): their totals "
            "are taken as the file states them"
        )
    if candidates:
        notes.append(
            f"{len(candidates)} recorded votes in the file mention Ukraine or Crimea and are not in data/ (add a row "
            "to unga_resolutions.csv by hand to follow one): "
            + "; ".join(
                f"{u} {d} {s or 'no symbol'} {t}" for u, (d, s, t) in sorted(candidates.items(), key=lambda kv: kv[1])
            )
        )
    notes.insert(0, f"{len(found)} of the {len(resolutions)} resolutions data/ follows are in the file")
    held_ids = set(found)
    version = _version(file)
    sources = {SOURCE_ID: {"source_id": SOURCE_ID, "version": version}} if version else {}
    if version and any(r["source_id"] == SOURCE_ID and r["version"] == version
                       for r in _read_csv(data_dir / "sources.csv")):  # fmt: skip
        sources = {}
    return [
        Proposal(
            table="unga_resolutions",
            rows=[r for r in res_rows if r["res_id"] in held_ids],
            owns=lambda r: r["res_id"] in held_ids,
            sources=sources,
            notes=notes,
        ),
        Proposal(table="unga_votes", rows=vote_rows, owns=lambda r: r["res_id"] in held_ids),
    ]


def _version(file: Path) -> str | None:
    """'release of 6 February 2026, file 2026_02_06_ga_voting.csv', from the DHL's own file name."""
    m = re.match(r"(\d{4})_(\d{2})_(\d{2})_ga_voting", file.name)
    if not m:
        return None
    try:
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return f"release of {d.day} {MONTHS[d.month - 1]} {d.year}, file {m[0]}.csv"
