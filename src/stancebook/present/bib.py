"""The book's bibliography, ``references.bib``, written from the data: the five source articles and every
row of ``data/sources.csv``.

The file is generated so that it can never disagree with the tables it cites: ``stancebook build``
rewrites it before compiling the HTML when the data have changed, and a test holds the committed file
equal to what the data give. Chapters cite entries with MyST roles (``{cite:p}`key```); the
references chapter lists every entry, in three groups told apart by the ``keywords`` field.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..compute import migration as m
from ..compute import trade as t
from ..compute import votes as v
from ..compute.sources import ids_in, is_press
from ..data import Dataset
from ..data.urls import URL_RULE, is_web_url
from ..data.vocab import RUSSIA
from . import escape, tables

BIB_FILE = "references.bib"
#: the ``keywords`` of each group of entries, as the references chapter filters them
ARTICLE, DATA, PRESS = "source-article", "data-source", "press"
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
#: words in a source's version text that mark the year in it as the date of the edition used
_EDITION_WORDS = ("release", "update", "dated", "downloads", "vintage", "revision", "edition")


def article_key(cite_as: str) -> str:
    """Citation key of a source article: 'The Insider (2022)' -> 'the-insider-2022'."""
    return re.sub(r"[^a-z0-9]+", "-", cite_as.lower()).strip("-")


def source_key(source_id: str) -> str:
    """Citation key of a data source: its source id."""
    return source_id


def group(source_id: str) -> str:
    """Press and web pages (the evidence for dated events) are listed apart from data sources."""
    return PRESS if is_press(source_id) else DATA


def _clean(text: object) -> str:
    """One line of plain text ('' for a missing value)."""
    return re.sub(r"\s+", " ", "" if pd.isna(text) else str(text)).strip()


def _tex(text: object) -> str:
    """A text field, escaped so that pybtex reads it back as exactly this text (``escape.bibtex``)."""
    return escape.bibtex(text)


def _literal(text: object) -> str:
    """Double braces keep a name or title exactly as written (no splitting at commas, no case changes)."""
    return "{{" + _tex(text) + "}}"


def edition_year(version: object) -> str | None:
    """The year of the edition a source's version text names ('release of 6 February 2026' -> '2026'), or None
    where it names none ('as published online'): no year is guessed."""
    text = _clean(version)
    if not any(word in text.lower() for word in _EDITION_WORDS):
        return None
    years = re.findall(r"\b(?:19|20)\d{2}\b", text)
    return years[-1] if years else None


def _author(publisher: object, url: object) -> str:
    """The publisher as a corporate author; a bare URL in its place is cut to its host."""
    from urllib.parse import urlsplit

    name = _clean(publisher)
    if name.startswith(("http://", "https://")):
        name = urlsplit(name).netloc or name
    return name


def _url(address: object) -> str:
    """A URL field, which pybtex prints as it is: refused unless it keeps the data's URL rule (which admits no
    brace, space or backslash)."""
    text = _clean(address)
    if not is_web_url(text):
        raise ValueError(f"not a link the book may cite ({URL_RULE}): {text!r}")
    return text


def _entry(kind: str, key: str, fields: dict[str, str | None]) -> str:
    lines = [f"@{kind}{{{key},"]
    for name, value in fields.items():
        if value:
            lines.append(f"  {name} = {value},")
    lines.append("}")
    return "\n".join(lines)


_URL_NOTES = {
    "not_found": "The publisher's own address could not be found.",
    "listing_page": "The address is the publisher's listing page, not the article itself.",
    "copy": "The address is a copy of the article, not the publisher's own page.",
}


def article_entry(a: pd.Series) -> str:
    """An article: author and date only where found, each unverified part said in the note."""
    date = str(a["date"]) if pd.notna(a["date"]) else ""
    year, month = (date.split("-") + [""])[:2] if date else ("", "")
    unverified = [
        part for part, status in (("author", a["author_status"]), ("date", a["date_status"])) if status == "unverified"
    ]
    # a person's name is left for BibTeX to split (cited by surname); a publisher in its place is kept whole
    author = "{" + _tex(a["author"]) + "}" if pd.notna(a["author"]) and a["author_status"] != "not_found" else None
    notes = [f"{_tex(a['publisher'])}."] if author else []
    if unverified:
        notes.append(f"Unverified: {' and '.join(unverified)}.")
    notes += [_URL_NOTES[a["url_status"]]] if a["url_status"] in _URL_NOTES else []
    note = " ".join(notes)
    return _entry(
        "misc",
        article_key(a["cite_as"]),
        {
            "author": author or _literal(a["publisher"]),
            "title": _literal(a["title"]),
            "year": "{" + year + "}" if year else None,
            "month": _MONTHS[int(month) - 1] if month else None,
            "url": "{" + _url(a["url"]) + "}" if pd.notna(a["url"]) and a["url_status"] != "not_found" else None,
            "note": "{" + note + "}" if note else None,
            "keywords": "{" + ARTICLE + "}",
        },
    )


def source_entry(source_id: str, s: pd.Series, flag: str | None = None) -> str:
    """A data source: publisher as author, title, edition (version), URL, terms of use. A web page: its author
    where known (the outlet otherwise), its headline, the outlet, its date, URL and, in the note, whom it reports,
    whether its outlet is state-affiliated media or a reprint site (``flag``), and a headline not confirmed."""
    kind = group(source_id)
    if kind == DATA:
        year = edition_year(s["version"])
        note = f"Edition used: {_tex(s['version']).rstrip('.')}."
        if pd.notna(s["licence"]):
            note += f" Terms: {_tex(s['licence']).rstrip('.')}."
        fields = {
            "author": _literal(_author(s["publisher"], s["url"])),
            "title": _literal(s["title"]),
            "year": "{" + year + "}" if year else None,
        }
    else:
        published = str(s["published"]) if pd.notna(s["published"]) else ""
        year, month = (published.split("-") + [""])[:2] if published else ("", "")
        confirmed = s["title_status"] == "confirmed"
        notes = [
            f"{_tex(flag[0].upper() + flag[1:])}." if flag else None,
            f"Reports {_tex(s['relays']).rstrip('.')}." if pd.notna(s["relays"]) else None,
            None if confirmed else "Headline not confirmed.",
        ]
        note = " ".join(n for n in notes if n)
        fields = {
            # a person's name is left for BibTeX to split (cited by surname); the outlet in its place is kept whole
            "author": "{" + _tex(s["author"]) + "}" if pd.notna(s["author"]) else _literal(s["publisher"]),
            "title": _literal(s["title"]) if confirmed else None,
            "howpublished": _literal(s["publisher"]) if pd.notna(s["author"]) else None,
            "year": "{" + year + "}" if year else None,
            "month": _MONTHS[int(month) - 1] if month else None,
        }
    return _entry(
        "misc",
        source_key(source_id),
        {
            **fields,
            "url": "{" + _url(s["url"]) + "}" if pd.notna(s["url"]) else None,
            "note": "{" + note + "}" if note else None,
            "keywords": "{" + kind + "}",
        },
    )


def bibtex(ds: Dataset) -> str:
    """The whole bibliography: the articles, then the sources in the order of data/sources.csv."""
    header = (
        "% The stancebook bibliography, written by `stancebook build` from data/articles.csv and\n"
        "% data/sources.csv. Edit those tables, not this file.\n"
    )
    entries = [article_entry(a) for _, a in ds.articles.iterrows()]
    entries += [source_entry(sid, s, tables.outlet_flag(ds, sid)) for sid, s in ds.sources.iterrows()]
    return header + "\n" + "\n\n".join(entries) + "\n"


def write(ds: Dataset, root: Path) -> bool:
    """Write ``references.bib`` at ``root`` if the data give a different text; True if it was rewritten."""
    path = root / BIB_FILE
    text = bibtex(ds)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    tmp = path.with_name(f".{BIB_FILE}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return True


def cite(keys: list[str]) -> str:
    """A MyST parenthetical citation of the keys, in order, without repeats ('' for none)."""
    keys = list(dict.fromkeys(keys))
    return "{cite:p}`" + ",".join(keys) + "`" if keys else ""


def textual(keys: list[str]) -> str:
    """A MyST textual citation ('Umarov (2022)') of the keys."""
    keys = list(dict.fromkeys(keys))
    return "{cite:t}`" + ",".join(keys) + "`" if keys else ""


def chapter_fields(ds: Dataset, chapter: str, iso3: str | None = None) -> dict[str, str]:
    """Citations filled into a chapter template's Markdown before it is executed (``{{votes_cite}}`` ...).

    They are worked out from the rows each chapter draws on, so a chapter cites exactly the sources of
    its country's series; a series the data lack gives an empty citation, never a wrong one.
    """
    if chapter == "sources":
        return {"articles_cite": textual([article_key(c) for c in ds.articles["cite_as"]])}
    if chapter not in ("country", "region"):
        return {}
    countries = [iso3] if chapter == "country" else ds.focus
    remittances = ds.indicators[
        (ds.indicators["indicator"] == m.REMITTANCES) & ds.indicators["country"].isin(countries)
    ]
    trade_rows = t.primary(ds)
    fields = {
        "votes_cite": cite(v.source_ids(ds, countries + [RUSSIA])),
        "trade_cite": cite(ids_in(trade_rows[trade_rows["reporter"].isin(countries)])),
        "remittances_cite": cite(ids_in(remittances)),
    }
    if chapter == "region":
        fields["eu_cite"] = cite(ids_in(ds.eu_exports[ds.eu_exports["partner"].isin(countries)]))
    return fields
