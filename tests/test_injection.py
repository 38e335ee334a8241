"""Hostile text in every text column of data/, through the real command: the book builds, every payload that
reaches a page is shown as literal text, no file from outside the project is published, and no script runs
when Chromium loads any page.

One build holds the whole catalogue (directives, roles, math, emphasis, raw HTML, script, attribute break-out,
``javascript:`` links, substitutions, comments) in every free-text column at once, each tagged so that the test
knows where it came from. The URL columns are not free text: a URL that could break out is refused at
validation (tests/test_bad_input_cli.py)."""

from __future__ import annotations

import csv
import io
import re
import secrets
from pathlib import Path

import pytest

from stancebook.data.schemas import TABLES

from conftest import copy_project, require_browser, stancebook

pytestmark = pytest.mark.slow

#: the free-text columns of each table; codes, ids, dates, numbers and URLs have rules of their own
TEXT_COLUMNS = {
    "sources": ["publisher", "title", "version", "licence", "retrieval_note"],
    "outlets": ["outlet", "note"],
    "countries": ["name", "m49_subregion"],
    "unga_resolutions": ["session", "short_title"],
    "partners": ["name", "definition"],
    "trade": ["note"],
    "indicator_definitions": ["label", "definition"],
    "indicators": ["period_detail", "unit", "note"],
    "coverage_notes": ["note"],
    "events": ["actor", "summary", "doubt", "note"],
    "institutions": ["status", "detail"],
    "articles": ["cite_as", "title", "publisher", "author", "note"],
    "article_views": ["gist"],
    "claims": ["claim", "explanation", "since_then"],
    "revisions": ["key", "reason"],
}
#: free-text columns that only a web page's source row shows (its author, and whom it reports): they go into the
#: row of a page that Kazakhstan's events cite
PRESS_COLUMNS = ["author", "relays"]
#: the columns a reader sees on some page (the others are kept in data/ and in the downloads only)
SHOWN = {
    ("sources", "publisher"),
    ("sources", "title"),
    ("sources", "version"),
    ("countries", "name"),
    ("countries", "m49_subregion"),
    ("unga_resolutions", "short_title"),
    ("partners", "name"),
    ("indicator_definitions", "label"),
    ("indicators", "period_detail"),
    ("indicators", "unit"),
    ("coverage_notes", "note"),
    ("events", "summary"),
    ("events", "doubt"),
    ("sources", "author"),
    ("sources", "relays"),
    ("revisions", "key"),
    ("revisions", "reason"),
    ("institutions", "status"),
    ("institutions", "detail"),
    ("articles", "cite_as"),
    ("articles", "title"),
    ("articles", "publisher"),
    ("articles", "author"),
    ("articles", "note"),
    ("article_views", "gist"),
    ("claims", "claim"),
    ("claims", "explanation"),
    ("claims", "since_then"),
}
#: the rows that get a payload (a row every chapter shows: Kazakhstan's, the first source, and so on)
ROWS = {
    "sources": "undl-ga-voting",
    "countries": "KAZ",
    "unga_resolutions": "ES-11/1",
    "partners": "RUS",
    "indicator_definitions": "remittances_pct_gdp",
    "coverage_notes": 0,
    "institutions": 0,
    "articles": "3",
    "article_views": 0,
    "claims": 0,
    "events": "KAZ",
    "trade": 0,
    "indicators": "KAZ",
    "outlets": 0,
    "revisions": 0,
}


def payload(tag: str, secret_file: Path) -> str:
    """The catalogue, tagged. One line (a name is a heading), no '. X' (an event summary is one sentence)."""
    return (
        f"{tag} <script>window.stancebookPwned=1;alert('{tag}')</script> <img src=x onerror=alert(1)> "
        f'"><svg onload=alert(2)> {{download}}`{secret_file}` {{include}} {secret_file} $x^2$ $$y$$ **bold** '
        f"_em_ [link](javascript:alert(3)) {{{{ sub }}}} % c {{raw}}`html <b>raw</b>` &amp; --"
    )


DIRECTIVES = (
    "\n\n```{{include}} {secret}\n```\n\n```{{raw}} html\n<script>alert(4)</script>\n```\n\n:::{{note}}\nx\n:::\n"
)


def rewrite(path: Path, column_values: dict[str, str], pick) -> None:
    """Set the given columns of the first row that ``pick`` accepts."""
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    index = next(i for i, r in enumerate(rows) if pick(i, r))
    rows[index].update(column_values)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def picker(table: str):
    key = ROWS[table]
    if isinstance(key, int):
        return lambda i, r: i == key
    column = {
        "sources": "source_id",
        "countries": "iso3",
        "unga_resolutions": "res_id",
        "partners": "partner",
        "indicator_definitions": "indicator",
        "articles": "article_id",
        "events": "country",
        "indicators": "country",
    }[table]
    return lambda i, r: r[column] == key


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("hostile")
    secret = secrets.token_hex(16)
    secret_file = base / "outside" / "secret.txt"  # a file of the build machine, outside the project
    secret_file.parent.mkdir()
    secret_file.write_text(f"SECRET {secret}\n", encoding="utf-8")
    root = copy_project(base / "book")
    tags = {}
    for table, columns in TEXT_COLUMNS.items():
        values = {}
        for column in columns:
            tag = f"INJ{len(tags):02d}{table.replace('_', '')}{column.replace('_', '')}"
            tags[tag] = (table, column)
            text = payload(tag, secret_file)
            if (table, column) in {("events", "note"), ("coverage_notes", "note"), ("claims", "explanation")}:
                text += DIRECTIVES.format(secret=secret_file)  # blank lines and directives in a multi-line cell
            values[column] = text
        rewrite(root / "data" / f"{table}.csv", values, picker(table))
    press_page = kaz_press_page(root / "data")
    values = {}
    for column in PRESS_COLUMNS:
        tag = f"INJ{len(tags):02d}sourcespress{column}"
        tags[tag] = ("sources", column)
        values[column] = payload(tag, secret_file)
    rewrite(root / "data" / "sources.csv", values, lambda i, r: r["source_id"] == press_page)
    result = stancebook("build", "--root", str(root))
    return {"root": root, "result": result, "tags": tags, "secret": secret, "secret_file": secret_file}


def kaz_press_page(data: Path) -> str:
    """A web page cited by one of Kazakhstan's events (its source row is shown in the bibliography)."""
    with (data / "events.csv").open(encoding="utf-8") as f:
        cited = [i for r in csv.DictReader(f) if r["country"] == "KAZ" for i in r["source_id"].split(";")]
    return next(i for i in cited if i.startswith("web-"))


def collapsed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_texts(root: Path) -> dict[str, str]:
    from bs4 import BeautifulSoup

    texts = {}
    for page in sorted((root / "_build" / "html").rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for junk in soup.select("script, style"):
            junk.decompose()
        texts[page.relative_to(root / "_build" / "html").as_posix()] = collapsed(soup.get_text(" "))
    return texts


def test_the_hostile_book_builds(hostile):
    result = hostile["result"]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert set(tables := {t.name for t in TABLES}) >= set(TEXT_COLUMNS), tables


def test_every_payload_that_reaches_a_page_is_shown_as_literal_text(hostile):
    texts = page_texts(hostile["root"])
    everything = "\n".join(texts.values())
    seen = {tag for tag in hostile["tags"] if tag in everything}
    assert {hostile["tags"][t] for t in seen} >= SHOWN, "a column the book shows no longer appears"
    for tag in seen:
        literal = collapsed(payload(tag, hostile["secret_file"]))
        # the reference list comes through BibTeX, which cannot hold a brace as text: there braces become
        # parentheses (stancebook.present.escape.bibtex), and nothing else changes
        in_bibliography = literal.replace("{", "(").replace("}", ")") in texts["chapters/references.html"]
        assert in_bibliography or any(literal in text for text in texts.values()), (
            f"{hostile['tags'][tag]} is not shown as written"
        )


def test_the_country_name_is_the_chapter_title_and_navigation_entry_as_written(hostile):
    tag = next(t for t, where in hostile["tags"].items() if where == ("countries", "name"))
    page = (hostile["root"] / "_build" / "html" / "chapters" / "countries" / "kaz.html").read_text(encoding="utf-8")
    title = re.search(r"<h1>(.*?)<a class=\"headerlink\"", page, re.S).group(1)
    assert title.startswith(tag) and "<script>" not in title and "&lt;script&gt;" in title
    nav = (hostile["root"] / "_build" / "html" / "chapters" / "region.html").read_text(encoding="utf-8")
    assert f"{tag} &lt;script&gt;" in nav


def test_no_file_from_outside_the_project_is_published(hostile):
    root = hostile["root"]
    assert not list((root / "_build").rglob("_downloads")), "a download role was run"
    for path in (root / "_build").rglob("*"):
        if path.is_file():
            assert hostile["secret"].encode() not in path.read_bytes(), path


def test_no_output_is_markdown_that_myst_would_parse(hostile):
    import nbformat

    for nb_path in (hostile["root"] / "chapters").rglob("*.ipynb"):
        if "templates" in nb_path.parts:
            continue
        for cell in nbformat.read(nb_path, as_version=4).cells:
            for output in cell.get("outputs", []):
                assert "text/markdown" not in output.get("data", {}), nb_path


def test_chromium_runs_no_injected_script_on_any_page(hostile):
    chromium = require_browser()
    from playwright.sync_api import sync_playwright

    pages = sorted((hostile["root"] / "_build" / "html").rglob("*.html"))
    dialogs, pwned = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(chromium), args=["--disable-background-networking", "--no-first-run"]
        )
        try:
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append((page.url, d.message)), d.dismiss()))
            page.route(re.compile(r"^(?!file:|data:).*"), lambda route: route.abort())
            for path in pages:
                if 'http-equiv="Refresh"' in path.read_text(encoding="utf-8"):
                    continue  # index.html only redirects to the first chapter, which is loaded in turn
                page.goto(path.as_uri(), wait_until="load")
                if page.evaluate("() => window.stancebookPwned === 1"):
                    pwned.append(path.name)
        finally:
            browser.close()
    assert len(pages) >= 12
    assert dialogs == [] and pwned == []
