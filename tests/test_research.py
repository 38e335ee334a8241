"""The curated tables agree with the research pack they were curated from, once the book's own list of
revisions (data/revisions.csv: rows dropped, pages replaced, values as the new page gives them) is applied."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

from stancebook.compute import votes as v
from stancebook.data.vocab import RUSSIA

#: the records of the UN's voting data the research pack did not extract, copied verbatim from the same conversion
RECORDS = Path(__file__).parents[1] / "scripts" / "sources" / "unga"


def _in_pack(ds, pack) -> pd.Index:
    """The resolutions data/ holds from the pack's extract of the UN's record."""
    return ds.unga_resolutions.index[ds.unga_resolutions["undl_id"].isin(pack["undl_id"])]


def test_vote_table_of_each_focus_country_equals_the_research_pack(ds, research):
    pack = pd.read_csv(research / "unga" / "ukraine_votes.csv")
    by_undl = dict(zip(ds.unga_resolutions["undl_id"], ds.unga_resolutions.index, strict=True))
    pack["res_id"] = pack["undl_id"].map(by_undl)
    assert pack["res_id"].notna().all()
    record = _in_pack(ds, pack)  # votes in the UN's own record, as the pack extracted them
    for iso3 in ds.focus + [RUSSIA]:
        ours = v.country_votes(ds, iso3)["vote"].reindex(record)
        theirs = pack[pack["ms_code"] == iso3].set_index("res_id")["vote"].reindex(ours.index)
        assert ours.tolist() == theirs.tolist(), iso3


def test_every_vote_row_matches_the_research_pack(ds, research):
    pack = pd.read_csv(research / "unga" / "ukraine_votes.csv")
    by_undl = dict(zip(ds.unga_resolutions["undl_id"], ds.unga_resolutions.index, strict=True))
    pack["res_id"] = pack["undl_id"].map(by_undl)
    record = _in_pack(ds, pack)
    merged = ds.unga_votes[ds.unga_votes["res_id"].isin(record)].merge(
        pack,
        left_on=["res_id", "iso3"],
        right_on=["res_id", "ms_code"],
        how="outer",
        suffixes=("", "_pack"),
        indicator=True,
    )
    assert (merged["_merge"] == "both").all()
    assert (merged["vote"] == merged["vote_pack"]).all()


def test_world_tallies_equal_the_votes_of_all_members(ds, research):
    members = pd.read_csv(research / "unga" / "votes_ukraine_subset.csv.gz")
    counts = members.groupby(["undl_id", "vote"]).size().unstack(fill_value=0)
    for res_id, r in ds.unga_resolutions[ds.unga_resolutions["undl_id"].notna()].iterrows():
        path = RECORDS / f"{r['undl_id']}.json"
        if path.is_file():
            votes = pd.Series(json.loads(path.read_text(encoding="utf-8"))["v"])
            c = votes.value_counts().reindex(["Y", "N", "A", "X"], fill_value=0)
        else:
            c = counts.loc[r["undl_id"]]
        assert (r["yes"], r["no"], r["abstain"], r["non_voting"]) == (c["Y"], c["N"], c["A"], c["X"]), res_id
        assert r["members"] == c.sum()


def test_the_votes_known_from_the_press_are_the_update_packs(ds, research):
    """The 24 February 2026 vote postdates the UN's release: tally and the five's votes as the pack's pages give
    them, no UN record id, no non-voting count (no source states it), and the symbol marked as inferred."""
    pack = pd.read_csv(research / "update_2026" / "unga_2026.csv", dtype=str).set_index("date").loc["2026-02-24"]
    press = ds.unga_resolutions[ds.unga_resolutions["undl_id"].isna()]
    assert list(press.index) == ["ES-11/10"]
    r = press.loc["ES-11/10"]
    assert (r["yes"], r["no"], r["abstain"]) == (int(pack["yes"]), int(pack["no"]), int(pack["abstain"]))
    assert pd.isna(r["non_voting"]) and r["symbol_basis"] == "inferred"
    votes = ds.unga_votes[ds.unga_votes["res_id"] == "ES-11/10"].set_index("iso3")["vote"]
    assert {c: votes[c] for c in ds.focus} == {c: pack[c] for c in ds.focus}
    assert votes[RUSSIA] == "N"


def test_curating_the_un_tables_again_gives_the_committed_files(research, tmp_path):
    root = Path(__file__).parents[1]
    out = Path(shutil.copytree(root / "data", tmp_path / "data"))
    subprocess.run(
        [sys.executable, "scripts/curate_unga.py", "--research", str(research), "--out", str(out)],
        cwd=root, check=True, capture_output=True,
    )  # fmt: skip
    for name in ("unga_resolutions.csv", "unga_votes.csv"):
        assert (out / name).read_bytes() == (root / "data" / name).read_bytes(), name


def test_recalled_symbols_are_marked(ds, research):
    """The pack's recalled symbols, and those of the baseline records matched by title and date to the symbols
    the pack lists (2020 and 2021); the 2016-2019 symbols are read from the Voeten dataset (next test)."""
    res = ds.unga_resolutions
    recalled = res.loc[res["symbol_basis"] == "recalled", "symbol"]
    pack = pd.read_csv(research / "unga" / "resolutions.csv")
    flagged = pack.loc[pack["symbol_basis"].str.contains("recalled"), "resolution"]
    baseline = res.loc[res["undl_id"].isin([int(p.stem) for p in RECORDS.glob("*.json")])]
    assert sorted(recalled) == sorted([*flagged, *baseline.loc[baseline["symbol_basis"] == "recalled", "symbol"]])
    assert sorted(baseline.loc[baseline["symbol_basis"] == "recalled", "symbol"]) == [
        "A/RES/75/192", "A/RES/75/29", "A/RES/76/179", "A/RES/76/70",
    ]  # fmt: skip


def test_the_baseline_records_agree_with_the_voeten_dataset_vote_for_vote(ds, research):
    """The records of 2016 to 2019 carry the symbols and the votes of an independent dataset (Voeten, Strezhnev
    and Bailey; absences are not rows there): every member's vote the same, Serbia's code and a missing Zimbabwe
    row apart."""
    import gzip

    folder = research / "unga" / "voeten_1946_2019"
    calls = pd.read_csv(folder / "un_roll_calls.csv.gz", usecols=["rcid", "date", "unres"])
    with gzip.open(folder / "un_votes.csv.gz", "rt") as f:
        votes = pd.read_csv(f, keep_default_na=False)
    alpha2 = {"KZ": "KAZ", "KG": "KGZ", "TJ": "TJK", "TM": "TKM", "UZ": "UZB", "RU": "RUS", "UA": "UKR"}
    checked = 0
    for res_id, r in ds.unga_resolutions[ds.unga_resolutions["date"].dt.year.between(2016, 2019)].iterrows():
        record = json.loads((RECORDS / f"{r['undl_id']}.json").read_text(encoding="utf-8"))["v"]
        unres = r["symbol"].removeprefix("A/RES/")
        call = calls[calls["unres"].str.endswith("/" + unres) & (calls["date"] == r["date"].strftime("%Y-%m-%d"))]
        assert len(call) == 1, res_id
        cast = votes[votes["rcid"] == call["rcid"].iloc[0]]
        theirs = {
            alpha2[c]: {"yes": "Y", "no": "N", "abstain": "A"}[x]
            for c, x in zip(cast["country_code"], cast["vote"], strict=True)
            if c in alpha2
        }
        ours = {c: record[c] for c in alpha2.values() if record[c] != "X"}
        assert ours == theirs, res_id
        checked += 1
    assert checked == 6


# --- trade, remittances and migration ---------------------------------------------------------------


def _revised(ds, pack: pd.DataFrame, table: str, key: pd.Series, value: str) -> pd.DataFrame:
    """The pack's rows as the book's revisions leave them: dropped rows gone, replaced pages and values in."""
    pack = pack.assign(_key=key)
    rev = ds.revisions[ds.revisions["table"] == table]
    for r in rev.itertuples():
        rows = (pack["_key"] == r.key) & (pack["source_url"] == r.page_removed)
        if r.change == "dropped":
            assert rows.sum() == 1, r.key
            pack = pack[~rows]
        elif r.change == "source replaced":
            assert rows.sum() == 1, r.key
            pack.loc[rows, "source_url"] = r.page_added
            if pd.notna(r.value):
                pack.loc[rows, value] = type(pack[value].iloc[0])(int(r.value) if r.value == int(r.value) else r.value)
    return pack.drop(columns="_key").reset_index(drop=True)


UPDATE_FIGURES = Path(__file__).parents[1] / "scripts" / "sources" / "update_2026_figures.csv"


def _update_review(table: str) -> list[dict]:
    import csv

    with UPDATE_FIGURES.open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["include"] == "yes" and r["table"] == table]


def _earlier(rows: pd.DataFrame, n: int) -> pd.DataFrame:
    """The rows curated from the pack's first files: those before the update's, which follow them."""
    return rows.iloc[:n]


def test_the_update_figures_are_the_ones_the_review_keeps(ds, research):
    """Every figure of the pack's update is reviewed; the kept trade rows follow the earlier ones with the pack's
    values (a lower bound or an approximation flagged), never in the primary series; the kept indicator rows too."""
    pack = pd.read_csv(research / "update_2026" / "figures_2024_2026.csv", dtype=str)
    with UPDATE_FIGURES.open(encoding="utf-8") as f:
        assert len(f.read().strip().splitlines()) - 1 == len(pack) == 91
    trade = _update_review("trade")
    ours = ds.trade.iloc[len(ds.trade) - len(trade) :].reset_index(drop=True)
    assert len(trade) == 29 and (ours["primary"] == "no").all() and (ours["channel"] == "press").all()
    for (_, row), r in zip(ours.iterrows(), trade, strict=True):
        p = pack.iloc[int(r["research_row"]) - 1]
        year = p["period"][:4]
        assert (row["reporter"], row["partner"], str(row["year"]), row["flow"]) == (
            p["country"], p["partner"], year, p["flow"]
        )  # fmt: skip
        # a figure for part of a year keeps the months the pack's period gives ("2025-01..2025-09", "2025-Q1")
        months = r["months"] or None
        assert row["months"] == months or (pd.isna(row["months"]) and months is None), r["research_row"]
        if months:
            first, last = months.split("..")
            assert p["period"] in (f"{year}-{first}..{year}-{last}", f"{year}-Q1" if months == "01..03" else ""), p
        else:
            assert p["period"] == year
        assert row["value_usd_m"] == float(p["value"].lstrip(">").removeprefix("nearly ")), r["research_row"]
        assert (row["precision"] == "lower_bound") == p["value"].startswith(">")
        assert (row["precision"] == "approximate") == p["value"].startswith("nearly"), r["research_row"]
    indicators = _update_review("indicators")
    ours = ds.indicators.iloc[len(ds.indicators) - len(indicators) :].reset_index(drop=True)
    assert len(indicators) == 15
    assert ours["indicator"].tolist() == [r["indicator"] for r in indicators]
    assert set(ours["period"].str[:4]) == {"2024", "2025"}


def _pack_trade(research, ds):
    pack = pd.read_csv(research / "trade" / "trade_figures.csv")
    key = pack[["reporter_iso3", "partner", "year", "flow"]].astype(str).agg("/".join, axis=1)
    return _revised(ds, pack, "trade", key, "value_usd_million")


def test_every_trade_row_matches_the_research_pack(ds, research):
    """Same rows in the same order: reporter, partner, year, flow, value, and the source's URL."""
    pack = _pack_trade(research, ds)
    ours = _earlier(ds.trade, len(pack))
    assert len(ours) == len(pack)
    for col_ours, col_pack in (
        ("reporter", "reporter_iso3"),
        ("partner", "partner"),
        ("year", "year"),
        ("flow", "flow"),
    ):
        assert ours[col_ours].tolist() == pack[col_pack].tolist(), col_ours
    # The values are the pack's, to the last decimal but where the pack rounded in floating point or added up
    # rounded figures: UZB/RUS/2019 export is 2531870.5 thousand US$ in the Agency's file, 2531.871 million
    # rounded half up (the pack has 2531.870; the same for the sum UZB/WLD/2016 export); KGZ/EU27/2021 turnover
    # is 47545.426 + 289492.931 thousand = 337.038 (the pack 337.037). data/ holds what stancebook update reads
    # from the files (tests/test_update_trade.py).
    gap = (ours["value_usd_m"] - pack["value_usd_million"]).abs()
    assert (gap.fillna(0) <= 0.0011).all()
    assert ours.loc[gap > 1e-9, ["reporter", "partner", "year", "flow"]].astype(str).agg("/".join, axis=1).tolist() == [
        "KGZ/EU27/2021/turnover",
        "UZB/RUS/2019/export",
        "UZB/WLD/2016/export",
    ]
    urls = ours["source_id"].map(ds.sources["url"])
    assert urls.tolist() == pack["source_url"].tolist()


def test_trade_flags_follow_the_research_notes(ds, research):
    pack = _pack_trade(research, ds)
    ours = _earlier(ds.trade, len(pack))
    assert ((ours["reported_by"] == "partner") == (pack["source_kind"] == "mirror")).all()
    assert ((ours["figure"] == "derived") == pack["note"].str.startswith("DERIVED")).all()
    lower = pack["note"].str.contains("LOWER BOUND")
    assert (ours.loc[lower, "precision"] == "lower_bound").all() and lower.sum() == 8
    services = pack["note"].str.contains("GOODS AND SERVICES|includes services")
    assert (ours.loc[services, "basis"] == "goods_and_services").all()
    assert set(ours.loc[ours["reporter"] == "UZB", "basis"]) <= {"goods_and_services", "not_stated", "goods"}
    # the primary series never includes the EU block as published with the UK, nor mirror or press rows
    primary = ours[ours["primary"] == "yes"]
    assert "EU28" not in set(primary["partner"])
    assert set(primary["channel"]) == {"data_file"} and set(primary["reported_by"]) == {"reporter"}
    assert set(primary["reporter"]) == {"KAZ", "KGZ", "UZB"}


def test_derived_turnover_in_the_pack_equals_our_export_plus_import(ds, research):
    from stancebook.compute import trade as t

    pack = _pack_trade(research, ds)
    derived = pack[pack["note"].str.startswith("DERIVED by us: export + import") & (pack["flow"] == "turnover")]
    assert len(derived) >= 80
    for r in derived.itertuples():
        ours = t.turnover(ds, r.reporter_iso3).at[r.year, r.partner]
        assert abs(ours - r.value_usd_million) < 0.01, (r.reporter_iso3, r.partner, r.year)


def test_eu_exports_match_the_eurostat_extract(ds, research):
    raw = pd.read_csv(research / "trade" / "raw" / "eurostat_eu27_exports_to_selected_partners_2010_2023_EUR.csv")
    merged = ds.eu_exports.merge(
        raw, left_on=["partner", "year"], right_on=["partner_iso3", "year"], how="outer", indicator=True
    )
    assert (merged["_merge"] == "both").all()
    assert (merged["value_eur_m"] - merged["value_eur_million"]).abs().max() < 1e-9
    # the research notes' own table: EU exports to Kyrgyzstan 263.2 (2021) -> 2,733.8 (2023), EUR million
    kgz = ds.eu_exports[ds.eu_exports["partner"] == "KGZ"].set_index("year")["value_eur_m"]
    assert round(kgz[2021], 1) == 263.2 and round(kgz[2023], 1) == 2733.8


def test_every_indicator_row_matches_the_research_pack(ds, research):
    pack = pd.read_csv(research / "migration" / "figures.csv", dtype=str, keep_default_na=False)
    unverified_polls = pack["indicator"].str.startswith("poll_") & pack["source_kind"].str.contains("UNVERIFIED")
    assert unverified_polls.sum() == 4  # the Gallup figures relayed by a partisan site, left out
    pack = pack[~unverified_polls].reset_index(drop=True)
    sys.path.insert(0, str(Path(__file__).parents[1] / "scripts"))
    from curate_dependence import ODD_PERIODS  # the periods the curation rewrites, e.g. '2022-05/06'

    period = pack["year"].map(lambda y: ODD_PERIODS.get(y, (y, ""))[0])
    pack = _revised(ds, pack, "indicators", pack["country_iso3"] + "/" + pack["indicator"] + "/" + period, "value")
    ours = ds.indicators[ds.indicators["source_id"] != "wdi-remittances-usd"].reset_index(drop=True)  # not the pack's
    ours = _earlier(ours, len(pack))
    assert len(ours) == len(pack)
    assert ours["country"].tolist() == pack["country_iso3"].tolist()
    assert ours["indicator"].tolist() == pack["indicator"].tolist()
    assert ours["unit"].tolist() == pack["unit"].tolist()
    for r, p in zip(ours.itertuples(), pack.itertuples(), strict=True):
        stated = p.value.lstrip(">")
        if r.precision == "not_published":
            assert p.value in ("", "NA")
        elif r.precision == "range":
            low, high = stated.split("-")
            assert (r.value, r.value_high) == (float(low), float(high))
        else:
            assert r.value == float(stated), (r.country, r.indicator, r.period)
        if r.period_detail != r.period_detail:  # NaN: no qualifier, the period is copied as is
            assert r.period == p.year
    assert (ours["source_id"].map(ds.sources["url"]) == pack["source_url"]).all()


def test_kazakhstan_russia_turnover_is_the_official_bns_figure(ds, research):
    from stancebook.compute import trade as t

    pack = _pack_trade(research, ds)
    bns = pack[
        (pack["reporter_iso3"] == "KAZ")
        & (pack["partner"] == "RUS")
        & (pack["flow"] == "turnover")
        & (pack["source_kind"] == "official_stat")
    ].set_index("year")["value_usd_million"]
    facts = t.country_summary(ds, "KAZ")["russia_turnover"]
    for year in (2021, 2022, 2023):
        assert facts[year] == bns[year]
    assert [round(bns[y]) for y in (2021, 2022, 2023)] == [24624, 26972, 27054]


def test_tajikistan_remittances_are_the_world_bank_figures(ds, research):
    from stancebook.compute import migration as m

    pack = pd.read_csv(research / "migration" / "figures.csv")
    wdi = pack[(pack["country_iso3"] == "TJK") & (pack["indicator"] == "remittances_pct_gdp")]
    wdi = wdi.set_index(wdi["year"].astype(int))["value"].astype(float)
    series = m.country_summary(ds, "TJK")["series"]
    assert [series[y] for y in (2021, 2022, 2023)] == [wdi[2021], wdi[2022], wdi[2023]]
    assert [wdi[2021], wdi[2022], wdi[2023]] == [32.69, 49.9, 37.84]
    # the raw WDI extract the pack was made from agrees
    raw = pd.read_csv(next((research / "migration" / "raw").glob("wdi_BX.TRF*")))
    raw = raw[raw["iso3c"] == "TJK"].set_index("year")["remit_gdp"]
    assert [raw[y] for y in (2021, 2022, 2023)] == [32.69, 49.9, 37.84]


def test_shares_equal_the_research_claims_check(ds):
    """claims_check.md (C3): Russia 24.2 -> 19.4 (KAZ), 27.7 -> 19.1 (KGZ), 17.9 -> 16.0 (UZB); China 17.7 -> 21.5,
    18.3 -> 34.5, 17.7 -> 21.8."""
    from stancebook.compute import trade as t

    table = t.share_table(ds, (2021, 2023)).round(1)
    assert table.loc["KAZ"].tolist() == [24.2, 19.4, 17.7, 21.5]
    assert table.loc["KGZ"].tolist() == [27.7, 19.1, 18.3, 34.5]
    assert table.loc["UZB"].tolist() == [17.9, 16.0, 17.7, 21.8]


def test_the_update_events_are_the_ones_the_review_keeps(ds, research):
    """Every row of the pack's update is reviewed; the kept ones follow the pack's 143 earlier events, with the
    pack's country and the review's date, category and direction; the UN votes and Kyiv's rebuke of all five
    stay out."""
    import csv

    pack = pd.read_csv(research / "update_2026" / "events_2025_2026.csv", dtype=str, keep_default_na=False)
    with (Path(__file__).parents[1] / "scripts" / "stance_text" / "update_2026_events.csv").open(encoding="utf-8") as f:
        review = list(csv.DictReader(f))
    assert len(review) == len(pack) == 50
    kept = [(p, r) for (_, p), r in zip(pack.iterrows(), review, strict=True) if r["include"] == "yes"]
    left = [int(r["research_row"]) for r in review if r["include"] != "yes"]
    assert left == [24, 31, 32, 33, 34, 35]
    assert all(pack.at[i - 1, "category"] == "un_vote" for i in left if i != 24)
    ours = ds.events.reset_index(drop=True).iloc[143:]
    assert len(ours) == len(kept) == 44
    for (_, event), (p, r) in zip(ours.iterrows(), kept, strict=True):
        assert (event["country"], event["category"], event["direction"]) == (
            p["country"],
            r["category"],
            r["direction"],
        )
        assert event["date"] == (r["date"] or None) or (pd.isna(event["date"]) and not r["date"])
    # Russia-led summits are leader visits, as in the earlier years; the migration rows have their own dimension
    assert set(
        pack.loc[[int(r["research_row"]) - 1 for _, r in kept if r["category"] == "leader_visit"], "category"]
    ) <= {"multilateral_russia_led", "leader_visit"}
    assert set(ours["date"].dropna().str[:4]) == {"2024", "2025", "2026"} and ours["date"].max() == "2026-05-28"


def test_events_match_the_research_pack(ds, research):
    pack = pd.read_csv(research / "stance" / "events.csv", dtype=str, keep_default_na=False)
    own = pack[pack["category"] != "un_vote"].reset_index()
    dropped = ds.revisions[(ds.revisions["table"] == "events") & (ds.revisions["change"] == "dropped")]["key"]
    assert len(own) == 144 and list(dropped) == ["KAZ-2022-10-14-2"]  # the Astana summit, counted once
    second = own.groupby(["country_iso3", "date"]).cumcount() == 1  # KAZ-2022-10-14-2 is the day's second row
    own = own[~(second & (own["country_iso3"] == "KAZ") & (own["date"] == "2022-10-14"))]
    own = own.reset_index(drop=True)
    # the pack's first file, then its update (next test)
    ours = ds.events.reset_index(drop=True).iloc[: len(own)]
    assert len(ours) == len(own) == 143
    for col_ours, col_pack in (
        ("country", "country_iso3"),
        ("category", "category"),
        ("direction", "direction"),
        ("actor", "actor"),
    ):
        assert ours[col_ours].tolist() == own[col_pack].tolist(), col_ours
    # dates are the pack's, except where its note pins an undated event to a month or leaves it undated
    changed = ours["date"].fillna("") != own["date"]
    assert sorted(own.loc[changed, "index"]) == [47, 111]
    assert ours["summary"].ne(own["summary"]).all()  # every summary is in the book's own words


def test_press_vote_lists_in_the_pack_agree_with_the_un_record(ds, research):
    pack = pd.read_csv(research / "stance" / "events.csv", dtype=str, keep_default_na=False)
    votes = ds.unga_votes.set_index(["iso3", "res_id"])["vote"]
    words = {"Abstained": "A", "Voted against": "N", "Did not vote": "X"}
    checked = 0
    for r in pack[pack["category"] == "un_vote"].itertuples():
        res = next((s for s in ("ES-11/1", "ES-11/4", "ES-11/6") if s in r.summary), None)
        res = res or ("ES-11/3" if "Human Rights Council" in r.summary else None)
        said = next((code for word, code in words.items() if r.summary.startswith(word)), None)
        if res and said:
            assert votes[(r.country_iso3, res)] == said, (r.country_iso3, res)
            checked += 1
    assert checked == 19  # the twentieth, Turkmenistan on ES-11/6, is 'unclear' in the press; the UN record says X


def test_institutional_ties_match_the_research_pack(ds, research):
    pack = pd.read_csv(research / "stance" / "institutions.csv", dtype=str, keep_default_na=False)
    absences = pd.read_csv(Path(__file__).parents[1] / "scripts" / "stance_text" / "known_absences.csv", dtype=str)
    # Uzbekistan's 'no base' row of the pack has no source and is left out; the sourced absences are added
    assert len(ds.institutions) == len(pack) - 1 + len(absences)
    cis = ds.institutions.set_index(["country", "institution"])
    assert cis.at[("UZB", "RUS_MILITARY"), "status"] == "no Russian facilities"
    assert cis.loc[("UZB", "RUS_MILITARY"), "source_id"].startswith("web-rferl-org-")
    assert {c for c in ds.focus if (c, "BRICS") in cis.index} == set(ds.focus)  # a status or a sourced none
    assert cis.at[("TKM", "CIS"), "since"] == "2005-08-26"
    assert cis.at[("UZB", "EAEU"), "since"] == "2020-12-11"
    assert cis.at[("RUS", "TALIBAN"), "since"] == "2025-07-03"


WORLD_BANK = Path(__file__).parents[1] / "scripts" / "sources" / "worldbank"


def _world_bank_file(pattern: str) -> pd.DataFrame:
    """A World Bank bulk file (four header lines), by country code and year."""
    path = next(WORLD_BANK.glob(pattern))
    frame = pd.read_csv(path, skiprows=4, encoding="utf-8-sig").set_index("Country Code")
    return frame[[c for c in frame.columns if c.isdigit()]]


def test_remittances_in_dollars_are_the_world_banks_own_file(ds):
    wb = _world_bank_file("API_BX.TRF.PWKR.CD.DT_*")
    assert (WORLD_BANK / next(WORLD_BANK.glob("API_BX.TRF.PWKR.CD.DT_*")).name).read_text(
        encoding="utf-8-sig"
    ).splitlines()[2] == '"Last Updated Date","2025-07-01",'
    ours = ds.indicators[ds.indicators["indicator"] == "remittances_usd_wdi"]
    assert set(ours["country"]) == {"KAZ", "KGZ", "TJK", "UZB"}  # Turkmenistan's zeros are left out
    for r in ours.itertuples():
        assert r.value == wb.at[r.country, r.period], (r.country, r.period)
    assert len(ours) == wb.loc[["KAZ", "KGZ", "TJK", "UZB"], [str(y) for y in range(2010, 2025)]].notna().sum().sum()
    assert round(ours.set_index(["country", "period"]).at[("TJK", "2023"), "value"] / 1e9, 2) == 4.63


def test_the_percent_of_gdp_extract_agrees_with_the_world_banks_own_older_file(ds):
    """The claim in the WDI source's retrieval note: the same to within 0.01 points up to 2016, and differences
    later for the three countries whose figures the World Bank has revised since."""
    wb = _world_bank_file("BX.TRF.PWKR.DT.GD.ZS__*")
    ours = ds.indicators[ds.indicators["indicator"] == "remittances_pct_gdp"]
    gaps = {}
    for r in ours.itertuples():
        old = wb.at[r.country, r.period] if r.period in wb.columns else float("nan")
        if pd.notna(old):
            gaps[(r.country, int(r.period))] = abs(r.value - old)
    assert len(gaps) > 40
    assert max(g for (c, y), g in gaps.items() if y <= 2016) <= 0.011
    revised = {c for (c, y), g in gaps.items() if g > 0.011}
    assert revised == {"KGZ", "TJK", "UZB"}  # as the note says; Kazakhstan's values are all unchanged
    assert "within 0.01 points" in ds.sources.at["wdi-remittances-gdp", "retrieval_note"]
