"""Helpers shared by the curation scripts: source rows for web pages, CSV writing, and the
merge of new rows into ``data/sources.csv``.

One web page is one source row, whatever it was cited for: its id is made from its URL alone. The research
pack's name for what the page carries (an outlet, or "a figure of X, via Y") is kept as the row's publisher
until ``curate_sources.py`` sets the outlet from the source policy (``data/outlets.csv``) and moves the rest to
``relays``.

Several scripts add source rows. Each one replaces the rows it writes and keeps every other
row; a press source (``web-*``) that no table in ``data/`` mentions any more is dropped, so
re-running one script never removes the sources another script relies on.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
from pathlib import Path
from urllib.parse import urlparse

#: the columns of data/sources.csv, in order
SOURCE_COLUMNS = [
    "source_id",
    "publisher",
    "title",
    "title_status",
    "author",
    "published",
    "url",
    "relays",
    "version",
    "licence",
    "retrieval_note",
]


def web_source_id(url: str) -> str:
    """The id of the source row of a web page: its host and a digest of its URL (one row per page)."""
    host = urlparse(url).netloc.removeprefix("www.")
    slug = re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-")
    return f"web-{slug}-{hashlib.sha1(url.encode()).hexdigest()[:6]}"


def cited_sources(cited: str, retrieval_note: str, sources: dict[str, dict]) -> str:
    """The source ids of the pages a review names ("URL Name; URL Name"), with their rows added to ``sources``."""
    ids = []
    for page in cited.split("; "):
        url, name = page.split(" ", 1)
        meta = web_source(name, url)
        meta["retrieval_note"] = retrieval_note
        meta["licence"] = "The page's own terms apply"
        sources.setdefault(meta["source_id"], meta)
        ids.append(meta["source_id"])
    return ";".join(dict.fromkeys(ids))


def web_source(name: str, url: str) -> dict:
    """A source row for a figure or event read from a web page (a press report)."""
    host = urlparse(url).netloc.removeprefix("www.")
    return {
        "source_id": web_source_id(url),
        "publisher": name,
        "title": f"Report on {host}",
        "title_status": "unconfirmed",
        "author": "",
        "published": "",
        "url": url,
        "relays": "",
        "version": "web page as stored for the research pack",
        "licence": "Quoted figure; the page's own terms apply",
        "retrieval_note": "A figure quoted in a news or analysis page; 'relays' names the body whose figure it is.",
    }


def data_source(**fields: str) -> dict:
    """A source row for a data file or a record of a body's own (a statistics table, a UN record)."""
    return {"title_status": "confirmed", "author": "", "published": "", "relays": "", **fields}


def arguments(doc: str) -> argparse.Namespace:
    """The two options every curation script takes: where the research pack and the data are."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--research", type=Path, default=Path("../shared/research"))
    parser.add_argument("--data", type=Path, default=Path("data"))
    return parser.parse_args()


def write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {path}")


def update_sources(data_dir: Path, new: dict[str, dict]) -> None:
    """Write ``new`` source rows into sources.csv, keep the others, drop unreferenced press rows."""
    path = data_dir / "sources.csv"
    with path.open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = {r["source_id"]: r for r in reader}
    for sid, row in new.items():
        rows[sid] = {**rows.get(sid, {}), **{k: v for k, v in row.items() if v or k not in rows.get(sid, {})}}
    columns = SOURCE_COLUMNS
    for sid, row in rows.items():
        row.setdefault("title_status", "unconfirmed" if sid.startswith("web-") else "confirmed")
        for column in columns:
            row.setdefault(column, "")
    others = "\n".join(p.read_text(encoding="utf-8") for p in sorted(data_dir.glob("*.csv")) if p != path)
    used = set(re.findall(r"web-[a-z0-9-]+", others))
    kept = [r for sid, r in rows.items() if not sid.startswith("web-") or sid in used]
    fixed = [r for r in kept if not r["source_id"].startswith("web-")]
    web = sorted((r for r in kept if r["source_id"].startswith("web-")), key=lambda r: r["source_id"])
    write(path, columns, fixed + web)
