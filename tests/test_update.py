"""``stancebook update``: an importer run on the real official file reproduces the rows data/ holds; a file with
another layout, a truncated file, a file for other countries or another indicator, and an update that would break a
rule of the build are refused and leave data/ byte-identical; --apply writes exactly the changes shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from stancebook import update
from stancebook.update import wdi

from conftest import ROOT, copy_project, stancebook

WORLD_BANK = ROOT / "scripts" / "sources" / "worldbank"
#: the World Bank's own bulk file of remittances in US$, cut to six countries (the source of data/'s rows)
USD = next(WORLD_BANK.glob("API_BX.TRF.PWKR.CD.DT_*"))
#: the World Bank's own file of remittances as % of GDP, release of 25 May 2022 (older than data/'s rows)
PCT_2022 = next(WORLD_BANK.glob("BX.TRF.PWKR.DT.GD.ZS__release-2022-05-25*"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "book")


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.iterdir())}


def variant(tmp_path: Path, edit) -> Path:
    """A copy of the real file with ``edit`` (text -> text) applied."""
    out = tmp_path / USD.name
    out.write_text(edit(USD.read_text(encoding="utf-8-sig")), encoding="utf-8")
    return out


def test_the_real_world_bank_file_reproduces_exactly_the_rows_data_holds():
    result = update.diff(ROOT / "data", update.propose("wdi", USD, ROOT / "data"))
    assert result.empty and result.problems == [] and result.texts == {}
    assert any("left out 14 values of exactly 0" in n and "TKM 2019" in n for n in result.notes)


def test_apply_on_the_real_file_leaves_data_byte_identical(project):
    before = snapshot(project / "data")
    out = stancebook("update", "wdi", str(USD), "--apply", "--root", str(project))
    assert out.returncode == 0, out.stderr
    assert "indicators.csv: 0 added, 0 changed, 0 removed" in out.stdout
    assert "nothing to write" in out.stdout
    assert snapshot(project / "data") == before


def test_a_new_value_is_shown_and_written_only_with_apply(project, tmp_path):
    # Kazakhstan's 2024 value revised in a (made-up) later download of the same layout
    newer = variant(tmp_path, lambda text: text.replace("2025-07-01", "2026-04-15", 1))
    kaz = [line for line in newer.read_text(encoding="utf-8").splitlines() if line.startswith('"Kazakhstan"')][0]
    last = kaz.rstrip(",").split(",")[-1]
    newer.write_text(newer.read_text(encoding="utf-8").replace(kaz, kaz.replace(last, '"123456789"')), encoding="utf-8")
    before = snapshot(project / "data")
    shown = stancebook("update", "wdi", str(newer), "--root", str(project))
    assert shown.returncode == 0, shown.stderr
    assert "indicators.csv: 0 added, 1 changed, 0 removed" in shown.stdout
    assert "KAZ: 0 added, 1 changed, 0 removed" in shown.stdout
    assert "changed wdi-remittances-usd: version, retrieval_note" in shown.stdout
    assert "Nothing was written" in shown.stdout and snapshot(project / "data") == before
    written = stancebook("update", "wdi", str(newer), "--apply", "--root", str(project))
    assert written.returncode == 0, written.stderr
    after = snapshot(project / "data")
    assert {n for n in after if after[n] != before[n]} == {"indicators.csv", "sources.csv"}
    assert b"KAZ,remittances_usd_wdi,2024,,123456789," in after["indicators.csv"]
    assert b"Last Updated Date 15 April 2026" in after["sources.csv"]
    assert not list((project / "data").glob(".*update*"))  # no temporary file left behind


@pytest.mark.parametrize(
    ("case", "edit", "message"),
    [
        ("another layout", lambda t: t.replace('"Country Code"', '"Code"', 1), "no header row starting Country Name"),
        ("truncated", lambda t: t[: t.index('"Tajikistan"') + 120], "the file is cut short or altered"),
        (
            "other countries",
            lambda t: "\n".join(
                line
                for line in t.splitlines()
                if not line.startswith(('"Kazakhstan"', '"Kyrgyz', '"Tajik', '"Turkmen', '"Uzbek'))
            ),
            "holds no row for any focus country",
        ),
        (
            "another indicator",
            lambda t: t.replace("BX.TRF.PWKR.CD.DT", "NE.EXP.GNFS.CD"),
            "holds indicator(s) NE.EXP.GNFS.CD; the book reads one of",
        ),
        (
            "not the World Bank's",
            lambda t: "country,year,value\nKAZ,2024,1\n",
            "not a World Development Indicators bulk file",
        ),
    ],
)
def test_a_file_the_importer_does_not_read_is_refused_and_data_is_untouched(project, tmp_path, case, edit, message):
    bad = variant(tmp_path, edit)
    with pytest.raises(update.LayoutError, match=message.split(";")[0].replace("(", r"\(").replace(")", r"\)")):
        wdi.read(bad, project / "data")
    before = snapshot(project / "data")
    out = stancebook("update", "wdi", str(bad), "--apply", "--root", str(project))
    assert out.returncode == 2 and message in out.stderr and "data/ was not changed" in out.stderr, out.stderr
    assert str(bad) in out.stderr
    assert snapshot(project / "data") == before


def test_an_update_that_would_break_a_rule_of_the_build_is_shown_and_never_written(project):
    """The 2022 release has no 2021 values: the claims that cite them would point to nothing."""
    before = snapshot(project / "data")
    out = stancebook("update", "wdi", str(PCT_2022), "--apply", "--root", str(project))
    assert out.returncode == 2
    assert "indicators.csv: 10 added, 44 changed, 4 removed" in out.stdout
    assert "would break 3 rule(s) of the build" in out.stderr
    assert "claims.csv, row 23 (line 24), column 'evidence'" in out.stderr
    assert "TJK/remittances_pct_gdp/2021" in out.stderr
    assert snapshot(project / "data") == before
    with pytest.raises(Exception, match="evidence points to nothing"):
        update.apply(project / "data", update.diff(project / "data", update.propose("wdi", PCT_2022, project / "data")))
    assert snapshot(project / "data") == before


def test_an_unknown_source_names_the_ones_there_are(project):
    out = stancebook("update", "comtrade", str(USD), "--root", str(project))
    assert (
        out.returncode == 2
        and "no importer for 'comtrade': the sources are kaz-bns, kgz-nsc, undl, uzb-stat, wdi" in out.stderr
    )


def _api_from_bulk_file(path: Path):
    """A stand-in for wbgapi.data.fetch that answers from the World Bank's bulk file: what the API gives."""
    import csv as _csv

    lines = list(_csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    at = next(i for i, r in enumerate(lines) if r[:2] == ["Country Name", "Country Code"])
    header = lines[at]

    def fetch(code, economies, time="all", numericTimeKeys=False):
        assert time == "all" and numericTimeKeys
        for r in lines[at + 1 :]:
            if len(r) > 3 and r[3] == code and r[1] in economies:
                for year, value in zip(header[4:], r[4:], strict=True):
                    if year:
                        yield {"economy": r[1], "time": int(year), "value": float(value) if value else None}

    return fetch


def test_the_api_path_gives_the_rows_of_the_bulk_file(project):
    """Offline here, so the API is answered from the bulk file: the same rows, values written as floats."""
    proposal = wdi.read_api("BX.TRF.PWKR.CD.DT", project / "data", fetch=_api_from_bulk_file(USD))
    bulk = wdi.read(USD, project / "data")
    assert [(r["country"], r["period"]) for r in proposal.rows] == [(r["country"], r["period"]) for r in bulk.rows]
    assert all(float(a["value"]) == float(b["value"]) for a, b in zip(proposal.rows, bulk.rows, strict=True))
    result = update.diff(project / "data", proposal)
    assert result.problems == [] and not any(t.added or t.removed for t in result.tables)


def test_the_api_path_offline_says_what_to_do_instead(project):
    def offline(*args, **kwargs):
        raise ConnectionError("no route to host")
        yield  # a generator, as wbgapi's fetch is

    with pytest.raises(update.LayoutError, match="could not be reached .*download the bulk file API_SP.POP.TOTL"):
        wdi.read_api("SP.POP.TOTL", project / "data", fetch=offline)
    with pytest.raises(update.LayoutError, match="the book reads one of"):
        update.propose("wdi-api", "NE.EXP.GNFS.CD", project / "data")
