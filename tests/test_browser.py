"""A reader's browser: every page of the built book, served on localhost and loaded in headless Chromium.

No console errors, no failed or broken internal links and images, and no request to another host:
the book must render from the machine alone. Skips without Chromium (fails in CI, see .ci/run).
"""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from conftest import require_browser

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(book):
    html = book / "_build" / "html"
    handler = functools.partial(_QuietHandler, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield html, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def visits(site):
    """Load every page; record console errors, failed requests, outside requests, links, anchors and images."""
    from playwright.sync_api import sync_playwright

    chromium = require_browser()
    html, base = site
    pages = sorted(
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if not p.relative_to(html).as_posix().startswith(("_", "genindex", "search"))
    )
    results = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium))
        # the width of a laptop screen, at which issue 19 set the page-height budget
        context = browser.new_context(viewport={"width": 1300, "height": 900})
        outside: list[str] = []

        def route(r):
            if urlparse(r.request.url).hostname == "127.0.0.1":
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        for rel in pages:
            page = context.new_page()
            record = {"console": [], "failed": [], "outside": []}
            page.on("console", lambda m, rec=record: rec["console"].append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e, rec=record: rec["console"].append(str(e)))
            page.on("requestfailed", lambda r, rec=record: rec["failed"].append(r.url))
            page.on(
                "response",
                lambda r, rec=record: rec["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None,
            )
            start = len(outside)
            page.goto(base + rel, wait_until="load")
            page.wait_for_timeout(100)
            record["outside"] = outside[start:]
            record["links"] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
            record["ids"] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
            record["broken_images"] = page.eval_on_selector_all(
                "img", "els => els.filter(e => !(e.complete && e.naturalWidth > 0)).map(e => e.src.slice(0, 80))"
            )
            record["height"] = page.evaluate("document.documentElement.scrollHeight")
            # tables and figures that stick out of their cell (the text column, or the page's width for a cell
            # tagged full-width) or out of the window: cut off
            record["overflow"] = page.evaluate(
                """() => Array.from(document.querySelectorAll('table.stancebook-table, figure.stancebook-figure'))
                  .filter(e => { const cell = e.closest('div.cell'); const r = e.getBoundingClientRect().right;
                    return r > window.innerWidth || (cell && r > cell.getBoundingClientRect().right + 1); })
                  .map(e => e.id || e.className)"""
            )
            record["folds"] = page.eval_on_selector_all("details.stancebook-fold", "els => els.map(e => e.open)")
            results[rel] = record
            page.close()
        browser.close()
    return base, results


def test_every_page_loads_without_console_errors_or_failed_requests(visits):
    _, results = visits
    assert len(results) >= 12
    problems = {rel: (r["console"], r["failed"]) for rel, r in results.items() if r["console"] or r["failed"]}
    assert not problems


def test_no_page_needs_another_host_to_render(visits):
    _, results = visits
    assert {rel: r["outside"] for rel, r in results.items() if r["outside"]} == {}


def test_every_image_loads(visits):
    _, results = visits
    assert {rel: r["broken_images"] for rel, r in results.items() if r["broken_images"]} == {}


def test_no_broken_internal_links_or_anchors(visits, site):
    html, _ = site
    base, results = visits
    ids_by_page = {rel: r["ids"] for rel, r in results.items()}
    broken = []
    for rel, r in results.items():
        for href in r["links"]:
            if not href.startswith(base):
                continue
            target, fragment = urldefrag(href)
            path = unquote(urlparse(target).path).lstrip("/") or "index.html"
            if path.endswith("/"):
                path += "index.html"
            if not (html / path).is_file():
                broken.append((rel, href))
            elif fragment and path in ids_by_page and unquote(fragment) not in ids_by_page[path]:
                broken.append((rel, href))
    assert broken == []


#: a country chapter's height at 1300 px wide, long tables folded: about 12,000 px (the budget of issue 19), with
#: room for fonts that differ from one machine to another
COUNTRY_PAGE_BUDGET = 12_500


def test_a_country_page_can_be_taken_in_with_its_long_tables_folded(visits):
    _, results = visits
    countries = {rel: r for rel, r in results.items() if rel.startswith("chapters/countries/")}
    assert len(countries) >= 5
    heights = {rel: r["height"] for rel, r in countries.items()}
    assert max(heights.values()) <= COUNTRY_PAGE_BUDGET, heights
    for rel, r in countries.items():
        assert r["folds"] and not any(r["folds"]), rel  # folded tables there, and closed until the reader opens one


def test_no_table_or_chart_is_wider_than_its_column(visits):
    """A wide table scrolls sideways inside its column; it is never cut off at the right (the regional vote table
    and the claims once were)."""
    _, results = visits
    assert {rel: r["overflow"] for rel, r in results.items() if r["overflow"]} == {}
