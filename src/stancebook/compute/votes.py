"""UN General Assembly votes: the resolutions, each country's votes, counts and agreement with Russia."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from ..data import Dataset
from ..data.vocab import CAST, INVASION, RUSSIA
from .sources import ids_in

#: vote codes in the order the book shows them
ORDER = ("Y", "A", "N", "X")
#: the count of resolutions for which the data hold no vote of the country
NO_DATA = "no data"


def resolutions(ds: Dataset, since: pd.Timestamp | None = None) -> pd.DataFrame:
    """Resolutions in date order, optionally only those adopted on or after ``since``."""
    res = ds.unga_resolutions
    return res if since is None else res[res["date"] >= since]


def label(res: pd.DataFrame) -> pd.Series:
    """Short display labels: the symbol without 'A/RES/', or the UNDL record when the symbol is unknown."""
    return res.apply(_label_one, axis=1)


def _label_one(row: pd.Series) -> str:
    if row["symbol_basis"] == "unknown":
        return f"UNDL {row['undl_id']}"
    return str(row["symbol"]).removeprefix("A/RES/")


def vote_matrix(ds: Dataset, countries: list[str] | None = None, since: pd.Timestamp | None = None) -> pd.DataFrame:
    """Countries (rows, in the order given) by resolutions (columns, in date order).

    Cells hold vote codes Y/N/A/X; a vote missing from the data is NA.
    """
    countries = list(dict.fromkeys(ds.focus if countries is None else countries))
    res = resolutions(ds, since)
    wide = ds.unga_votes.pivot(index="iso3", columns="res_id", values="vote")
    return wide.reindex(index=countries, columns=res.index)


def country_votes(ds: Dataset, iso3: str, compare: str = RUSSIA) -> pd.DataFrame:
    """One row per resolution: the country's vote, the comparison country's vote, and the world tally."""
    res = resolutions(ds)
    m = vote_matrix(ds, [iso3, compare])
    out = pd.DataFrame(
        {
            "date": res["date"],
            "resolution": label(res),
            "title": res["short_title"],
            "vote": m.loc[iso3],
            "compare_vote": m.loc[compare],
            "yes": res["yes"],
            "no": res["no"],
            "abstain": res["abstain"],
            "non_voting": res["non_voting"],
            "symbol_basis": res["symbol_basis"],
        }
    )
    out["both_cast"] = out["vote"].isin(CAST) & out["compare_vote"].isin(CAST)
    out["same_as_compare"] = out["both_cast"] & (out["vote"] == out["compare_vote"])
    return out


def vote_counts(ds: Dataset, iso3: str, since: pd.Timestamp | None = None) -> pd.Series:
    """How many resolutions the country voted Y, A, N, X on (and how many have no vote in the data)."""
    votes = vote_matrix(ds, [iso3], since).loc[iso3]
    counts = votes.value_counts().reindex(list(ORDER), fill_value=0)
    counts[NO_DATA] = int(votes.isna().sum())
    return counts.astype(int)


def agreement(ds: Dataset, iso3: str, other: str = RUSSIA, since: pd.Timestamp | None = None) -> tuple[int, int]:
    """(same, both_voted): how many identical votes, out of the resolutions where both cast a vote.

    Non-voting is not a position, so resolutions where either did not vote are left out.
    """
    cv = country_votes(ds, iso3, other)
    if since is not None:
        cv = cv[cv["date"] >= since]
    return int(cv["same_as_compare"].sum()), int(cv["both_cast"].sum())


def source_ids(ds: Dataset, countries: list[str] | None = None, since: pd.Timestamp | None = None) -> list[str]:
    """The sources behind the resolutions (since ``since``) and the given countries' votes on them."""
    res = resolutions(ds, since)
    votes = ds.unga_votes[ds.unga_votes["res_id"].isin(res.index)]
    if countries is not None:
        votes = votes[votes["iso3"].isin(countries)]
    return sorted(ids_in(pd.concat([res[["source_id"]], votes[["source_id"]]])))


def regional_counts(ds: Dataset, since: pd.Timestamp | None = None) -> pd.DataFrame:
    """Focus countries (rows) by vote code (columns): how often each voted each way."""
    return pd.DataFrame({iso3: vote_counts(ds, iso3, since) for iso3 in ds.focus}).T


def country_summary(ds: Dataset, iso3: str) -> dict[str, object]:
    """The facts a country chapter states in its prose, computed from the data."""
    res, post = resolutions(ds), resolutions(ds, since=INVASION)
    same, both = agreement(ds, iso3, since=INVASION)
    return {
        "n_res": len(res),
        "n_post": len(post),
        "first_date": res["date"].min(),
        "last_date": res["date"].max(),
        "post_counts": vote_counts(ds, iso3, since=INVASION),
        "same_as_russia": same,
        "both_voted": both,
        "russia_no": int(vote_counts(ds, RUSSIA, since=INVASION)["N"]),
    }


def regional_summary(ds: Dataset) -> dict[str, object]:
    """The facts the regional chapter states in its prose, computed from the data."""
    focus = ds.focus
    post = resolutions(ds, since=INVASION)
    counts = regional_counts(ds, since=INVASION)
    matrix = vote_matrix(ds, focus, since=INVASION)
    cast = matrix.isin(CAST)
    no_by_res = (matrix == "N").sum()
    top = no_by_res.idxmax()
    return {
        "n_res": len(resolutions(ds)),
        "n_post": len(post),
        "n_focus": len(focus),
        "focus_names": [ds.name(c) for c in focus],
        "n_slots": len(focus) * len(post),
        "n_cast": int(cast.values.sum()),
        "n_yes": int(counts["Y"].sum()),
        "n_abstain": int(counts["A"].sum()),
        "n_no": int(counts["N"].sum()),
        "n_not_voting": int(counts["X"].sum()),
        "ever_yes": [ds.name(c) for c in focus if counts.at[c, "Y"] > 0],
        "never_voted": [ds.name(c) for c in focus if not cast.loc[c].any()],
        "top_no_label": label(post.loc[[top]]).iloc[0],
        "top_no_title": post.at[top, "short_title"],
        "top_no_count": int(no_by_res[top]),
    }


# --- before and after the invasion ----------------------------------------------------------------------
#: a period is compared only when the country cast at least this many votes in it (alongside Russia's)
CHANGE_MIN_CAST = 3
#: the share of cast votes that matched Russia's must differ by at least this much for the book to call it a change
CHANGE_MIN_SHIFT = Fraction(1, 3)


@dataclass(frozen=True)
class Period:
    """One side of the before-and-after comparison: how many resolutions, the country's votes on them, and how
    many of the votes it cast (where Russia cast one too) matched Russia's."""

    n: int
    counts: pd.Series
    same: int
    both_cast: int
    first: pd.Timestamp | None
    last: pd.Timestamp | None

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.same, self.both_cast) if self.both_cast else None


def _period(cv: pd.DataFrame) -> Period:
    counts = cv["vote"].value_counts().reindex(list(ORDER), fill_value=0).astype(int)
    return Period(
        n=len(cv),
        counts=counts,
        same=int(cv["same_as_compare"].sum()),
        both_cast=int(cv["both_cast"].sum()),
        first=cv["date"].min() if len(cv) else None,
        last=cv["date"].max() if len(cv) else None,
    )


def before_after(ds: Dataset, iso3: str, series: str | None = None, compare: str = RUSSIA) -> dict[str, object]:
    """The country's votes before and since the invasion (on one series of resolutions, or on all), and whether
    they changed: ``change`` is

    - ``never_voted``: no vote cast in either period;
    - ``too_few``: fewer than CHANGE_MIN_CAST votes cast alongside Russia's in a period;
    - ``away`` or ``toward``: the share of those votes that matched Russia's fell or rose by CHANGE_MIN_SHIFT or
      more;
    - ``unchanged``: it moved by less.
    """
    cv = country_votes(ds, iso3, compare)
    if series is not None:
        cv = cv[ds.unga_resolutions.loc[cv.index, "series"] == series]
    before, after = _period(cv[cv["date"] < INVASION]), _period(cv[cv["date"] >= INVASION])
    if not (before.counts[list(CAST)].sum() or after.counts[list(CAST)].sum()):
        change = "never_voted"
    elif min(before.both_cast, after.both_cast) < CHANGE_MIN_CAST:
        change = "too_few"
    elif after.share <= before.share - CHANGE_MIN_SHIFT:
        change = "away"
    elif after.share >= before.share + CHANGE_MIN_SHIFT:
        change = "toward"
    else:
        change = "unchanged"
    return {"before": before, "after": after, "change": change}


def longest_series(ds: Dataset) -> str | None:
    """The series with resolutions on both sides of the invasion that has the most of them: the like-for-like
    comparison."""
    res = ds.unga_resolutions
    both = res.groupby("series")["date"].agg(lambda d: (d < INVASION).any() and (d >= INVASION).any())
    both = both[both]
    return None if both.empty else str(res[res["series"].isin(both.index)]["series"].value_counts().idxmax())
