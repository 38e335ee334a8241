"""A small Sphinx extension, loaded by the book's _config.yml: the build date and data vintage at the foot
of every page, author-year citations in round brackets, no Thebe (live code) assets, and the page titles the
theme prints escaped.

It reads ``data/`` beside the book's sources, so the line always describes the data the book was built from.
``stancebook build`` has the data loaded already and passes the line in the environment variable
STANCEBOOK_FOOTER, which saves Sphinx importing pandas and validating the data again.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

FOOTER_VARIABLE = "STANCEBOOK_FOOTER"


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
