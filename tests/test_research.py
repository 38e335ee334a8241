"""The curated vote tables agree with the research pack they were curated from."""

from __future__ import annotations

import pandas as pd

from stancebook import votes as v




def test_vote_table_of_each_focus_country_equals_the_research_pack(ds, research):
    pack = pd.read_csv(research / "unga" / "ukraine_votes.csv")
    by_undl = dict(zip(ds.resolutions["undl_id"], ds.resolutions.index))
    pack["res_id"] = pack["undl_id"].map(by_undl)
    assert pack["res_id"].notna().all()
    for iso3 in ds.focus + [v.RUSSIA]:
        ours = v.country_votes(ds, iso3)["vote"]
        theirs = pack[pack["ms_code"] == iso3].set_index("res_id")["vote"].reindex(ours.index)
        assert ours.tolist() == theirs.tolist(), iso3


def test_every_vote_row_matches_the_research_pack(ds, research):
    pack = pd.read_csv(research / "unga" / "ukraine_votes.csv")
    by_undl = dict(zip(ds.resolutions["undl_id"], ds.resolutions.index))
    pack["res_id"] = pack["undl_id"].map(by_undl)
    merged = ds.votes.merge(pack, left_on=["res_id", "iso3"], right_on=["res_id", "ms_code"],
                            how="outer", suffixes=("", "_pack"), indicator=True)
    assert (merged["_merge"] == "both").all()
    assert (merged["vote"] == merged["vote_pack"]).all()


def test_world_tallies_equal_the_votes_of_all_members(ds, research):
    members = pd.read_csv(research / "unga" / "votes_ukraine_subset.csv.gz")
    counts = members.groupby(["undl_id", "vote"]).size().unstack(fill_value=0)
    for res_id, r in ds.resolutions.iterrows():
        c = counts.loc[r["undl_id"]]
        assert (r["yes"], r["no"], r["abstain"], r["non_voting"]) == (c["Y"], c["N"], c["A"], c["X"]), res_id
        assert r["members"] == c.sum()


def test_recalled_symbols_are_marked(ds, research):
    recalled = ds.resolutions.loc[ds.resolutions["symbol_basis"] == "recalled", "symbol"]
    assert sorted(recalled) == ["A/RES/77/229", "A/RES/78/221", "A/RES/78/316"]
    pack = pd.read_csv(research / "unga" / "resolutions.csv")
    flagged = pack.loc[pack["symbol_basis"].str.contains("recalled"), "resolution"]
    assert sorted(flagged) == sorted(recalled)
