"""The stance table and the stance index: where each state stands toward Moscow, dimension by dimension.

Coding (written out for readers in the methods chapter, which reads it from here):

- Each event is scored by its direction: toward Russia +1, hedging 0, away from Russia -1.
- UN General Assembly votes since the invasion are events too, read from the UN voting record:
  voting as Russia voted scores +1, voting against Russia's vote -1, abstaining 0. Not voting
  is not a position and is left out (one sensitivity variant counts it as an abstention).
  Resolutions on which Russia itself cast no yes or no vote are left out.
- Only a state's own acts count (its leaders, government, parliament, courts and state bodies). Acts of
  firms, of the press and of other states about a country (Western designations among them: sanctions
  other states put on its firms) are listed, never scored.
- Events whose occurrence is in doubt (``doubt`` in events.csv) are listed, never scored.
- Each event is graded from its sources (``compute.sources.grade``): primary, corroborated, single
  source, or state-affiliated media only. Sensitivity variants keep only primary or corroborated
  events, or drop the events resting only on state-affiliated media.
- Gatherings that every focus state attended (a leader visit or a multilateral summit on the same day, one
  event for each of them, all coded in the same direction) do not separate the states: they are listed, marked
  as shared, and not scored.
  Bilateral visits and gatherings that some of the states attended are scored.
- A dimension is scored only from at least MIN_EVENTS counted events; with fewer its position reads "too few
  events". A state that voted on none of the resolutions has the position "did not vote" on UN votes: a
  position the book shows, not a score.
- A dimension's score is the mean score of its events; the index is the mean of the dimension
  scores, each dimension weighted equally (rhetoric less in one variant). A country gets an index
  only with at least MIN_DIMENSIONS dimensions scored: otherwise the book says there is too little
  evidence to place it. The index runs from -1 (every dimension away from Russia) to +1 (every
  dimension toward Russia).
- The index's uncertainty comes from resampling each country's events within each dimension
  (``uncertainty``): an interval for the index and the probability of each rank.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..data import Dataset
from ..data.vocab import EXTERNAL, INVASION, UN_VOTE
from . import memo
from . import votes as v
from .sources import grades, ids_in

SCORES = {"toward_russia": 1.0, "hedging": 0.0, "away_from_russia": -1.0}
#: the dimensions of the stance table, in order: key -> the event category it counts
DIMENSIONS = {
    "un_votes": UN_VOTE,
    "recognition": "recognition",
    "sanctions": "sanctions",
    "security": "security",
    "rhetoric": "rhetoric",
    "symbolic_domestic": "symbolic_domestic",
    "humanitarian": "humanitarian",
    "leader_visits": "leader_visit",
    "diversification": "multilateral",
    "migration": "migration",
}
#: a dimension (or index) score beyond this leans one way; within it, the position is hedging or mixed
THRESHOLD = 1 / 3
#: positions a dimension or index score is read as; NO_POSITION where no event counts
POSITIONS = ("toward_russia", "hedging", "away_from_russia")
NO_POSITION = "no_events"
#: a dimension with some events counted, but fewer than the coding asks for
TOO_FEW = "too_few_events"
#: UN votes of a state that cast no vote on any resolution counted (its record is a position in itself)
NOT_VOTED = "did_not_vote"
#: a country without an index: too few dimensions scored to place it
NOT_PLACED = "not_placed"
#: the fewest events a dimension is scored from. With three, a dimension leans one way only when at least two of
#: its events agree and none goes the other way (a mean beyond 1/3 needs a sum of at least 2), so no single
#: event sets a position
MIN_EVENTS = 3
#: the fewest dimensions scored for a country to be given an index and a rank
MIN_DIMENSIONS = 3
#: the categories of events that are gatherings: when every focus state attended one, it does not separate them
SHARED_CATEGORIES = ("leader_visit", "multilateral")
#: resampling: how many draws, the seed (the same draws on every build), and the interval's coverage
DRAWS = 2000
SEED = 20220224
LEVEL = 0.9


@dataclass(frozen=True)
class Coding:
    """One way of coding the events into scores; the base coding and its sensitivity variants."""

    key: str
    non_voting_as_abstention: bool = False
    #: keep only events with a primary source or two independent outlets
    verified_only: bool = False
    #: drop the events resting only on state-affiliated media
    no_state_media: bool = False
    rhetoric_weight: float = 1.0
    #: the fewest events a dimension is scored from, and the fewest dimensions a country is placed on
    min_events: int = MIN_EVENTS
    min_dimensions: int = MIN_DIMENSIONS
    #: score the gatherings every focus state attended too
    count_shared: bool = False
    #: score the acts of firms, the press and other states' statements too, as the first edition did (not a
    #: sensitivity variant: the book uses it to say what its review of the events changed)
    count_non_state: bool = False


BASE = Coding("base")
VARIANTS = (
    BASE,
    Coding("non_voting", non_voting_as_abstention=True),
    Coding("verified_only", verified_only=True),
    Coding("no_state_media", no_state_media=True),
    Coding("rhetoric_half", rhetoric_weight=0.5),
    Coding("no_threshold", min_events=1, min_dimensions=1),
    Coding("higher_threshold", min_events=5),
    Coding("shared_counted", count_shared=True),
    Coding("all_three", non_voting_as_abstention=True, verified_only=True, rhetoric_weight=0.5),
)
#: the first edition's rule on whose acts count, for saying what the review changed (see ``review``)
EARLIER = Coding("earlier_rules", count_non_state=True, min_events=1, min_dimensions=1, count_shared=True)


def vote_events(ds: Dataset, iso3: str, since: pd.Timestamp = INVASION) -> pd.DataFrame:
    """The country's UN votes since ``since`` as events, coded against Russia's own vote.

    ``direction`` is NA where the country did not vote (no position); resolutions where Russia
    cast neither yes nor no are left out.
    """
    cv = v.country_votes(ds, iso3)
    cv = cv[(cv["date"] >= since) & cv["compare_vote"].isin(("Y", "N")) & cv["vote"].notna()]
    direction = pd.Series(pd.NA, index=cv.index, dtype="object")
    direction[cv["vote"] == "A"] = "hedging"
    direction[cv["vote"].isin(("Y", "N")) & (cv["vote"] == cv["compare_vote"])] = "toward_russia"
    direction[cv["vote"].isin(("Y", "N")) & (cv["vote"] != cv["compare_vote"])] = "away_from_russia"
    votes = ds.unga_votes[ds.unga_votes["iso3"] == iso3].set_index("res_id")["source_id"]
    # the summary is written by the presentation layer from the vote, the resolution and its title
    return pd.DataFrame(
        {
            "event_id": [f"vote:{iso3}/{r}" for r in cv.index],
            "date": cv["date"].dt.strftime("%Y-%m-%d"),
            "country": iso3,
            "actor": "UN delegation",
            "category": UN_VOTE,
            "direction": direction,
            "summary": pd.NA,
            "actor_type": "state",
            "doubt": pd.NA,
            "source_id": [f"{ds.unga_resolutions.at[r, 'source_id']};{votes[r]}" for r in cv.index],
            "note": pd.NA,
            "vote": cv["vote"],
            "resolution": cv["resolution"],
            "resolution_title": cv["title"],
        }
    ).reset_index(drop=True)


def events_key(iso3: str) -> tuple:
    return ("events", iso3)


def index_key(codings: tuple[Coding, ...], countries: tuple[str, ...]) -> tuple:
    return ("index", codings, countries)


def uncertainty_key(coding: Coding | None = None, draws: int = DRAWS, seed: int = SEED, level: float = LEVEL) -> tuple:
    return ("uncertainty", coding or BASE, draws, seed, level)


def country_events(ds: Dataset, iso3: str) -> pd.DataFrame:
    """Every event about the country (its own acts, its UN votes, and Western designations), dated first.

    Computed once per dataset and country (the regional chapter asks for it dozens of times); each caller gets
    its own copy."""
    return memo.once(ds, events_key(iso3), lambda: _country_events(ds, iso3))


def _country_events(ds: Dataset, iso3: str) -> pd.DataFrame:
    own = ds.events[ds.events["country"] == iso3].drop(columns="csv_line")
    out = pd.concat(
        [own.assign(vote=pd.NA, resolution=pd.NA, resolution_title=pd.NA), vote_events(ds, iso3)], ignore_index=True
    )
    out["when"] = event_dates(out["date"])
    out["grade"] = grades(ds, out["source_id"])
    shared = _shared(ds)
    out["shared"] = [
        (d, c) in shared and a == "state" and pd.isna(doubt)
        for d, c, a, doubt in zip(out["date"], out["category"], out["actor_type"], out["doubt"], strict=True)
    ]
    return out.sort_values(["when", "event_id"], na_position="last").reset_index(drop=True)


def _shared(ds: Dataset) -> set[tuple[str, str]]:
    """The gatherings every focus state attended: (date, category) pairs of SHARED_CATEGORIES on which each
    focus country has an act of its own not in doubt, all in the same direction (none when there are fewer than
    two focus countries)."""
    if len(ds.focus) < 2:
        return set()
    ev = ds.events
    ev = ev[ev["country"].isin(ds.focus) & (ev["actor_type"] == "state") & ev["doubt"].isna()]
    ev = ev[ev["category"].isin(SHARED_CATEGORIES) & ev["date"].notna()]
    # the same act by every state: an absence coded on the day of a gathering the others attended keeps it apart
    attended = ev.groupby(["date", "category", "direction"])["country"].nunique()
    return {(d, c) for d, c, _ in attended[attended == len(ds.focus)].index}


def event_dates(dates: pd.Series) -> pd.Series:
    """Dates as timestamps for ordering and plotting: a month-only date is placed on the 15th; blank stays NaT."""
    text = dates.astype("string")
    full = text.where(text.str.len() != 7, text + "-15")
    return pd.to_datetime(full, format="%Y-%m-%d", errors="coerce")


def scored(events: pd.DataFrame, coding: Coding = BASE) -> pd.DataFrame:
    """The events that count toward the stance under ``coding``, with their score and dimension."""
    if coding.count_non_state:
        ev = events[events["category"] != EXTERNAL]
    else:
        ev = events[events["actor_type"] == "state"]
    ev = ev[ev["doubt"].isna()]
    if not coding.count_shared:
        ev = ev[~ev["shared"].astype(bool)]
    if coding.verified_only:
        ev = ev[ev["grade"].isin(("primary", "corroborated"))]
    if coding.no_state_media:
        ev = ev[ev["grade"] != "state_media"]
    direction = ev["direction"]
    if coding.non_voting_as_abstention:
        direction = direction.where(~((ev["category"] == UN_VOTE) & direction.isna()), "hedging")
    ev = ev.assign(direction=direction)
    ev = ev[ev["direction"].notna()]
    by_category = {cat: key for key, cat in DIMENSIONS.items()}
    return ev.assign(score=ev["direction"].map(SCORES), dimension=ev["category"].map(by_category))


def dimension_position(score: float, counted: int, dimension: str, listed: pd.DataFrame) -> str:
    """A dimension's position: from its score; TOO_FEW when some events count but too few to score; NOT_VOTED for
    UN votes of a state that cast no vote at all; NO_POSITION when nothing counts."""
    if pd.notna(score):
        return position(score)
    if counted:
        return TOO_FEW
    if dimension == "un_votes" and not listed.empty and (listed["vote"] == "X").all():
        return NOT_VOTED
    return NO_POSITION


def position(score: float) -> str:
    """The position a dimension or index score is read as: a code of POSITIONS, or NO_POSITION."""
    if pd.isna(score):
        return NO_POSITION
    if score > THRESHOLD:
        return "toward_russia"
    if score < -THRESHOLD:
        return "away_from_russia"
    return "hedging"


def event_years(ds: Dataset, votes: bool = True) -> tuple[int, int] | None:
    """The first and last year of the dated events and (with ``votes``) of the UN votes since the invasion;
    None if there are none."""
    dates = [event_dates(ds.events["date"]).dropna()]
    if votes:
        dates.append(ds.unga_resolutions.loc[ds.unga_resolutions["date"] >= INVASION, "date"])
    dates = pd.concat(dates)
    return None if dates.empty else (int(dates.min().year), int(dates.max().year))


def dimension_scores(events: pd.DataFrame, coding: Coding = BASE) -> pd.Series:
    """Mean score per dimension, in the order of DIMENSIONS: NaN where fewer than ``coding.min_events`` count."""
    ev = scored(events, coding)
    grouped = ev.groupby("dimension")["score"]
    means = grouped.mean().where(grouped.size() >= coding.min_events)
    return means.reindex(list(DIMENSIONS))


def weights(dimensions: pd.Index, coding: Coding = BASE) -> pd.Series:
    """Each dimension's weight in the index: 1, rhetoric ``coding.rhetoric_weight``."""
    w = pd.Series(1.0, index=dimensions)
    if "rhetoric" in w.index:
        w["rhetoric"] = coding.rhetoric_weight
    return w


def index_value(scores: pd.Series, coding: Coding = BASE) -> float:
    """Weighted mean of the dimension scores that exist; NaN (not placed) when fewer than
    ``coding.min_dimensions`` dimensions are scored."""
    have = scores.notna()
    if have.sum() < max(coding.min_dimensions, 1):
        return float("nan")
    w = weights(scores.index, coding)
    return float((scores[have] * w[have]).sum() / w[have].sum())


def stance_table(ds: Dataset, iso3: str, coding: Coding = BASE) -> pd.DataFrame:
    """One row per dimension: position, score, events counted (and listed but not counted), and the latest event
    counted (``latest``: its row of ``country_events``, or None). Computed once per dataset, country and coding."""
    return memo.once(ds, ("stance_table", iso3, coding), lambda: _stance_table(ds, iso3, coding))


def _stance_table(ds: Dataset, iso3: str, coding: Coding) -> pd.DataFrame:
    events = country_events(ds, iso3)
    counted = scored(events, coding)
    scores = dimension_scores(events, coding)
    rows = []
    for key, cat in DIMENSIONS.items():
        listed = events[events["category"] == cat]
        mine = counted[counted["dimension"] == key]
        latest = mine.dropna(subset=["when"]).sort_values(["when", "event_id"]).tail(1)
        rows.append(
            {
                "dimension": key,
                "position": dimension_position(scores[key], len(mine), key, listed),
                "score": scores[key],
                "events": len(mine),
                "toward": int((mine["direction"] == "toward_russia").sum()),
                "hedging": int((mine["direction"] == "hedging").sum()),
                "away": int((mine["direction"] == "away_from_russia").sum()),
                "not_counted": len(listed) - len(mine),
                "latest": None if latest.empty else latest.iloc[0],
            }
        )
    return pd.DataFrame(rows).set_index("dimension")


def scores_compared(ds: Dataset) -> pd.DataFrame:
    """Dimensions (rows) by focus country (columns): the scores of the dimensions scored for two or more of them."""
    scores = pd.DataFrame({c: stance_table(ds, c)["score"] for c in ds.focus})
    return scores[scores.notna().sum(axis=1) >= 2]


def widest(scored: pd.DataFrame) -> list[str]:
    """The dimensions of ``scores_compared`` whose scores spread widest; none when every dimension's agree."""
    spread = (scored.max(axis=1) - scored.min(axis=1)).round(9)
    if scored.empty or spread.max() == 0:
        return []
    return list(spread[spread == spread.max()].index)


def designations(ds: Dataset, iso3: str) -> pd.DataFrame:
    """Western designations of the country's firms and banks: listed beside the stance, never scored."""
    ev = country_events(ds, iso3)
    return ev[ev["category"] == EXTERNAL]


def review(ds: Dataset, earlier: Coding | None = None) -> pd.DataFrame:
    """What the rule on whose acts count changes, per focus country: the events scored, the index, the rank and
    the position under the current rules and under the first edition's rule, which scored the acts of firms, of
    the press and other states' statements about a country as its own (Western designations excepted)."""
    earlier = earlier or EARLIER
    index = index_table(ds, (BASE, earlier))
    rk = ranks(index)
    rows = {}
    for c in ds.focus:
        events = country_events(ds, c)
        rows[c] = {
            "scored": len(scored(events, BASE)),
            "scored_before": len(scored(events, earlier)),
            "index": index.at[c, BASE.key],
            "index_before": index.at[c, earlier.key],
            "rank": rk.at[c, BASE.key],
            "rank_before": rk.at[c, earlier.key],
            "position": position(index.at[c, BASE.key]),
            "position_before": position(index.at[c, earlier.key]),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def index_table(
    ds: Dataset, codings: tuple[Coding, ...] = VARIANTS, countries: list[str] | None = None
) -> pd.DataFrame:
    """Countries (rows) by coding (columns): the stance index under each coding (computed once per dataset)."""
    countries = tuple(ds.focus if countries is None else countries)
    return memo.once(ds, index_key(tuple(codings), countries), lambda: _index_table(ds, tuple(codings), countries))


def _index_table(ds: Dataset, codings: tuple[Coding, ...], countries: tuple[str, ...]) -> pd.DataFrame:
    events = {c: country_events(ds, c) for c in countries}
    return pd.DataFrame(
        {
            coding.key: {c: index_value(dimension_scores(events[c], coding), coding) for c in countries}
            for coding in codings
        }
    )


def ranks(index: pd.DataFrame) -> pd.DataFrame:
    """Rank of each country under each coding: 1 = closest to Moscow; equal scores share a rank."""
    return index.rank(ascending=False, method="min", na_option="keep").astype("Int64")


def sensitivity(ds: Dataset, codings: tuple[Coding, ...] = VARIANTS) -> pd.DataFrame:
    """For each coding: the order of the countries placed (ISO3 codes, closest to Moscow first), whether it
    differs from the base, and which countries' ranks moved (or who is placed under one and not the other)."""
    index = index_table(ds, codings)
    rk = ranks(index)
    base_order = _order(ds, index[BASE.key])
    rows = []
    for coding in codings:
        order = _order(ds, index[coding.key])
        # a country placed under one coding and not the other has moved too
        moved = [c for c in index.index if str(rk.at[c, coding.key]) != str(rk.at[c, BASE.key])]
        rows.append({"coding": coding.key, "order": order, "same_as_base": order == base_order, "moved": moved})
    return pd.DataFrame(rows).set_index("coding")


def _order(ds: Dataset, scores: pd.Series) -> list[str]:
    """Countries from closest to Moscow to furthest (ties in file order); those without an index left out."""
    s = scores.dropna()
    place = {c: i for i, c in enumerate(ds.countries.index)}
    return sorted(s.index, key=lambda c: (-round(s[c], 9), place[c]))


def regional_matrix(ds: Dataset, coding: Coding = BASE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Dimensions (rows) by focus country (columns): the position codes, and the number of events counted."""
    positions, counts = {}, {}
    for c in ds.focus:
        table = stance_table(ds, c, coding)
        positions[c], counts[c] = table["position"], table["events"]
    return pd.DataFrame(positions), pd.DataFrame(counts)


def source_ids(ds: Dataset, iso3: str | None = None) -> list[str]:
    """The sources behind the events (and votes) of a country, or of every focus country."""
    countries = ds.focus if iso3 is None else [iso3]
    return sorted(ids_in(pd.concat([country_events(ds, c) for c in countries])))


def country_summary(ds: Dataset, iso3: str) -> dict[str, object]:
    """The facts a country chapter states about its stance, computed from the data."""
    events = country_events(ds, iso3)
    own = events[(events["actor_type"] == "state") & (events["category"] != UN_VOTE)]
    index = index_table(ds)
    rk = ranks(index)
    table = stance_table(ds, iso3)
    leaning = table[table["events"] > 0]
    return {
        "n_events": len(own),
        "n_designations": int((events["category"] == EXTERNAL).sum()),
        "n_not_state": int(((events["actor_type"] != "state") & (events["category"] != EXTERNAL)).sum()),
        "n_doubtful": int(events["doubt"].notna().sum()),
        "n_undated": int(events["when"].isna().sum()),
        "index": index.at[iso3, BASE.key] if iso3 in index.index else float("nan"),
        "rank": None if iso3 not in rk.index or pd.isna(rk.at[iso3, BASE.key]) else int(rk.at[iso3, BASE.key]),
        "n_ranked": int(index[BASE.key].notna().sum()),
        "toward": [d for d, r in leaning.iterrows() if r["position"] == "toward_russia"],
        "away": [d for d, r in leaning.iterrows() if r["position"] == "away_from_russia"],
        "years": event_years(ds, votes=False),  # the acts besides the votes
        "rank_range": (
            None
            if iso3 not in rk.index or rk.loc[iso3].isna().all()
            else (int(rk.loc[iso3].min()), int(rk.loc[iso3].max()))
        ),
        "n_variants_placed": int(rk.loc[iso3].notna().sum()) if iso3 in rk.index else 0,
        "n_variants": len(rk.columns),
        "dimensions_scored": int(table["score"].notna().sum()),
        "did_not_vote": table.at["un_votes", "position"] == NOT_VOTED,
        "n_resolutions": int(table.at["un_votes", "events"] + table.at["un_votes", "not_counted"]),
        **_interval_facts(ds, iso3),
    }


def _interval_facts(ds: Dataset, iso3: str) -> dict[str, object]:
    """The country's interval and the ranks the intervals allow it (None where it is not placed)."""
    u = uncertainty(ds)
    if iso3 not in u.index:
        return {"interval": None, "rank_bounds": None, "p_top": None}
    return {
        "interval": (float(u.at[iso3, "low"]), float(u.at[iso3, "high"])),
        "rank_bounds": (int(u.at[iso3, "rank_low"]), int(u.at[iso3, "rank_high"])),
        "p_top": float(u.at[iso3, f"p_rank_{int(u.at[iso3, 'rank_low'])}"]),
    }


def resampled_index(ds: Dataset, coding: Coding = BASE, draws: int = DRAWS, seed: int = SEED) -> pd.DataFrame:
    """The stance index of each placed focus country recomputed on ``draws`` resamples of its events: in each
    draw, every scored dimension's events are drawn again with replacement (as many as it has) and the index is
    recomputed from the new dimension means. Draws (rows) by country (columns); countries without an index are
    left out. The seed fixes the draws, so every build gives the same numbers."""
    rng = np.random.default_rng(seed)
    out = {}
    for c in ds.focus:
        events = country_events(ds, c)
        counted = scored(events, coding)
        scores = dimension_scores(events, coding)
        if pd.isna(index_value(scores, coding)):
            continue
        dims = scores.index[scores.notna()]
        w = weights(dims, coding).to_numpy()
        means = np.empty((draws, len(dims)))
        for j, d in enumerate(dims):
            values = counted.loc[counted["dimension"] == d, "score"].to_numpy()
            means[:, j] = rng.choice(values, size=(draws, len(values)), replace=True).mean(axis=1)
        out[c] = means @ w / w.sum()
    return pd.DataFrame(out)


def uncertainty(
    ds: Dataset, coding: Coding = BASE, draws: int = DRAWS, seed: int = SEED, level: float = LEVEL
) -> pd.DataFrame:
    """For each placed focus country, closest to Moscow first: the index, the bounds of the central ``level``
    interval of the resampled indices, the probability of each rank (columns ``p_rank_1``, ...), and the ranks
    it may take (``rank_low``-``rank_high``): below the countries whose intervals lie wholly above its own, above
    those whose intervals lie wholly below, so a single rank is stated only where the intervals separate.

    Computed once per dataset and arguments (every chapter asks for it); each caller gets its own copy."""
    key = uncertainty_key(coding, draws, seed, level)
    return memo.once(ds, key, lambda: _uncertainty(ds, coding, draws, seed, level))


def _uncertainty(ds: Dataset, coding: Coding, draws: int, seed: int, level: float) -> pd.DataFrame:
    draws_ = resampled_index(ds, coding, draws, seed)
    if draws_.empty:
        return pd.DataFrame(columns=["index", "low", "high", "rank_low", "rank_high"])
    index = index_table(ds, (coding,), list(draws_.columns))[coding.key]
    tail = (1 - level) / 2
    table = pd.DataFrame({"index": index, "low": draws_.quantile(tail), "high": draws_.quantile(1 - tail)})
    table = table.loc[_order(ds, table["index"])]
    ranks_ = _draw_ranks(draws_[table.index], np.random.default_rng(seed + 1))
    for r in range(1, len(table) + 1):
        table[f"p_rank_{r}"] = (ranks_ == r).mean()
    # a country ranks below every country whose interval lies wholly above its own, and above every country
    # whose interval lies wholly below it; between those bounds the data do not order it
    n = len(table)
    table["rank_low"] = [1 + int((table["low"] > table.at[c, "high"]).sum()) for c in table.index]
    table["rank_high"] = [n - int((table["high"] < table.at[c, "low"]).sum()) for c in table.index]
    return table


def _draw_ranks(draws: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The rank of each country (column) in each draw (row), 1 = closest to Moscow. Countries whose indices are
    equal in a draw are put in a random order, so a tie shares the ranks it spans evenly over the draws rather
    than giving every tied country the better rank (the probabilities of each rank then add up to one)."""
    values = -np.round(draws.to_numpy(), 9)
    tiebreak = rng.random(values.shape)
    order = np.lexsort((tiebreak, values), axis=1)
    ranks_ = np.empty_like(order)
    rows = np.arange(len(order))[:, None]
    ranks_[rows, order] = np.arange(1, order.shape[1] + 1)
    return pd.DataFrame(ranks_, index=draws.index, columns=draws.columns)


def placed_key(coding: Coding | None = None) -> tuple:
    return ("placed", coding or BASE)


def placed(ds: Dataset, coding: Coding = BASE) -> pd.DataFrame:
    """For each focus country: the dimensions scored, the events counted, and whether it has an index (computed
    once per dataset: every country chapter's card asks for it)."""
    return memo.once(ds, placed_key(coding), lambda: _placed(ds, coding))


def _placed(ds: Dataset, coding: Coding) -> pd.DataFrame:
    rows = {}
    for c in ds.focus:
        events = country_events(ds, c)
        scores = dimension_scores(events, coding)
        rows[c] = {
            "dimensions": int(scores.notna().sum()),
            "events": len(scored(events, coding)),
            "placed": pd.notna(index_value(scores, coding)),
        }
    return pd.DataFrame.from_dict(rows, orient="index")
