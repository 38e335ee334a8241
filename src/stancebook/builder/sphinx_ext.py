"""A small Sphinx extension, loaded by the book's _config.yml: the build date and data vintage at the foot
of every page, author-year citations in round brackets, no Thebe (live code) assets, and the page titles the
theme prints escaped.

It reads ``data/`` beside the book's sources, so the line always describes the data the book was built from.
``stancebook build`` instead sets the environment variable STANCEBOOK_FOOTER to STAMPED_LATER: every page then
gets the same placeholder line, and the build writes the real one into every page once Sphinx is done
(``stamp_footers``). The line changes with every change of the data, and Sphinx, seeing its configuration
change, would otherwise read and write every page again, however few changed.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

FOOTER_VARIABLE = "STANCEBOOK_FOOTER"
#: the value of STANCEBOOK_FOOTER that asks for a placeholder line, stamped into the pages after the build
STAMPED_LATER = "stamped-later"
#: the footer line in a written page (its text escaped, so it holds no '<')
_FOOTER_LINE = re.compile(r'(<p class="stancebook-vintage">)[^<]*(</p>)')


def stamp_footers(html_dir: Path, text: str) -> set[Path]:
    """Write the footer line ``text`` into every page of a built book; return the pages that hold it."""
    line = html.escape(text)
    stamped = set()
    for page in html_dir.rglob("*.html"):
        old = page.read_text(encoding="utf-8")
        new, n = _FOOTER_LINE.subn(lambda m: f"{m.group(1)}{line}{m.group(2)}", old)
        if n:
            stamped.add(page)
        if new != old:
            page.write_text(new, encoding="utf-8")
    return stamped


def _add_footer(app, config) -> None:
    text = os.environ.get(FOOTER_VARIABLE)
    if not text:
        from ..compute.vintage import vintage
        from ..data import load
        from ..present.text import footer_text

        text = footer_text(vintage(load(Path(app.srcdir) / "data")))
    config.stancebook_vintage = text
    options = dict(config.html_theme_options or {})
    extra = options.get("extra_footer") or ""
    options["extra_footer"] = f'{extra}<p class="stancebook-vintage">{html.escape(text)}</p>'
    config.html_theme_options = options


def _register_round_brackets() -> None:
    """Author-year citations in round brackets, '(Umarov, 2022)' and 'Umarov (2022)', registered as the
    referencing style ``author_year_round`` (sphinxcontrib-bibtex's own styles use square brackets)."""
    from dataclasses import dataclass, field

    import sphinxcontrib.bibtex.plugin
    from sphinxcontrib.bibtex.style.referencing import BracketStyle
    from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

    def round_brackets() -> BracketStyle:
        return BracketStyle(left="(", right=")")

    @dataclass
    class RoundAuthorYear(AuthorYearReferenceStyle):
        bracket_parenthetical: BracketStyle = field(default_factory=round_brackets)
        bracket_textual: BracketStyle = field(default_factory=round_brackets)
        bracket_author: BracketStyle = field(default_factory=round_brackets)
        bracket_label: BracketStyle = field(default_factory=round_brackets)
        bracket_year: BracketStyle = field(default_factory=round_brackets)

    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "author_year_round", RoundAuthorYear
    )


def _drop_thebe(app, pagename, templatename, context, doctree) -> None:
    """Leave out Thebe's scripts and styles: the book has no live code, and Jupyter Book adds Thebe's inline
    script twice, which the browser reports as an error ('THEBE_JS_URL has already been declared')."""
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if files:
            context[key] = [
                f
                for f in files
                if "thebe" not in str(getattr(f, "filename", f) or "")
                and "thebe" not in str(getattr(f, "attributes", {}).get("body", ""))
            ]


#: values sphinx-book-theme puts in a page's context as plain text (``title.astext()``) and its templates print
#: without escaping (``<h1>{{ pagetitle }}</h1>`` in the print-only header): a country's name in a chapter
#: title would otherwise be HTML in every page
_PLAIN_TEXT_CONTEXT = ("pagetitle", "root_title")


def _escape_plain_titles(app, pagename, templatename, context, doctree) -> None:
    from ..present.escape import html

    for key in _PLAIN_TEXT_CONTEXT:
        if isinstance(context.get(key), str):
            context[key] = html(context[key])


def setup(app):
    _register_round_brackets()
    app.connect("html-page-context", _escape_plain_titles, priority=900)
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.add_config_value("stancebook_vintage", "", "html")
    app.connect("config-inited", _add_footer, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
