"""The source articles: what each says about each country, where they agree, and their claims checked."""

from __future__ import annotations

import pandas as pd

from . import migration as m
from . import stance as st
from . import votes as v
from .data import Dataset
from .schemas import AGGREGATES, VERDICTS

REGION = "CA5"
VERDICT_LABELS = {"supported": "Supported", "partly_supported": "Partly supported", "misstated": "Misstated",
                  "not_verifiable": "Not verifiable"}
PORTRAYAL_LABELS = {**st.DIRECTION_LABELS, "mentioned": "Mentioned, no stance"}
STATUS_NOTES = {"unverified": "unverified", "not_found": "not found"}


def place_name(ds: Dataset, code: str) -> str:
    """A country's name, or 'Central Asia' for the five together."""
    return "Central Asia (all five)" if code in AGGREGATES else ds.name(code)


def places(ds: Dataset) -> list[str]:
    """The region first, then the focus countries, in file order."""
    return [REGION, *ds.focus]


def citation(ds: Dataset, article_id: str) -> str:
    """A reference-list entry: author (or publisher), date, title, publisher, URL; unverified parts marked."""
    a = ds.articles.loc[article_id]
    author = a["author"] if pd.notna(a["author"]) else "Author not identified"
    if a["author_status"] == "unverified":
        author += " (attribution unverified)"
    date = m.period_label(a["date"]) + (" (unverified)" if a["date_status"] == "unverified" else "")
    url = {"not_found": "URL not found",
           "listing_page": f"<{a['url']}> (a listing page showing the article; the article's own URL was not found)",
           "copy": f"<{a['url']}> (a copy; the publisher's own URL was not found)"}.get(a["url_status"],
                                                                                        f"<{a['url']}>")
    title = a["title"] if a["title"].endswith(("?", "!", ".")) else a["title"] + "."
    return f"{author}. {date}. \u201c{title}\u201d {a['publisher']}. {url}."


def portrayal_matrix(ds: Dataset) -> pd.DataFrame:
    """Places (rows: the region, then each country) by article (columns): the article's portrayal code, or NA."""
    views = ds.article_views
    wide = views.pivot(index="country", columns="article_id", values="portrayal")
    return wide.reindex(index=places(ds), columns=ds.articles.index)


def agreement(ds: Dataset) -> pd.DataFrame:
    """For each place: how many articles characterise it, the portrayals they give, and whether they agree.

    'agree': every article that gives a stance gives the same one; 'mostly': more than half give the
    same one; 'split': no stance has a majority. 'Mentioned, no stance' neither agrees nor disagrees.
    """
    matrix = portrayal_matrix(ds)
    rows = []
    for place, codes in matrix.iterrows():
        given = codes.dropna()
        stances = given[given != "mentioned"]
        counts = stances.value_counts()
        rows.append({
            "place": place,
            "articles": len(given),
            "with_stance": len(stances),
            "portrayals": {PORTRAYAL_LABELS[k]: int(n) for k, n in counts.items()},
            "agreement": ("agree" if len(counts) == 1 else
                          "mostly" if len(counts) and counts.iloc[0] > len(stances) / 2 else "split"),
            "majority": counts.index[0] if len(counts) and counts.iloc[0] > len(stances) / 2 else None,
        })
    return pd.DataFrame(rows).set_index("place")


def book_positions(ds: Dataset) -> pd.Series:
    """This book's overall position for each focus country: the stance index, read as a position."""
    index = st.index_table(ds, (st.BASE,))[st.BASE.key]
    return index.map(st.position)


def verdict_counts(ds: Dataset) -> pd.DataFrame:
    """Articles (rows) by verdict (columns): how many claims got each verdict."""
    c = ds.claims
    table = pd.crosstab(c["article_id"], c["verdict"]).reindex(index=ds.articles.index, columns=list(VERDICTS),
                                                               fill_value=0)
    table["total"] = table.sum(axis=1)
    return table


def describe_evidence(ds: Dataset, item: str) -> tuple[str, list[str]]:
    """A reader-facing description of one piece of evidence, and the source ids behind it."""
    kind, _, key = item.partition(":")
    if kind == "event":
        e = ds.events[ds.events["event_id"] == key].iloc[0]
        when = m.period_label(e["date"]) if pd.notna(e["date"]) else "undated"
        return f"{ds.name(e['country'])}, {when}: {e['summary']}", e["source_id"].split(";")
    if kind == "vote":
        iso3, res_id = key.split("/", 1)
        row = ds.votes[(ds.votes["iso3"] == iso3) & (ds.votes["res_id"] == res_id)].iloc[0]
        res = ds.resolutions.loc[[res_id]]
        label = v.label(res).iloc[0]
        return (f"{ds.name(iso3)} on {label} ({res['short_title'].iloc[0]}): {v.VOTE_LABELS[row['vote']]}",
                [res["source_id"].iloc[0], row["source_id"]])
    if kind == "tie":
        iso3, inst = key.split("/")
        t = ds.institutions[(ds.institutions["country"] == iso3) & (ds.institutions["institution"] == inst)].iloc[0]
        since = f" (since {t['since']})" if pd.notna(t["since"]) else ""
        return f"{ds.name(iso3)}, {inst}: {t['status']}{since}", t["source_id"].split(";")
    if kind == "trade":
        reporter, partner, year, flow = key.split("/")
        rows = ds.trade[(ds.trade["reporter"] == reporter) & (ds.trade["partner"] == partner)
                        & (ds.trade["year"] == int(year)) & (ds.trade["flow"] == flow)]
        primary = rows[rows["primary"] == "yes"]
        r = (primary if not primary.empty else rows).iloc[0]
        what = "official statistics" if r["primary"] == "yes" else "as reported"
        return (f"{ds.name(reporter)} {flow} with {ds.partners.at[partner, 'name']}, {year}: "
                f"US$ {r['value_usd_m']:,.1f} m ({what})", r["source_id"].split(";"))
    if kind == "indicator":
        iso3, indicator, period = key.split("/")
        rows = ds.indicators[(ds.indicators["country"] == iso3) & (ds.indicators["indicator"] == indicator)
                             & (ds.indicators["period"] == period)]
        r = rows.iloc[0]
        label = ds.indicator_definitions.at[indicator, "label"]
        value = m.format_value(r["value"], r["unit"], r["precision"], r["value_high"])
        return f"{place_name(ds, iso3)}, {label}, {m.period_label(period)}: {value}", r["source_id"].split(";")
    s = ds.sources.loc[key]
    return f"{s['publisher']}", [key]


def claims_for(ds: Dataset, article_id: str | None = None, country: str | None = None) -> pd.DataFrame:
    """The claims of one article, or about one place (or all), in claim order."""
    c = ds.claims
    if article_id is not None:
        c = c[c["article_id"] == article_id]
    if country is not None:
        c = c[c["country"] == country]
    return c.sort_values("claim_id")


def summary(ds: Dataset) -> dict[str, object]:
    """The facts the sources chapter states in its prose, computed from the data."""
    c = ds.claims
    counts = c["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)
    agree = agreement(ds)
    countries = agree.drop(index=REGION)
    return {
        "n_articles": len(ds.articles),
        "n_claims": len(c),
        "n_supported": int(counts["supported"]),
        "n_partly": int(counts["partly_supported"]),
        "n_misstated": int(counts["misstated"]),
        "n_not_verifiable": int(counts["not_verifiable"]),
        "n_unverified_meta": int(((ds.articles["author_status"] != "verified")
                                  | (ds.articles["date_status"] != "verified")
                                  | (ds.articles["url_status"] != "verified")).sum()),
        "agreed_on": [ds.name(p) for p in countries.index if countries.at[p, "agreement"] == "agree"
                      and countries.at[p, "with_stance"] > 1],
        "mostly_agreed_on": [ds.name(p) for p in countries.index if countries.at[p, "agreement"] == "mostly"],
        "split_on": [ds.name(p) for p in countries.index if countries.at[p, "agreement"] == "split"],
    }
