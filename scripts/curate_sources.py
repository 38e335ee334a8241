"""Apply the book's review of its sources to the tables in ``data/``.

Run from the project root after the other curation scripts (they write the rows; this one reviews what the rows
rest on)::

    python scripts/curate_unga.py && python scripts/curate_dependence.py && python scripts/curate_stance.py
    python scripts/curate_sources.py

It reads

- ``data/outlets.csv``: the source policy (written by hand): each web domain, its outlet and what kind of outlet it
  is;
- ``scripts/sources/changes.csv``: the review of rows whose sources broke the policy (a disinformation outlet, an
  aggregator or reprint alone, state-affiliated media alone, a page that does not state the fact): a better page
  added (``add``), a weak page removed (``remove``), a figure's page replaced, with the value as the new page gives
  it (``replace``), or the row dropped when no acceptable page was found (``drop``), each with its reason; an
  ``edit`` records a change made by hand in a table no script writes (``claims.csv``);
- ``scripts/sources/pages.csv``: what a look-up of each page in the stored public pages confirmed: its headline,
  author and publication date, left blank where the page could not be read;
- ``scripts/sources/relays.csv``: for pages whose research name does not say it, whose words or figures a page
  reports;
- ``scripts/stance_text/event_review.csv``: the review of each event (whose act it is, doubts, duplicates),

and rewrites ``events.csv``, ``institutions.csv``, ``trade.csv``, ``indicators.csv`` and ``sources.csv``, and
writes ``revisions.csv``: every change the review made, so that the book can say what changed and why.

Every web page is one source row (its id is made from its URL). Its ``publisher`` is the outlet the policy names
for its domain, never a URL; its ``relays`` names the official or body whose words or figures it reports, read
from the research pack's name for the page ("Statistics Agency of Tajikistan, via TASS") or, for a page cited
only by events, the events' actors. A headline that could not be confirmed stays "Report on <outlet>", marked
unconfirmed.
"""

from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import urlsplit

from stancebook.data.rules import outlet_domain

from curation import SOURCE_COLUMNS, arguments, update_sources, web_source, write

HERE = Path(__file__).parent / "sources"
REVIEW = Path(__file__).parent / "stance_text" / "event_review.csv"

#: how each table's rows are named in changes.csv and revisions.csv
KEYS = {
    "events": ("event_id",),
    "institutions": ("country", "institution"),
    "trade": ("reporter", "partner", "year", "flow"),
    "indicators": ("country", "indicator", "period"),
}
#: the column holding a figure's value, per table
VALUE = {"trade": "value_usd_m", "indicators": "value"}
REVISION_COLUMNS = ["table", "key", "change", "page_removed", "page_added", "value", "reason"]


def read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def key_of(table: str, row: dict) -> str:
    return "/".join(row[c] for c in KEYS[table])


def outlet_of(url: str, outlets: dict[str, dict]) -> dict | None:
    """The policy's entry for a URL (as the book's own rules find it)."""
    domain = outlet_domain(url, outlets)
    return None if domain is None else outlets[domain]


def relayed(name: str) -> str:
    """Whose words or figures a page carries, from the research pack's name for it: 'Statistics Agency of
    Tajikistan, via TASS (Jul 2024)' -> 'Statistics Agency of Tajikistan'; '' when the name is only an outlet."""
    for marker in (" via ", "(via ", " as reported by ", " as cited by "):
        if marker in name:
            said = name.split(marker)[0].strip(" ,;(")
            if said.count("(") > said.count(")"):
                said += ")"
            return said
    return ""


def actor_label(actor: str, country: str) -> str:
    """An event's actor as a page's relays name it: 'President (Kyrgyzstan)', 'US Treasury (OFAC)'."""
    if actor.endswith(" - external"):
        return actor.removesuffix(" - external")
    return actor if country in actor else f"{actor} ({country})"


def apply_changes(tables: dict[str, list[dict]], changes: list[dict], sources: dict[str, dict]) -> list[dict]:
    """Apply changes.csv to the tables (in place) and return the revisions it stands for. A change already applied
    (the script run twice) is recorded again and changes nothing; a change that matches no row stops the script."""
    by_url = {s["url"]: sid for sid, s in sources.items()}
    revisions = []
    for c in changes:
        if c["action"] == "edit":  # a change made by hand in a table no script writes (claims.csv), recorded here
            revisions.append({"table": c["table"], "key": c["key"], "change": "edited", "reason": c["reason"]})
            continue
        table, rows, action = c["table"], tables[c["table"]], c["action"]
        if c["url"] and c["url"] not in by_url:
            meta = web_source(urlsplit(c["url"]).hostname or c["url"], c["url"])
            meta["version"] = "web page as stored for the book's review of its sources"
            meta["retrieval_note"] = "A page found when the book's sources were reviewed (see the list of revisions)."
            sources[meta["source_id"]] = meta
            by_url[c["url"]] = meta["source_id"]
        new_id, old_id = by_url.get(c["url"]), by_url.get(c["old_url"])
        keyed = [r for r in rows if key_of(table, r) == c["key"]]
        cited = [r for r in keyed if old_id in r["source_id"].split(";")] if c["old_url"] else keyed
        done = {
            "add": bool(keyed) and all(new_id in r["source_id"].split(";") for r in keyed),
            "remove": bool(keyed) and not cited,
            "replace": not cited and any(new_id in r["source_id"].split(";") for r in keyed),
            "drop": not cited,
        }[action]
        if not cited and not done:
            raise SystemExit(f"{HERE / 'changes.csv'}: no {table} row {c['key']} cites {c['old_url'] or 'anything'}")
        for r in [] if done else cited:
            ids = r["source_id"].split(";")
            if action == "drop":
                rows.remove(r)
                continue
            if action == "add":
                ids.append(new_id)
            elif action == "remove":
                ids.remove(old_id)
            else:
                ids = [new_id if i == old_id else i for i in ids]
                if c["value"]:
                    r[VALUE[table]] = c["value"]
                if c["precision"]:
                    r["precision"] = c["precision"]
            r["source_id"] = ";".join(dict.fromkeys(ids))
        change = {"add": "source added", "remove": "source removed", "replace": "source replaced", "drop": "dropped"}
        revisions.append(
            {
                "table": table,
                "key": c["key"],
                "change": change[action],
                "page_removed": c["old_url"],
                "page_added": c["url"],
                "value": c["value"],
                "reason": c["reason"],
            }
        )
    return revisions


def review_revisions() -> list[dict]:
    """The event review's verdicts as revisions: acts that are not the state's, doubts and duplicates."""
    _, rows = read(REVIEW)
    out = []
    for r in rows:
        revision = {"table": "events", "key": r["event_id"], "reason": r["reason"]}
        if r["drop"]:
            out.append({**revision, "change": "dropped"})
        elif r["actor_type"] != "state" and r["reason"]:
            out.append({**revision, "change": f"not scored: {r['actor_type']}"})
        if r["doubt"]:
            out.append({**revision, "change": "doubt recorded", "reason": r["doubt"]})
    return out


def describe(
    sources: dict[str, dict],
    outlets: dict[str, dict],
    pages: dict[str, dict],
    relays: dict[str, str],
    actors: dict[str, set[str]],
) -> None:
    """Set each web source's outlet, headline, author, date and relays from the policy and the look-ups."""
    missing = sorted({urlsplit(s["url"]).hostname for s in sources.values() if outlet_of(s["url"], outlets) is None})
    if missing:
        raise SystemExit("the source policy (data/outlets.csv) has no entry for: " + ", ".join(missing))
    for sid, s in sources.items():
        outlet = outlet_of(s["url"], outlets)
        if not sid.startswith("web-"):
            continue
        name = s["publisher"]
        said = relays.get(s["url"]) or s.get("relays") or relayed(name)
        if not said and outlet["type"].startswith("state_media") and actors.get(sid):
            said = "; ".join(sorted(actors[sid]))
        page = pages.get(s["url"], {})
        s["publisher"] = outlet["outlet"]
        s["relays"] = said
        if page.get("headline"):
            s["title"], s["title_status"] = " ".join(page["headline"].split()), "confirmed"
        else:
            s["title"], s["title_status"] = f"Report on {outlet['outlet']}", "unconfirmed"
        s["author"] = page.get("author", "")
        s["published"] = page.get("published", "")


def main() -> None:
    args = arguments(__doc__)
    data = args.data
    _, outlet_rows = read(data / "outlets.csv")
    outlets = {r["domain"]: r for r in outlet_rows}
    _, source_rows = read(data / "sources.csv")
    sources = {r["source_id"]: r for r in source_rows}
    columns, tables = {}, {}
    for name in KEYS:
        columns[name], tables[name] = read(data / f"{name}.csv")
    _, changes = read(HERE / "changes.csv")
    revisions = apply_changes(tables, changes, sources)
    _, page_rows = read(HERE / "pages.csv")
    _, relay_rows = read(HERE / "relays.csv")
    _, country_rows = read(data / "countries.csv")
    names = {r["iso3"]: r["name"] for r in country_rows}
    actors: dict[str, set[str]] = {}
    for r in tables["events"]:
        for sid in r["source_id"].split(";"):
            actors.setdefault(sid, set()).add(actor_label(r["actor"], names[r["country"]]))
    describe(sources, outlets, {r["url"]: r for r in page_rows}, {r["url"]: r["relays"] for r in relay_rows}, actors)
    for name in KEYS:
        write(data / f"{name}.csv", columns[name], tables[name])
    write(data / "sources.csv", SOURCE_COLUMNS, list(sources.values()))
    update_sources(data, {})
    rows = [{column: r.get(column, "") for column in REVISION_COLUMNS} for r in review_revisions() + revisions]
    write(data / "revisions.csv", REVISION_COLUMNS, rows)


if __name__ == "__main__":
    main()
