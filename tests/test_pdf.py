"""The PDF export: the whole book, printed by the system Chromium from the built book in one pass, and the country
chapters cut from it.

Needs Chromium and poppler-utils (pdftotext, pdfimages); without them these tests skip with the reason,
except in CI (.ci/run installs both and sets STANCEBOOK_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import os
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


def pages_text(path: Path, layout: bool = True) -> list[str]:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.split("\f")[:-1]


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def cut_from_the_book(country: Path, book: Path) -> tuple[int, int]:
    """The book's pages a country PDF says it holds (first, last), checked: they follow its title page as they are."""
    pages = pages_text(country)
    assert "A country chapter of" in pages[0]
    shown = re.search(r"Pages (\d+)–(\d+) of the book, built .* · data fingerprint \w+", one_line(pages[0]))
    assert shown, pages[0]
    first, last = int(shown.group(1)), int(shown.group(2))
    assert pages[1:] == pages_text(book)[first - 1 : last]
    return first, last


def test_make_pdf_writes_the_book_and_one_pdf_per_country(pdfs):
    for stem in ("stancebook", "kaz", "kgz", "tjk", "tkm", "uzb", "mda"):
        assert pdfs[stem].stat().st_size > 50_000, stem
    assert re.search(r"_build/pdf/stancebook.pdf: \d+ pages in \d+\.\d s", pdfs["log"])
    assert re.search(r"_build/pdf/kaz.pdf: \d+ pages \(book pages \d+–\d+\) in \d+\.\d s", pdfs["log"])
    assert not list(pdfs["book"].parent.glob(".*")), "temporary files left behind"


def test_the_book_goes_through_chromium_once(pdfs):
    """One print of the whole book; the contents' numbers and the country title pages are small prints of their own,
    and the country PDFs are cut from the book, not printed again."""
    pages = len(pages_text(pdfs["book"]))
    summary = re.search(r"^Chromium printed (\d+) documents? in \d+\.\d s: (.*)$", pdfs["log"], re.M)
    assert summary, pdfs["log"]
    printed = [(what, int(n)) for what, n in re.findall(r"([^,(]+?) \((\d+) pages?, \d+\.\d s\)", summary.group(2))]
    assert int(summary.group(1)) == len(printed) == 3, printed
    assert [what for what, n in printed if n == pages] == ["the book"], printed
    # the title page and the contents, then one title page per country (six: Moldova was added)
    assert [n for what, n in printed if what != "the book"] == [2, 6], printed


def test_book_pdf_has_title_page_contents_every_chapter_and_page_numbers(pdfs, book):
    pages = pages_text(pdfs["book"])
    # printed at full size: the book's five countries take about 147 pages (this one has a sixth, Moldova); a table
    # wider than the page would make Chromium shrink every page to fit it, and the book would take about 90
    assert 130 <= len(pages) < 200
    assert "Between Moscow and the world" in pages[0] and "Built" in pages[0] and "data fingerprint" in pages[0]
    assert "Contents" in pages[1]
    text = "\n".join(pages)
    numbers = []
    for chapter in pdf.chapters(book / "_build" / "html"):
        assert chapter.title in one_line(text), chapter.title
        # the contents give, on the chapter's line, the page on which it starts: its title is at the top of that page
        listed = re.search(re.escape(chapter.title) + r"[ .]*\s(\d+)\s*$", pages[1], re.M)
        assert listed, chapter.title
        numbers.append(int(listed.group(1)))
        start = pages[numbers[-1] - 1]
        assert chapter.title in one_line(start[:400]), (chapter.title, numbers[-1])
    # the first chapter right after the title page and the contents, the rest in order, each number printed once
    assert numbers[0] == 3 and numbers == sorted(set(numbers)), numbers
    contents = pages[1].split("Contents", 1)[1].split("data fingerprint", 1)[0]  # not the footer
    assert re.findall(r"^.*\S.*\s(\d+)\s*$", contents, re.M) == [str(n) for n in numbers]
    for name in FOCUS:
        assert name in text
    assert all(re.search(rf"Page {i} of {len(pages)}", p) for i, p in enumerate(pages, 1))


def test_pdf_draws_the_charts_as_vectors_with_their_captions(pdfs, book):
    from bs4 import BeautifulSoup

    captions = []
    for page in (book / "_build" / "html" / "chapters").rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        captions += [one_line(f.get_text(" ")).strip() for f in soup.select("figure.stancebook-figure figcaption")]
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdfs["book"])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    # the charts are SVG, which Chromium prints as drawings: no picture of pixels stands in for them
    assert len(captions) >= 20 and len(listing) < len(captions) / 4, (len(captions), listing)
    text = one_line("\n".join(pages_text(pdfs["book"], layout=False)))
    missing = [c for c in captions if c not in text]
    assert not missing, missing


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
    from pypdf import PdfReader

    pages, book = pages_text(pdfs["kaz"]), pages_text(pdfs["book"])
    assert 8 <= len(pages) <= 60
    assert "page numbers at the foot of the pages are the book's" in pages[0]
    # the chapter's pages exactly as the book has them, with its footers: title first, the next chapter after them
    first, last = cut_from_the_book(pdfs["kaz"], pdfs["book"])
    assert one_line(pages[1]).lstrip().startswith("Kazakhstan") and f"Page {first} of {len(book)}" in pages[1]
    assert last == len(book) or one_line(book[last]).lstrip().startswith("Kyrgyzstan")
    text = "\n".join(pages)
    assert "Stance toward Moscow" in text and "Votes at the UN General Assembly" in text
    assert "The region compared" not in text[:2000]
    # an outline: the chapter at its first page, its sections under it
    reader = PdfReader(pdfs["kaz"])
    outline = reader.outline
    assert outline[0].title == "Kazakhstan" and reader.get_destination_page_number(outline[0]) == 1
    assert "Stance toward Moscow" in [item.title for item in outline[1] if not isinstance(item, list)]


def test_one_country_is_cut_from_the_book_printed_first_when_it_is_older_than_the_html(pdfs, book):
    before = pdfs["kaz"].stat().st_mtime_ns
    cut = stancebook("pdf", "--root", str(book), "--country", "KAZ")
    assert cut.returncode == 0, cut.stdout + cut.stderr
    # the book's PDF is the built HTML's: only the title page is printed
    assert "stancebook.pdf" not in cut.stdout and "Chromium printed 1 document in" in cut.stdout, cut.stdout
    assert pdfs["kaz"].stat().st_mtime_ns > before
    html = max(p.stat().st_mtime for p in (book / "_build" / "html").rglob("*.html"))
    os.utime(pdfs["book"], (html - 60, html - 60))
    again = stancebook("pdf", "--root", str(book), "--country", "KAZ")
    assert again.returncode == 0, again.stdout + again.stderr
    assert re.search(r"_build/pdf/stancebook.pdf: \d+ pages in \d+\.\d s \(printed first", again.stdout), again.stdout
    assert "Chromium printed 3 documents in" in again.stdout and pdfs["book"].stat().st_mtime > html
    cut_from_the_book(pdfs["kaz"], pdfs["book"])
    assert not list(pdfs["book"].parent.glob(".*")), "temporary files left behind"


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
