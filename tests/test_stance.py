"""The stance table, index and sensitivity variants on small hand-coded cases, and on the real data."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest

from stancebook import data
from stancebook.compute import stance as st
from stancebook.compute.sources import grades
from stancebook.data.vocab import EXTERNAL

from test_votes import COUNTRIES, OTHER_TABLES, RESOLUTIONS, SOURCES, VOTES

# Votes since the invasion, from the UN's own record (Russia votes no on both): AAA no on r2 (+1), abstains on r3 (0);
# BBB does not vote on r2 and has no row for r3.
# Sources: gov is an official page (primary), src and src2 two pages of one independent outlet, news2 another
# independent outlet, tass a state-media page.
# AAA: recognition away (primary, -1); rhetoric toward (corroborated, +1) and away (one outlet, -1);
#      a leader visit toward (primary, +1); a Western designation, a security event in doubt and a bank's
#      sanctions decision (none of them scored).
# BBB: a leader visit toward (one outlet, +1), a multilateral summit (corroborated, hedging 0) and rhetoric
#      toward resting only on state media (+1).
STANCE_SOURCES = SOURCES + (
    "gov,Example Ministry,Statement,confirmed,,,https://example.gov/s,,page,terms,\n"
    "news2,Example Other News,Report,confirmed,,,https://example.net/r,,page,terms,\n"
    "src2,Publisher,Second title,confirmed,,,https://example.org/z,,page,terms,\n"
    "tass,TASS,Report,confirmed,,,https://example.ru/t,President,page,terms,\n"
    "un,UN Digital Library,Voting record,confirmed,,,https://digitallibrary.un.org/record/0,,page,terms,\n"
)
EVENTS = """event_id,date,country,actor,category,direction,summary,actor_type,doubt,source_id,note
AAA-2022-03-01,2022-03-01,AAA,FM,recognition,away_from_russia,Refused to recognise.,state,,gov,
AAA-2022-04-01,2022-04-01,AAA,President,rhetoric,toward_russia,Praised Moscow.,state,,src;news2,
AAA-2023-04,2023-04,AAA,President,rhetoric,away_from_russia,Criticised Moscow.,state,,src,
AAA-2024-05-09,2024-05-09,AAA,President,leader_visit,toward_russia,Went to the parade.,state,,gov,
AAA-2024-06-01,2024-06-01,AAA,US Treasury,western_designation,toward_russia,A firm was listed.,other_state,,src,
AAA-2024-07-01,2024-07-01,AAA,A bank,sanctions,away_from_russia,A bank dropped Russian cards.,firm,,src,
AAA-undated,,AAA,Government,security,toward_russia,Said to have sent troops.,state,Never confirmed.,src,Date unknown.
BBB-2023-05-09,2023-05-09,BBB,President,leader_visit,toward_russia,Went to the parade.,state,,src;src2,
BBB-2023-09-19,2023-09-19,BBB,President,multilateral,hedging,Attended a summit without Russia.,state,,src;news2,
BBB-2023-10-01,2023-10-01,BBB,President,rhetoric,toward_russia,Praised Moscow.,state,,tass,
"""


#: the arithmetic of the coding on the small case, without the evidence thresholds (tested on their own below)
LOOSE = dataclasses.replace(st.BASE, min_events=1, min_dimensions=1)
LOOSE_VARIANTS = tuple(
    dataclasses.replace(c, min_events=1, min_dimensions=1)
    for c in st.VARIANTS
    if c.key not in ("no_threshold", "higher_threshold")
)


CLAIM = (
    "claim_id,article_id,country,topic,claim,verdict,evidence,explanation,since_then\n"
    "1-01,1,AAA,leader_visits,A visit.,supported,event:AAA-2024-05-09,It did.,\n"
)


def write_tables(folder: Path, events: str, claims: str = CLAIM, un_record: bool = True) -> data.Dataset:
    """The small dataset with the given events (and claims) written to ``folder`` and loaded; with ``un_record``
    the votes cite the UN's own record, so they are primary sources."""
    own = (lambda text: re.sub(r",src$", ",un", text, flags=re.M)) if un_record else (lambda text: text)
    tables = {
        **OTHER_TABLES,
        "sources.csv": STANCE_SOURCES,
        "countries.csv": COUNTRIES,
        "unga_resolutions.csv": own(RESOLUTIONS),
        "unga_votes.csv": own(VOTES),
        "events.csv": events,
        "claims.csv": claims,
    }
    for name, text in tables.items():
        (folder / name).write_text(text, encoding="utf-8")
    return data.load(folder)


@pytest.fixture
def mini(tmp_path: Path) -> data.Dataset:
    return write_tables(tmp_path, EVENTS)


def test_votes_are_coded_against_russias_vote_and_non_votes_carry_no_direction(mini):
    aaa = st.vote_events(mini, "AAA").set_index("vote")["direction"]
    assert aaa["N"] == "toward_russia" and aaa["A"] == "hedging"
    bbb = st.vote_events(mini, "BBB")
    assert bbb["vote"].tolist() == ["X"] and bbb["direction"].isna().all()  # r3 has no BBB row at all
    assert st.vote_events(mini, "AAA")["date"].tolist() == ["2022-06-01", "2023-01-01"]  # r1 is before the invasion


def test_dimension_scores_count_only_the_states_own_acts_not_in_doubt(mini):
    scores = st.dimension_scores(st.country_events(mini, "AAA"), LOOSE)
    assert scores["un_votes"] == 0.5
    assert scores["recognition"] == -1.0
    assert scores["rhetoric"] == 0.0
    assert scores["leader_visits"] == 1.0
    assert pd.isna(scores["security"])  # the only security event is in doubt
    assert pd.isna(scores["sanctions"])  # the only sanctions event is a bank's
    assert scores.notna().sum() == 4


def test_grades_are_computed_from_the_kinds_of_outlet(mini):
    ev = st.country_events(mini, "AAA").set_index("event_id")["grade"]
    assert ev["AAA-2022-03-01"] == "primary" and ev["AAA-2022-04-01"] == "corroborated"
    assert ev["AAA-2023-04"] == "single"
    assert st.country_events(mini, "BBB").set_index("event_id").at["BBB-2023-10-01", "grade"] == "state_media"
    # two pages of one outlet are one source
    assert st.country_events(mini, "BBB").set_index("event_id").at["BBB-2023-05-09", "grade"] == "single"
    votes = st.country_events(mini, "AAA")
    assert set(votes.loc[votes["category"] == "un_vote", "grade"]) == {"primary"}  # the UN's own record


def test_index_under_each_variant(mini):
    index = st.index_table(mini, LOOSE_VARIANTS)
    assert index.at["AAA", "base"] == pytest.approx((0.5 - 1 + 0 + 1) / 4)
    assert index.at["AAA", "non_voting"] == pytest.approx(0.125)  # AAA voted on everything
    assert index.at["AAA", "verified_only"] == pytest.approx((0.5 - 1 + 1 + 1) / 4)  # one-outlet rhetoric dropped
    assert index.at["AAA", "no_state_media"] == pytest.approx(index.at["AAA", "base"])  # AAA has none
    assert index.at["AAA", "rhetoric_half"] == pytest.approx((0.5 - 1 + 0 * 0.5 + 1) / 3.5)
    assert index.at["BBB", "base"] == pytest.approx((1 + 0 + 1) / 3)  # no UN dimension: its only vote is a non-vote
    assert index.at["BBB", "non_voting"] == pytest.approx((0 + 1 + 0 + 1) / 4)
    assert index.at["BBB", "verified_only"] == pytest.approx(0.0)  # only the summit is left
    assert index.at["BBB", "no_state_media"] == pytest.approx((1 + 0) / 2)  # the TASS-only rhetoric dropped
    assert index.at["BBB", "all_three"] == pytest.approx((0 + 0) / 2)


def test_the_earlier_rule_scores_acts_of_firms_but_never_designations(mini):
    earlier = st.index_table(mini, (st.EARLIER,))  # the earlier rule had no thresholds
    assert earlier.at["AAA", "earlier_rules"] == pytest.approx((0.5 - 1 + 0 + 1 - 1) / 5)  # the bank counts
    review = st.review(mini)
    assert review["index"].isna().all()  # too few events to place either country under today's thresholds
    assert review.at["AAA", "scored"] == 6 and review.at["AAA", "scored_before"] == 7
    assert review.at["BBB", "scored"] == review.at["BBB", "scored_before"] == 3


def test_sensitivity_reports_a_change_of_order(mini):
    sens = st.sensitivity(mini, LOOSE_VARIANTS)
    assert sens.at["base", "order"] == ["BBB", "AAA"]
    assert sens.at["non_voting", "same_as_base"]
    assert not sens.at["verified_only", "same_as_base"]
    assert sens.at["verified_only", "order"] == ["AAA", "BBB"]
    assert sorted(sens.at["verified_only", "moved"]) == ["AAA", "BBB"]
    ranks = st.ranks(st.index_table(mini, LOOSE_VARIANTS))
    assert ranks.at["BBB", "base"] == 1 and ranks.at["AAA", "verified_only"] == 1


def test_stance_table_counts_and_latest_event(mini):
    t = st.stance_table(mini, "AAA", LOOSE)
    assert t.at["rhetoric", "events"] == 2 and t.at["rhetoric", "toward"] == 1 and t.at["rhetoric", "away"] == 1
    assert t.at["rhetoric", "position"] == "hedging"
    assert t.at["rhetoric", "latest"]["summary"] == "Criticised Moscow."  # the month-only date sorts on the 15th
    assert t.at["recognition", "position"] == "away_from_russia"
    assert t.at["security", "position"] == st.NO_POSITION and t.at["security", "not_counted"] == 1
    assert t.at["sanctions", "not_counted"] == 1
    assert t.at["un_votes", "latest"]["date"] == "2023-01-01"
    assert st.stance_table(mini, "BBB", LOOSE).at["un_votes", "not_counted"] == 1
    # under the book's thresholds the same counts are too few to score
    base = st.stance_table(mini, "AAA")
    assert base.at["rhetoric", "position"] == st.TOO_FEW and pd.isna(base.at["rhetoric", "score"])
    assert base.at["rhetoric", "events"] == 2


def test_a_state_that_cast_no_vote_did_not_vote_and_that_is_a_position(mini):
    """BBB's only resolution since the invasion is a non-vote: UN votes read 'did not vote', not 'no events'."""
    assert st.stance_table(mini, "BBB").at["un_votes", "position"] == st.NOT_VOTED
    assert st.stance_table(mini, "AAA").at["security", "position"] == st.NO_POSITION
    # counted as abstentions (a variant), the non-vote is a vote again
    assert (
        st.stance_table(mini, "BBB", dataclasses.replace(LOOSE, non_voting_as_abstention=True)).at[
            "un_votes", "position"
        ]
        == "hedging"
    )


def test_positions_lean_only_beyond_the_threshold():
    assert st.position(0.34) == "toward_russia" and st.position(1 / 3) == "hedging"
    assert st.position(-0.34) == "away_from_russia" and st.position(float("nan")) == st.NO_POSITION


def test_designations_are_listed_apart(mini):
    d = st.designations(mini, "AAA")
    assert d["event_id"].tolist() == ["AAA-2024-06-01"]
    ev = st.country_events(mini, "AAA")
    assert ev["event_id"].iloc[-1] == "AAA-undated"  # undated events sort last


def test_real_data_every_country_has_a_stance_and_the_region_claim_holds(ds):
    positions, counts = st.regional_matrix(ds)
    assert (positions.loc["leader_visits"] == "toward_russia").all()
    assert (counts.loc["leader_visits"] > 0).all()
    index = st.index_table(ds)
    assert index["base"].notna().any()
    placed = st.placed(ds)
    assert (placed.loc[index["base"].notna(), "dimensions"] >= st.MIN_DIMENSIONS).all()
    assert (placed.loc[index["base"].isna(), "dimensions"] < st.MIN_DIMENSIONS).all()


def test_real_data_no_country_is_ranked_on_fewer_dimensions_or_events_than_the_rule_allows(ds):
    for c in ds.focus:
        table = st.stance_table(ds, c)
        assert (table.loc[table["score"].notna(), "events"] >= st.MIN_EVENTS).all(), c
        assert (table.loc[table["position"] == st.TOO_FEW, "events"].between(1, st.MIN_EVENTS - 1)).all(), c
    u = st.uncertainty(ds)
    assert set(u.index) == set(st.placed(ds).query("placed").index)
    assert (st.placed(ds).loc[u.index, "dimensions"] >= st.MIN_DIMENSIONS).all()


def test_real_data_turkmenistans_un_record_reads_did_not_vote(ds):
    """Turkmenistan cast no vote on any resolution since the invasion; the book says so as a position."""
    tkm = st.vote_events(ds, "TKM")
    assert len(tkm) > 0 and (tkm["vote"] == "X").all()
    assert st.stance_table(ds, "TKM").at["un_votes", "position"] == st.NOT_VOTED


def test_real_data_gatherings_every_focus_state_attended_are_not_scored(ds):
    """Victory Day 2023 and the informal CIS summit of 26 December 2022 had every focus leader; they are marked
    shared and left out of the scores, and counted again only by the variant that says so."""
    for c in ds.focus:
        ev = st.country_events(ds, c)
        shared = ev[ev["shared"]]
        assert {"2022-12-26", "2023-05-09"} <= set(shared["date"]), c
        assert not set(shared["event_id"]) & set(st.scored(ev)["event_id"]), c
        assert set(shared["event_id"]) <= set(
            st.scored(ev, dataclasses.replace(st.BASE, count_shared=True))["event_id"]
        )


def test_real_data_dimension_scores_equal_a_count_from_the_events_table(ds):
    """Kyrgyzstan's sanctions and rhetoric scores, counted again from events.csv by hand-written rules (the state's
    own acts not in doubt, +1 / 0 / -1 by direction), with its Western designations and another state's statement
    about it present in the data and left out, as the methods chapter says."""
    ev = ds.events[ds.events["country"] == "KGZ"]
    assert (ev["category"] == EXTERNAL).sum() > 0, "the check needs designations to leave out"
    assert (ev["actor_type"] != "state").sum() > (ev["category"] == EXTERNAL).sum(), "and another state's statement"
    scores = st.dimension_scores(st.country_events(ds, "KGZ"))
    value = {"toward_russia": 1, "hedging": 0, "away_from_russia": -1}
    for dimension, category in (("sanctions", "sanctions"), ("rhetoric", "rhetoric")):
        mine = ev[(ev["category"] == category) & (ev["actor_type"] == "state") & ev["doubt"].isna()]
        if len(mine) < st.MIN_EVENTS:  # too few of Kyrgyzstan's own rhetoric acts on record to score
            assert pd.isna(scores[dimension]), dimension
            continue
        expected = sum(value[d] for d in mine["direction"]) / len(mine)
        assert scores[dimension] == pytest.approx(expected), dimension
    assert set(st.scored(st.country_events(ds, "KGZ"))["category"]) <= set(st.DIMENSIONS.values())


def test_real_data_vote_events_agree_with_the_vote_table(ds):
    for iso3 in ds.focus:
        ev = st.vote_events(ds, iso3)
        post = ds.unga_votes[
            (ds.unga_votes["iso3"] == iso3)
            & ds.unga_votes["res_id"].isin(ds.unga_resolutions.index[ds.unga_resolutions["date"] >= "2022-02-24"])
        ]
        assert len(ev) == len(post)
        assert (ev["direction"].isna() == (ev["vote"] == "X")).all()


def test_real_data_every_events_grade_equals_the_one_computed_from_its_sources(ds):
    """Each event's grade, recomputed here from the source policy by the rule the methods chapter states: an
    official or intergovernmental page makes it primary; otherwise independent outlets are counted by name."""
    kinds = ds.sources["outlet"].map(ds.outlets["type"])
    names = ds.sources["outlet"].map(ds.outlets["outlet"])
    for iso3 in ds.focus:
        for r in st.country_events(ds, iso3).itertuples():
            ids = r.source_id.split(";")
            if kinds[ids].isin(("official", "intergovernmental")).any():
                expected = "primary"
            else:
                n = names[ids][kinds[ids].isin(("independent_media", "academic"))].nunique()
                expected = "corroborated" if n >= 2 else "single" if n == 1 else "state_media"
            assert r.grade == expected, r.event_id
    votes = pd.concat([st.vote_events(ds, c) for c in ds.focus])
    record = votes["source_id"].str.contains("undl-ga-voting")
    assert (grades(ds, votes.loc[record, "source_id"]) == "primary").all()  # the UN's own record
    # a vote known from two independent news pages (ES-11/10) is corroborated, not primary
    assert set(grades(ds, votes.loc[~record, "source_id"])) == {"corroborated"}


# --- evidence thresholds, shared gatherings and resampling, on hand-made cases with known answers ---------------

DIRECTION = {1: "toward_russia", 0: "hedging", -1: "away_from_russia"}


def events_dataset(
    tmp_path: Path, events: dict[str, dict[str, list[int]]], shared: tuple[str, ...] = ()
) -> data.Dataset:
    """A dataset whose focus countries (AAA, BBB) have the given events: country -> category -> directions
    (+1, 0, -1), each on its own date; ``shared`` adds, for each date given, a leader visit by both countries."""
    rows = ["event_id,date,country,actor,category,direction,summary,actor_type,doubt,source_id,note"]
    for country, by_category in events.items():
        for k, (category, directions) in enumerate(by_category.items()):
            for i, d in enumerate(directions):
                date = f"{2022 + k}-{1 + i % 12:02d}-{1 + i // 12:02d}"
                rows.append(f"{country}-{date},{date},{country},President,{category},{DIRECTION[d]},Did.,state,,gov,")
    for date in shared:
        for country in ("AAA", "BBB"):
            rows.append(f"{country}-{date},{date},{country},President,leader_visit,toward_russia,Went.,state,,gov,")
    sub = tmp_path / f"case{len(list(tmp_path.iterdir()))}"
    sub.mkdir()
    nothing = CLAIM.replace("supported,event:AAA-2024-05-09,It did.", "not_verifiable,,Nothing on record.")
    return write_tables(sub, "\n".join(rows) + "\n", nothing)


THREE_DIMS = {"rhetoric": [1, 1, 1], "security": [1, 1, 1], "sanctions": [-1, -1, -1]}


def test_a_dimension_needs_min_events_and_a_country_min_dimensions(tmp_path):
    ds = events_dataset(
        tmp_path,
        {"AAA": THREE_DIMS, "BBB": {"rhetoric": [1, 1, 1], "security": [1, 1, 1], "sanctions": [-1, -1]}},
    )
    t = st.stance_table(ds, "BBB")
    assert t.at["sanctions", "position"] == st.TOO_FEW and t.at["sanctions", "events"] == 2
    assert t.at["rhetoric", "score"] == 1.0
    index = st.index_table(ds, (st.BASE, dataclasses.replace(st.BASE, key="loose", min_events=2)))
    assert index.at["AAA", "base"] == pytest.approx(1 / 3)
    assert pd.isna(index.at["BBB", "base"])  # two dimensions scored: too little evidence to place
    assert index.at["BBB", "loose"] == pytest.approx(1 / 3)  # with two events enough, it is placed
    assert st.placed(ds).to_dict("index")["BBB"] == {"dimensions": 2, "events": 8, "placed": False}
    assert list(st.uncertainty(ds).index) == ["AAA"]


def test_a_gathering_every_focus_state_attended_is_listed_not_scored_a_visit_of_one_is_scored(tmp_path):
    ds = events_dataset(
        tmp_path,
        {"AAA": {"leader_visit": [1, 1, 1]}, "BBB": {"rhetoric": [0], "leader_visit": [-1]}},
        shared=("2025-05-09",),
    )
    aaa = st.country_events(ds, "AAA").set_index("event_id")
    assert aaa.at["AAA-2025-05-09", "shared"] and not aaa.at["AAA-2022-01-01", "shared"]
    assert st.stance_table(ds, "AAA").at["leader_visits", "events"] == 3  # the bilateral visits only
    assert (
        st.stance_table(ds, "AAA", dataclasses.replace(st.BASE, count_shared=True)).at["leader_visits", "events"] == 4
    )
    assert st.stance_table(ds, "BBB").at["leader_visits", "not_counted"] == 1


def test_events_that_all_agree_give_an_interval_of_zero_width(tmp_path):
    """Resampling identical events gives the same index every time: the interval is the point (a limit of the
    method the methods chapter states: it measures how much the index depends on which events are on record,
    not whether the coding of each is right)."""
    ds = events_dataset(tmp_path, {"AAA": THREE_DIMS, "BBB": {k: [-1, -1, -1] for k in THREE_DIMS}})
    u = st.uncertainty(ds)
    assert u.at["AAA", "low"] == u.at["AAA", "high"] == pytest.approx(1 / 3)
    assert u.at["BBB", "low"] == u.at["BBB", "high"] == pytest.approx(-1.0)
    # the intervals separate: each country has one rank, with probability one
    assert u.loc["AAA", ["rank_low", "rank_high", "p_rank_1"]].tolist() == [1, 1, 1.0]
    assert u.loc["BBB", ["rank_low", "rank_high", "p_rank_2"]].tolist() == [2, 2, 1.0]


def test_two_countries_with_the_same_events_are_each_first_half_the_time_and_not_ordered(tmp_path):
    same = {"rhetoric": [1, 0, -1, 1], "security": [1, 1, 0], "sanctions": [-1, 0, 0, 1]}
    ds = events_dataset(tmp_path, {"AAA": same, "BBB": same})
    u = st.uncertainty(ds)
    assert u.at["AAA", "index"] == u.at["BBB", "index"]
    assert u.at["AAA", "p_rank_1"] == pytest.approx(0.5, abs=0.04)
    assert u.at["BBB", "p_rank_1"] == pytest.approx(0.5, abs=0.04)
    # each country's rank probabilities add up to one, and so do each rank's (ties shared, not doubled)
    probs = u[["p_rank_1", "p_rank_2"]]
    assert probs.sum(axis=1).tolist() == pytest.approx([1, 1]) and probs.sum().tolist() == pytest.approx([1, 1])
    assert u["rank_low"].tolist() == [1, 1] and u["rank_high"].tolist() == [2, 2]


def test_the_resampled_interval_matches_the_known_spread_and_the_seed_fixes_it(tmp_path):
    """One dimension of +1 and -1 in equal numbers (the others fixed): its resampled mean over n events has mean 0
    and standard deviation 1/sqrt(n), so the index (a third of it plus 1/3) spreads by 1/(3 sqrt(n))."""
    n = 40
    ds = events_dataset(
        tmp_path, {"AAA": {"rhetoric": [1, -1] * (n // 2), "security": [1, 1, 1], "sanctions": [0, 0, 0]}}
    )
    draws = st.resampled_index(ds)["AAA"]
    assert draws.mean() == pytest.approx(1 / 3, abs=0.01)
    assert draws.std() == pytest.approx(1 / (3 * n**0.5), rel=0.1)
    u = st.uncertainty(ds)
    assert u.at["AAA", "low"] < 1 / 3 < u.at["AAA", "high"]
    assert st.resampled_index(ds).equals(st.resampled_index(ds))  # the same draws on every build
    assert not st.resampled_index(ds, seed=1).equals(st.resampled_index(ds))
