"""The national trade importers of ``stancebook update`` (kaz-bns, kgz-nsc, uzb-stat): run on the publishers' own
files they reproduce exactly the rows data/ holds; an older edition never overwrites a later one; a new year is
added and written only with --apply; a file with another layout, a truncated file, or one for another country is
refused with a message naming what was expected, and data/ is left byte-identical."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from stancebook import update
from stancebook.update import trade

from conftest import RESEARCH, ROOT, copy_project, stancebook

FIXTURES = ROOT / "tests" / "fixtures" / "official"
ORIGINALS = RESEARCH / "trade" / "raw" / "original"
#: source -> the committed files (cut from the real ones, or whole) and the research pack's originals
FILES = {
    "kaz-bns": ("kaz_bns_*.xls", "kaz_bns_*.xls"),
    "kgz-nsc": ("kgz_nsc_*_cut.xlsx", "kgz_nsc_*.xlsx"),
    "uzb-stat": ("uzb_stat_uz_sdmx_data_*.csv", "uzb_stat_uz_sdmx_data_*.csv"),
}
BNS = FIXTURES / "kaz_bns_2019.xls"
NSC_EXPORTS = next(FIXTURES.glob("kgz_nsc_4.03.00.18_*"))
NSC_IMPORTS = next(FIXTURES.glob("kgz_nsc_4.03.00.20_*"))
UZ_EXPORTS = FIXTURES / "uzb_stat_uz_sdmx_data_1105.csv"
UZ_IMPORTS = FIXTURES / "uzb_stat_uz_sdmx_data_1176.csv"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "book")


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.iterdir())}


def held(source_id: str, years: set[str] | None = None) -> int:
    import csv

    with (ROOT / "data" / "trade.csv").open(encoding="utf-8") as f:
        return sum(
            1 for r in csv.DictReader(f) if r["source_id"] == source_id and (years is None or r["year"] in years)
        )


@pytest.mark.parametrize("source", FILES)
def test_the_committed_official_files_reproduce_exactly_the_rows_data_holds(source):
    files = sorted(FIXTURES.glob(FILES[source][0]))
    proposal = update.propose(source, files, ROOT / "data")
    result = update.diff(ROOT / "data", proposal)
    assert result.empty and result.problems == [], result.report()
    years = {r["year"] for r in proposal.rows}
    # every row data/ holds from this publisher for those years is one the importer read
    assert len(proposal.rows) == held(proposal.rows[0]["source_id"], years) > 0


@pytest.mark.parametrize("source", FILES)
def test_every_original_file_in_the_research_pack_reproduces_the_rows_data_holds(source, research):
    files = sorted(ORIGINALS.glob(FILES[source][1]))
    assert files
    together = update.propose(source, files, ROOT / "data")
    assert update.diff(ROOT / "data", together).empty
    assert len(together.rows) == held(together.rows[0]["source_id"])  # all of them, every year
    for file in files:  # and each file alone, for the years it covers
        result = update.diff(ROOT / "data", update.propose(source, [file], ROOT / "data"))
        assert result.empty, (file.name, result.report())


def test_an_older_edition_never_overwrites_a_year_data_holds_from_a_later_one(research):
    """The 2020 edition gives Russia's 2020 imports from Kazakhstan 1 thousand US$ lower than the 2021 edition,
    which data/ holds: the older file leaves that row (and its whole year) as it is."""
    older = ORIGINALS / "kaz_bns_2020.xls"
    proposal = update.propose("kaz-bns", [older], ROOT / "data")
    assert {r["year"] for r in proposal.rows} == {"2019"}
    assert "kept 18 rows that data/ holds from a later edition than this file's" in proposal.notes
    assert update.diff(ROOT / "data", proposal).empty


def test_a_new_year_is_shown_per_country_and_written_only_with_apply(project, tmp_path):
    """A (made-up) next release of the Agency's files, with a 2024 column: 15 rows per flow and 15 turnovers."""
    files = []
    for original in (UZ_EXPORTS, UZ_IMPORTS):
        lines = original.read_text(encoding="utf-8-sig").splitlines()
        out = [lines[0] + ",2024"] + [line + ",1000.5" for line in lines[1:] if line]
        files.append(tmp_path / original.name)
        files[-1].write_text("\n".join(out) + "\n", encoding="utf-8")
    before = snapshot(project / "data")
    shown = stancebook("update", "uzb-stat", *map(str, files), "--root", str(project))
    assert shown.returncode == 0, shown.stderr
    assert "trade.csv: 15 added, 0 changed, 0 removed" in shown.stdout
    assert "UZB: 15 added, 0 changed, 0 removed" in shown.stdout
    assert "changed uzb-stat-trade: version" in shown.stdout
    assert snapshot(project / "data") == before
    written = stancebook("update", "uzb-stat", *map(str, files), "--apply", "--root", str(project))
    assert written.returncode == 0, written.stderr
    after = snapshot(project / "data")
    assert {n for n in after if after[n] != before[n]} == {"trade.csv", "sources.csv"}
    assert b"UZB,RUS,2024,,export,1.001,goods_and_services" in after["trade.csv"]  # 1000.5 thousand, rounded half up
    assert b"UZB,RUS,2024,,turnover,2.001," in after["trade.csv"]
    assert b"series 2010 to 2024" in after["sources.csv"]


def _edit_xlsx(source: Path, dest: Path, edit) -> Path:
    book = openpyxl.load_workbook(source)
    edit(book.worksheets[0])
    book.save(dest)
    return dest


def _replace_cell(sheet, old: str, new: str) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == old:
                cell.value = new
                return
    raise AssertionError(f"no cell {old!r}")


def _bad_files(tmp_path: Path) -> list[tuple[str, str, list[Path], str]]:
    t = tmp_path
    uz = UZ_EXPORTS.read_text(encoding="utf-8-sig")
    (t / "truncated.xls").write_bytes(BNS.read_bytes()[:20000])
    (t / "sdmx_data_1105.csv").write_text(uz.replace("Klassifikator_en", "Name_en", 1), encoding="utf-8")
    (t / "cut" / "sdmx_data_1105.csv").parent.mkdir()
    (t / "cut" / "sdmx_data_1105.csv").write_text(uz[: uz.index("\n643,") + 40], encoding="utf-8")
    (t / "kaz" / "sdmx_data_1105.csv").parent.mkdir()
    years = uz.splitlines()[0].count(",") - 3
    uzbekistan = "860,O'zbekiston,Узбекистан,Uzbekistan" + ",1.0" * years + "\n"
    (t / "kaz" / "sdmx_data_1105.csv").write_text(uz + uzbekistan, encoding="utf-8")
    (t / "exports.csv").write_text(uz, encoding="utf-8")
    shutil.copy(UZ_EXPORTS, t / "uzb.xls")
    other = _edit_xlsx(NSC_EXPORTS, t / "other.xlsx", lambda s: _replace_cell(s, "Russia", "Kyrgyzstan"))
    layout = _edit_xlsx(NSC_EXPORTS, t / "layout.xlsx", lambda s: _replace_cell(s, "(thousand US dollars)", "(US$)"))
    no_china = _edit_xlsx(NSC_IMPORTS, t / "nochina.xlsx", lambda s: _replace_cell(s, "China", "Chinese Taipei"))
    return [
        ("kaz-bns", "truncated", [t / "truncated.xls"], "cannot be read as an Excel 97 (.xls) workbook"),
        ("kaz-bns", "another publisher's file", [t / "uzb.xls"], "cannot be read as an Excel 97 (.xls) workbook"),
        ("kaz-bns", "another country's table", [NSC_EXPORTS], "cannot be read as an Excel 97 (.xls) workbook"),
        ("kgz-nsc", "another country's table", [other], "lists Kyrgyzstan as a partner: not the Kyrgyz Republic's"),
        ("kgz-nsc", "another layout", [layout], "the unit 'thousand US dollars' is not stated"),
        ("kgz-nsc", "a partner missing", [no_china], "no row for China: the table is cut short"),
        ("kgz-nsc", "not an NSC table", [BNS], "cannot be read as an Excel (.xlsx) workbook"),
        ("uzb-stat", "another layout", [t / "sdmx_data_1105.csv"], "the header should start Code,Klassifikator"),
        ("uzb-stat", "truncated", [t / "cut" / "sdmx_data_1105.csv"], "where the header has 13: the file is cut short"),
        ("uzb-stat", "another country's table", [t / "kaz" / "sdmx_data_1105.csv"], "lists Uzbekistan as a partner"),
        ("uzb-stat", "no dataset number", [t / "exports.csv"], "the file name should carry the dataset number, 1105"),
        ("uzb-stat", "the same flow twice", [UZ_EXPORTS, UZ_EXPORTS], "a second file of exports"),
    ]  # fmt: skip


def test_bad_files_are_refused_with_what_was_expected_and_data_is_untouched(project, tmp_path):
    before = snapshot(project / "data")
    cases = _bad_files(tmp_path)
    for source, case, files, message in cases:
        with pytest.raises(update.LayoutError) as caught:
            update.propose(source, files, project / "data")
        assert message in str(caught.value), (case, str(caught.value))
        assert str(files[-1]) in str(caught.value), case  # the message names the file
    # the command says so and writes nothing, even with --apply (one run per importer keeps the test quick)
    for source, case, files, message in cases[:1] + cases[3:4] + cases[7:8]:
        out = stancebook("update", source, *map(str, files), "--apply", "--root", str(project))
        assert out.returncode == 2 and message in out.stderr and "data/ was not changed" in out.stderr, (
            case,
            out.stderr,
        )
    assert snapshot(project / "data") == before


def test_a_missing_file_is_named(project):
    out = stancebook("update", "kaz-bns", str(project / "nowhere.xls"), "--root", str(project))
    assert out.returncode == 2 and "nowhere.xls: no such file" in out.stderr


def test_values_are_read_exactly_and_rounded_half_up():
    assert trade.number("2531870.5") == Decimal("2531870.5")
    assert trade.millions(Decimal("2531870.5")) == "2531.871"
    assert trade.millions(Decimal("1738540.5")) == "1738.541"
    assert trade.millions(Decimal("84593070.08131")) == "84593.07"
    assert trade.millions(Decimal("5000000")) == "5000.0"
    assert trade.number(72364.30900000001) == Decimal("72364.30900000001")
    assert trade.number("-") is None and trade.number(None) is None
    with pytest.raises(ValueError, match="not a number"):
        trade.number("n/a")
