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
    #: whether the table must hold at least one row (notes may be absent; data may not)
    needs_rows: bool = True


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

FLOWS = ("export", "import", "turnover")
BASES = ("goods", "goods_and_services", "not_stated")
REPORTED_BY = ("reporter", "partner", "statement")
CHANNELS = ("data_file", "press")
FIGURES = ("published", "derived")
PRECISIONS = ("as_published", "rounded", "approximate", "lower_bound", "range", "not_published")
YES_NO = ("yes", "no")
TOPICS = ("trade", "remittances", "migration", "mobilisation", "economy")
#: groups of countries that indicator rows may name instead of one country
AGGREGATES = {"CA5": "the five Central Asian states together"}
#: a year, quarter, half, month or day, or a range between two months or days (open start: '..2024')
PERIOD_PATTERN = (r"^(\d{4}(-(Q[1-4]|H[12]|\d{2}(-\d{2})?))?"
                  r"|(\d{4}-\d{2}(-\d{2})?)?\.\.\d{4}(-\d{2}(-\d{2})?)?)$")


def _year() -> pa.Column:
    return pa.Column(int, coerce=True, checks=Check.in_range(1990, 2035, error="year must be between 1990 and 2035"))


def _amount(nullable: bool = False) -> pa.Column:
    return pa.Column(float, coerce=True, nullable=nullable,
                     checks=Check.ge(0, error="must be a number of 0 or more (no thousands separators)"))


_ISO3 = Check.str_matches(r"^[A-Z]{3}$", error="must be an ISO 3166-1 alpha-3 code (three capital letters)")

PARTNERS = Table(
    name="partners",
    file="partners.csv",
    description="Trade partners in the trade table (countries, the EU, the world total), with chart colours.",
    key=("partner",),
    schema=pa.DataFrameSchema(
        {
            "partner": _text(Check.str_matches(r"^[A-Z0-9]{3,4}$", error="must be a code like RUS, EU27 or WLD"),
                             unique=True),
            "name": _text(_nonblank(), unique=True),
            "colour": _text(Check.str_matches(r"^#[0-9A-Fa-f]{6}$", error="must be a colour like #0072B2")),
            "definition": _text(_nonblank()),
        },
        strict=True, checks=[_not_empty()],
    ),
)

_TRADE_PRIMARY_RULE = "a primary row must come from the reporting country's own statistics (reported_by 'reporter')"

TRADE = Table(
    name="trade",
    file="trade.csv",
    description=("Goods trade of each reporting country with a partner in a year, in million US$, one row per "
                 "published or derived figure; 'primary' marks the one series the charts use."),
    key=("reporter", "partner", "year", "flow", "source_id", "value_usd_m"),
    refs={"reporter": "countries", "partner": "partners", "source_id": "sources"},
    row_rules={_TRADE_PRIMARY_RULE: "primary, reported_by"},
    schema=pa.DataFrameSchema(
        {
            "reporter": _text(_ISO3),
            "partner": _text(_nonblank()),
            "year": _year(),
            "flow": _text(_one_of(FLOWS, "flow")),
            "value_usd_m": _amount(),
            "basis": _text(_one_of(BASES, "basis")),
            "reported_by": _text(_one_of(REPORTED_BY, "reported_by")),
            "channel": _text(_one_of(CHANNELS, "channel")),
            "figure": _text(_one_of(FIGURES, "figure")),
            "precision": _text(_one_of(PRECISIONS[:4], "precision")),
            "primary": _text(_one_of(YES_NO, "primary")),
            "source_id": _SOURCE_ID,
            "note": _text(nullable=True),
        },
        strict=True, checks=[
            _not_empty(),
            Check(lambda df: (df["primary"] == "no") | (df["reported_by"] == "reporter"), error=_TRADE_PRIMARY_RULE),
        ],
    ),
)

EU_EXPORTS = Table(
    name="eu_exports",
    file="eu_exports.csv",
    description="Exports of the EU (27 members) to a partner country in a year, in million euro, as the EU records them.",
    key=("partner", "year"),
    refs={"partner": "countries", "source_id": "sources"},
    schema=pa.DataFrameSchema(
        {
            "partner": _text(_ISO3),
            "year": _year(),
            "value_eur_m": _amount(),
            "source_id": _SOURCE_ID,
        },
        strict=True, unique=["partner", "year"], report_duplicates="exclude_first", checks=[_not_empty()],
    ),
)

INDICATOR_DEFINITIONS = Table(
    name="indicator_definitions",
    file="indicator_definitions.csv",
    description="What each remittance, migration or economic indicator counts, in the book's words.",
    key=("indicator",),
    schema=pa.DataFrameSchema(
        {
            "indicator": _text(Check.str_matches(r"^[a-z0-9_]+$", error="must be lower-case letters, digits and '_'"),
                               unique=True),
            "topic": _text(_one_of(TOPICS, "topic")),
            "label": _text(_nonblank(), unique=True),
            "definition": _text(_nonblank()),
        },
        strict=True, checks=[_not_empty()],
    ),
)

_VALUE_RULE = "value is required unless precision is 'not_published', and must be empty when it is"
_HIGH_RULE = "value_high is required for a range (and only then), and must be above value"

INDICATORS = Table(
    name="indicators",
    file="indicators.csv",
    description="Remittance, migration and economic figures, one row per published figure and period.",
    key=("country", "indicator", "period", "source_id", "value"),
    refs={"country": "countries", "indicator": "indicator_definitions", "source_id": "sources"},
    row_rules={_VALUE_RULE: "value, precision", _HIGH_RULE: "value_high, precision"},
    schema=pa.DataFrameSchema(
        {
            "country": _text(Check.str_matches(r"^[A-Z0-9]{3}$",
                                               error="must be an ISO3 code or " + ", ".join(AGGREGATES))),
            "indicator": _text(_nonblank()),
            "period": _text(Check.str_matches(PERIOD_PATTERN, error=(
                "must be a period like 2023, 2023-Q1, 2023-H1, 2023-05, 2023-05-31 or a range like "
                "2023-01..2023-09"))),
            "period_detail": _text(nullable=True),
            "value": _amount(nullable=True),
            "value_high": _amount(nullable=True),
            "precision": _text(_one_of(PRECISIONS, "precision")),
            "unit": _text(_nonblank()),
            "source_id": _SOURCE_ID,
            "note": _text(nullable=True),
        },
        strict=True, checks=[
            _not_empty(),
            Check(lambda df: df["value"].notna() == (df["precision"] != "not_published"), error=_VALUE_RULE),
            Check(lambda df: (df["value_high"].notna() == (df["precision"] == "range"))
                  & (df["value_high"].isna() | (df["value_high"] > df["value"])), error=_HIGH_RULE),
        ],
    ),
)

COVERAGE_NOTES = Table(
    name="coverage_notes",
    file="coverage_notes.csv",
    description="Notes on what the data cover for a country and topic: gaps and their reasons, and caveats.",
    key=("country", "topic"),
    refs={"country": "countries"},
    needs_rows=False,
    schema=pa.DataFrameSchema(
        {
            "country": _text(_ISO3),
            "topic": _text(_one_of(TOPICS, "topic")),
            "note": _text(_nonblank()),
        },
        strict=True, unique=["country", "topic"], report_duplicates="exclude_first",
    ),
)

TABLES: tuple[Table, ...] = (SOURCES, COUNTRIES, RESOLUTIONS, VOTES, PARTNERS, TRADE, EU_EXPORTS,
                             INDICATOR_DEFINITIONS, INDICATORS, COVERAGE_NOTES)
