"""Curate the UN General Assembly tables in ``data/`` from the research pack.

Run from the project root with the research pack beside the project::

    python scripts/curate_unga.py [--research ../shared/research]

It reads ``unga/resolutions.csv`` and ``unga/ukraine_votes.csv`` (the UN's voting record, to its release of
6 February 2026) and, from ``update_2026/unga_2026.csv``, the votes taken since that release for which the pack
gives the five focus countries' votes (the 24 February 2026 vote; the 18 December 2025 one has its tally only and
stays out). Those are known from the press, not from the UN's record: they carry no UN Digital Library record,
no non-voting count (no source states it) and the press pages as sources. It writes
``data/unga_resolutions.csv`` and ``data/unga_votes.csv`` in the project's own schema, and the press pages'
source rows into ``data/sources.csv`` (run ``curate_sources.py`` afterwards, which names their outlets).
The short titles are the book's own wording. The book never reads the
research pack: this script is how the curated tables were made, kept so that a
newer research pack can be curated the same way.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from curation import update_sources, web_source

SOURCE_ID = "undl-ga-voting"

# Our own short labels, keyed by UN Digital Library record id.
SHORT_TITLES = {
    767565: "Territorial integrity of Ukraine (Crimea referendum, 2014)",
    3959039: "Aggression against Ukraine",
    3965954: "Humanitarian consequences of the aggression",
    3967778: "Suspending Russia from the Human Rights Council",
    3990400: "Territorial integrity: the annexation of four regions",
    3994052: "Remedy and reparation for the aggression",
    3997713: "Human rights in occupied Crimea (2022)",
    4003921: "Charter principles for a just and lasting peace",
    4030715: "Human rights in the occupied territories (2023)",
    4053933: "Safety of Ukraine's nuclear facilities, incl. Zaporizhzhia",
    4069734: "Human rights in the occupied territories (2024)",
    4076672: "A comprehensive, just and lasting peace (Ukraine/EU draft)",
    4076673: "The path to peace (US draft, as amended)",
    4094643: "Return of Ukrainian children",
}
#: votes since the UN's release, known from the press: the date -> the book's id, symbol, short title, the pages
#: (each names the tally, the five's votes and Russia's vote against), and Russia's vote
PRESS_VOTES = {
    "2026-02-24": {
        "res_id": "ES-11/10",
        "symbol": "A/RES/ES-11/10",
        "short_title": "Support for lasting peace in Ukraine",
        "session": "ES-11",
        "pages": {
            "https://centralasia.media/news:2421407?from=rss": "CentralAsia.media",
            "https://24.kg/english/363628_Kyrgyzstan_abstains_from_UN_vote_on_resolution_on_peace_in_Ukraine/": "24.kg",
        },
        "RUS": "N",
    },
}
#: records of the same conversion of the UN's file that the research pack did not extract, copied verbatim from it
#: (scripts/sources/unga/<undl_id>.json): the pre-invasion baseline (the Crimea human-rights resolutions of 2016
#: to 2021 and the militarisation resolutions of 2018 to 2021) and the December 2025 occupied-territories vote.
#: undl_id -> (symbol, symbol_basis, the book's short title). The 2016-2019 symbols are read from the Voeten
#: dataset (unres), whose votes agree with these records vote for vote; the 2020-2021 ones are the research
#: pack's (PROVENANCE.md, section 6), matched by title and date.
BASELINE = {
    855181: ("A/RES/71/205", "certain", "Human rights in Crimea (2016)"),
    1327572: ("A/RES/72/190", "certain", "Human rights in Crimea (2017)"),
    1656124: ("A/RES/73/194", "certain", "Militarisation of Crimea and the Black Sea (2018)"),
    1657118: ("A/RES/73/263", "certain", "Human rights in Crimea (2018)"),
    3838477: ("A/RES/74/17", "certain", "Militarisation of Crimea and the Black Sea (2019)"),
    3840117: ("A/RES/74/168", "certain", "Human rights in Crimea (2019)"),
    3893734: ("A/RES/75/29", "recalled", "Militarisation of Crimea and the Black Sea (2020)"),
    3894858: ("A/RES/75/192", "recalled", "Human rights in Crimea (2020)"),
    3950789: ("A/RES/76/70", "recalled", "Militarisation of Crimea and the Black Sea (2021)"),
    3951458: ("A/RES/76/179", "recalled", "Human rights in occupied Crimea (2021)"),
    4096569: ("", "unknown", "Human rights in the occupied territories (2025)"),
}
RECORDS = Path(__file__).parent / "sources" / "unga"


def series(short_title: str, session: str) -> str:
    """The run of texts a resolution belongs to (vocab.RESOLUTION_SERIES), from the book's own short title."""
    if short_title.startswith("Human rights in"):
        return "crimea_human_rights"
    if short_title.startswith("Militarisation of Crimea"):
        return "crimea_militarisation"
    if short_title.startswith("Territorial integrity of Ukraine (Crimea referendum"):
        return "territorial_integrity"
    if short_title.startswith("Safety of Ukraine's nuclear"):
        return "nuclear_safety"
    if session == "ES-11":
        return "emergency_special_session"
    raise SystemExit(f"no series for {short_title!r}: add it to curate_unga.series and vocab.RESOLUTION_SERIES")


FOCUS = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
#: the UN's membership, as every record of the 6 February 2026 release gives it (total_ms); the press pages state
#: tallies, not the membership
MEMBERS = "193"


def symbol_basis(note: str) -> str:
    """Map the research pack's free-text note to the book's four codes."""
    note = note.lower()
    if "not known" in note:
        return "unknown"
    if "recalled" in note:
        return "recalled"
    if "inferred" in note:
        return "inferred"
    if "certain" in note:
        return "certain"
    raise ValueError(f"unrecognised symbol note: {note!r}")


def res_id(symbol: str, undl_id: int, basis: str) -> str:
    if basis == "unknown":
        return f"UNDL-{undl_id}"
    return symbol.removeprefix("A/RES/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--research", type=Path, default=Path("../shared/research"))
    parser.add_argument("--out", type=Path, default=Path("data"))
    args = parser.parse_args()

    with open(args.research / "unga" / "resolutions.csv", encoding="utf-8") as f:
        resolutions = list(csv.DictReader(f))
    ids = {}
    rows = []
    for r in resolutions:
        undl = int(r["undl_id"])
        basis = symbol_basis(r["symbol_basis"])
        rid = res_id(r["resolution"], undl, basis)
        ids[r["resolution"]] = rid
        rows.append(
            {
                "res_id": rid,
                "symbol": "" if basis == "unknown" else r["resolution"],
                "symbol_basis": basis,
                "date": r["date"],
                "session": r["session"],
                "short_title": SHORT_TITLES[undl],
                "series": series(SHORT_TITLES[undl], r["session"]),
                "undl_id": undl,
                "undl_url": f"https://digitallibrary.un.org/record/{undl}",
                "yes": r["yes"],
                "no": r["no"],
                "abstain": r["abstain"],
                "non_voting": r["non_voting"],
                "members": r["total_ms"],
                "source_id": SOURCE_ID,
            }
        )
    with open(args.research / "unga" / "ukraine_votes.csv", encoding="utf-8") as f:
        votes = list(csv.DictReader(f))
    countries = list(dict.fromkeys(v["ms_code"] for v in votes))
    baseline_votes = baseline(rows, countries)
    rows.sort(key=lambda r: r["date"])
    press_votes, sources = press(args.research, rows)
    args.out.mkdir(exist_ok=True)
    with open(args.out / "unga_resolutions.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)

    out = [
        {"res_id": ids[v["resolution"]], "iso3": v["ms_code"], "vote": v["vote"], "source_id": SOURCE_ID} for v in votes
    ] + baseline_votes
    order = {r["res_id"]: i for i, r in enumerate(rows)}
    out.sort(key=lambda v: order[v["res_id"]])  # (stable: the countries keep the pack's order)
    out += press_votes
    with open(args.out / "unga_votes.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(out[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    update_sources(args.out, sources)
    print(f"wrote {len(rows)} resolutions and {len(out)} votes to {args.out}/")


def baseline(rows: list[dict], countries: list[str]) -> list[dict]:
    """The resolutions of BASELINE (appended to ``rows``), with their totals counted from the member votes, and the
    votes of ``countries`` on them."""
    votes = []
    for undl, (symbol, basis, title) in BASELINE.items():
        record = json.loads((RECORDS / f"{undl}.json").read_text(encoding="utf-8"))
        if record["id"] != str(undl) and record["id"] != undl:
            raise SystemExit(f"{undl}.json holds record {record['id']}")
        cast = list(record["v"].values())
        rid = res_id(symbol, undl, basis)
        rows.append(
            {
                "res_id": rid,
                "symbol": symbol,
                "symbol_basis": basis,
                "date": record["d"],
                "session": str(record["s"]),
                "short_title": title,
                "series": series(title, str(record["s"])),
                "undl_id": undl,
                "undl_url": f"https://digitallibrary.un.org/record/{undl}",
                "yes": cast.count("Y"),
                "no": cast.count("N"),
                "abstain": cast.count("A"),
                "non_voting": cast.count("X"),
                "members": len(cast),
                "source_id": SOURCE_ID,
            }
        )
        votes += [{"res_id": rid, "iso3": c, "vote": record["v"][c], "source_id": SOURCE_ID} for c in countries]
    return votes


def press(research: Path, rows: list[dict]) -> tuple[list[dict], dict[str, dict]]:
    """The resolutions (appended to ``rows``) and votes of PRESS_VOTES, from the pack's update, with their pages'
    source rows."""
    with open(research / "update_2026" / "unga_2026.csv", encoding="utf-8") as f:
        pack = {r["date"]: r for r in csv.DictReader(f)}
    votes, sources = [], {}
    for date, known in PRESS_VOTES.items():
        r = pack[date]
        ids = []
        for url, name in known["pages"].items():
            meta = web_source(name, url)
            meta["retrieval_note"] = "A news page reporting the vote: the tally and how the five focus states voted."
            meta["licence"] = "The page's own terms apply"
            sources[meta["source_id"]] = meta
            ids.append(meta["source_id"])
        source_id = ";".join(ids)
        rows.append(
            {
                "res_id": known["res_id"],
                "symbol": known["symbol"],
                "symbol_basis": symbol_basis(r["symbol_basis"]),
                "date": date,
                "session": known["session"],
                "short_title": known["short_title"],
                "series": series(known["short_title"], known["session"]),
                "undl_id": "",
                "undl_url": "",
                "yes": r["yes"],
                "no": r["no"],
                "abstain": r["abstain"],
                "non_voting": r["non_voting"],
                "members": r["members"] if r.get("members") else MEMBERS,
                "source_id": source_id,
            }
        )
        for iso3 in (*FOCUS, "RUS"):
            vote = known["RUS"] if iso3 == "RUS" else r[iso3]
            if vote not in ("Y", "N", "A", "X"):
                raise SystemExit(f"{date}: the pack gives {iso3}'s vote as {vote!r}, not Y, N, A or X")
            votes.append({"res_id": known["res_id"], "iso3": iso3, "vote": vote, "source_id": source_id})
    return votes, sources


if __name__ == "__main__":
    main()
