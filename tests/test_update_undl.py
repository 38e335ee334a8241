"""``stancebook update undl``: the UN Digital Library's voting data. The real release (about 360 MB) could not be
had here, so the test file is the release's layout rebuilt from a published conversion of it (see
tests/fixtures/official/README.md): on it the importer reproduces exactly the rows data/ holds; a later release
that has a vote the book knows only from the press replaces the press figures with the UN's; a file with another
layout, a truncated file and one without the book's resolutions are refused and leave data/ byte-identical."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from stancebook import update

from conftest import ROOT, copy_project, stancebook

REBUILT = ROOT / "tests" / "fixtures" / "official" / "2026_02_06_ga_voting_rebuilt.csv"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "book")


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.iterdir())}


def rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def write(path: Path, columns: list[str], body: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(body)
    return path


def test_the_release_reproduces_exactly_the_rows_data_holds():
    result = update.diff(ROOT / "data", update.propose("undl", REBUILT, ROOT / "data"))
    assert result.empty and result.problems == [], result.report()
    assert "25 of the 26 resolutions data/ follows are in the file" in result.notes  # ES-11/10 postdates it


def test_a_later_release_replaces_the_press_figures_of_a_vote_and_names_new_candidates(project, tmp_path):
    """A (made-up) release of 1 April 2026 with the 24 February 2026 vote under its symbol, and a Ukraine-related
    vote the book does not follow."""
    columns, body = rows(REBUILT)
    template = [r for r in body if r["undl_id"] == "4094643"]  # ES-11/9's rows, as a pattern
    votes = {"KAZ": "A", "KGZ": "A", "TJK": "A", "TKM": "X", "UZB": "A", "RUS": "N"}
    new = [{**r, "undl_id": "4100001", "date": "2026-02-24", "resolution": "A/RES/ES-11/10",
            "title": "Support for lasting peace in Ukraine", "ms_vote": votes.get(r["ms_code"], "Y"),
            "total_yes": "107", "total_no": "12", "total_abstentions": "51", "total_non_voting": "23",
            "undl_link": "https://digitallibrary.un.org/record/4100001"} for r in template]  # fmt: skip
    other = [{**r, "undl_id": "4100002", "resolution": "A/RES/80/999", "title": "Cooperation with Ukraine on demining"}
             for r in template[:1]]  # fmt: skip
    later = write(tmp_path / "2026_04_01_ga_voting.csv", columns, body + new + other)
    before = snapshot(project / "data")
    shown = stancebook("update", "undl", str(later), "--root", str(project))
    assert shown.returncode == 0, shown.stderr
    assert "unga_resolutions.csv: 0 added, 1 changed, 0 removed" in shown.stdout
    assert "changed ES-11/10: undl_id, undl_url, non_voting, source_id" in shown.stdout
    assert f"unga_votes.csv: {len(template) - len(votes)} added, {len(votes)} changed, 0 removed" in shown.stdout
    assert "4100002 2025-12-03 A/RES/80/999 Cooperation with Ukraine on demining" in shown.stdout
    assert "changed undl-ga-voting: version" in shown.stdout
    assert snapshot(project / "data") == before
    written = stancebook("update", "undl", str(later), "--apply", "--root", str(project))
    assert written.returncode == 0, written.stderr
    after = snapshot(project / "data")
    assert {n for n in after if after[n] != before[n]} == {"unga_resolutions.csv", "unga_votes.csv", "sources.csv"}
    assert (
        b"ES-11/10,A/RES/ES-11/10,inferred,2026-02-24,ES-11,Support for lasting peace in Ukraine"
        in after["unga_resolutions.csv"]
    )
    assert (
        b"4100001,https://digitallibrary.un.org/record/4100001,107,12,51,23,193,undl-ga-voting"
        in after["unga_resolutions.csv"]
    )
    assert b"ES-11/10,UKR,Y,undl-ga-voting" in after["unga_votes.csv"]
    assert b"release of 1 April 2026, file 2026_04_01_ga_voting.csv" in after["sources.csv"]


def _bad(tmp_path: Path) -> list[tuple[str, Path, str]]:
    columns, body = rows(REBUILT)
    text = REBUILT.read_text(encoding="utf-8")
    cut = tmp_path / "cut.csv"
    cut.write_text(text[: text.index("\n", len(text) // 2) + 40], encoding="utf-8")
    layout = write(tmp_path / "layout.csv", [c if c != "ms_vote" else "vote" for c in columns],
                   [{("vote" if k == "ms_vote" else k): v for k, v in r.items()} for r in body])  # fmt: skip
    others = write(tmp_path / "others.csv", columns, [{**r, "undl_id": "1", "resolution": "A/RES/1/1"} for r in body])
    wdi = next((ROOT / "scripts" / "sources" / "worldbank").glob("API_*"))
    return [
        ("truncated", cut, "fields where the header has 20: the file is cut short or altered"),
        ("another layout", layout, "not the UN Digital Library's voting data: no column ms_vote"),
        ("no resolution of the book", others, "holds none of the 26 resolutions data/ follows"),
        ("another publisher's file", wdi, "not the UN Digital Library's voting data: no column undl_id"),
    ]


def test_bad_files_are_refused_with_what_was_expected_and_data_is_untouched(project, tmp_path):
    before = snapshot(project / "data")
    for case, file, message in _bad(tmp_path):
        with pytest.raises(update.LayoutError) as caught:
            update.propose("undl", file, project / "data")
        assert message in str(caught.value) and str(file) in str(caught.value), (case, str(caught.value))
    case, file, message = _bad(tmp_path)[0]
    out = stancebook("update", "undl", str(file), "--apply", "--root", str(project))
    assert out.returncode == 2 and message in out.stderr and "data/ was not changed" in out.stderr
    assert snapshot(project / "data") == before
