"""Rules that join rows and tables of ``data/``, or that a well-formed value can still break: every id a row
points to exists; a partner that is a country has its colour; one primary trade figure per cell, turnover =
export + import, and no partner's trade above the world total; every number finite, and a percentage at most
100; no date after the build date; ids that spell a country, a date or an article agree with their row; a
country's votes on a resolution within its world tally; and every piece of evidence a claim cites is a row of
the book's tables."""

from __future__ import annotations

import math
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pandas as pd

from ..errors import Problem
from . import schemas as sc
from .clock import build_date
from .read import display_path
from .rows import EVIDENCE_TARGETS, flow_sums  # noqa: F401 (part of the rules' vocabulary)
from .vocab import AGGREGATES, EVIDENCE_KINDS, PRESS_PREFIX, STATE_MEDIA, WORLD

REF_HINTS = {
    "sources": "unknown source id: add it to sources.csv or correct it",
    "countries": "unknown country code: add the country to countries.csv or correct it",
    "unga_resolutions": "unknown resolution id: it must be a res_id in unga_resolutions.csv",
    "partners": "unknown partner code: add it to partners.csv or correct it",
    "indicator_definitions": "unknown indicator: define it in indicator_definitions.csv or correct it",
    "articles": "unknown article id: it must be an article_id in articles.csv",
}
#: extra values a link column accepts besides the ids of the table it points to
REF_EXTRAS = {
    ("indicators", "country"): set(AGGREGATES),
    ("article_views", "country"): set(AGGREGATES),
    ("claims", "country"): set(AGGREGATES),
}


def _check_refs(data_dir: Path, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Rules that join two tables: every id a row points to must exist in the table it names."""
    by_name = {t.name: t for t in sc.TABLES}
    problems: list[Problem] = []
    for table in sc.TABLES:
        frame = frames[table.name]
        shown = display_path(data_dir / table.file)
        for column, target in table.refs.items():
            known = set(frames[target][by_name[target].key[0]]) | REF_EXTRAS.get((table.name, column), set())
            rule = REF_HINTS.get(target, f"unknown id: it must be a {by_name[target].key[0]} in {by_name[target].file}")
            for line, ids in zip(frame["csv_line"], frame[column], strict=True):
                for one in str(ids).split(";"):
                    if one not in known:
                        problems.append(Problem(shown, rule, line=int(line), column=column, value=one))
    return problems


def _check_partner_colours(data_dir: Path, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """A partner that is also a country in the book is drawn in the country's colour everywhere."""
    shown = display_path(data_dir / sc.PARTNERS.file)
    colours = dict(zip(frames[sc.COUNTRIES.name]["iso3"], frames[sc.COUNTRIES.name]["colour"].str.upper(), strict=True))
    return [
        Problem(
            shown,
            f"a partner that is a country must have its colour in countries.csv ({colours[p.partner]})",
            line=int(p.csv_line),
            column="colour",
            value=p.colour,
        )
        for p in frames[sc.PARTNERS.name].itertuples()
        if p.partner in colours and p.colour.upper() != colours[p.partner]
    ]


#: how far a primary turnover may be from its primary export + import (rounding in the published tables)
TURNOVER_TOLERANCE = 0.5


def _check_trade(data_dir: Path, trade: pd.DataFrame) -> list[Problem]:
    """Rules across rows of the trade table: one primary figure per cell, and turnover = export + import."""
    shown = display_path(data_dir / sc.TRADE.file)
    primary = trade[trade["primary"] == "yes"]
    cell = ["reporter", "partner", "year", "flow"]
    problems = [
        Problem(
            shown,
            "only one row per reporter, partner, year and flow may be primary (this one repeats an "
            "earlier primary row)",
            line=int(r.csv_line),
            column="primary",
            value="yes",
        )
        for r in primary[primary.duplicated(cell)].itertuples()
    ]
    if problems:
        return problems
    sums = flow_sums(primary)
    turnover = primary[primary["flow"] == "turnover"].merge(sums, on=["reporter", "partner", "year"])
    for r in turnover.itertuples():
        if abs(r.value_usd_m - r.export_plus_import) > TURNOVER_TOLERANCE:
            problems.append(
                Problem(
                    shown,
                    f"a primary turnover must equal the primary export + import of the same year "
                    f"({r.export_plus_import:,.1f}) within {TURNOVER_TOLERANCE}",
                    line=int(r.csv_line),
                    column="value_usd_m",
                    value=r.value_usd_m,
                )
            )
    return problems


def _check_world_totals(data_dir: Path, trade: pd.DataFrame) -> list[Problem]:
    """No partner's trade can exceed the reporter's trade with the world in the same year, flow and basis, as
    the same kind of source reports them (a partner's own customs may record more than the reporter's total:
    that is a different statistic, kept and shown as such)."""
    shown = display_path(data_dir / sc.TRADE.file)
    keys = ["reporter", "year", "flow", "basis", "reported_by"]
    world = trade[trade["partner"] == WORLD].groupby(keys)["value_usd_m"].max()
    problems = []
    for r in trade[trade["partner"] != WORLD].itertuples():
        total = world.get(tuple(getattr(r, k) for k in keys))
        if total is not None and r.value_usd_m > total + TURNOVER_TOLERANCE:
            problems.append(
                Problem(
                    shown,
                    f"trade with one partner cannot exceed the {r.reporter}'s trade with the world ({WORLD}) in "
                    f"the same year, flow, basis and kind of source ({total:,.1f})",
                    line=int(r.csv_line),
                    column="value_usd_m",
                    value=r.value_usd_m,
                )
            )
    return problems


#: the columns of each table that hold numbers, which must be finite
FINITE = {"trade": ("value_usd_m",), "eu_exports": ("value_eur_m",), "indicators": ("value", "value_high")}
#: units of the indicator table whose figures are shares of a whole
SHARE_UNITS = ("percent", "percent of GDP")


def _check_numbers(data_dir: Path, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every number finite ('1e400' reads as infinity), and a share of a whole at most 100%."""
    problems = []
    for name, columns in FINITE.items():
        frame, shown = frames[name], display_path(data_dir / f"{name}.csv")
        for column in columns:
            for line, value in zip(frame["csv_line"], frame[column], strict=True):
                if pd.notna(value) and not math.isfinite(value):
                    problems.append(
                        Problem(
                            shown,
                            "must be a finite number (this one is too large to be a real figure, or not a number)",
                            line=int(line),
                            column=column,
                            value=value,
                        )
                    )
    ind = frames["indicators"]
    shown = display_path(data_dir / sc.INDICATORS.file)
    for r in ind[ind["unit"].isin(SHARE_UNITS)].itertuples():
        for column in ("value", "value_high"):
            value = getattr(r, column)
            if pd.notna(value) and math.isfinite(value) and value > 100:
                problems.append(
                    Problem(
                        shown,
                        f"a figure in {r.unit} cannot be above 100",
                        line=int(r.csv_line),
                        column=column,
                        value=value,
                    )
                )
    return problems


def _start(text: object) -> pd.Timestamp | None:
    """The first day a date, month, year or period names ('2023' -> 1 Jan 2023; '2023-Q2' -> 1 Apr 2023)."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return None
    if isinstance(text, pd.Timestamp):
        return text
    t = str(text).split("..")[0] or str(text).split("..")[-1]
    m = re.match(r"^(\d{4})(?:-(?:Q([1-4])|H([12])|(\d{2})(?:-(\d{2}))?))?$", t)
    if not m:
        return None
    year, quarter, half, month, day = m.groups()
    month = int(month) if month else (3 * int(quarter) - 2 if quarter else (6 * int(half) - 5 if half else 1))
    return pd.Timestamp(int(year), month, int(day) if day else 1)


#: the date columns of each table: a date after the build date cannot have happened yet
DATES = {
    "countries": ("un_member_since",),
    "unga_resolutions": ("date",),
    "events": ("date",),
    "institutions": ("since",),
    "articles": ("date",),
    "indicators": ("period",),
    "trade": ("year",),
    "eu_exports": ("year",),
}


def _check_dates(data_dir: Path, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """No date, month, year or period may begin after the build date (SOURCE_DATE_EPOCH when it is set)."""
    today = pd.Timestamp(build_date())
    problems = []
    for name, columns in DATES.items():
        frame, shown = frames[name], display_path(data_dir / f"{name}.csv")
        for column in columns:
            for line, value in zip(frame["csv_line"], frame[column], strict=True):
                start = _start(value)
                if start is not None and start > today:
                    problems.append(
                        Problem(
                            shown,
                            f"is after the build date ({today:%Y-%m-%d}): the data can only "
                            "hold what has happened (check the year)",
                            line=int(line),
                            column=column,
                            value=value,
                        )
                    )
    return problems


_EVENT_ID = re.compile(r"^(?P<country>[A-Z]{3})-(?P<date>\d{4}-\d{2}(?:-\d{2})?|undated)(?:-\d+)?$")


def _check_ids(data_dir: Path, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Ids that spell their row's country and date, or article, must agree with it: an event id copied from
    another row and not corrected would attach the event to the wrong country or day."""
    problems = []
    events, shown = frames["events"], display_path(data_dir / sc.EVENTS.file)
    for r in events.itertuples():
        m = _EVENT_ID.match(r.event_id)
        if not m:
            continue
        if m["country"] != r.country:
            problems.append(
                Problem(
                    shown,
                    f"the event id names {m['country']} but the row's country is {r.country}",
                    line=int(r.csv_line),
                    column="event_id",
                    value=r.event_id,
                )
            )
        date = "undated" if pd.isna(r.date) else r.date
        if m["date"] != date:
            problems.append(
                Problem(
                    shown,
                    f"the event id names the date {m['date']} but the row's date is {date}",
                    line=int(r.csv_line),
                    column="event_id",
                    value=r.event_id,
                )
            )
    claims, shown = frames["claims"], display_path(data_dir / sc.CLAIMS.file)
    for r in claims.itertuples():
        article = r.claim_id.split("-")[0]
        if article != r.article_id:
            problems.append(
                Problem(
                    shown,
                    f"the claim id names article {article} but the row's article is {r.article_id}",
                    line=int(r.csv_line),
                    column="claim_id",
                    value=r.claim_id,
                )
            )
    return problems


def _check_tallies(data_dir: Path, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """The book's countries cannot have cast more votes of a kind on a resolution than the world tally has."""
    votes, res = frames["unga_votes"], frames["unga_resolutions"].set_index("res_id")
    shown = display_path(data_dir / sc.VOTES.file)
    column = {"Y": "yes", "N": "no", "A": "abstain", "X": "non_voting"}
    counts = votes.groupby(["res_id", "vote"]).size()
    problems = []
    for (res_id, code), n in counts.items():
        tally = res.at[res_id, column[code]]
        if pd.notna(tally) and n > int(
            tally
        ):  # a tally no source states (non-voting of a press-only vote) binds nothing
            last = votes[(votes["res_id"] == res_id) & (votes["vote"] == code)].iloc[-1]
            problems.append(
                Problem(
                    shown,
                    f"{n} countries in this table have the vote {code} on {res_id}, but its "
                    f"world tally in unga_resolutions.csv has {tally} ({column[code]})",
                    line=int(last["csv_line"]),
                    column="vote",
                    value=code,
                )
            )
    return problems


def outlet_domain(url: str, domains: set[str] | dict) -> str | None:
    """The domain of the source policy a URL belongs to: its host, or the nearest parent domain listed
    ('en.trend.az' -> 'trend.az'); None when the policy has no entry for it."""
    parts = (urlsplit(url).hostname or "").lower().removeprefix("www.").rstrip(".").split(".")
    for i in range(len(parts) - 1):
        if ".".join(parts[i:]) in domains:
            return ".".join(parts[i:])
    return None


def page_key(url: str) -> str:
    """A URL in the form two links to the same page share: scheme, 'www.', a trailing dot or slash, the fragment
    and tracking parameters (utm_*) left out."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").rstrip(".")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith("utm_")))
    return host + (parts.path.rstrip("/") or "/") + (f"?{query}" if query else "")


def _check_duplicate_pages(data_dir: Path, sources: pd.DataFrame) -> list[Problem]:
    """One row per document: a web page is one source row however often it is cited, so two press rows (or a
    press row and any other) may not point at the same page. Rows for data files may share a statistics office's
    download page when their titles name different tables."""
    shown = display_path(data_dir / sc.SOURCES.file)
    problems, seen = [], {}
    for r in sources.itertuples():
        key = page_key(r.url)
        first = seen.setdefault(key, r)
        if first is r:
            continue
        both_files = not r.source_id.startswith(PRESS_PREFIX) and not first.source_id.startswith(PRESS_PREFIX)
        if both_files and r.title != first.title:
            continue
        problems.append(
            Problem(
                shown,
                f"is the same page as source '{first.source_id}' (line {int(first.csv_line)}): "
                "one row per document; keep one of the two rows and point every reference "
                "at its id",
                line=int(r.csv_line),
                column="url",
                value=r.url,
            )
        )
    return problems


#: the tables whose rows cite sources, and the column that names them
CITING = {
    "countries": "source_id",
    "unga_resolutions": "source_id",
    "unga_votes": "source_id",
    "trade": "source_id",
    "eu_exports": "source_id",
    "indicators": "source_id",
    "events": "source_id",
    "institutions": "source_id",
}


def _check_policy(data_dir: Path, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """The source policy (outlets.csv): every source's outlet is in it; nothing rests on a disinformation outlet;
    an aggregator is never the only source of a row; a state-affiliated outlet carries only what officials said,
    whom its source row names in 'relays'."""
    sources, outlets = frames["sources"], frames["outlets"].set_index("domain")
    shown = display_path(data_dir / sc.SOURCES.file)
    domains = set(outlets.index)
    kind: dict[str, str] = {}
    problems = []
    for r in sources.itertuples():
        domain = outlet_domain(r.url, domains)
        if domain is None:
            host = urlsplit(r.url).hostname
            problems.append(
                Problem(
                    shown,
                    f"the source policy (outlets.csv) has no entry for {host}: add the outlet "
                    "with its type, so that the book knows what it may carry",
                    line=int(r.csv_line),
                    column="url",
                    value=r.url,
                )
            )
            continue
        outlet = outlets.loc[domain]
        kind[r.source_id] = outlet["type"]
        if outlet["type"] == "disinformation":
            problems.append(
                Problem(
                    shown,
                    f"is a page of {outlet['outlet']}, a known disinformation outlet: nothing "
                    "may rest on it; cite the original source, or drop the rows that use it",
                    line=int(r.csv_line),
                    column="url",
                    value=r.url,
                )
            )
        elif outlet["type"] in STATE_MEDIA and (not isinstance(r.relays, str) or not r.relays.strip()):
            problems.append(
                Problem(
                    shown,
                    f"{outlet['outlet']} is state-affiliated media, which may carry only what "
                    "officials said: name the official or body it reports in 'relays', or "
                    "cite another source",
                    line=int(r.csv_line),
                    column="relays",
                )
            )
    if problems:
        return problems
    for name, column in CITING.items():
        frame, table_shown = frames[name], display_path(data_dir / f"{name}.csv")
        for line, cell in zip(frame["csv_line"], frame[column], strict=True):
            ids = str(cell).split(";")
            if all(kind.get(i) == "aggregator" for i in ids):
                problems.append(
                    Problem(
                        table_shown,
                        "rests only on an aggregator or reprint site, which may never be the "
                        "only source of anything: cite the original report or another "
                        "source, or drop the row",
                        line=int(line),
                        column=column,
                        value=cell,
                    )
                )
    return problems


def evidence_keys(frames: dict[str, pd.DataFrame]) -> dict[str, set[str]]:
    """For each kind of claim evidence, the ids the data hold (what may follow 'kind:')."""
    return {kind: set(key(frames[table])) for kind, (table, key) in EVIDENCE_TARGETS.items()}


def _check_evidence(data_dir: Path, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every piece of evidence a claim cites must point to a row of the book's tables."""
    shown = display_path(data_dir / sc.CLAIMS.file)
    known = evidence_keys(frames)
    problems = []
    for line, evidence in zip(frames[sc.CLAIMS.name]["csv_line"], frames[sc.CLAIMS.name]["evidence"], strict=True):
        for item in [] if pd.isna(evidence) else evidence.split(";"):
            kind, _, key = item.partition(":")
            if key not in known[kind]:
                rule = f"evidence points to nothing: '{key}' is not {EVIDENCE_KINDS[kind]}"
                problems.append(Problem(shown, rule, line=int(line), column="evidence", value=item))
    return problems


def check(data_dir: Path, frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every rule that joins rows or tables, as Problems (none when the data keep them all). The links between
    tables come first: the other rules read the rows the links point to."""
    problems = _check_refs(data_dir, frames)
    if problems:
        return problems
    problems = _check_duplicate_pages(data_dir, frames[sc.SOURCES.name]) + _check_policy(data_dir, frames)
    if problems:
        return problems
    problems = (
        _check_partner_colours(data_dir, frames)
        + _check_trade(data_dir, frames[sc.TRADE.name])
        + _check_numbers(data_dir, frames)
        + _check_world_totals(data_dir, frames[sc.TRADE.name])
        + _check_dates(data_dir, frames)
        + _check_ids(data_dir, frames)
        + _check_tallies(data_dir, frames)
        + _check_evidence(data_dir, frames)
    )
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or ""))
