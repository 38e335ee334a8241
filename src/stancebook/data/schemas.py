"""Schemas of the curated tables in ``data/``.

Each table is declared once here: its name (which is also its file's name, ``<name>.csv``, and its field of
the Dataset), its columns with their types and rules, its key and the tables it points to.
``stancebook.data.read`` validates every table on load; ``stancebook.data.rules`` then checks the rules that
join rows and tables (source ids, country codes, resolution ids, evidence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa
from pandera import Check

from .urls import URL_RULE, is_web_url
from .vocab import (
    ACTOR_TYPES,
    AGGREGATES,
    BASES,
    CHANNELS,
    CHECK_STATUS,
    CLAIM_TOPICS,
    DIRECTIONS,
    EVENT_CATEGORIES,
    EVIDENCE_KINDS,
    FIGURES,
    FLOWS,
    INSTITUTIONS,
    OUTLET_TYPES,
    PORTRAYALS,
    PRECISIONS,
    REPORTED_BY,
    RESOLUTION_SERIES,
    REVISION_CHANGES,
    ROLES,
    SYMBOL_BASES,
    TITLE_STATUS,
    TOPICS,
    URL_STATUS,
    VERDICTS,
    VOTE_CODES,
    YES_NO,
)

FIRST_DATE = pd.Timestamp("1945-01-01")
LAST_DATE = pd.Timestamp("2035-12-31")


def _text(*checks: Check, nullable: bool = False, unique: bool = False) -> pa.Column:
    return pa.Column(str, checks=list(checks), nullable=nullable, unique=unique)


def _nonblank() -> Check:
    return Check(lambda s: s.str.strip().str.len() > 0, element_wise=False, error="must not be blank")


def _one_of(values: tuple[str, ...], what: str) -> Check:
    return Check.isin(list(values), error=f"{what} must be one of {', '.join(values)}")


def _date() -> pa.Column:
    return pa.Column(
        pa.DateTime,
        coerce=True,
        checks=Check.in_range(
            FIRST_DATE, LAST_DATE, error=f"date must be a YYYY-MM-DD date between {FIRST_DATE:%Y} and {LAST_DATE:%Y}"
        ),
    )


def _url(nullable: bool = False) -> pa.Column:
    return pa.Column(str, nullable=nullable, checks=[Check(is_web_url, element_wise=True, error=URL_RULE)])


def _count() -> pa.Column:
    return pa.Column(int, coerce=True, checks=Check.ge(0, error="must be a whole number of 0 or more"))


def _not_empty() -> Check:
    return Check(lambda df: len(df) > 0, error="the table has no rows")


_SOURCE_ID = _text(
    Check.str_matches(
        r"^[a-z0-9][a-z0-9-]*(;[a-z0-9][a-z0-9-]*)*$", error="must be source ids from sources.csv, separated by ';'"
    )
)


@dataclass(frozen=True)
class Table:
    """A curated CSV table: where it lives, what it holds, and its schema."""

    #: the table's one name: its file is ``<name>.csv`` and its Dataset field is ``<name>``
    name: str
    description: str
    schema: pa.DataFrameSchema
    key: tuple[str, ...]
    #: rules that span several columns of a row: rule text -> the columns it reads
    row_rules: dict[str, str] = field(default_factory=dict)
    #: columns holding ids of another table (several ids may be joined by ';'): column -> table name
    refs: dict[str, str] = field(default_factory=dict)
    #: whether the table must hold at least one row (notes may be absent; data may not)
    needs_rows: bool = True

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


_REPORT_ON_RULE = "a title 'Report on <site>' stands for an unknown headline: title_status must be 'unconfirmed'"
_PUBLISHER_RULE = "publisher must name an organisation, not a URL or a web address"

SOURCES = Table(
    name="sources",
    description=(
        "One row per document: the outlet that published it, its headline, author and date where they could be "
        "confirmed, its URL, the body whose figures or words it reports, its version and terms of use."
    ),
    key=("source_id",),
    row_rules={_REPORT_ON_RULE: "title, title_status"},
    schema=pa.DataFrameSchema(
        {
            "source_id": _text(
                Check.str_matches(r"^[a-z0-9][a-z0-9-]*$", error="must be lower-case letters, digits and '-'"),
                unique=True,
            ),
            "publisher": _text(
                _nonblank(),
                Check(
                    lambda s: ~s.str.contains(r"://|^www\.", regex=True),
                    element_wise=False,
                    error=_PUBLISHER_RULE,
                ),
            ),
            "title": _text(_nonblank()),
            "title_status": _text(_one_of(TITLE_STATUS, "title_status")),
            "author": _text(nullable=True),
            "published": _text(
                Check.str_matches(
                    r"^\d{4}(-\d{2}(-\d{2})?)?$", error="must be a date written YYYY-MM-DD, YYYY-MM or YYYY"
                ),
                nullable=True,
            ),
            "url": _url(),
            "relays": _text(nullable=True),
            "version": _text(_nonblank()),
            "licence": _text(_nonblank()),
            "retrieval_note": _text(nullable=True),
        },
        strict=True,
        checks=[
            _not_empty(),
            Check(
                lambda df: ~df["title"].str.startswith("Report on ") | (df["title_status"] == "unconfirmed"),
                error=_REPORT_ON_RULE,
            ),
        ],
    ),
)

OUTLETS = Table(
    name="outlets",
    description=(
        "The source policy: every web domain the sources are on, the outlet behind it, what kind of outlet it is "
        "(official, intergovernmental, independent media, academic, state-affiliated media, aggregator or "
        "disinformation) and so what it may carry."
    ),
    key=("domain",),
    schema=pa.DataFrameSchema(
        {
            "domain": _text(
                Check.str_matches(r"^[a-z0-9-]+(\.[a-z0-9-]+)+\.?$", error="must be a web domain like rferl.org"),
                unique=True,
            ),
            "outlet": _text(_nonblank()),
            "type": _text(_one_of(tuple(OUTLET_TYPES), "type")),
            "note": _text(nullable=True),
        },
        strict=True,
        checks=[_not_empty()],
    ),
)

COUNTRIES = Table(
    name="countries",
    description="Countries in the book: ISO3 code, name, chart colour, and whether it is a focus country.",
    key=("iso3",),
    refs={"source_id": "sources"},
    schema=pa.DataFrameSchema(
        {
            "iso3": _text(
                Check.str_matches(r"^[A-Z]{3}$", error="must be an ISO 3166-1 alpha-3 code (three capital letters)"),
                unique=True,
            ),
            "name": _text(_nonblank(), unique=True),
            "role": _text(_one_of(ROLES, "role")),
            "colour": _text(Check.str_matches(r"^#[0-9A-Fa-f]{6}$", error="must be a colour like #0072B2")),
            "m49_subregion": _text(_nonblank()),
            "un_member_since": _date(),
            "source_id": _SOURCE_ID,
        },
        strict=True,
        checks=[_not_empty()],
    ),
)

_SUM_RULE = (
    "yes + no + abstain + non_voting must equal members (with non_voting blank, where no source states it, "
    "yes + no + abstain may not exceed members)"
)
_RECORD_RULE = "undl_id and undl_url are both given (a vote in the UN's record) or both blank (known from the press)"
_SYMBOL_RULE = "symbol may be blank only when symbol_basis is 'unknown'"

RESOLUTIONS = Table(
    name="unga_resolutions",
    description="Ukraine-related UN General Assembly resolutions adopted by recorded vote, with the world tally.",
    key=("res_id",),
    refs={"source_id": "sources"},
    row_rules={
        _SUM_RULE: "yes, no, abstain, non_voting, members",
        _SYMBOL_RULE: "symbol, symbol_basis",
        _RECORD_RULE: "undl_id, undl_url",
    },
    schema=pa.DataFrameSchema(
        {
            "res_id": _text(Check.str_matches(r"^\S+$", error="must be a short id without spaces"), unique=True),
            "symbol": _text(
                Check.str_matches(r"^A/RES/\S+$", error="must be a UN symbol like A/RES/ES-11/1"), nullable=True
            ),
            "symbol_basis": _text(_one_of(SYMBOL_BASES, "symbol_basis")),
            "date": _date(),
            "session": _text(_nonblank()),
            "short_title": _text(_nonblank()),
            "series": _text(_one_of(RESOLUTION_SERIES, "series")),
            "undl_id": pa.Column(
                "Int64",
                coerce=True,
                checks=Check.gt(0, error="must be a positive record number"),
                nullable=True,
                unique=True,
            ),
            "undl_url": _text(
                Check.str_matches(
                    r"^https://digitallibrary\.un\.org/record/\d+$", error="must be a UN Digital Library record URL"
                ),
                nullable=True,
            ),
            "yes": _count(),
            "no": _count(),
            "abstain": _count(),
            "non_voting": pa.Column(
                "Int64", coerce=True, checks=Check.ge(0, error="must be a count (0 or more)"), nullable=True
            ),
            "members": _count(),
            "source_id": _SOURCE_ID,
        },
        strict=True,
        checks=[
            _not_empty(),
            Check(
                lambda df: (df["yes"] + df["no"] + df["abstain"] + df["non_voting"] == df["members"]).fillna(
                    df["yes"] + df["no"] + df["abstain"] <= df["members"]
                ),
                error=_SUM_RULE,
            ),
            Check(lambda df: df["undl_id"].isna() == df["undl_url"].isna(), error=_RECORD_RULE),
            Check(lambda df: df["symbol"].notna() | (df["symbol_basis"] == "unknown"), error=_SYMBOL_RULE),
        ],
    ),
)

VOTES = Table(
    name="unga_votes",
    description="How each country in the book voted on each resolution (Y yes, N no, A abstain, X non-voting).",
    key=("res_id", "iso3"),
    refs={"res_id": "unga_resolutions", "iso3": "countries", "source_id": "sources"},
    schema=pa.DataFrameSchema(
        {
            "res_id": _text(_nonblank()),
            "iso3": _text(
                Check.str_matches(r"^[A-Z]{3}$", error="must be an ISO 3166-1 alpha-3 code (three capital letters)")
            ),
            "vote": _text(_one_of(VOTE_CODES, "vote")),
            "source_id": _SOURCE_ID,
        },
        strict=True,
        unique=["res_id", "iso3"],
        report_duplicates="exclude_first",
        checks=[_not_empty()],
    ),
)

#: a year, quarter, half, month or day, or a range between two months or days (open start: '..2024')
PERIOD_PATTERN = (
    r"^(\d{4}(-(Q[1-4]|H[12]|\d{2}(-\d{2})?))?"
    r"|(\d{4}-\d{2}(-\d{2})?)?\.\.\d{4}(-\d{2}(-\d{2})?)?)$"
)


def _year() -> pa.Column:
    return pa.Column(int, coerce=True, checks=Check.in_range(1990, 2035, error="year must be between 1990 and 2035"))


def _amount(nullable: bool = False) -> pa.Column:
    return pa.Column(
        float,
        coerce=True,
        nullable=nullable,
        checks=Check.ge(0, error="must be a number of 0 or more (no thousands separators)"),
    )


_ISO3 = Check.str_matches(r"^[A-Z]{3}$", error="must be an ISO 3166-1 alpha-3 code (three capital letters)")

PARTNERS = Table(
    name="partners",
    description="Trade partners in the trade table (countries, the EU, the world total), with chart colours.",
    key=("partner",),
    schema=pa.DataFrameSchema(
        {
            "partner": _text(
                Check.str_matches(r"^[A-Z0-9]{3,4}$", error="must be a code like RUS, EU27 or WLD"), unique=True
            ),
            "name": _text(_nonblank(), unique=True),
            "colour": _text(Check.str_matches(r"^#[0-9A-Fa-f]{6}$", error="must be a colour like #0072B2")),
            "definition": _text(_nonblank()),
        },
        strict=True,
        checks=[_not_empty()],
    ),
)

_TRADE_PRIMARY_RULE = "a primary row must come from the reporting country's own statistics (reported_by 'reporter')"
_TRADE_MONTHS_RULE = "a primary row covers a calendar year: its months must be blank"
_MONTHS = re.compile(r"^(0[1-9]|1[0-2])\.\.(0[1-9]|1[0-2])$")

TRADE = Table(
    name="trade",
    description=(
        "Goods trade of each reporting country with a partner in a year (or the months of it a figure covers), in "
        "million US$, one row per published or derived figure; 'primary' marks the one series the charts use."
    ),
    key=("reporter", "partner", "year", "months", "flow", "source_id", "value_usd_m"),
    refs={"reporter": "countries", "partner": "partners", "source_id": "sources"},
    row_rules={_TRADE_PRIMARY_RULE: "primary, reported_by", _TRADE_MONTHS_RULE: "primary, months"},
    schema=pa.DataFrameSchema(
        {
            "reporter": _text(_ISO3),
            "partner": _text(_nonblank()),
            "year": _year(),
            "months": _text(
                Check(
                    lambda s: s.str.fullmatch(_MONTHS.pattern) & (s.str[:2] <= s.str[-2:]),
                    element_wise=False,
                    error="must be the months a figure covers, first to last, like 01..09 (blank for the calendar "
                    "year)",
                ),
                nullable=True,
            ),
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
        strict=True,
        checks=[
            _not_empty(),
            Check(lambda df: (df["primary"] == "no") | (df["reported_by"] == "reporter"), error=_TRADE_PRIMARY_RULE),
            Check(lambda df: (df["primary"] == "no") | df["months"].isna(), error=_TRADE_MONTHS_RULE),
        ],
    ),
)

EU_EXPORTS = Table(
    name="eu_exports",
    description=(
        "Exports of the EU (27 members) to a partner country in a year, in million euro, as the EU records them."
    ),
    key=("partner", "year"),
    refs={"partner": "countries", "source_id": "sources"},
    schema=pa.DataFrameSchema(
        {
            "partner": _text(_ISO3),
            "year": _year(),
            "value_eur_m": _amount(),
            "source_id": _SOURCE_ID,
        },
        strict=True,
        unique=["partner", "year"],
        report_duplicates="exclude_first",
        checks=[_not_empty()],
    ),
)

INDICATOR_DEFINITIONS = Table(
    name="indicator_definitions",
    description="What each remittance, migration or economic indicator counts, in the book's words.",
    key=("indicator",),
    schema=pa.DataFrameSchema(
        {
            "indicator": _text(
                Check.str_matches(r"^[a-z0-9_]+$", error="must be lower-case letters, digits and '_'"), unique=True
            ),
            "topic": _text(_one_of(TOPICS, "topic")),
            "label": _text(_nonblank(), unique=True),
            "definition": _text(_nonblank()),
        },
        strict=True,
        checks=[_not_empty()],
    ),
)

_VALUE_RULE = "value is required unless precision is 'not_published', and must be empty when it is"
_HIGH_RULE = "value_high is required for a range (and only then), and must be above value"

INDICATORS = Table(
    name="indicators",
    description="Remittance, migration and economic figures, one row per published figure and period.",
    key=("country", "indicator", "period", "source_id", "value"),
    refs={"country": "countries", "indicator": "indicator_definitions", "source_id": "sources"},
    row_rules={_VALUE_RULE: "value, precision", _HIGH_RULE: "value_high, precision"},
    schema=pa.DataFrameSchema(
        {
            "country": _text(
                Check.str_matches(r"^[A-Z0-9]{3}$", error="must be an ISO3 code or " + ", ".join(AGGREGATES))
            ),
            "indicator": _text(_nonblank()),
            "period": _text(
                Check.str_matches(
                    PERIOD_PATTERN,
                    error=(
                        "must be a period like 2023, 2023-Q1, 2023-H1, 2023-05, 2023-05-31 or a range like "
                        "2023-01..2023-09"
                    ),
                )
            ),
            "period_detail": _text(nullable=True),
            "value": _amount(nullable=True),
            "value_high": _amount(nullable=True),
            "precision": _text(_one_of(PRECISIONS, "precision")),
            "unit": _text(_nonblank()),
            "source_id": _SOURCE_ID,
            "note": _text(nullable=True),
        },
        strict=True,
        checks=[
            _not_empty(),
            Check(lambda df: df["value"].notna() == (df["precision"] != "not_published"), error=_VALUE_RULE),
            Check(
                lambda df: (
                    (df["value_high"].notna() == (df["precision"] == "range"))
                    & (df["value_high"].isna() | (df["value_high"] > df["value"]))
                ),
                error=_HIGH_RULE,
            ),
        ],
    ),
)

COVERAGE_NOTES = Table(
    name="coverage_notes",
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
        strict=True,
        unique=["country", "topic"],
        report_duplicates="exclude_first",
    ),
)

_PARTIAL_DATE = r"^\d{4}-\d{2}(-\d{2})?$"


def _valid_partial_date(s: pd.Series) -> pd.Series:
    """YYYY-MM or YYYY-MM-DD that names a real month or day (blank cells pass; they are checked elsewhere)."""
    full = pd.to_datetime(s.where(s.str.len() == 10), format="%Y-%m-%d", errors="coerce")
    month = pd.to_datetime(s.where(s.str.len() == 7), format="%Y-%m", errors="coerce")
    return s.isna() | full.notna() | month.notna()


_EVENT_DATE_RULE = "date may be blank only when the note says why"
_DESIGNATION_RULE = "a Western designation is an act of another state: actor_type must be 'other_state'"
_SENTENCE_RULE = "summary must be one sentence (no full stop followed by a new sentence)"

EVENTS = Table(
    name="events",
    description=(
        "Dated stance events since the full-scale invasion: who did what, its category and direction relative to "
        "Moscow, whether it is the state's own act, a one-sentence summary in the book's words, and any doubt about "
        "the event or its coding (whether it happened as reported, or whether it means what its direction says)."
    ),
    key=("event_id",),
    refs={"country": "countries", "source_id": "sources"},
    row_rules={_EVENT_DATE_RULE: "date, note", _DESIGNATION_RULE: "category, actor_type"},
    schema=pa.DataFrameSchema(
        {
            "event_id": _text(
                Check.str_matches(
                    r"^[A-Z]{3}-(\d{4}-\d{2}(-\d{2})?|undated)(-\d+)?$",
                    error="must be COUNTRY-DATE, e.g. KAZ-2022-06-17, with -2, -3 for further events on the same day",
                ),
                unique=True,
            ),
            "date": _text(
                Check.str_matches(_PARTIAL_DATE, error="must be a date written YYYY-MM-DD or YYYY-MM"),
                Check(_valid_partial_date, element_wise=False, error="must be a real calendar date"),
                nullable=True,
            ),
            "country": _text(_ISO3),
            "actor": _text(_nonblank()),
            "category": _text(_one_of(EVENT_CATEGORIES, "category")),
            "direction": _text(_one_of(DIRECTIONS, "direction")),
            "summary": _text(
                _nonblank(),
                Check(lambda s: ~s.str.contains(r"\.\s+[A-Z]", regex=True), element_wise=False, error=_SENTENCE_RULE),
            ),
            "actor_type": _text(_one_of(ACTOR_TYPES, "actor_type")),
            "doubt": _text(nullable=True),
            "source_id": _SOURCE_ID,
            "note": _text(nullable=True),
        },
        strict=True,
        checks=[
            _not_empty(),
            Check(lambda df: df["date"].notna() | df["note"].notna(), error=_EVENT_DATE_RULE),
            Check(
                lambda df: (df["category"] != "western_designation") | (df["actor_type"] == "other_state"),
                error=_DESIGNATION_RULE,
            ),
        ],
    ),
)

INSTITUTION_TIES = Table(
    name="institutions",
    description=(
        "Each country's standing in Russia-led and other institutions, as the book's sources record it, with the "
        "date it began."
    ),
    key=("country", "institution"),
    refs={"country": "countries", "source_id": "sources"},
    schema=pa.DataFrameSchema(
        {
            "country": _text(_ISO3),
            "institution": _text(_one_of(INSTITUTIONS, "institution")),
            "status": _text(_nonblank()),
            "since": _text(
                Check.str_matches(r"^\d{4}(-\d{2}(-\d{2})?)?$", error="must be a year, YYYY-MM or YYYY-MM-DD"),
                nullable=True,
            ),
            "detail": _text(_nonblank()),
            "source_id": _SOURCE_ID,
        },
        strict=True,
        unique=["country", "institution"],
        report_duplicates="exclude_first",
        checks=[_not_empty()],
    ),
)

_AUTHOR_RULE = "author must be blank exactly when author_status is 'not_found'"
_URL_RULE = "url must be blank exactly when url_status is 'not_found'"

ARTICLES = Table(
    name="articles",
    description="The five source articles the book discusses, with what could and could not be verified about them.",
    key=("article_id",),
    row_rules={_AUTHOR_RULE: "author, author_status", _URL_RULE: "url, url_status"},
    schema=pa.DataFrameSchema(
        {
            "article_id": _text(Check.str_matches(r"^\d+$", error="must be a whole number"), unique=True),
            "cite_as": _text(_nonblank(), unique=True),
            "title": _text(_nonblank()),
            "publisher": _text(_nonblank()),
            "author": _text(nullable=True),
            "author_status": _text(_one_of(CHECK_STATUS, "author_status")),
            "date": _text(
                Check.str_matches(_PARTIAL_DATE, error="must be a date written YYYY-MM-DD or YYYY-MM"),
                Check(_valid_partial_date, element_wise=False, error="must be a real calendar date"),
            ),
            "date_status": _text(_one_of(CHECK_STATUS[:2], "date_status")),
            "url": _url(nullable=True),
            "url_status": _text(_one_of(URL_STATUS, "url_status")),
            "note": _text(nullable=True),
        },
        strict=True,
        checks=[
            _not_empty(),
            Check(lambda df: df["author"].isna() == (df["author_status"] == "not_found"), error=_AUTHOR_RULE),
            Check(lambda df: df["url"].isna() == (df["url_status"] == "not_found"), error=_URL_RULE),
        ],
    ),
)

ARTICLE_VIEWS = Table(
    name="article_views",
    description="What each source article says about each country (or the region): its portrayal and gist.",
    key=("article_id", "country"),
    refs={"article_id": "articles", "country": "countries"},
    schema=pa.DataFrameSchema(
        {
            "article_id": _text(_nonblank()),
            "country": _text(
                Check.str_matches(r"^[A-Z0-9]{3}$", error="must be an ISO3 code or " + ", ".join(AGGREGATES))
            ),
            "portrayal": _text(_one_of(PORTRAYALS, "portrayal")),
            "gist": _text(_nonblank()),
        },
        strict=True,
        unique=["article_id", "country"],
        report_duplicates="exclude_first",
        checks=[_not_empty()],
    ),
)

_EVIDENCE_RULE = "evidence may be blank only when the verdict is 'not_verifiable'"

CLAIMS = Table(
    name="claims",
    description=(
        "The source articles' factual claims, paraphrased, each with a verdict, the evidence in the "
        "book's tables and a one-line explanation, judged on what was knowable for the period the claim speaks "
        "about; what later data show is in since_then, apart from the verdict."
    ),
    key=("claim_id",),
    refs={"article_id": "articles", "country": "countries"},
    row_rules={_EVIDENCE_RULE: "evidence, verdict"},
    schema=pa.DataFrameSchema(
        {
            "claim_id": _text(Check.str_matches(r"^\d+-\d{2}$", error="must be ARTICLE-NN, e.g. 3-07"), unique=True),
            "article_id": _text(_nonblank()),
            "country": _text(
                Check.str_matches(r"^[A-Z0-9]{3}$", error="must be an ISO3 code or " + ", ".join(AGGREGATES))
            ),
            "topic": _text(_one_of(CLAIM_TOPICS, "topic")),
            "claim": _text(_nonblank()),
            "verdict": _text(_one_of(VERDICTS, "verdict")),
            "evidence": _text(
                Check.str_matches(
                    rf"^({'|'.join(EVIDENCE_KINDS)}):[^;\s]+(;({'|'.join(EVIDENCE_KINDS)}):[^;\s]+)*$",
                    error="must be evidence like event:KAZ-2022-06-17 or trade:KGZ/RUS/2022/turnover, separated "
                    "by ';' (kinds: " + ", ".join(EVIDENCE_KINDS) + ")",
                ),
                nullable=True,
            ),
            "explanation": _text(_nonblank()),
            "since_then": _text(nullable=True),
        },
        strict=True,
        checks=[
            _not_empty(),
            Check(lambda df: df["evidence"].notna() | (df["verdict"] == "not_verifiable"), error=_EVIDENCE_RULE),
        ],
    ),
)

REVISIONS = Table(
    name="revisions",
    description=(
        "What the review of the book's sources and events changed, row by row: a source added, removed or "
        "replaced (the page removed, the page added, and a figure's value as the new page gives it), a row "
        "dropped, an event no longer scored or put in doubt, with the reason."
    ),
    key=("table", "key", "change", "page_removed", "page_added"),
    needs_rows=False,
    schema=pa.DataFrameSchema(
        {
            "table": _text(_one_of(("events", "institutions", "trade", "indicators", "claims"), "table")),
            "key": _text(_nonblank()),
            "change": _text(_one_of(REVISION_CHANGES, "change")),
            "page_removed": _url(nullable=True),
            "page_added": _url(nullable=True),
            "value": pa.Column(float, coerce=True, nullable=True),
            "reason": _text(_nonblank()),
        },
        strict=True,
    ),
)

TABLES: tuple[Table, ...] = (
    SOURCES,
    OUTLETS,
    COUNTRIES,
    RESOLUTIONS,
    VOTES,
    PARTNERS,
    TRADE,
    EU_EXPORTS,
    INDICATOR_DEFINITIONS,
    INDICATORS,
    COVERAGE_NOTES,
    EVENTS,
    INSTITUTION_TIES,
    ARTICLES,
    ARTICLE_VIEWS,
    CLAIMS,
    REVISIONS,
)
