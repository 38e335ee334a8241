"""Print the built HTML book to PDF with the system Chromium: the whole book, and one PDF per country chapter.

The chapters are taken from the built book (``_build/html``), in the order of its navigation, and put
into one print document: a title page, a table of contents with page numbers, then every chapter on a
new page. Code is already removed from the HTML; the theme's navigation, buttons and footers are left
out. Chromium, driven by Playwright, prints it with the page number, build date and data fingerprint
at the foot of every page. Nothing is downloaded: Playwright is pointed at the installed Chromium,
and any request leaving the machine is refused while printing.

The whole book goes through Chromium once. The table of contents needs the page on which each chapter
starts, which is known only after printing, so the book is printed with the contents' page numbers
left blank (each blank keeps its place on the line), and the start pages are read from the PDF's
outline (Chromium writes one from the headings). Then a tiny document is printed: the title page and
the contents alone, laid out exactly as in the book but with everything invisible except the page
numbers, and its pages are laid over the book's first pages. The book's pages keep their links,
outline and footers. Chromium shrinks a document wider than the page until it fits (the book is, by
a wide table), so the tiny document is made as wide, by an invisible line, to shrink alike; it must
print on as many pages as the book's title page and contents, and each number must land on its line
of the contents (both are checked, reading the PDFs back).

A country's PDF is cut from the book's: a title page of its own (the title pages of all the countries
asked for come from one more small print, in the same browser session), then that chapter's pages as
the book has them, from its start page to the page before the next chapter's, with the book's page
numbers at their foot (the title page says so) and an outline of the chapter. ``stancebook pdf --country
KAZ`` cuts from the book's PDF as it is when that was printed from the built HTML as it is now, and
prints the book first otherwise.

The PDFs are cut, overlaid and given outlines with pypdf, not with hand-written PDF code. Every file is
written under a temporary name and renamed into place; the temporary files go when printing ends.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urldefrag, urljoin, urlparse

from ..errors import BuildError
from ..present.escape import html as esc
from .project import Project

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader, PdfWriter
    from pypdf.generic import TreeObject

#: executables tried, in order, when STANCEBOOK_CHROMIUM is not set
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = (
    "PDF export needs Chromium, which is not installed. On Debian or Ubuntu: "
    "`sudo apt-get install chromium` (the package is `chromium`); elsewhere install Chromium or "
    "Google Chrome, or set STANCEBOOK_CHROMIUM to the browser's executable. Nothing is downloaded "
    "at build time."
)


def find_chromium() -> Path:
    """The Chromium executable: STANCEBOOK_CHROMIUM if set, else the first of CHROMIUM_NAMES on the PATH."""
    chosen = os.environ.get("STANCEBOOK_CHROMIUM")
    if chosen:
        if not (Path(chosen).is_file() and os.access(chosen, os.X_OK)):
            raise BuildError(f"STANCEBOOK_CHROMIUM={chosen} is not an executable file. {INSTALL_HINT}")
        return Path(chosen)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    raise BuildError(INSTALL_HINT)


@dataclass(frozen=True)
class Chapter:
    """One page of the built book: its file, its title, and the anchor it gets in the print document."""

    path: Path
    title: str
    anchor: str


def chapters(html_dir: Path) -> list[Chapter]:
    """The book's pages in reading order, as its navigation lists them (the root page first)."""
    from bs4 import BeautifulSoup

    root = html_dir / "index.html"
    if not root.is_file():
        raise BuildError(f"no built book at {html_dir}: build it first (`make book` or `stancebook build`)")
    start = _redirect_target(root) or root
    soup = BeautifulSoup(start.read_text(encoding="utf-8"), "html.parser")
    paths = [start]
    for a in soup.select("nav.bd-docs-nav a.reference.internal"):
        href = urldefrag(a.get("href", ""))[0]
        target = start if not href else (start.parent / unquote(href)).resolve()
        if target not in paths:
            paths.append(target)
    return [Chapter(path=path, title=_title(path), anchor=f"chapter-{i}") for i, path in enumerate(paths)]


_H1 = re.compile(r"<h1\b.*?</h1>", re.S | re.I)


def _title(page: Path) -> str:
    """The page's title: the first h1 of its article (only that heading is parsed, not the whole page)."""
    from bs4 import BeautifulSoup

    text = page.read_text(encoding="utf-8")
    at = text.find('class="bd-article"')
    match = _H1.search(text, at) if at >= 0 else None
    return _heading_text(BeautifulSoup(match.group(0), "html.parser").h1) if match else page.stem


def _redirect_target(index: Path) -> Path | None:
    match = re.search(r'http-equiv="Refresh" content="0; url=([^"]+)"', index.read_text(encoding="utf-8"), re.I)
    return (index.parent / match.group(1)).resolve() if match else None


def _heading_text(tag) -> str:
    for link in tag.select("a.headerlink"):
        link.decompose()
    return re.sub(r"\s+", " ", tag.get_text(" ")).strip()


def _chapter_html(chapter: Chapter, anchors: dict[Path, str]) -> str:
    """A chapter's article, ready for the print document: its links and image paths made to work from there."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(chapter.path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    if article is None:
        raise BuildError(f"{chapter.path}: no article element; is this a Jupyter Book page?")
    for junk in article.select("a.headerlink, .prev-next-area, .prev-next-footer, .toggle-details, button"):
        junk.decompose()
    for fold in article.select("details"):
        fold["open"] = ""  # paper cannot be clicked: a table folded on screen is printed open
    base = chapter.path.resolve().as_uri()
    for tag in article.select("[src]"):
        if not tag["src"].startswith("data:"):
            tag["src"] = urljoin(base, tag["src"])
    for a in article.select("a[href]"):
        href = a["href"]
        if urlparse(href).scheme in ("http", "https", "mailto"):
            continue
        target, fragment = urldefrag(urljoin(base, href))
        page = Path(unquote(urlparse(target).path)).resolve()
        if page in anchors:
            # a link within the printed document: to the chapter, or to the anchor made unique below
            a["href"] = f"#{anchors[page]}-{fragment}" if fragment else f"#{anchors[page]}"
        else:
            a.unwrap()  # a page (or a download) that is not in this PDF: keep the words, drop the link
    for tag in article.select("[id]"):
        tag["id"] = f"{chapter.anchor}-{tag['id']}"
    for style in article.select("style"):
        # pandas styles its tables by element id (#T_<uuid>...): follow the ids to their new names, so two
        # chapters' tables with the same uuid keep their own colours
        style.string = re.sub(r"#T_", f"#{chapter.anchor}-T_", style.get_text())
    return f'<section class="chapter" id="{chapter.anchor}">{article.decode_contents()}</section>'


def _stylesheets(page: Path) -> list[str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    base = page.resolve().as_uri()
    return [urljoin(base, link["href"]) for link in soup.select('link[rel="stylesheet"]')]


PRINT_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
html { font-size: 10pt; }
body { background: white; margin: 0; }
.bd-article-container, .bd-article { max-width: none !important; padding: 0 !important; }
section.chapter { break-before: page; }
h1 { font-size: 2em; margin-top: 0; }
h2 { font-size: 1.45em; break-after: avoid; }
h3 { font-size: 1.2em; break-after: avoid; }
p { orphans: 3; widows: 3; }
a { color: #1a4f8b; text-decoration: none; }
figure.stancebook-figure { break-inside: avoid; }
figure.stancebook-figure img { max-width: 80% !important; height: auto !important; }
figure.stancebook-figure p.stancebook-data { display: none; }
.stancebook-screen-only { display: none !important; }
.stancebook-print-only { display: block !important; }
/* the claims as a list: claim, article and place on one line, then what the article says, the verdict and why,
   then the evidence by short labels */
table.stancebook-claims thead { display: none; }
details.stancebook-fold table.stancebook-claims, table.stancebook-claims { font-size: 0.85em; }
table.stancebook-claims, table.stancebook-claims tbody { display: block; width: 100% !important; }
table.stancebook-claims tr { display: block; margin: 0 0 0.5em 0; padding: 0 0 0.4em 0; border-bottom: 1px solid #ccc;
  break-inside: avoid; }
table.stancebook-claims td { display: inline; padding: 0 !important; background: none !important; }
table.stancebook-claims td.col0 { font-weight: bold; }
table.stancebook-claims td.col0::after { content: " · "; }
table.stancebook-claims td.col1::after { content: ", about "; }
table.stancebook-claims td.col3, table.stancebook-claims td.col5, table.stancebook-claims td.col6 {
  display: block; margin-top: 0.15em; }
table.stancebook-claims td.col4 { display: block; margin-top: 0.15em; font-weight: bold; }
table.stancebook-claims td.col4::before { content: "Verdict: "; }
table.stancebook-claims td.col6 { font-size: 0.92em; color: #333; }
table.stancebook-claims td.col6::before { content: "Evidence: "; font-style: italic; }
/* the events: room for what happened, less for the codes around it */
table[id*="T_events-"] td.col0 { width: 7%; }
table[id*="T_events-"] td.col3 { width: 44%; }
table[id*="T_events-"] td.col4 { width: 14%; }
div.citation-list { column-count: 2; column-gap: 6mm; font-size: 0.82em; }
div.citation { break-inside: avoid; }
div.citation a { overflow-wrap: anywhere; }
figure.stancebook-figure figcaption::before { content: "Figure. "; }
.pst-scrollable-table-container, .output_area, .cell_output, div.output {
  overflow: visible !important; max-height: none !important;
}
table { font-size: 0.82em; max-width: 100% !important; width: auto; break-inside: auto; }
table.stancebook-stance { font-size: 0.7em; }
/* the vote matrix has a column per resolution: its headings stand upright, so that it fits the page's width (a
   table wider than the page makes Chromium shrink every page of the document to fit it) */
table.stancebook-stance th.col_heading { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;
  padding: 3px 1px; vertical-align: bottom; text-align: left; }
table.stancebook-stance th.col_heading br { display: none; }
table.stancebook-stance td { padding: 1px 2px; }
thead { display: table-header-group; }
details.stancebook-fold { border: none; padding: 0; margin: 0.3em 0; }
details.stancebook-fold > summary { list-style: none; font-size: 0.9em; font-weight: 600; }
details.stancebook-fold > summary::marker { content: ""; }
details.stancebook-fold > summary::-webkit-details-marker { display: none; }
details.stancebook-fold table { font-size: 0.7em; }
tr, td, th { break-inside: avoid; }
table { width: 100% !important; }
td, th { overflow-wrap: break-word; word-break: normal; hyphens: manual; }
td a, td code { overflow-wrap: anywhere; }
div.cell, div.output, div.cell_output { margin: 0 !important; padding: 0 !important; border: none !important; }
.title-page { break-after: page; text-align: left; padding-top: 55mm; }
.title-page h1.book-title { font-size: 2.5em; line-height: 1.15; margin-bottom: 0.5em; border: none; }
.title-page .subtitle { font-size: 1.3em; color: #333; margin-bottom: 3em; }
.title-page .imprint { font-size: 0.95em; color: #444; margin-top: 6em; }
nav.print-toc { break-after: page; }
nav.print-toc h1 { font-size: 1.8em; }
nav.print-toc ol { list-style: none; padding: 0; }
nav.print-toc li { display: flex; gap: 0.5em; margin: 0.35em 0; font-size: 1.05em; }
nav.print-toc li .toc-title { flex: 0 1 auto; }
nav.print-toc li .toc-dots { flex: 1 1 auto; border-bottom: 1px dotted #999; margin-bottom: 0.3em; }
nav.print-toc li .toc-page { flex: 0 0 auto; min-width: 2em; text-align: right; }
"""


def chapters_html(chapters_: list[Chapter]) -> str:
    """The chapters' articles, joined, with links between them made internal to the print document."""
    anchors = {c.path.resolve(): c.anchor for c in chapters_}
    return "\n".join(_chapter_html(c, anchors) for c in chapters_)


#: the overlay that numbers the contents: everything of the title page and the contents laid out as in the book,
#: and invisible but the page numbers; no backgrounds
NUMBERS_ONLY_CSS = """
*, *::before, *::after { visibility: hidden !important; background: none !important; box-shadow: none !important; }
nav.print-toc li .toc-page { visibility: visible !important; }
"""

#: the country title pages, printed together: one page each, and no blank page after the last
TITLE_PAGES_CSS = ".title-page:last-child { break-after: auto; }"

#: the print margins; the same for every document, so that the overlay falls on the book's lines
MARGIN = {"top": "18mm", "bottom": "20mm", "left": "16mm", "right": "16mm"}
#: the width and height inside the margins of an A4 page, in CSS pixels
CONTENT_PX = ((210 - 16 - 16) / 25.4 * 96, (297 - 18 - 20) / 25.4 * 96)

#: how wide the document is laid out (CSS pixels): the right edge of its widest element
WIDTH_JS = """() => {
  let width = 0;
  for (const e of document.querySelectorAll("body *")) width = Math.max(width, e.getBoundingClientRect().right);
  return width;
}"""

#: the book PDF's document information: the footer's stamp, and a digest of the HTML it was printed from
STAMP_KEY, SOURCE_KEY = "/StancebookStamp", "/StancebookSource"


def _html(title: str, stylesheets: list[str], content: str, extra_css: str = "", width: float | None = None) -> str:
    """A print document of ``content``. ``width`` (CSS pixels) puts an invisible line that wide at its top: Chromium
    shrinks a document wider than the page until it fits, and this one then shrinks as much as one laid out that
    wide."""
    links = "\n".join(f'<link rel="stylesheet" href="{esc(s)}">' for s in stylesheets)
    wide = (
        f'<div style="position:absolute; top:0; left:0; width:{width}px; height:1px; visibility:hidden"></div>'
        if width
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en" data-theme="light"><head><meta charset="utf-8"><title>{esc(title)}</title>
{links}
<style>{PRINT_CSS}{extra_css}</style></head>
<body>{wide}<main class="bd-article-container"><article class="bd-article">
{content}
</article></main></body></html>"""


def _title_page(title: str, subtitle: str, imprint: str) -> str:
    return (
        f'<div class="title-page"><h1 class="book-title">{esc(title)}</h1>\n'
        f'<p class="subtitle">{esc(subtitle)}</p><p class="imprint">{imprint}</p></div>'
    )


def document(
    chapters_: list[Chapter],
    body: str,
    title: str,
    subtitle: str,
    imprint: str,
    stylesheets: list[str],
    pages: dict[str, int] | None = None,
    extra_css: str = "",
    width: float | None = None,
) -> str:
    """The print document: title page, contents (with start pages once known), then ``body`` (see chapters_html);
    ``extra_css`` is added to the print style, ``width`` makes it lay out as wide as that (see _html)."""
    toc = "\n".join(
        f'<li><a class="toc-title" href="#{c.anchor}">{esc(c.title)}</a><span class="toc-dots"></span>'
        f'<span class="toc-page">{pages.get(c.anchor, "") if pages else ""}</span></li>'
        for c in chapters_
    )
    content = f'{_title_page(title, subtitle, imprint)}\n<nav class="print-toc"><h1>Contents</h1><ol>{toc}</ol></nav>\n'
    return _html(title, stylesheets, content + body, extra_css, width)


def title_pages(pages: list[tuple[str, str, str]], stylesheets: list[str]) -> str:
    """A document of title pages, one per (title, subtitle, imprint), each on a page of its own."""
    content = "\n".join(_title_page(*page) for page in pages)
    return _html("Title pages", stylesheets, content, TITLE_PAGES_CSS)


def _footer(title: str, stamp: str) -> str:
    """Chromium's footer template: the short title, build date and data fingerprint, and the page number."""
    short = title.split(":")[0]
    return (
        '<div style="font-size:7pt; color:#555; width:100%; box-sizing:border-box; padding:0 16mm; '
        'display:flex; justify-content:space-between; gap:2em; font-family:sans-serif;">'
        f"<span>{esc(short)} · {esc(stamp)}</span>"
        '<span style="white-space:nowrap;">Page <span class="pageNumber"></span> of '
        '<span class="totalPages"></span></span></div>'
    )


def _top_outline(reader: PdfReader) -> list[tuple[object, list]]:
    """The outline's top-level items, each with the list of the items under it (empty if none)."""
    out: list[tuple[object, list]] = []
    for item in reader.outline:
        if isinstance(item, list):
            if out:
                out[-1][1].extend(item)
        else:
            out.append((item, []))
    return out


def _start_pages(reader: PdfReader, chapters_: list[Chapter]) -> dict[str, int]:
    """The page (1-based) on which each chapter starts, read from the PDF outline Chromium writes.

    The outline's top level holds the document's h1 headings in order: the title page's, the contents',
    then exactly one per chapter (a Jupyter Book page has one h1). Titles are not matched as text,
    because the outline may break or repeat a heading's words.
    """
    top = _top_outline(reader)
    expected = 2 + len(chapters_)
    if len(top) != expected:
        raise BuildError(
            f"the PDF outline has {len(top)} top-level headings, expected {expected} (title, "
            "contents and one per chapter); cannot number the contents"
        )
    return {
        c.anchor: reader.get_destination_page_number(item) + 1 for c, (item, _) in zip(chapters_, top[2:], strict=True)
    }


def _outline_title(title: str) -> str:
    """An outline item's words: Chromium writes some headings' text twice over ("TradeTrade")."""
    title = re.sub(r"\s+", " ", title).strip()
    half = len(title) // 2
    return title[:half] if len(title) % 2 == 0 and title[:half] == title[half:] else title


class Chromium:
    """One Chromium session that prints HTML documents to PDF, keeping a list of what it printed (for the log)."""

    def __init__(self, executable: Path, workdir: Path):
        self.executable, self.workdir = executable, workdir
        #: what was printed: (what, pages, seconds)
        self.printed: list[tuple[str, int, float]] = []
        self.seconds = 0.0

    def __enter__(self) -> Chromium:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=str(self.executable))
        except PlaywrightError as exc:
            self._playwright.stop()
            raise BuildError(f"could not start Chromium at {self.executable}: {str(exc).splitlines()[0]}") from None
        # the page is measured as laid out for print: in print media, as wide as inside the margins
        width, height = (round(n) for n in CONTENT_PX)
        self._page = self._browser.new_page(viewport={"width": width, "height": height})
        self._page.emulate_media(media="print")
        # the book must print from the machine alone: refuse anything that is not a local file
        self._page.route(re.compile(r"^(?!file:|data:).*"), lambda route: route.abort())
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._browser.close()
        finally:
            self._playwright.stop()

    def print(
        self, what: str, html: str, footer: str | None = None, background: bool = True, outline: bool = False
    ) -> PdfReader:
        """Print ``html`` on A4 with the book's margins (and ``footer``, a footer template, at the foot of every
        page); ``what`` names it in the log. Returns the PDF, read."""
        from io import BytesIO

        from pypdf import PdfReader

        start = time.perf_counter()
        source = self.workdir / f"print-{len(self.printed)}.html"
        source.write_text(html, encoding="utf-8")
        self._page.goto(source.as_uri(), wait_until="load")
        data = self._page.pdf(
            format="A4",
            print_background=background,
            outline=outline,
            tagged=outline,
            display_header_footer=footer is not None,
            header_template="<span></span>",
            footer_template=footer or "<span></span>",
            margin=MARGIN,
        )
        source.unlink()
        reader = PdfReader(BytesIO(data))
        seconds = time.perf_counter() - start
        self.printed.append((what, len(reader.pages), seconds))
        self.seconds += seconds
        return reader

    def width(self) -> float:
        """How wide (CSS pixels) the document printed last is laid out: wider than the page, it was shrunk to fit."""
        return float(self._page.evaluate(WIDTH_JS))

    def summary(self) -> str:
        """What was printed, for the log: a second print of the whole book would show here."""
        n = len(self.printed)
        done = ", ".join(
            f"{what} ({pages} page{'s' if pages != 1 else ''}, {seconds:.1f} s)"
            for what, pages, seconds in self.printed
        )
        return f"Chromium printed {n} document{'s' if n != 1 else ''} in {self.seconds:.1f} s: {done}"


def _write(writer: PdfWriter, out: Path, workdir: Path) -> None:
    """Write ``out`` whole or not at all: under a temporary name in ``workdir`` (on the same disk), then renamed."""
    tmp = workdir / out.name
    with tmp.open("wb") as f:
        writer.write(f)
    os.replace(tmp, out)


def source_digest(chapters_: list[Chapter]) -> str:
    """A digest of the built HTML the book is printed from: its chapters' files, in order."""
    h = hashlib.sha256()
    for c in chapters_:
        h.update(c.path.name.encode() + b"\0" + c.path.read_bytes() + b"\0")
    return h.hexdigest()


def print_book(
    browser: Chromium,
    chapters_: list[Chapter],
    out: Path,
    title: str,
    subtitle: str,
    imprint: str,
    stamp: str,
    stylesheets: list[str],
    digest: str,
) -> int:
    """Print the whole book to ``out`` (replaced only when printing succeeds) with one pass of Chromium over it,
    then number its contents by laying the tiny numbers-only print over its first pages. Returns its pages."""
    from pypdf import PdfWriter

    book = browser.print(
        "the book",
        document(chapters_, chapters_html(chapters_), title, subtitle, imprint, stylesheets),
        footer=_footer(title, stamp),
        outline=True,
    )
    pages = _start_pages(book, chapters_)
    front = pages[chapters_[0].anchor] - 1  # the title page and the contents
    numbers = browser.print(
        "the numbers of its contents",
        document(chapters_, "", title, subtitle, imprint, stylesheets, pages, NUMBERS_ONLY_CSS, browser.width()),
        background=False,
    )
    if len(numbers.pages) != front:
        raise BuildError(
            f"the contents' page numbers printed on {len(numbers.pages)} pages, but the book's title page and "
            f"contents take {front}: the numbers would not fall on their lines"
        )
    _check_numbers(book.pages[:front], numbers.pages, [pages[c.anchor] for c in chapters_])
    # an incremental update: the book's bytes stay as Chromium wrote them, the contents' pages and the
    # document information are written again after them (pypdf 5 and later; before, a copy of the whole)
    try:
        writer = PdfWriter(book, incremental=True)
    except TypeError:
        writer = PdfWriter(clone_from=book)
    for page, overlay in zip(writer.pages[:front], numbers.pages, strict=True):
        page.merge_page(overlay)
    writer.add_metadata({STAMP_KEY: stamp, SOURCE_KEY: digest})
    _write(writer, out, browser.workdir)
    return len(writer.pages)


def _texts(page: PageObject) -> list[tuple[float, float, str]]:
    """Where each piece of text on ``page`` starts (x, y in points from its lower left corner), and its text."""
    out = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            x, y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            out.append((x, y, text.strip()))

    page.extract_text(visitor_text=visit)
    return out


def _check_numbers(book: list[PageObject], numbers: list[PageObject], expected: list[int]) -> None:
    """Raise BuildError unless the numbers printed on ``numbers`` are ``expected``, in order, and each is on a line of
    the book's contents: at the height of text on the same page (within half a point), to its right."""
    found = []
    for page, overlay in zip(book, numbers, strict=True):
        lines = _texts(page)
        for x, y, text in _texts(overlay):
            found.append(text)
            if not any(abs(y - y2) < 0.5 and x2 < x for x2, y2, _ in lines):
                raise BuildError(
                    f"the contents' page number {text} does not fall on a line of the contents (at {y:.1f} pt); "
                    "the numbers' print is not laid out as the book"
                )
    if found != [str(n) for n in expected]:
        raise BuildError(f"the contents' page numbers printed as {found}, expected {expected}")


def current_book(pdf: Path, html_dir: Path, digest: str) -> PdfReader | None:
    """The book's PDF, if it is there, newer than the built HTML and printed from the HTML as it is now; else None."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not pdf.is_file() or pdf.stat().st_mtime < max(p.stat().st_mtime for p in html_dir.rglob("*.html")):
        return None
    try:
        reader = PdfReader(pdf)
        info = reader.metadata or {}
    except (PyPdfError, OSError, ValueError):
        return None
    return reader if info.get(SOURCE_KEY) == digest and info.get(STAMP_KEY) else None


def _copy_outline(book: PdfReader, items: list, writer: PdfWriter, parent: TreeObject, kept: range, shift: int) -> None:
    """Copy the outline ``items`` (and those under them) that point into the book's pages ``kept`` (0-based), under
    ``parent``, their pages moved by ``shift``."""
    from pypdf.generic import Fit

    last = None
    for item in items:
        if isinstance(item, list):
            if last is not None:
                _copy_outline(book, item, writer, last, kept, shift)
            continue
        page = book.get_destination_page_number(item)
        if page not in kept:
            last = None
            continue
        fit = Fit.xyz(item.left, item.top) if item.typ == "/XYZ" else Fit.fit()
        last = writer.add_outline_item(
            title=_outline_title(item.title), page_number=page + shift, parent=parent, fit=fit
        )


def chapter_pages(book: PdfReader, chapters_: list[Chapter]) -> dict[str, tuple[int, int]]:
    """Each chapter's first and last page in the book (1-based): from its start page to the page before the next
    chapter's start, or to the end."""
    starts = _start_pages(book, chapters_)
    ends = [starts[c.anchor] - 1 for c in chapters_[1:]] + [len(book.pages)]
    return {c.anchor: (starts[c.anchor], end) for c, end in zip(chapters_, ends, strict=True)}


def cut_chapter(
    book: PdfReader,
    title_page: PageObject,
    pages: tuple[int, int],
    heading: str,
    below: list,
    out: Path,
    pdf_title: str,
    workdir: Path,
) -> int:
    """Write ``out``: ``title_page``, then the book's ``pages`` (first and last, 1-based) as they are, labelled with
    the book's page numbers, and an outline: ``heading`` at the chapter's first page, with the book's outline items
    ``below`` it under it. Links to pages left out are dropped. Returns the number of pages."""
    from pypdf import PdfWriter
    from pypdf.generic import Fit

    first, last = pages
    writer = PdfWriter()
    writer.add_page(title_page)
    writer.append(book, pages=list(range(first - 1, last)), import_outline=False)
    top = writer.add_outline_item(title=heading, page_number=1, fit=Fit.fit())
    _copy_outline(book, below, writer, top, range(first - 1, last), 2 - first)
    writer.set_page_label(0, 0, prefix="Title")
    writer.set_page_label(1, last - first + 1, style="/D", start=first)
    writer.add_metadata({"/Title": pdf_title})
    _write(writer, out, workdir)
    return len(writer.pages)


def cut_countries(
    browser: Chromium,
    book: PdfReader,
    chapters_: list[Chapter],
    wanted: list[tuple[str, Chapter, Path]],
    title: str,
    about: str,
    stylesheets: list[str],
    root: Path,
    echo: Callable[[str], None],
) -> list[Path]:
    """Cut each ``wanted`` (country name, its chapter, its PDF) out of the book: their title pages are printed
    together (one page each, no footer), then each gets its chapter's pages from ``book``."""
    stamp = esc(str(book.metadata[STAMP_KEY]))
    pages = chapter_pages(book, chapters_)
    below = {c.anchor: items for c, (_, items) in zip(chapters_, _top_outline(book)[2:], strict=True)}
    subtitle = f"A country chapter of “{title}”"
    fronts = browser.print(
        "the country title pages",
        title_pages(
            [
                (
                    name,
                    subtitle,
                    f"Pages {'–'.join(map(str, pages[c.anchor]))} of the book, {stamp}.<br>The page numbers at "
                    f"the foot of the pages are the book's.<br><br>{about}",
                )
                for name, c, _ in wanted
            ],
            stylesheets,
        ),
    )
    if len(fronts.pages) != len(wanted):
        raise BuildError(f"{len(wanted)} country title pages printed on {len(fronts.pages)} pages; cannot pair them")
    written = []
    for (name, chapter, out), front in zip(wanted, fronts.pages, strict=True):
        start = time.perf_counter()
        span = pages[chapter.anchor]
        n = cut_chapter(book, front, span, name, below[chapter.anchor], out, f"{name}: {subtitle}", browser.workdir)
        took = time.perf_counter() - start
        echo(f"{out.relative_to(root)}: {n} pages (book pages {span[0]}–{span[1]}) in {took:.1f} s")
        written.append(out)
    return written


def export(
    root: Path, countries: list[str] | None = None, book: bool = True, echo: Callable[[str], None] = print
) -> list[Path]:
    """Write the whole-book PDF (if ``book``) and one PDF per country chapter named in ``countries``
    (ISO3 codes; None for every focus country) into ``_build/pdf/``. The country PDFs are cut from the book's,
    which is printed first if it is not there or not printed from the built HTML as it is now."""
    import yaml

    from ..compute.vintage import vintage
    from ..data import load
    from ..data.clock import build_date
    from ..present.text import date_text, vintage_text

    project = Project(root)
    chromium = find_chromium()
    ds = load(project.data_dir)
    all_chapters = chapters(project.html_dir)
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    title = config.get("title", "stancebook")
    built, v = build_date(), vintage(ds)
    stamp = f"built {date_text(built)} · data fingerprint {v.fingerprint}"
    author, code = esc(config.get("author", "")), "Code and data: the book's repository, <code>data/</code> and "
    code += "<code>chapters/</code>"
    wanted: list[tuple[str, Chapter, Path]] = []
    for iso3 in ds.focus if countries is None else countries:
        notebook = project.notebook("country", iso3)
        page = project.html_page(notebook)
        chosen = [c for c in all_chapters if c.path == page.resolve()]
        if not chosen:
            raise BuildError(
                f"{ds.name(iso3)} ({iso3}): no chapter in the built book at {page}; "
                f"build it first (`stancebook build --country {iso3}`)"
            )
        wanted.append((ds.name(iso3), chosen[0], project.chapter_pdf(notebook)))
    if not book and not wanted:
        return []
    stylesheets = _stylesheets(all_chapters[0].path)
    digest = source_digest(all_chapters)
    reader = None if book else current_book(project.book_pdf, project.html_dir, digest)
    written = []
    project.pdf_dir.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(dir=project.pdf_dir, prefix=".print-") as work,
        Chromium(chromium, Path(work)) as browser,
    ):
        if reader is None:
            start = time.perf_counter()
            subtitle = "An open data book on the five Central Asian states and Moscow"
            imprint = f"{author}<br>Built {date_text(built)}<br>{esc(vintage_text(v))}<br>{code}"
            n = print_book(
                browser, all_chapters, project.book_pdf, title, subtitle, imprint, stamp, stylesheets, digest
            )
            why = "" if book else " (printed first: the country PDFs are cut from it)"
            echo(f"{project.book_pdf.relative_to(root)}: {n} pages in {time.perf_counter() - start:.1f} s{why}")
            written.append(project.book_pdf)
            reader = current_book(project.book_pdf, project.html_dir, digest)
            if reader is None:
                raise BuildError(f"{project.book_pdf}: not readable right after it was printed")
        if wanted:
            about = f"{author}<br>{esc(vintage_text(v))}<br>{code}"
            written += cut_countries(browser, reader, all_chapters, wanted, title, about, stylesheets, root, echo)
        echo(browser.summary())
    return written
