"""The one escaping layer: how text from ``data/`` reaches each kind of output, and the only way it does.

A string from a data table is text, never markup. Whatever it holds (a MyST role or directive, math, HTML,
a script), a reader sees those characters and nothing runs. Each output format has one function here:

- **HTML** (tables, links, notes, figure captions): :func:`html` escapes text with MarkupSafe, the escaping
  library of Jinja2, whose ``Markup`` type marks text as already safe, so nothing is escaped twice and a
  plain ``str`` is never taken for markup. :func:`link` builds a link from a URL that :func:`url` has checked
  (http or https, with a host, only the characters a URL may hold) and attribute-escaped.
- **MyST Markdown** (the template fields filled in before a notebook runs, such as a chapter's title):
  :func:`md` collapses white space and backslash-escapes every ASCII punctuation character. CommonMark lets
  any of them be escaped that way, and an escaped character is plain text, so no heading, list, emphasis,
  link, role, directive, math, substitution, comment or HTML can start. Prose values are glued as plain
  text (``{glue:text}``), which MyST shows as literal text, so they need no escaping at all.
- **BibTeX** (``references.bib``, read by pybtex): :func:`bibtex` writes the characters that pybtex would
  read as LaTeX (backslash, ``%``, ``--``, ``~``, quotes) so that they come back as themselves; braces, which
  BibTeX cannot hold as text, become parentheses.
- **matplotlib**: the house style (``stancebook.present.style``) switches mathtext parsing off
  (``text.parse_math``), so a ``$`` in a country name is drawn as a dollar sign everywhere, tick labels and
  legends included. There is nothing left to escape, so this module has no function for charts; the tests
  draw hostile text and read it back from the SVG.

Sphinx's "smart quotes" are switched off in ``_config.yml`` for the same reason: they would turn a name's
``'`` or ``--`` into other characters.
"""

from __future__ import annotations

import re
import string

import pandas as pd
from markupsafe import Markup
from markupsafe import escape as _escape

from ..data.urls import URL_RULE, is_web_url

__all__ = ["Markup", "bibtex", "html", "join", "link", "md", "url"]

_WHITESPACE = re.compile(r"\s+")
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def _plain(text: object) -> str:
    """The text of a cell: '' for a missing value."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return str(text)


def html(text: object) -> Markup:
    """Text as HTML: '<', '>', '&' and both quotes escaped (safe in element content and in attribute values).
    Markup passes through as it is."""
    if isinstance(text, Markup):
        return text
    return _escape(_plain(text))


def join(parts, separator: str = "") -> Markup:
    """Join pieces of HTML, escaping those that are plain text."""
    return Markup(html(separator)).join(html(p) for p in parts)


def url(address: object) -> Markup:
    """A URL for an ``href``: refused unless it is an http(s) URL with a host (the data's URL rule, which the
    loader already enforced), then attribute-escaped."""
    text = _plain(address)
    if not is_web_url(text):
        raise ValueError(f"not a link the book may show ({URL_RULE}): {text!r}")
    return html(text)


def link(address: object, text: object) -> Markup:
    """``<a href="address">text</a>``, both escaped."""
    return Markup('<a href="{}">{}</a>').format(url(address), html(text))


#: a page of the book, linked from another: a relative .html path and an optional section anchor, both of the
#: characters Sphinx itself gives page names and section ids
_PAGE = re.compile(r"(?:\.\./)*[a-z0-9_-]+(?:/[a-z0-9_-]+)*\.html(?:#[a-z0-9-]+)?")


def page_link(page: str, text: object) -> Markup:
    """``<a href="page">text</a>`` for a link between the book's own pages (``region.html#a-stance-index``):
    refused unless ``page`` is such a relative path, so no address from ``data/`` can pass as one."""
    if not _PAGE.fullmatch(page):
        raise ValueError(f"not a page of the book: {page!r}")
    return Markup('<a href="{}">{}</a>').format(page, html(text))


def md(text: object) -> str:
    """Text as MyST Markdown that renders as exactly that text (white space collapsed to single spaces)."""
    return _PUNCTUATION.sub(r"\\\1", _WHITESPACE.sub(" ", _plain(text)).strip())


#: characters pybtex reads as LaTeX, and how to write each so that it comes back as itself. Braces are the
#: one exception: BibTeX counts them to find where a field ends and pybtex has no escape for a literal one,
#: so they become parentheses
_BIBTEX = {
    "\\": r"\textbackslash{}",
    "{": "(",
    "}": ")",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": "{^}",
}
#: a character that LaTeX would join with the one before it ('--' into a dash, "''" into a quote, '!`' into
#: '¡'): braced, it stays itself
_LIGATURE = r"(?<=[-'`<>,])[-'`<>,]|(?<=[!?])`"
_BIBTEX_SPECIAL = re.compile("|".join([re.escape(c) for c in _BIBTEX] + [_LIGATURE]))


def bibtex(text: object) -> str:
    """Text as the value of a BibTeX field that pybtex reads back as exactly that text (one line)."""
    plain = _WHITESPACE.sub(" ", _plain(text)).strip()
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX.get(m.group(0), "{" + m.group(0) + "}"), plain)
