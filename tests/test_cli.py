"""The stancebook command, run as a reader runs it."""

from __future__ import annotations

from conftest import stancebook


def test_unknown_country_code_lists_the_valid_ones(project):
    result = stancebook("run", "--country", "XYZ", "--root", str(project))
    assert result.returncode == 2
    assert "Unknown country code(s): XYZ" in result.stderr
    for code in ("KAZ (Kazakhstan)", "KGZ (Kyrgyzstan)", "TJK (Tajikistan)", "TKM (Turkmenistan)", "UZB (Uzbekistan)"):
        assert code in result.stderr
    assert not (project / "chapters" / "countries").exists()


def test_a_comparison_country_has_no_chapter_to_run_and_the_message_says_so(project):
    for command in ("run", "build"):
        result = stancebook(command, "--country", "rus", "--root", str(project))
        assert result.returncode == 2
        assert result.stderr.startswith(
            "RUS (Russia) is a comparison country in data/countries.csv: the book has "
            "chapters for its focus countries only (KAZ (Kazakhstan), "
        )
        assert "set the role to 'focus'" in result.stderr and "Unknown" not in result.stderr
    assert not (project / "_build").exists() and not (project / "chapters" / "countries").exists()


def test_bad_data_stops_before_anything_is_built(project):
    votes = project / "data" / "unga_votes.csv"
    votes.write_text(votes.read_text(encoding="utf-8").replace("68/262,KAZ,A,", "68/262,KAZ,Q,", 1), encoding="utf-8")
    result = stancebook("build", "--root", str(project))
    assert result.returncode == 2
    assert "nothing was built" in result.stderr
    assert "unga_votes.csv, row 1 (line 2), column 'vote': vote must be one of Y, N, A, X (found 'Q')" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "chapters" / "countries").exists()
    assert not (project / "chapters" / "region.ipynb").exists()
    assert not (project / "_build").exists()


def test_list_shows_countries_and_what_is_built(project):
    result = stancebook("list", "--root", str(project))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("KAZ") and "focus" in line and "not executed" in line for line in lines)
    assert any(line.startswith("RUS") and "comparison" in line for line in lines)
    assert "regional comparison chapter: not executed" in result.stdout
    assert "the source articles checked chapter: not executed" in result.stdout


def test_outside_a_project_the_error_says_what_is_missing(tmp_path):
    result = stancebook("list", cwd=tmp_path)
    assert result.returncode == 2
    assert "no book project found" in result.stderr
