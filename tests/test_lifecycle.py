"""Renaming, removing and demoting a focus country, with and without an interrupted build, through the real
command on copies of the session's built book: the last good book stays whole until the new one is published,
and the new one has no stale page, source copy, PDF or blank number."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
from pathlib import Path

import pytest

from conftest import stancebook, wait_until
from test_reliability import html_digest, leftovers, start, wait_for_line

pytestmark = pytest.mark.slow


@pytest.fixture
def built(book, tmp_path) -> Path:
    return Path(shutil.copytree(book, tmp_path / "book", symlinks=True))


def html(root: Path, page: str) -> str:
    return (root / "_build" / "html" / page).read_text(encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def remove_rows(path: Path, code: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(line for line in lines if f",{code}," not in line and not line.startswith(f"{code},")), encoding="utf-8"
    )


def pasted_values(page: str) -> list[str]:
    """The text of every value glued into a page's prose."""
    return re.findall(r'<span class="pasted-text">(.*?)</span>', page, re.S)


def assert_no_blank_numbers(root: Path) -> None:
    """Every glue reference of every chapter's template is a non-empty value on its page."""
    import nbformat

    from stancebook.present.glue import references

    chapters = root / "_build" / "html" / "chapters"
    for path in chapters.rglob("*.html"):
        chapter = "country" if path.parent.name == "countries" else path.stem
        template = root / "chapters" / "templates" / f"{chapter}.ipynb"
        if not template.is_file():
            continue
        cells = nbformat.read(template, as_version=4).cells
        expected = sum(len(references(c.source)) for c in cells if c.cell_type == "markdown")
        values = pasted_values(path.read_text(encoding="utf-8"))
        assert len(values) == expected and all(v.strip() for v in values), path


def test_a_removed_country_stays_in_the_published_book_until_an_interrupted_build_is_finished(built):
    remove_rows(built / "data" / "countries.csv", "MDA")
    remove_rows(built / "data" / "unga_votes.csv", "MDA")
    pdf = built / "_build" / "pdf" / "mda.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(b"%PDF-1.7 the chapter printed from the last book")
    before = html_digest(built)
    proc = start("build", "--root", str(built))
    wait_for_line(proc, "[1/")
    os.killpg(proc.pid, signal.SIGINT)
    proc.communicate(timeout=180)
    assert proc.returncode == 130
    # the published book is the last good one, whole: Moldova's page is there, and the pages that link to it
    assert html_digest(built) == before
    assert "countries/mda.html" in html(built, "chapters/region.html")
    assert (built / "chapters" / "countries" / "mda.ipynb").is_file() and pdf.is_file()
    result = stancebook("build", "--root", str(built))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "retired chapters/countries/mda.ipynb" in result.stdout
    published = built / "_build" / "html"
    assert not (published / "chapters" / "countries" / "mda.html").exists()
    assert not list(published.rglob("*mda*")), "a page or source copy of the removed chapter is still published"
    assert not (built / "chapters" / "countries" / "mda.ipynb").exists() and not pdf.exists()
    manifest = json.loads((built / "_build" / "stancebook" / "manifest.json").read_text(encoding="utf-8"))
    assert not any("mda" in k for k in manifest["notebooks"])
    assert "Moldova" not in html(built, "chapters/region.html")
    assert leftovers(built) == []
    assert_no_blank_numbers(built)


def test_a_renamed_country_keeps_its_files_and_a_build_killed_while_compiling_loses_nothing(built):
    edit(built / "data" / "countries.csv", "KAZ,Kazakhstan,", "KAZ,Qazaqstan,")
    before = html_digest(built)
    proc = start("build", "--root", str(built))
    stage = built / "_build" / ".stage" / "_build" / "html" / "chapters"
    # the renamed chapter and the others that name it run again, then Jupyter Book starts from a clean stage
    # (the set of titles changed): kill it once it has written a page
    wait_until(lambda: stage.is_dir() and any(stage.rglob("*.html")), "Jupyter Book wrote a page", proc=proc)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    assert html_digest(built) == before, "a killed build must not touch the published book"
    result = stancebook("build", "--root", str(built), "--explain")
    assert result.returncode == 0, result.stdout + result.stderr
    page = html(built, "chapters/countries/kaz.html")
    assert "<h1>Qazaqstan" in page and "Kazakhstan" not in re.sub(r"<[^>]+>", " ", page).split("Votes over")[0]
    assert "Qazaqstan" in html(built, "chapters/region.html")
    names = sorted(p.name for p in (built / "chapters" / "countries").glob("*.ipynb"))
    assert names == ["kaz.ipynb", "kgz.ipynb", "mda.ipynb", "tjk.ipynb", "tkm.ipynb", "uzb.ipynb"]
    assert leftovers(built) == []
    assert_no_blank_numbers(built)


def test_a_demoted_country_leaves_the_book_and_the_regional_prose_has_no_blank(built):
    edit(built / "data" / "countries.csv", "KGZ,Kyrgyzstan,focus,", "KGZ,Kyrgyzstan,comparison,")
    result = stancebook("build", "--root", str(built))
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (built / "_build" / "html" / "chapters" / "countries" / "kgz.html").exists()
    assert not (built / "chapters" / "countries" / "kgz.ipynb").exists()
    region = html(built, "chapters/region.html")
    prose = " ".join(pasted_values(region))
    assert "Kazakhstan" in prose and "Kyrgyzstan" not in prose
    assert "Kyrgyzstan" in region, "as a comparison country it stays in the vote table"
    assert_no_blank_numbers(built)
    listing = stancebook("list", "--root", str(built))
    assert re.search(r"^KGZ\s+Kyrgyzstan\s+comparison", listing.stdout, re.M)


def test_a_template_naming_an_undeclared_glue_key_fails_the_build_and_keeps_the_book(built):
    import nbformat

    path = built / "chapters" / "templates" / "region.ipynb"
    nb = nbformat.read(path, as_version=4)
    prose = [c for c in nb.cells if c.cell_type == "markdown"][1]  # the first paragraph after the title
    prose.source += " It fell from {glue:text}`kgz_rus_share_2021`."
    nbformat.write(nb, path)
    before = html_digest(built)
    result = stancebook("build", "--root", str(built))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "'kgz_rus_share_2021' is not declared for the region chapter" in result.stderr
    assert html_digest(built) == before


def test_files_a_failed_compile_left_in_the_stage_never_reach_the_book(built):
    """A failed or interrupted Jupyter Book run may leave anything in the stage (a file a role copied, a page of
    a removed chapter): the next HTML build starts from an empty stage, so none of it is published."""
    stage = built / "_build" / ".stage" / "_build" / "html"
    stray = stage / "_downloads" / "0123abcd" / "hostname"
    stray.parent.mkdir(parents=True)
    stray.write_text("a file of the build machine", encoding="utf-8")
    (stage / "chapters" / "countries" / "old.html").write_text("<p>a removed chapter</p>", encoding="utf-8")
    manifest_path = built / "_build" / "stancebook" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["html"], manifest["build_key"] = {}, ""  # what a failed or interrupted HTML build records
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    result = stancebook("build", "--root", str(built), "--explain")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "HTML  build (full): no record of an earlier HTML build" in result.stdout
    published = built / "_build" / "html"
    assert not (published / "_downloads").exists() and not (published / "chapters" / "countries" / "old.html").exists()
    assert not stray.exists()
