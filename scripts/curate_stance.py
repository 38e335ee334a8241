"""Curate the stance tables in ``data/`` from the research pack.

Run from the project root with the research pack beside the project::

    python scripts/curate_stance.py [--research ../shared/research]

It reads ``stance/events.csv`` and ``stance/institutions.csv`` and writes

- ``data/events.csv``: one row per dated stance event, with the research pack's date, country,
  actor, category and direction, a summary in the book's own words (from
  ``scripts/stance_text/event_summaries.csv``), and the book's review of each event
  (``scripts/stance_text/event_review.csv``): whose act it is (only a state's own acts count toward its stance),
  any doubt about whether it happened as reported, and the events dropped (a duplicate of another). The pack's
  own confidence grade is not kept: the book grades each event from its sources (``stancebook.compute.sources``);
- ``data/institutions.csv``: institutional ties as of 2025, with labels and details in the
  book's words (from ``scripts/stance_text/institutions.csv``);
- the matching press rows of ``data/sources.csv``, plus the pages listed in
  ``scripts/stance_text/claim_sources.csv`` that only the claims cite (rows of other tables are kept).

It then adds the research pack's update (``update_2026/events_2025_2026.csv``: October 2025 to May 2026, and the
2024 reactions to Russia's migration crackdown) as the book's review of each row decides
(``scripts/stance_text/update_2026_events.csv``): whether the row is kept and why, its date where the page gives a
different or no day, the category in the book's vocabulary (Russia-led summits are leader visits, as for the earlier
years; agreements and advisories about migrants are ``migration``), whose act it is, the summary in the book's
words, and the pages it rests on (the pack's page, or a better one found in the store when the pack's was missing or
a relay).

UN General Assembly votes are left out of ``events.csv``: the book reads them from the UN's
own voting record (``unga_votes.csv``), not from the press lists the research rows cite.
``articles.csv``, ``article_views.csv`` and ``claims.csv`` are written by hand. ``known_absences.csv`` holds the
ties whose answer is a sourced "none" (no BRICS status, no Russian military site) that the research pack does not
hold as rows: a known absence is a value, a missing row is "no data".
"""

from __future__ import annotations

import csv
from pathlib import Path

from curation import arguments, cited_sources, update_sources, web_source, write

HERE = Path(__file__).parent / "stance_text"

#: research rows whose date the research note pins down more closely than the date column
#: (row -> date, note); rows with no known date keep a blank date and say why
DATES = {
    47: ("2022-03", "Early March 2022 according to the reports; never confirmed by Kazakh officials."),
    86: ("", "Announced some time before 21 April 2022; the exact date is not given in the sources."),
    111: ("2024-05", "Talks in early May 2024; the exact day is not given in the sources."),
    163: ("", "The sources give the day (18 December) but not the year, so the event is left undated."),
}
EVENT_COLUMNS = [
    "event_id",
    "date",
    "country",
    "actor",
    "category",
    "direction",
    "summary",
    "actor_type",
    "doubt",
    "source_id",
    "note",
]
INSTITUTION_COLUMNS = ["country", "institution", "status", "since", "detail", "source_id"]


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def source_ids(row: dict, sources: dict[str, dict]) -> str:
    """One press source per URL the research row cites, named after the matching publisher."""
    urls = [u.strip() for u in row["source_url"].split(" ; ") if u.strip()]
    names = [n.strip() for n in row.get("source_name", "").split(";")]
    ids = []
    for i, url in enumerate(urls):
        name = names[i] if len(names) == len(urls) and names[i] else row.get("source_name") or url
        meta = web_source(name, url)
        meta["retrieval_note"] = "A news or analysis page reporting the event."
        meta["licence"] = "The page's own terms apply"
        sources.setdefault(meta["source_id"], meta)
        ids.append(meta["source_id"])
    return ";".join(dict.fromkeys(ids))


def events(research: Path, sources: dict[str, dict]) -> list[dict]:
    seen: dict[str, int] = {}
    return earlier_events(research, sources, seen) + update_events(research, sources, seen)


def earlier_events(research: Path, sources: dict[str, dict], seen: dict[str, int]) -> list[dict]:
    rows = read(research / "stance" / "events.csv")
    ours = {int(r["research_row"]): r["summary"] for r in read(HERE / "event_summaries.csv")}
    review = {r["event_id"]: r for r in read(HERE / "event_review.csv")}
    out = []
    for i, r in enumerate(rows):
        if r["category"] == "un_vote":
            continue
        if i not in ours:
            raise SystemExit(f"research event row {i} has no summary in {HERE / 'event_summaries.csv'}")
        date, note = DATES.get(i, (r["date"], ""))
        stem = f"{r['country_iso3']}-{date or 'undated'}"
        seen[stem] = seen.get(stem, 0) + 1
        event_id = stem if seen[stem] == 1 else f"{stem}-{seen[stem]}"
        if event_id not in review:
            raise SystemExit(f"event {event_id} has no row in {HERE / 'event_review.csv'}")
        verdict = review[event_id]
        if verdict["drop"]:
            continue
        out.append(
            {
                "event_id": event_id,
                "date": date,
                "country": r["country_iso3"],
                "actor": r["actor"],
                "category": r["category"],
                "direction": r["direction"],
                "summary": ours[i],
                "actor_type": verdict["actor_type"],
                "doubt": verdict["doubt"],
                "source_id": source_ids(r, sources),
                "note": note,
            }
        )
    return out


UPDATE = "update_2026_events.csv"


def update_events(research: Path, sources: dict[str, dict], seen: dict[str, int]) -> list[dict]:
    """The rows of the pack's update the book's review keeps, with its date, category, summary and pages."""
    pack = read(research / "update_2026" / "events_2025_2026.csv")
    review = read(HERE / UPDATE)
    if [int(r["research_row"]) for r in review] != list(range(1, len(pack) + 1)):
        raise SystemExit(f"{HERE / UPDATE} must review every row of the update's events, in order")
    out = []
    for r, t in zip(pack, review, strict=True):
        if t["include"] != "yes":
            continue
        stem = f"{r['country']}-{t['date'] or 'undated'}"
        seen[stem] = seen.get(stem, 0) + 1
        out.append(
            {
                "event_id": stem if seen[stem] == 1 else f"{stem}-{seen[stem]}",
                "date": t["date"],
                "country": r["country"],
                "actor": t["actor"],
                "category": t["category"],
                "direction": t["direction"],
                "summary": t["summary"],
                "actor_type": t["actor_type"],
                "doubt": t["doubt"],
                "source_id": cited_sources(t["sources"], "A news or official page reporting the event.", sources),
                "note": t["note"],
            }
        )
    return out


def institutions(research: Path, sources: dict[str, dict]) -> list[dict]:
    rows = read(research / "stance" / "institutions.csv")
    out = []
    for t in read(HERE / "institutions.csv"):
        r = rows[int(t["research_row"])]
        out.append(
            {
                "country": "RUS" if r["country_iso3"] == "ALL" else r["country_iso3"],
                "institution": t["institution"],
                "status": t["status"],
                "since": t["since"],
                "detail": t["detail"],
                "source_id": source_ids(r, sources),
            }
        )
    # sourced absences the research pack does not hold as rows: a known "none" is a value, not a gap
    for t in read(HERE / "known_absences.csv"):
        out.append(
            {k: t[k] for k in ("country", "institution", "status", "since", "detail")}
            | {"source_id": source_ids(t, sources)}
        )
    return out


def claim_sources(sources: dict[str, dict]) -> None:
    """Press pages the claims table cites that no other table uses (e.g. oil export volumes)."""
    for r in read(HERE / "claim_sources.csv"):
        meta = web_source(r["source_name"], r["source_url"])
        meta["retrieval_note"] = r["retrieval_note"]
        sources.setdefault(meta["source_id"], meta)


def main() -> None:
    args = arguments(__doc__)
    sources: dict[str, dict] = {}
    write(args.data / "events.csv", EVENT_COLUMNS, events(args.research, sources))
    write(args.data / "institutions.csv", INSTITUTION_COLUMNS, institutions(args.research, sources))
    claim_sources(sources)
    update_sources(args.data, sources)


if __name__ == "__main__":
    main()
