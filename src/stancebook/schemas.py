"""Schemas of the curated tables in ``data/``.

Each table is declared once here: its file name, its columns with their types and
rules, and its key. ``stancebook.data`` validates every table on load and then checks
the links between tables (source ids, country codes, resolution ids).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa
from pandera import Check

VOTE_CODES = ("Y", "N", "A", "X")
ROLES = ("focus", "comparison")
SYMBOL_BASES = ("certain", "recalled", "inferred", "unknown")
FIRST_DATE = pd.Timestamp("1945-01-01")
LAST_DATE = pd.Timestamp("2035-12-31")


def _text(*checks: Check, nullable: bool = False, unique: bool = False) -> pa.Column:
    return pa.Column(str, checks=list(checks), nullable=nullable, unique=unique)


def _nonblank() -> Check:
    return Check(lambda s: s.str.strip().str.len() > 0, element_wise=False,
                 error="must not be blank")


def _one_of(values: tuple[str, ...], what: str) -> Check:
    return Check.isin(list(values), error=f"{what} must be one of {', '.join(values)}")


def _date() -> pa.Column:
    return pa.Column(
        pa.DateTime, coerce=True,
        checks=Check.in_range(FIRST_DATE, LAST_DATE,
                              error=f"date must be a YYYY-MM-DD date between {FIRST_DATE:%Y} and {LAST_DATE:%Y}"),
    )


def _count() -> pa.Column:
    return pa.Column(int, coerce=True, checks=Check.ge(0, error="must be a whole number of 0 or more"))


def _not_empty() -> Check:
    return Check(lambda df: len(df) > 0, error="the table has no rows")


_SOURCE_ID = _text(Check.str_matches(r"^[a-z0-9][a-z0-9-]*(;[a-z0-9][a-z0-9-]*)*$",
                                     error="must be source ids from sources.csv, separated by ';'"))


@dataclass(frozen=True)
class Table:
    """A curated CSV table: where it lives, what it holds, and its schema."""

    name: str
    file: str
    description: str
    schema: pa.DataFrameSchema
    key: tuple[str, ...]
    #: rules that span several columns of a row: rule text -> the columns it reads
    row_rules: dict[str, str] = field(default_factory=dict)
    #: columns holding ids of another table (several ids may be joined by ';'): column -> table name
    refs: dict[str, str] = field(default_factory=dict)


SOURCES = Table(
    name="sources",
    file="sources.csv",
    description="One row per original source: publisher, title, URL, version and terms of use.",
    key=("source_id",),
    schema=pa.DataFrameSchema(
        {
            "source_id": _text(Check.str_matches(r"^[a-z0-9][a-z0-9-]*$",
                                                 error="must be lower-case letters, digits and '-'"),
                               unique=True),
            "publisher": _text(_nonblank()),
            "title": _text(_nonblank()),
            "url": _text(Check.str_matches(r"^https?://\S+$", error="must be an http(s) URL")),
            "version": _text(_nonblank()),
            "licence": _text(_nonblank()),
            "retrieval_note": _text(nullable=True),
        },
        strict=True, checks=[_not_empty()],
    ),
)

COUNTRIES = Table(
    name="countries",
    file="countries.csv",
    description="Countries in the book: ISO3 code, name, chart colour, and whether it is a focus country.",
    key=("iso3",),
    refs={"source_id": "sources"},
    schema=pa.DataFrameSchema(
        {
            "iso3": _text(Check.str_matches(r"^[A-Z]{3}$", error="must be an ISO 3166-1 alpha-3 code (three capital letters)"),
                          unique=True),
            "name": _text(_nonblank(), unique=True),
            "role": _text(_one_of(ROLES, "role")),
            "colour": _text(Check.str_matches(r"^#[0-9A-Fa-f]{6}$", error="must be a colour like #0072B2")),
            "m49_subregion": _text(_nonblank()),
            "un_member_since": _date(),
            "source_id": _SOURCE_ID,
        },
        strict=True, checks=[_not_empty()],
    ),
)

_SUM_RULE = "yes + no + abstain + non_voting must equal members"
_SYMBOL_RULE = "symbol may be blank only when symbol_basis is 'unknown'"

RESOLUTIONS = Table(
    name="unga_resolutions",
    file="unga_resolutions.csv",
    description="Ukraine-related UN General Assembly resolutions adopted by recorded vote, with the world tally.",
    key=("res_id",),
    refs={"source_id": "sources"},
    row_rules={
        _SUM_RULE: "yes, no, abstain, non_voting, members",
        _SYMBOL_RULE: "symbol, symbol_basis",
    },
    schema=pa.DataFrameSchema(
        {
            "res_id": _text(Check.str_matches(r"^\S+$", error="must be a short id without spaces"), unique=True),
            "symbol": _text(Check.str_matches(r"^A/RES/\S+$", error="must be a UN symbol like A/RES/ES-11/1"),
                            nullable=True),
            "symbol_basis": _text(_one_of(SYMBOL_BASES, "symbol_basis")),
            "date": _date(),
            "session": _text(_nonblank()),
            "short_title": _text(_nonblank()),
            "undl_id": pa.Column(int, coerce=True, checks=Check.gt(0, error="must be a positive record number"),
                                 unique=True),
            "undl_url": _text(Check.str_matches(r"^https://digitallibrary\.un\.org/record/\d+$",
                                                error="must be a UN Digital Library record URL")),
            "yes": _count(),
            "no": _count(),
            "abstain": _count(),
            "non_voting": _count(),
            "members": _count(),
            "source_id": _SOURCE_ID,
        },
        strict=True,
        checks=[
            _not_empty(),
            Check(lambda df: df["yes"] + df["no"] + df["abstain"] + df["non_voting"] == df["members"],
                  error=_SUM_RULE),
            Check(lambda df: df["symbol"].notna() | (df["symbol_basis"] == "unknown"),
                  error=_SYMBOL_RULE),
        ],
    ),
)

VOTES = Table(
    name="unga_votes",
    file="unga_votes.csv",
    description="How each country in the book voted on each resolution (Y yes, N no, A abstain, X non-voting).",
    key=("res_id", "iso3"),
    refs={"res_id": "unga_resolutions", "iso3": "countries", "source_id": "sources"},
    schema=pa.DataFrameSchema(
        {
            "res_id": _text(_nonblank()),
            "iso3": _text(Check.str_matches(r"^[A-Z]{3}$", error="must be an ISO 3166-1 alpha-3 code (three capital letters)")),
            "vote": _text(_one_of(VOTE_CODES, "vote")),
            "source_id": _SOURCE_ID,
        },
        strict=True, unique=["res_id", "iso3"], report_duplicates="exclude_first",
        checks=[_not_empty()],
    ),
)

TABLES: tuple[Table, ...] = (SOURCES, COUNTRIES, RESOLUTIONS, VOTES)
