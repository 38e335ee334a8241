"""Helpers shared by the curation scripts: source rows for web pages, CSV writing, and the
merge of new rows into ``data/sources.csv``.

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


def web_source(name: str, url: str) -> dict:
    """A source row for a figure or event read from a web page (a press report)."""
    host = urlparse(url).netloc.removeprefix("www.")
    slug = re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-")
    digest = hashlib.sha1(f"{name}|{url}".encode()).hexdigest()[:6]
    return {
        "source_id": f"web-{slug}-{digest}",
        "publisher": name,
        "title": f"Report on {host}",
        "url": url,
        "version": "web page as stored for the research pack",
        "licence": "Quoted figure; the page's own terms apply",
        "retrieval_note": "A figure quoted in a news or analysis page; the publisher named here is the original "
        "source the page cites.",
    }


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
        columns = list(reader.fieldnames or [])
        rows = {r["source_id"]: r for r in reader}
    rows.update(new)
    others = "\n".join(p.read_text(encoding="utf-8") for p in sorted(data_dir.glob("*.csv")) if p != path)
    used = set(re.findall(r"web-[a-z0-9-]+", others))
    kept = [r for sid, r in rows.items() if not sid.startswith("web-") or sid in used]
    fixed = [r for r in kept if not r["source_id"].startswith("web-")]
    web = sorted((r for r in kept if r["source_id"].startswith("web-")), key=lambda r: r["source_id"])
    write(path, columns, fixed + web)
