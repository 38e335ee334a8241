"""Words for codes, and numbers, dates, periods and lists written as prose: plain text, never markup.

Everything here returns a ``str`` that may hold text from ``data/``; it reaches a page only through
``stancebook.present.escape`` (in HTML) or as glued plain text.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pandas as pd

from ..compute.periods import point
from ..compute.vintage import Vintage
from ..data import Dataset
from ..data.clock import build_date
from ..data.vocab import AGGREGATES, INVASION

# --- words for codes ------------------------------------------------------------------------------------
VOTE_LABELS = {"Y": "Yes", "A": "Abstain", "N": "No", "X": "Not voting"}
#: the runs of resolutions (vocab.RESOLUTION_SERIES), as a sentence names them
SERIES_LABELS = {
    "territorial_integrity": "the resolution on Ukraine's territorial integrity",
    "crimea_human_rights": "the yearly resolution on human rights in Crimea (later, in all the occupied "
    "territories of Ukraine)",
    "crimea_militarisation": "the yearly resolution on the militarisation of Crimea",
    "emergency_special_session": "the resolutions of the emergency special session on Ukraine",
    "nuclear_safety": "the resolution on the safety of Ukraine's nuclear facilities",
}
VOTE_VERBS = {"Y": "voted yes on", "A": "abstained on", "N": "voted no on", "X": "did not vote on"}
DIRECTION_LABELS = {"toward_russia": "Toward Russia", "hedging": "Hedging", "away_from_russia": "Away from Russia"}
#: a dimension's or country's position, by the code ``compute.stance.position`` gives
POSITION_LABELS = {
    "toward_russia": "Toward Russia",
    "hedging": "Hedging or mixed",
    "away_from_russia": "Away from Russia",
    "no_events": "no events recorded",
    "too_few_events": "too few events",
    "did_not_vote": "Did not vote",
    "not_placed": "too little evidence to place",
}
DIMENSION_LABELS = {
    "un_votes": "UN General Assembly votes",
    "recognition": "Recognition of annexed territory",
    "sanctions": "Sanctions policy",
    "security": "Security ties",
    "rhetoric": "Rhetoric",
    "symbolic_domestic": "Symbolic and domestic acts",
    "humanitarian": "Humanitarian aid",
    "leader_visits": "Leader visits",
    "diversification": "Diversification toward other partners",
    "migration": "Labour-migration relations",
}
CATEGORY_LABELS = {
    "un_vote": DIMENSION_LABELS["un_votes"],
    "recognition": DIMENSION_LABELS["recognition"],
    "sanctions": DIMENSION_LABELS["sanctions"],
    "security": DIMENSION_LABELS["security"],
    "rhetoric": DIMENSION_LABELS["rhetoric"],
    "symbolic_domestic": DIMENSION_LABELS["symbolic_domestic"],
    "humanitarian": DIMENSION_LABELS["humanitarian"],
    "leader_visit": DIMENSION_LABELS["leader_visits"],
    "multilateral": DIMENSION_LABELS["diversification"],
    "migration": DIMENSION_LABELS["migration"],
    "western_designation": "Western designation",
}
VARIANT_LABELS = {
    "base": "Base coding",
    "non_voting": "Not voting counts as abstaining",
    "verified_only": "Only primary or corroborated events",
    "no_state_media": "Events resting only on state media dropped",
    "rhetoric_half": "Rhetoric weighted half",
    "no_threshold": "No evidence threshold (one event scores a dimension)",
    "higher_threshold": "Five events needed to score a dimension",
    "shared_counted": "Gatherings all attended scored too",
    "all_three": "Not voting as abstaining, primary or corroborated only, rhetoric half",
}
INSTITUTION_LABELS = {
    "CSTO": "Collective Security Treaty Organization (CSTO)",
    "EAEU": "Eurasian Economic Union (EAEU)",
    "CIS": "Commonwealth of Independent States (CIS)",
    "SCO": "Shanghai Cooperation Organisation (SCO)",
    "OTS": "Organization of Turkic States (OTS)",
    "BRICS": "BRICS",
    "RUS_MILITARY": "Russian military facilities",
    "TALIBAN": "The Taliban government of Afghanistan",
    "ICC": "International Criminal Court (Rome Statute)",
}
VERDICT_LABELS = {
    "supported": "Supported",
    "partly_supported": "Partly supported",
    "misstated": "Misstated",
    "not_verifiable": "Not verifiable",
}
PORTRAYAL_LABELS = {**DIRECTION_LABELS, "mentioned": "Mentioned, no stance"}
AGREEMENT_LABELS = {"agree": "All agree", "mostly": "Mostly agree", "split": "Split"}
BASIS_LABELS = {"goods": "goods", "goods_and_services": "goods and services", "not_stated": "basis not stated"}
REPORTED_BY_LABELS = {
    "reporter": "own statistics",
    "partner": "partner's statistics (mirror)",
    "statement": "statement by an official",
}
PRECISION_LABELS = {
    "as_published": "",
    "rounded": "rounded",
    "approximate": "approximate",
    "lower_bound": "lower bound ('more than')",
    "range": "range",
}
#: what a country's UN voting did after the invasion, by the verdict of compute.votes.before_after
CHANGE_LABELS = {
    "away": "voted with Russia less often after the invasion",
    "toward": "voted with Russia more often after the invasion",
    "unchanged": "voted much as before",
    "too_few": "cast too few votes in one of the periods to tell",
    "never_voted": "voted in neither period",
}
#: how well an event is sourced (compute.sources.grade)
GRADE_LABELS = {
    "primary": "primary source",
    "corroborated": "two or more independent outlets",
    "single": "one independent outlet",
    "state_media": "state-affiliated media only",
}
#: whose act an event is, for the events that are listed but not scored
ACTOR_TYPE_LABELS = {
    "state": "the state's own act",
    "firm": "act of a firm",
    "press": "press report",
    "other_state": "act or statement of another state",
}
#: kinds of outlet (the source policy), as the references and source lines name them
OUTLET_TYPE_LABELS = {
    "official": "official",
    "intergovernmental": "intergovernmental organisation",
    "academic": "academic or research",
    "independent_media": "independent media",
    "state_media_russia": "Russian state media",
    "state_media_other": "state-affiliated media",
    "aggregator": "aggregator or reprint",
    "disinformation": "disinformation outlet",
}
SYMBOL_NOTES = {
    "recalled": "symbol recalled by the compilers, not read from the data file",
    "inferred": "symbol inferred from the order of adoption",
    "unknown": "symbol not known; identified by its UN Digital Library record",
}
#: marker added to a resolution label whose symbol is not certain
UNCERTAIN = "†"
#: what a cell says when there is nothing to show
NO_DATA = "no data"
NO_VALUE = "–"
#: the chapter on the source articles calls the region by this name
REGION_NAME = "Central Asia (all five)"

# --- numbers, dates and lists ---------------------------------------------------------------------------
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PRECISION_MARKS = {
    "as_published": "",
    "rounded": " (rounded)",
    "approximate": "about ",
    "lower_bound": "more than ",
    "range": "",
    "not_published": "",
}


def percent(x: float, digits: int = 1) -> str:
    return NO_DATA if pd.isna(x) else f"{x:.{digits}f}%"


def usd_m(x: float) -> str:
    return NO_DATA if pd.isna(x) else f"US${x:,.1f} million"


def score(x: float) -> str:
    """A stance score with its sign and a true minus: '+0.50', '−1.00'; '–' for none."""
    return NO_VALUE if pd.isna(x) else f"{x:+.2f}".replace("-", "−")


def date_text(d: pd.Timestamp | dt.date) -> str:
    """'24 February 2022'."""
    return f"{d.day} {d:%B %Y}"


def short_date(d: pd.Timestamp) -> str:
    """'24 Feb 2022'."""
    return f"{d.day} {d:%b %Y}"


def names_list(names: list[str], empty: str = "none") -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    if not names:
        return empty
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def ordinal(n: int) -> str:
    return {
        1: "first",
        2: "second",
        3: "third",
        4: "fourth",
        5: "fifth",
        6: "sixth",
        7: "seventh",
        8: "eighth",
        9: "ninth",
        10: "tenth",
    }.get(n, f"{n}th")


def count(n: int, one: str, many: str | None = None) -> str:
    """'1 event', '3 events'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def fraction(x: float) -> str:
    """A threshold as readers write it: 1/3 for a third, otherwise the number."""
    f = Fraction(x).limit_denominator(12)
    return f"{f.numerator}/{f.denominator}" if abs(float(f) - x) < 1e-12 and f.denominator > 1 else f"{x:g}"


def lowered(label: str) -> str:
    """A label inside a sentence: its first letter in lower case, unless its first word is an acronym ('UN
    General Assembly votes' stays, 'Leader visits' becomes 'leader visits'); the rest as written (Russia)."""
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return label
    return label[:1].lower() + label[1:]


def change_rule(shift: float, min_cast: int) -> str:
    """The rule by which the book calls a change in a country's UN voting, as a sentence says it."""
    return (
        f"a change is called when the share of its votes that matched Russia's moves by at least "
        f"{fraction(float(shift))}, with at least {min_cast} votes cast in each period"
    )


def invasion_date() -> str:
    return date_text(INVASION)


def _point_label(p: dict, with_year: bool = True) -> str:
    year = f" {p['y']}" if with_year else ""
    if "q" in p:
        return f"Q{p['q']}{year}"
    if "h" in p:
        return f"H{p['h']}{year}"
    if "d" in p:
        return f"{p['d']} {MONTHS[p['m'] - 1]}{year}"
    if "m" in p:
        return f"{MONTHS[p['m'] - 1]}{year}"
    return str(p["y"])


def period_label(period: str) -> str:
    """'2022-Q2' -> 'Q2 2022'; '2021-01..2021-09' -> 'Jan–Sep 2021'; '..2024' -> 'up to 2024'."""
    if ".." not in period:
        return _point_label(point(period))
    start, end = period.split("..")
    end_p = point(end)
    if not start:
        return f"up to {_point_label(end_p)}"
    start_p = point(start)
    same_year = start_p["y"] == end_p["y"]
    return f"{_point_label(start_p, with_year=not same_year)}–{_point_label(end_p)}"


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_year(period: str) -> str:
    """The month (or year) a date or period falls in: '2022-07-05' -> 'July 2022', '2022' -> '2022'."""
    p = point(period.split("..")[-1])
    return f"{MONTH_NAMES[p['m'] - 1]} {p['y']}" if "m" in p else str(p["y"])


def year_and_months(year: int, months: object) -> str:
    """'2025', or 'Jan–Sep 2025' for a figure that covers some months of the year."""
    if pd.isna(months) or not months:
        return str(year)
    first, last = (int(m) for m in str(months).split(".."))
    span = MONTHS[first - 1] if first == last else f"{MONTHS[first - 1]}–{MONTHS[last - 1]}"
    return f"{span} {year}"


def long_event_date(text: str) -> str:
    """An event's date as prose writes it: '24 February 2022', 'February 2026' (a month only), '2025'."""
    parts = str(text).split("-")
    if len(parts) == 3:
        return date_text(pd.Timestamp(str(text)))
    if len(parts) == 2:
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return str(text)


def event_date(text: object) -> str:
    """An event's date as written in a table: '17 Jun 2022', 'Jun 2022' or 'undated'."""
    return "undated" if pd.isna(text) or not text else period_label(str(text))


def format_value(value: float, unit: str, precision: str = "as_published", high: float | None = None) -> str:
    """A figure as prose would write it: '32.7% of GDP', 'US$2.45 billion', '1,063,000 persons'."""
    if precision == "not_published":
        return "not published"

    def one(x: float) -> str:
        if unit.startswith("percent"):
            return f"{x:,.2f}".rstrip("0").rstrip(".")
        if unit in ("USD", "current US$"):
            if x >= 1e9:
                return f"US${x / 1e9:,.2f}".rstrip("0").rstrip(".") + " billion"
            return f"US${x / 1e6:,.1f}".rstrip("0").rstrip(".") + " million"
        return f"{x:,.0f}"

    text = one(value) if high is None or pd.isna(high) else f"{one(value)} to {one(high)}"
    if unit == "percent of GDP":
        text += "% of GDP"
    elif unit.startswith("percent change"):
        text = ("+" if value > 0 else "") + text + "% on the year before"
    elif unit == "percent":
        text += "%"
    mark = PRECISION_MARKS[precision]
    return text + mark if mark.startswith(" ") else mark + text


def place_name(ds: Dataset, code: str) -> str:
    """A country's name, or the region's for the five together."""
    return REGION_NAME if code in AGGREGATES else ds.name(code)


def resolution_label(row: pd.Series) -> str:
    """A resolution's short label with the uncertainty marker where its symbol is not certain."""
    return str(row["label"]) + (UNCERTAIN if row["symbol_basis"] in SYMBOL_NOTES else "")


# --- the data's vintage ---------------------------------------------------------------------------------


def vintage_text(v: Vintage) -> str:
    """'Data: UN votes to 3 December 2025, trade to 2023, ... (data fingerprint 0123456789)'."""
    parts = []
    if v.votes_to is not None:
        parts.append(f"UN votes to {date_text(v.votes_to)}")
    if v.trade_to is not None:
        later = (
            f" (official tables; reported figures to {v.trade_reported_to})"
            if v.trade_reported_to and v.trade_reported_to > v.trade_to
            else ""
        )
        parts.append(f"trade to {v.trade_to}{later}")
    if v.remittances_to is not None:
        parts.append(f"remittances to {v.remittances_to}")
    if v.events_to is not None:
        parts.append(f"events to {v.events_to:%B %Y}")
    return f"Data: {', '.join(parts) or 'none'} (data fingerprint {v.fingerprint})"


def footer_text(v: Vintage, built: dt.date | None = None) -> str:
    """The line at the foot of every page: when the book was built, and from what data."""
    built = built or build_date()
    return f"Built {date_text(built)}. {vintage_text(v)}."
