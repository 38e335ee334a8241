"""The PDF export: the whole book and a country chapter, printed by the system Chromium from the built book.

Needs Chromium and poppler-utils (pdftotext, pdfimages); without them these tests skip with the reason,
except in CI (.ci/run installs both and sets STANCEBOOK_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from stancebook.builder import pdf
from stancebook.errors import BuildError

from conftest import require_browser, stancebook

pytestmark = pytest.mark.slow

FOCUS = ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan")


@pytest.fixture(scope="module")
def pdfs(book) -> dict[str, Path]:
    require_browser("pdftotext", "pdfimages")
    result = stancebook("pdf", "--root", str(book))
    assert result.returncode == 0, result.stdout + result.stderr
    out = book / "_build" / "pdf"
    return {"book": out / "stancebook.pdf", "log": result.stdout, **{p.stem: p for p in out.glob("*.pdf")}}


def pages_text(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_make_pdf_writes_the_book_and_one_pdf_per_country(pdfs):
    for stem in ("stancebook", "kaz", "kgz", "tjk", "tkm", "uzb", "mda"):
        assert pdfs[stem].stat().st_size > 50_000, stem
    assert re.search(r"_build/pdf/stancebook.pdf: \d+ pages in \d+\.\d s", pdfs["log"])
    assert not list(pdfs["book"].parent.glob(".*")), "temporary files left behind"


def test_book_pdf_has_title_page_contents_every_chapter_and_page_numbers(pdfs, book):
    pages = pages_text(pdfs["book"])
    # well under 100 pages: the book's five countries print in about 83; this one has a sixth (Moldova)
    assert 60 <= len(pages) < 100
    assert "Between Moscow and the world" in pages[0] and "Built" in pages[0] and "data fingerprint" in pages[0]
    assert "Contents" in pages[1]
    text = "\n".join(pages)
    for chapter in pdf.chapters(book / "_build" / "html"):
        assert chapter.title in re.sub(r"\s+", " ", text), chapter.title
        # the contents give the page on which the chapter starts, and its title is at the top of that page
        listed = re.search(re.escape(chapter.title) + r"[ .]*\s(\d+)\s*$", pages[1], re.M)
        assert listed, chapter.title
        start = pages[int(listed.group(1)) - 1]
        assert chapter.title in re.sub(r"\s+", " ", start[:400]), (chapter.title, listed.group(1))
    for name in FOCUS:
        assert name in text
    assert all(re.search(rf"Page {i} of {len(pages)}", p) for i, p in enumerate(pages, 1))


def test_pdf_holds_the_charts_as_images(pdfs, book):
    figures = sum(
        p.read_text(encoding="utf-8").count('<figure class="stancebook-figure"')
        for p in (book / "_build" / "html" / "chapters").rglob("*.html")
    )
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdfs["book"])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert figures >= 20 and len(listing) >= figures
    # crisp: the charts keep their 200 dpi pixels (at least 1,200 px wide for a full-width chart)
    assert max(int(line.split()[3]) for line in listing) >= 1200


def test_pdf_shows_no_python(pdfs):
    for stem in ("stancebook", "kaz"):
        text = "\n".join(pages_text(pdfs[stem]))
        for pattern in (
            r"\bimport \w+",
            r"\bfrom stancebook\b",
            r"\w+\.show\w*\(",
            r"data_dir\s*=",
            r"\bdef \w+\(",
            r"ds = data",
            "Traceback",
            r"\{glue",
            r"\{\{",
        ):
            assert not re.search(pattern, text), (stem, pattern)


def test_country_pdf_is_that_chapter_alone(pdfs):
    pages = pages_text(pdfs["kaz"])
    assert 8 <= len(pages) <= 60
    assert "A country chapter of" in pages[0]
    text = "\n".join(pages)
    assert "Stance toward Moscow" in text and "Votes at the UN General Assembly" in text
    assert "The region compared" not in text.split("Contents", 1)[1][:200]


def test_missing_chromium_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.delenv("STANCEBOOK_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BuildError, match=r"apt-get install chromium"):
        pdf.find_chromium()
    monkeypatch.setenv("STANCEBOOK_CHROMIUM", str(tmp_path / "nowhere"))
    with pytest.raises(BuildError, match=r"STANCEBOOK_CHROMIUM=.*nowhere is not an executable"):
        pdf.find_chromium()


def test_pdf_before_the_book_is_built_says_to_build_it(project):
    require_browser()
    result = stancebook("pdf", "--root", str(project))
    assert result.returncode == 1
    assert "no built book at" in result.stderr and "build it first" in result.stderr


def test_the_pdf_prints_each_claim_once_as_a_list_with_short_evidence_labels(pdfs, book):
    from stancebook import data

    text = "\n".join(pages_text(pdfs["book"]))
    claims = data.load(book / "data").claims
    # a list, not a table: each claim's verdict on a line of its own, its evidence after it
    assert text.count("Verdict: ") == len(claims)
    assert "What the article says (paraphrased)" not in text
    assert "are listed, article by article, in the chapter on the source articles" in text
    # short labels: no internal codes of the evidence column, and an event named by its date and kind
    assert not re.search(r"\b(event|vote|tie|trade|indicator|source):[A-Za-z0-9]", text)
    assert re.search(r"Tajikistan, 28 Jun 2022, leader visits", text)
