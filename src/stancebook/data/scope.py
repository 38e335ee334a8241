"""What each chapter reads from the data.

Every chapter notebook loads its data through :func:`load`, which validates all of ``data/`` and then hands the
chapter only the part it declares here: the tables in :data:`READS` and, for a country chapter, only the rows
of its own country (plus the rows of comparison countries such as Russia, and any row its claims cite as
evidence). The build cache (``stancebook.builder.cache``) hashes exactly the same part, so a notebook is re-executed
when, and only when, something it can see has changed. A chapter that touches a table it has not declared
fails with a message saying where to declare it, so the declaration cannot silently fall behind the code.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..errors import BuildError
from .dataset import TABLE_NAMES as ALL_TABLES
from .dataset import Dataset
from .dataset import load as load_all
from .rows import EVIDENCE_TARGETS
from .vocab import CHINA, EU, REMITTANCES, RUSSIA, WORLD

#: the tables each chapter reads (chapter names as in chapters/templates/<name>.ipynb)
READS: dict[str, tuple[str, ...]] = {
    "country": (
        "sources",
        "outlets",
        "countries",
        "unga_resolutions",
        "unga_votes",
        "partners",
        "trade",
        "indicator_definitions",
        "indicators",
        "coverage_notes",
        "events",
        "institutions",
        "articles",
        "claims",
    ),
    "region": (
        "sources",
        "outlets",
        "countries",
        "unga_resolutions",
        "unga_votes",
        "partners",
        "trade",
        "eu_exports",
        "indicator_definitions",
        "indicators",
        "coverage_notes",
        "events",
        "institutions",
    ),
    "sources": (
        "sources",
        "outlets",
        "countries",
        "unga_resolutions",
        "unga_votes",
        "partners",
        "trade",
        "indicator_definitions",
        "indicators",
        "events",
        "institutions",
        "articles",
        "article_views",
        "claims",
    ),
    "methods": (
        "sources",
        "outlets",
        "countries",
        "unga_resolutions",
        "unga_votes",
        "coverage_notes",
        "events",
        "revisions",
        "indicators",
    ),
    "data": ALL_TABLES,
}

#: the key findings restate what the regional chapter and the chapter on the source articles show: they read what
#: those two read
READS["findings"] = tuple(dict.fromkeys(READS["region"] + READS["sources"]))

#: chapters that also read the CSV files themselves (the data chapter links and describes them)
READS_FILES = {"data"}

#: the columns of each table that hold a country code; a country chapter sees no row of another focus country
COUNTRY_COLUMNS: dict[str, tuple[str, ...]] = {
    "unga_votes": ("iso3",),
    "trade": ("reporter",),
    "eu_exports": ("partner",),
    "indicators": ("country",),
    "coverage_notes": ("country",),
    "events": ("country",),
    "institutions": ("country",),
    "article_views": ("country",),
    "claims": ("country",),
}

#: tables of which a country chapter reads its own country's rows only (not the regional ones, such as claims
#: about Central Asia as a whole, which the chapter on the source articles shows)
OWN_ROWS_ONLY = ("claims", "article_views")

#: rows of every focus country that a country chapter reads too, for comparison: the chapter ranks its country's
#: stance index among the focus countries (votes and events), and its remittance chart draws the other focus
#: countries in grey for scale (the World Bank remittance series)
REGIONAL: dict[str, Callable[[pd.DataFrame], pd.Series] | None] = {
    "unga_votes": None,
    "events": None,
    "indicators": lambda f: f["indicator"] == REMITTANCES,
}

#: tables of which a chapter reads only the rows that the claims cite as evidence: the chapter on the source
#: articles describes the evidence for each claim (its stance comparison reads all votes and events)
CITED_ROWS_ONLY: dict[str, tuple[str, ...]] = {"sources": ("trade", "indicators", "institutions")}

#: the trade partners whose rows a book-wide chapter reads (and any trade row the claims cite): the regional
#: chapter and the key findings compare each state's trade with Russia and China, as a share of its trade with
#: the world, and the EU's exports with its imports from the EU; a figure for another partner (Türkiye, say)
#: changes neither, so a change to one does not re-execute them
COMPARED_PARTNERS = (RUSSIA, CHINA, EU, WORLD)
PARTNER_ROWS: dict[str, tuple[str, ...]] = {"region": COMPARED_PARTNERS, "findings": COMPARED_PARTNERS}

#: set to "off" to give every chapter all the data: a check that a chapter's declared scope loses nothing
#: (its output must be the same either way; the tests compare them)
SWITCH = "STANCEBOOK_SCOPE"


class Unread:
    """Stands in for a table a chapter has not declared in READS: any use of it is an error."""

    def __init__(self, chapter: str, table: str):
        self._chapter, self._table = chapter, table

    def _refuse(self, *_args, **_kwargs):
        raise BuildError(
            f"the {self._chapter} chapter uses the table '{self._table}', which it does not declare: "
            f"add '{self._table}' to READS['{self._chapter}'] in stancebook/data/scope.py, so that the "
            "build cache re-executes the chapter when that table changes"
        )

    __getitem__ = __len__ = __iter__ = __contains__ = _refuse

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        self._refuse()

    def __repr__(self) -> str:
        return f"<table {self._table}: not read by the {self._chapter} chapter>"


def chapter_kind(chapter: str) -> str:
    if chapter not in READS:
        raise BuildError(f"unknown chapter '{chapter}': expected one of {', '.join(READS)}")
    return chapter


def restrict(ds: Dataset, chapter: str, country: str | None = None) -> Dataset:
    """The part of ``ds`` that ``chapter`` reads (for a country chapter, ``country``'s part)."""
    tables = READS[chapter_kind(chapter)]
    if chapter == "country" and country not in ds.focus:
        raise BuildError(f"'{country}' is not a focus country in data/countries.csv")
    frames: dict[str, object] = {}
    others = set(ds.focus) - {country} if chapter == "country" else set()
    for name in ALL_TABLES:
        if name not in tables:
            frames[name] = Unread(chapter, name)
            continue
        frame = ds.table(name)
        cols = COUNTRY_COLUMNS.get(name)
        if others and cols and name in REGIONAL and REGIONAL[name] is None:
            pass  # every row: the chapter compares its country with the others
        elif others and cols:
            if name in OWN_ROWS_ONLY:
                keep = (frame[list(cols)] == country).any(axis=1)
            else:
                keep = ~frame[list(cols)].isin(others).any(axis=1)
            if name in REGIONAL:
                keep |= REGIONAL[name](frame)
            frame = frame[keep]
        frames[name] = frame
    for name in CITED_ROWS_ONLY.get(chapter, ()):
        frames[name] = _cited_rows(ds, frames["claims"], name)
    if chapter in PARTNER_ROWS:
        keep = ds.trade["partner"].isin(PARTNER_ROWS[chapter])
        if isinstance(frames.get("claims"), pd.DataFrame):
            keep |= _cited_mask(ds, frames["claims"], "trade")
        frames["trade"] = ds.trade[keep]
    if others:
        _add_cited_rows(ds, frames)
        cited = _cited_sources(frames)
        frames["sources"] = ds.sources[ds.sources.index.isin(cited)]
    return dataclasses.replace(ds, **frames)


def _citations(claims: pd.DataFrame) -> dict[str, set[str]]:
    """The evidence the claims cite, by kind: {'trade': {'KGZ/RUS/2022/turnover', ...}, ...}."""
    cited: dict[str, set[str]] = {}
    for evidence in claims["evidence"].dropna():
        for item in evidence.split(";"):
            kind, _, key = item.partition(":")
            cited.setdefault(kind, set()).add(key)
    return cited


def _cited_mask(ds: Dataset, claims: pd.DataFrame, name: str) -> pd.Series:
    full = ds.table(name)
    mask = pd.Series(False, index=full.index)
    for kind, keys in _citations(claims).items():
        table, key_of = EVIDENCE_TARGETS[kind]
        if table == name:
            mask |= key_of(full).isin(keys)
    return mask


def _cited_rows(ds: Dataset, claims: pd.DataFrame, name: str) -> pd.DataFrame:
    """The rows of a table that the claims cite as evidence."""
    return ds.table(name)[_cited_mask(ds, claims, name)]


def _add_cited_rows(ds: Dataset, frames: dict[str, object]) -> None:
    """Give back rows of another country that the kept claims cite as evidence."""
    claims = frames.get("claims")
    if not isinstance(claims, pd.DataFrame):
        return
    for name, kept in frames.items():
        if name == "sources" or not isinstance(kept, pd.DataFrame) or kept is ds.table(name):
            continue
        full = ds.table(name)
        keep = full.index.isin(kept.index) | _cited_mask(ds, claims, name)
        if keep.sum() > len(kept):
            frames[name] = full[keep]


def _cited_sources(frames: dict[str, object]) -> set[str]:
    """Source ids cited by the kept rows: their source_id cells and claims' 'source:' evidence."""
    ids: set[str] = set()
    for name, frame in frames.items():
        if name == "sources" or not isinstance(frame, pd.DataFrame):
            continue
        if "source_id" in frame.columns:
            for cell in frame["source_id"].dropna():
                ids.update(str(cell).split(";"))
        if name == "claims":
            for evidence in frame["evidence"].dropna():
                ids.update(key for kind, _, key in (i.partition(":") for i in evidence.split(";")) if kind == "source")
    return ids


#: where a chapter notebook run outside the book (downloaded from it) finds the data when its ``data_dir`` does
#: not lead to them: a checkout's ``data/`` folder
DATA_ENV = "STANCEBOOK_DATA"


def data_folder(data_dir: str | Path) -> Path:
    """``data_dir`` when it is a folder (the loader then names any table missing from it); else the folder named
    by STANCEBOOK_DATA. A notebook downloaded from the book keeps the ``data_dir`` it was built with, relative to
    the book's folder, which means nothing where the download sits: the reader points it (or STANCEBOOK_DATA) at
    a checkout's data."""
    given = Path(data_dir)
    if given.is_dir():
        return given
    chosen = os.environ.get(DATA_ENV)
    if chosen and Path(chosen).is_dir():
        return Path(chosen)
    where = f", and neither is {DATA_ENV}={chosen}" if chosen else ""
    raise BuildError(
        f"data_dir {str(data_dir)!r} is not a folder (seen from {Path.cwd()}){where}. Point data_dir in the "
        f"notebook's parameters cell, or the environment variable {DATA_ENV}, at the data/ folder of a copy of the "
        "project; the notebook's first cell says how to get one."
    )


def load(data_dir: str | Path, chapter: str, country: str | None = None) -> Dataset:
    """Validate all of the data folder (``data_folder``, read as ``stancebook.data.load``) and return the part
    ``chapter`` reads (all of it when the environment variable STANCEBOOK_SCOPE is 'off')."""
    ds = load_all(data_folder(data_dir))
    if os.environ.get(SWITCH, "").lower() == "off":
        chapter_kind(chapter)
        return ds
    return restrict(ds, chapter, country)
