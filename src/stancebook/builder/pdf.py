"""Print the built HTML book to PDF with the system Chromium: the whole book, or one country's chapter.

The chapters are taken from the built book (``_build/html``), in the order of its navigation, and put
into one print document: a title page, a table of contents with page numbers, then every chapter on a
new page. Code is already removed from the HTML; the theme's navigation, buttons and footers are left
out. Chromium, driven by Playwright, prints it with the page number, build date and data fingerprint
at the foot of every page. Nothing is downloaded: Playwright is pointed at the installed Chromium,
and any request leaving the machine is refused while printing.

The table of contents needs the page on which each chapter starts, which is known only after
printing: the document is printed once, the start pages are read from the PDF's outline (Chromium
writes one from the headings), and it is printed again with the numbers filled in.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

from ..errors import BuildError
from ..present.escape import html as esc
from .project import Project

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
    out = []
    for i, path in enumerate(paths):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        h1 = page.select_one("article.bd-article h1")
        title = _heading_text(h1) if h1 else path.stem
        out.append(Chapter(path=path, title=title, anchor=f"chapter-{i}"))
    return out


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


def document(
    chapters_: list[Chapter],
    body: str,
    title: str,
    subtitle: str,
    imprint: str,
    stylesheets: list[str],
    pages: dict[str, int] | None = None,
) -> str:
    """The print document: title page, contents (with start pages once known), then ``body`` (see chapters_html)."""
    toc = "\n".join(
        f'<li><a class="toc-title" href="#{c.anchor}">{esc(c.title)}</a><span class="toc-dots"></span>'
        f'<span class="toc-page">{pages.get(c.anchor, "") if pages else ""}</span></li>'
        for c in chapters_
    )
    links = "\n".join(f'<link rel="stylesheet" href="{esc(s)}">' for s in stylesheets)
    return f"""<!DOCTYPE html>
<html lang="en" data-theme="light"><head><meta charset="utf-8"><title>{esc(title)}</title>
{links}
<style>{PRINT_CSS}</style></head>
<body><main class="bd-article-container"><article class="bd-article">
<div class="title-page"><h1 class="book-title">{esc(title)}</h1>
<p class="subtitle">{esc(subtitle)}</p><p class="imprint">{imprint}</p></div>
<nav class="print-toc"><h1>Contents</h1><ol>{toc}</ol></nav>
{body}
</article></main></body></html>"""


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


def _start_pages(pdf: Path, chapters_: list[Chapter]) -> dict[str, int]:
    """The page (1-based) on which each chapter starts, read from the PDF outline Chromium writes.

    The outline's top level holds the document's h1 headings in order: the title page's, the contents',
    then exactly one per chapter (a Jupyter Book page has one h1). Titles are not matched as text,
    because the outline may break or repeat a heading's words.
    """
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    top = [item for item in reader.outline if not isinstance(item, list)]
    expected = 2 + len(chapters_)
    if len(top) != expected:
        raise BuildError(
            f"the PDF outline has {len(top)} top-level headings, expected {expected} (title, "
            "contents and one per chapter); cannot number the contents"
        )
    return {c.anchor: reader.get_destination_page_number(item) + 1 for c, item in zip(chapters_, top[2:], strict=True)}


def print_pdf(
    chapters_: list[Chapter],
    out: Path,
    title: str,
    subtitle: str,
    imprint: str,
    stamp: str,
    stylesheets: list[str],
    chromium: Path,
) -> int:
    """Print the chapters to ``out`` (replaced only when printing succeeds); return the number of pages."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    out.parent.mkdir(parents=True, exist_ok=True)
    source = out.with_name(f".{out.stem}.print.html")
    tmp = out.with_name(f".{out.stem}.tmp.pdf")
    try:
        with sync_playwright() as pw:
            try:
                browser = pw.chromium.launch(executable_path=str(chromium))
            except PlaywrightError as exc:
                raise BuildError(f"could not start Chromium at {chromium}: {str(exc).splitlines()[0]}") from None
            try:
                page = browser.new_page()
                # the book must print from the machine alone: refuse anything that is not a local file
                page.route(re.compile(r"^(?!file:|data:).*"), lambda route: route.abort())
                pages = None
                body = chapters_html(chapters_)  # parsed once; only the contents change between the passes
                for _ in range(2):  # once to learn the start pages, once with them in the contents
                    source.write_text(
                        document(chapters_, body, title, subtitle, imprint, stylesheets, pages), encoding="utf-8"
                    )
                    page.goto(source.as_uri(), wait_until="load")
                    page.pdf(
                        path=str(tmp),
                        format="A4",
                        print_background=True,
                        outline=True,
                        tagged=True,
                        display_header_footer=True,
                        header_template="<span></span>",
                        footer_template=_footer(title, stamp),
                        margin={"top": "18mm", "bottom": "20mm", "left": "16mm", "right": "16mm"},
                    )
                    pages = _start_pages(tmp, chapters_)
            finally:
                browser.close()
        count = len(PdfReader(tmp).pages)
        os.replace(tmp, out)
        return count
    finally:
        tmp.unlink(missing_ok=True)
        source.unlink(missing_ok=True)


def export(
    root: Path, countries: list[str] | None = None, book: bool = True, echo: Callable[[str], None] = print
) -> list[Path]:
    """Write the whole-book PDF (if ``book``) and one PDF per country chapter named in ``countries``
    (ISO3 codes; None for every focus country) into ``_build/pdf/``."""
    import time

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
    imprint = (
        f"{esc(config.get('author', ''))}<br>Built {date_text(built)}<br>"
        f"{esc(vintage_text(v))}<br>Code and data: the book's repository, <code>data/</code> and "
        "<code>chapters/</code>"
    )
    stylesheets = _stylesheets(all_chapters[0].path)
    written = []
    jobs: list[tuple[Path, list[Chapter], str, str]] = []
    if book:
        jobs.append(
            (project.book_pdf, all_chapters, title, "An open data book on the five Central Asian states and Moscow")
        )
    codes = ds.focus if countries is None else countries
    for iso3 in codes:
        notebook = project.notebook("country", iso3)
        page = project.html_page(notebook)
        chosen = [c for c in all_chapters if c.path == page.resolve()]
        if not chosen:
            raise BuildError(
                f"{ds.name(iso3)} ({iso3}): no chapter in the built book at {page}; "
                f"build it first (`stancebook build --country {iso3}`)"
            )
        jobs.append((project.chapter_pdf(notebook), chosen, ds.name(iso3), f"A country chapter of “{title}”"))
    for out, chosen, doc_title, subtitle in jobs:
        start = time.perf_counter()
        n = print_pdf(chosen, out, doc_title, subtitle, imprint, stamp, stylesheets, chromium)
        echo(f"{out.relative_to(root)}: {n} pages in {time.perf_counter() - start:.1f} s")
        written.append(out)
    return written
