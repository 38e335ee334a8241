"""Blocks that more than one chapter shows: the vote key and symbol footnote, the source line of the stance
tables, the table of claims checked, and the remittance estimates that disagree."""

from __future__ import annotations

import pandas as pd

from ..compute import migration as m
from ..compute import stance as st
from ..compute import votes as v
from ..compute.sources import is_press
from ..data import Dataset
from . import tables
from . import text as tx
from .escape import Markup, join
from .style import verdict_css, vote_css


def labelled(res: pd.DataFrame) -> pd.Series:
    """Resolution labels ('ES-11/1'), with the uncertainty marker where the symbol is not certain."""
    marks = res["symbol_basis"].map(lambda b: tx.UNCERTAIN if b in tx.SYMBOL_NOTES else "")
    return v.label(res) + marks


def vote_legend() -> Markup:
    """A colour key for vote tables, with the words, so that colour is never the only cue."""
    swatches = join(
        Markup(
            '<span style="display:inline-block; margin-right:1em;"><span style="{} display:inline-block; '
            'min-width:2.2em; padding:0 0.3em;">{}</span> {}</span>'
        ).format(vote_css(code), code, label)
        for code, label in tx.VOTE_LABELS.items()
    )
    return Markup('<p class="stancebook-legend">Key: {}</p>').format(swatches)


def symbol_note(ds: Dataset) -> str | None:
    """The footnote for tables whose resolution labels carry the uncertainty marker."""
    res = v.resolutions(ds)
    lines = []
    for basis, text in tx.SYMBOL_NOTES.items():
        labels = v.label(res[res["symbol_basis"] == basis]).tolist()
        if labels:
            lines.append(f"{', '.join(labels)}: {text}")
    if not lines:
        return None
    return f"{tx.UNCERTAIN} " + "; ".join(lines) + "."


def vote_source(ds: Dataset, countries: list[str] | None = None) -> Markup:
    """The key, the symbol footnote and the source line under a vote table."""
    return vote_legend() + tables.source_line(ds, v.source_ids(ds, countries), symbol_note(ds))


def stance_source(ds: Dataset, iso3: str | None = None) -> Markup:
    """The source line under a stance table: the UN voting record and the pages of any vote known from the press,
    and how many press pages the events rest on (they are linked event by event)."""
    ids = st.source_ids(ds, iso3)
    where = "on each country's page" if iso3 is None else "in the events table below"
    # the pages a vote known from the press rests on are named here; the events' pages are counted
    votes = set(v.source_ids(ds, None if iso3 is None else [iso3]))
    named = [i for i in ids if not is_press(i) or i in votes]
    events = [i for i in ids if is_press(i) and i not in votes]
    return tables.source_line(ds, named, tables.press_note(ds, events, where))


def as_above(what: str) -> Markup:
    """The source line of a table whose sources were named once already in its section."""
    return tables.paragraph(
        f"Source: the events and votes behind {what} above, as its source line names them.",
        css_class="stancebook-source",
    )


def event_summary(event: pd.Series) -> str:
    """What an event says: its summary, or for a UN vote the vote and the resolution."""
    if event.get("category") == st.UN_VOTE:
        return f"{tx.VOTE_LABELS[event['vote']]} on {event['resolution']} ({event['resolution_title']})"
    return str(event["summary"])


def describe_evidence(ds: Dataset, item: str) -> tuple[str, str | None, list[str]]:
    """A reader-facing description of one piece of a claim's evidence: a short label (whose it is, when, what
    kind), the detail behind it (an event's summary, a resolution's title; None when the label says it all), and
    the source ids behind it."""
    kind, _, key = item.partition(":")
    if kind == "event":
        e = ds.events[ds.events["event_id"] == key].iloc[0]
        label = f"{ds.name(e['country'])}, {tx.event_date(e['date'])}, {tx.lowered(tx.CATEGORY_LABELS[e['category']])}"
        return label, str(e["summary"]), e["source_id"].split(";")
    if kind == "vote":
        iso3, res_id = key.split("/", 1)
        row = ds.unga_votes[(ds.unga_votes["iso3"] == iso3) & (ds.unga_votes["res_id"] == res_id)].iloc[0]
        res = ds.unga_resolutions.loc[[res_id]]
        return (
            f"{ds.name(iso3)} on {v.label(res).iloc[0]}: {tx.VOTE_LABELS[row['vote']]}",
            str(res["short_title"].iloc[0]),
            [res["source_id"].iloc[0], row["source_id"]],
        )
    if kind == "tie":
        iso3, inst = key.split("/")
        t = ds.institutions[(ds.institutions["country"] == iso3) & (ds.institutions["institution"] == inst)].iloc[0]
        since = f" (since {t['since']})" if pd.notna(t["since"]) else ""
        return f"{ds.name(iso3)}, {tx.INSTITUTION_LABELS[inst]}: {t['status']}{since}", None, t["source_id"].split(";")
    if kind == "trade":
        reporter, partner, year, flow = key.split("/")
        rows = ds.trade[
            (ds.trade["reporter"] == reporter)
            & (ds.trade["partner"] == partner)
            & (ds.trade["year"] == int(year))
            & (ds.trade["flow"] == flow)
        ]
        primary = rows[rows["primary"] == "yes"]
        whole = rows[rows["months"].isna()]  # a calendar year's figure before one for some of its months
        r = (primary if not primary.empty else whole if not whole.empty else rows).iloc[0]
        what = "official statistics" if r["primary"] == "yes" else "as reported"
        return (
            f"{ds.name(reporter)} {flow} with {ds.partners.at[partner, 'name']}, {year}: "
            f"US$ {r['value_usd_m']:,.1f} m ({what})",
            None,
            r["source_id"].split(";"),
        )
    if kind == "indicator":
        iso3, indicator, period = key.split("/")
        rows = ds.indicators[
            (ds.indicators["country"] == iso3)
            & (ds.indicators["indicator"] == indicator)
            & (ds.indicators["period"] == period)
        ]
        r = rows.iloc[0]
        label = ds.indicator_definitions.at[indicator, "label"]
        value = tx.format_value(r["value"], r["unit"], r["precision"], r["value_high"])
        return (
            f"{tx.place_name(ds, iso3)}, {label}, {tx.period_label(period)}: {value}",
            None,
            r["source_id"].split(";"),
        )
    return str(ds.sources.at[key, "publisher"]), None, [key]


def claims_table(ds: Dataset, claims: pd.DataFrame, uuid: str):
    """The claims with their verdict, the reason, and the evidence (described, with its sources linked)."""
    evidence = []
    for ev in claims["evidence"]:
        if pd.isna(ev):
            evidence.append("none in the book's data")
            continue
        items = []
        for item in ev.split(";"):
            label, detail, ids = describe_evidence(ds, item)
            # the detail is for the screen; the printed list keeps the short label and the sources
            more = Markup('<span class="stancebook-screen-only">: {}</span>').format(detail) if detail else ""
            items.append(Markup("{}{} ({})").format(label, more, tables.source_links(ds, ids)))
        evidence.append(join(items, Markup("<br>")))
    table = pd.DataFrame(
        {
            "Claim": claims["claim_id"].values,
            "Article": claims["article_id"].map(ds.articles["cite_as"]).values,
            "About": [tx.place_name(ds, c) for c in claims["country"]],
            "What the article says (paraphrased)": claims["claim"].values,
            "Verdict": claims["verdict"].map(tx.VERDICT_LABELS).values,
            "Why": [
                text if pd.isna(later) else Markup("{}<br><em>Since then:</em> {}").format(text, later)
                for text, later in zip(claims["explanation"], claims["since_then"], strict=True)
            ],
            "Evidence": evidence,
        }
    )
    css = pd.DataFrame("", index=table.index, columns=table.columns)
    css["Verdict"] = claims["verdict"].map(verdict_css).values
    return tables.styled(table, uuid, kind="stancebook-figures stancebook-claims", css=css)


def remittance_conflicts(ds: Dataset, countries: list[str]) -> tuple[object, Markup] | None:
    """The estimates of remittances that differ from the World Bank's by more than the stated tolerance, as a
    table and its note; None when none do."""
    found = m.conflicts(ds, countries)
    if found.empty:
        return None
    labels = ds.indicator_definitions["label"]
    units = ds.indicator_definitions.index.map(lambda i: "percent of GDP" if "pct_gdp" in i else "USD")
    unit = dict(zip(ds.indicator_definitions.index, units, strict=True))
    table = pd.DataFrame(
        {
            "Country": [ds.name(c) for c in found["country"]],
            "Year": [str(y) for y in found["year"]],
            "World Bank (WDI)": [
                tx.format_value(x, unit[i]) for x, i in zip(found["value"], found["indicator"], strict=True)
            ],
            "Other estimate": [
                f"{tx.format_value(x, unit[i])}: {labels[i]}"
                for x, i in zip(found["other_value"], found["other_indicator"], strict=True)
            ],
            "Difference": [f"{g:+.0%}" for g in found["gap"]],
            "Source of the other estimate": [tables.source_links(ds, s) for s in found["source_id"]],
        }
    )
    note = tables.small(
        f"Estimates of the same measure, country and year that differ from the World Bank's by more than "
        f"{m.TOLERANCE:.0%} of its value. Neither is averaged or preferred silently: the charts use the World Bank's "
        "series, and a value with a wide gap here should be read as uncertain."
    )
    return tables.styled(table, f"remittance-conflicts-{'-'.join(c.lower() for c in countries)}"), note


def conflict_sentence(ds: Dataset, countries: list[str]) -> str:
    """Where other estimates differ from the World Bank's by more than the tolerance: which countries and years."""
    found = m.conflicts(ds, countries)
    if found.empty:
        return ""
    cases = found.drop_duplicates(["country", "year"])
    where = [
        f"{ds.name(c)} in {y}" if len(countries) > 1 else str(y)
        for c, y in zip(cases["country"], cases["year"], strict=True)
    ]
    return (
        f" For {tx.names_list(where)}, other published estimates differ from the World Bank's by more than "
        f"{m.TOLERANCE:.0%}, so those values are uncertain; the table below the chart gives both."
    )
