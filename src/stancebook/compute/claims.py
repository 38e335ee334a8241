"""The source articles: what each says about each country, where they agree, and their claims checked."""

from __future__ import annotations

import pandas as pd

from ..data import Dataset
from ..data.vocab import REGION, VERDICTS
from . import stance as st


def places(ds: Dataset) -> list[str]:
    """The region first, then the focus countries, in file order."""
    return [REGION, *ds.focus]


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
        rows.append(
            {
                "place": place,
                "articles": len(given),
                "with_stance": len(stances),
                "portrayals": {k: int(n) for k, n in counts.items()},
                "agreement": (
                    "agree"
                    if len(counts) == 1
                    else "mostly"
                    if len(counts) and counts.iloc[0] > len(stances) / 2
                    else "split"
                ),
                "majority": counts.index[0] if len(counts) and counts.iloc[0] > len(stances) / 2 else None,
            }
        )
    return pd.DataFrame(rows).set_index("place")


def book_positions(ds: Dataset) -> pd.Series:
    """This book's overall position for each focus country: the stance index, read as a position code
    (NOT_PLACED where there is too little evidence for an index)."""
    index = st.index_table(ds, (st.BASE,))[st.BASE.key]
    return index.map(lambda x: st.NOT_PLACED if pd.isna(x) else st.position(x))


def verdict_counts(ds: Dataset) -> pd.DataFrame:
    """Articles (rows) by verdict (columns): how many claims got each verdict."""
    c = ds.claims
    table = pd.crosstab(c["article_id"], c["verdict"]).reindex(
        index=ds.articles.index, columns=list(VERDICTS), fill_value=0
    )
    table["total"] = table.sum(axis=1)
    return table


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
        "n_unverified_meta": int(
            (
                (ds.articles["author_status"] != "verified")
                | (ds.articles["date_status"] != "verified")
                | (ds.articles["url_status"] != "verified")
            ).sum()
        ),
        "agreed_on": [
            p for p in countries.index if countries.at[p, "agreement"] == "agree" and countries.at[p, "with_stance"] > 1
        ],
        "mostly_agreed_on": [p for p in countries.index if countries.at[p, "agreement"] == "mostly"],
        "split_on": [p for p in countries.index if countries.at[p, "agreement"] == "split"],
        "n_since_then": int(c["since_then"].notna().sum()),
        "region_readings": region_readings(ds),
        "first_date": ds.articles["date"].min(),
        "last_date": ds.articles["date"].max(),
    }


def region_readings(ds: Dataset) -> dict[str, list[str]]:
    """How the articles read the region as a whole: portrayal code -> the articles (ids, file order) giving it."""
    views = ds.article_views[ds.article_views["country"] == REGION]
    out: dict[str, list[str]] = {}
    for a in ds.articles.index:
        codes = views.loc[views["article_id"] == a, "portrayal"]
        if not codes.empty:
            out.setdefault(codes.iloc[0], []).append(a)
    return out
