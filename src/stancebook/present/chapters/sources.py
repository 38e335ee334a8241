"""The chapter on the source articles (``chapters/templates/sources.ipynb``): what each article says about
each country, where they agree, and every claim checked against the data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...compute import facts as facts_
from ...compute import claims as cl
from ...data import Dataset
from .. import blocks, glue, tables
from .. import text as tx
from ..escape import Markup, join, link
from ..style import position_css

CHAPTER = "sources"
_STATUS = {"unverified": "unverified", "not_found": "not found"}


def load(data_dir: str | Path, prepared: str | Path = "") -> Dataset:
    """The part of ``data_dir`` this chapter reads (see ``stancebook.data.scope``); from the build's bundle at
    ``prepared`` when it matches the data (``stancebook.compute.facts.load``)."""
    return facts_.load(data_dir, CHAPTER, prepared=prepared)


def facts(ds: Dataset) -> dict[str, object]:
    f = cl.summary(ds)
    names = lambda codes: tx.names_list([ds.name(c) for c in codes])  # noqa: E731
    first, last = f["first_date"], f["last_date"]
    return {
        "n_articles": f["n_articles"], "n_claims": f["n_claims"], "n_supported": f["n_supported"],
        "n_partly": f["n_partly"], "n_misstated": f["n_misstated"], "n_not_verifiable": f["n_not_verifiable"],
        "n_unverified_meta": f["n_unverified_meta"],
        "mostly_agreed_on": names(f["mostly_agreed_on"]), "split_on": names(f["split_on"]),
        "n_since_then": f["n_since_then"],
        "region_text": region_text(ds, f["region_readings"]),
        "articles_span": (f"in {tx.month_year(first)}" if tx.month_year(first) == tx.month_year(last) else
                          f"between {tx.month_year(first)} and {tx.month_year(last)}"),
    }


def region_text(ds: Dataset, readings: dict[str, list[str]]) -> str:
    """How the articles read the region as a whole, most common reading first: 'Three of the five articles read the
    region as a whole as hedging; one (X) reads it as moving away from Russia.'"""
    if not readings:
        return "None of the articles characterises the region as a whole."
    n = len(ds.articles)
    order = sorted(readings, key=lambda k: -len(readings[k]))
    parts = []
    for i, code in enumerate(order):
        arts = readings[code]
        label = tx.lowered(tx.PORTRAYAL_LABELS[code])
        who = "" if len(arts) > 2 else f" ({tx.names_list([ds.articles.at[a, 'cite_as'] for a in arts])})"
        verb = "reads" if len(arts) == 1 else "read"
        parts.append(f"{len(arts)}{who} {verb} the region as a whole as {label}" if i == 0 else
                     f"{len(arts)}{who} as {label}")
    return f"Of the {tx.count(n, 'article')}, " + "; ".join(parts) + "."


def glue_all(ds: Dataset) -> None:
    glue.glue(CHAPTER, facts(ds))


def citation(ds: Dataset, article_id: str) -> Markup:
    """A reference-list entry: author (or publisher), date, title, publisher, URL; unverified parts marked."""
    a = ds.articles.loc[article_id]
    author = a["author"] if pd.notna(a["author"]) else "Author not identified"
    if a["author_status"] == "unverified":
        author += " (attribution unverified)"
    date = tx.period_label(a["date"]) + (" (unverified)" if a["date_status"] == "unverified" else "")
    where = {"listing_page": " (a listing page showing the article; the article's own URL was not found)",
             "copy": " (a copy; the publisher's own URL was not found)"}.get(a["url_status"], "")
    address = "URL not found" if a["url_status"] == "not_found" else link(a["url"], a["url"]) + where
    title = a["title"] if a["title"].endswith(("?", "!", ".")) else a["title"] + "."
    return Markup("{}. {}. \u201c{}\u201d {}. {}.").format(author, date, title, a["publisher"], address)


def show_bibliography(ds: Dataset) -> None:
    entries = Markup("<ol>{}</ol>").format(join(Markup("<li>{}</li>").format(citation(ds, a))
                                                for a in ds.articles.index))
    notes = [[tables.strong(ds.articles.at[a, "cite_as"]), ": ", ds.articles.at[a, "note"]]
             for a in ds.articles.index if pd.notna(ds.articles.at[a, "note"])]
    tables.show(entries, tables.paragraph("What could and could not be checked about each article:"),
                tables.lines(join(n) for n in notes))


def portrayal_table(ds: Dataset):
    mat = cl.portrayal_matrix(ds)
    views = ds.article_views.set_index(["country", "article_id"])["gist"]
    book = cl.book_positions(ds)
    table = pd.DataFrame({"Place": [tx.place_name(ds, p) for p in mat.index]})
    css = pd.DataFrame({"Place": ""}, index=table.index)
    for a in mat.columns:
        column = ds.articles.at[a, "cite_as"]
        table[column] = ["not discussed" if pd.isna(code) else
                         Markup("<b>{}</b><br><span class='stancebook-definition'>{}</span>").format(
                             tx.PORTRAYAL_LABELS[code], views[(p, a)])
                         for p, code in mat[a].items()]
        css[column] = [position_css(code) for code in mat[a]]
    positions = [book.get(p) if p in book.index else None for p in mat.index]
    table["This book's index"] = [tx.POSITION_LABELS[p] if p else tx.NO_VALUE for p in positions]
    css["This book's index"] = [position_css(p) for p in positions]
    return tables.styled(table, "portrayals", kind="stancebook-figures stancebook-matrix", css=css)


def show_portrayals(ds: Dataset) -> None:
    tables.show(portrayal_table(ds), tables.small(
        "Each cell: the stance the article ascribes to the country (bold) and its gist, in the book's words. The "
        "last column is this book's stance index read as a position (base coding). Source: the articles (see the "
        "reference list above) and the book's events and votes."))


def agreement_table(ds: Dataset):
    ag = cl.agreement(ds)
    table = pd.DataFrame({
        "Place": [tx.place_name(ds, p) for p in ag.index],
        "Articles that discuss it": ag["articles"].astype(str).values,
        "Stances ascribed": ["; ".join(f"{tx.PORTRAYAL_LABELS[k]}: {n}" for k, n in d.items()) or tx.NO_VALUE
                             for d in ag["portrayals"]],
        "Agreement": ag["agreement"].map(tx.AGREEMENT_LABELS).values,
    })
    return tables.styled(table, "agreement")


def show_agreement(ds: Dataset) -> None:
    tables.show(agreement_table(ds), tables.small(
        tables.em("All agree"), ": every article that ascribes a stance ascribes the same one; ", tables.em("mostly"),
        ": more than half do; ", tables.em("split"), ": no stance has a majority. Articles that mention a country "
        "without ascribing a stance are counted as discussing it but not in the comparison. Source: the articles."))


def verdict_table(ds: Dataset):
    counts = cl.verdict_counts(ds)
    table = pd.DataFrame({"Article": [ds.articles.at[a, "cite_as"] for a in counts.index]})
    for key, label in tx.VERDICT_LABELS.items():
        table[label] = counts[key].astype(str).values
    table["Claims checked"] = counts["total"].astype(str).values
    return tables.styled(table, "verdicts")


def show_verdicts(ds: Dataset) -> None:
    tables.show(verdict_table(ds), tables.small("Source: the claims table below (", tables.code("data/claims.csv"),
                                                ")."))


def show_claims(ds: Dataset, verdicts: tuple[str, ...]) -> None:
    """The claims with one of ``verdicts``, in one table."""
    c = cl.claims_for(ds)
    c = c[c["verdict"].isin(verdicts)]
    tables.show(blocks.claims_table(ds, c, "claims-" + "-".join(verdicts)), tables.small(
        "Source: the evidence linked in each row; claims are paraphrased from the articles listed in the "
        "reference list."))


def show_other_claims(ds: Dataset, shown: tuple[str, ...]) -> None:
    """Every claim without one of the verdicts ``shown`` above, article by article, each article's folded."""
    blocks_ = []
    for a in ds.articles.index:
        c = cl.claims_for(ds, article_id=a)
        c = c[~c["verdict"].isin(shown)]
        if c.empty:
            continue
        counts = c["verdict"].value_counts()
        what = ", ".join(f"{int(counts[k])} {tx.lowered(label)}" for k, label in tx.VERDICT_LABELS.items()
                         if counts.get(k, 0))
        blocks_.append(tables.folded(blocks.claims_table(ds, c, f"claims-{a}"),
                                     f"{ds.articles.at[a, 'cite_as']}: {what}", above=0))
    tables.show(*blocks_, tables.small(
        "Source: the evidence linked in each row; claims are paraphrased from the articles listed in the "
        "reference list."))
