"""The country card: each tile's figure, year and source come from the data, and a gap is said."""

from __future__ import annotations

import dataclasses

from bs4 import BeautifulSoup

from stancebook.compute import migration as m
from stancebook.compute import stance as st
from stancebook.compute import trade as t
from stancebook.compute import votes as v
from stancebook.data.vocab import INVASION
from stancebook.present import card
from stancebook.present import text as tx


def tiles(ds, iso3: str) -> dict[str, BeautifulSoup]:
    soup = BeautifulSoup(str(card.card(ds, iso3)), "html.parser")
    return {tile.select_one(".stancebook-tile-title").get_text(): tile for tile in soup.select(".stancebook-tile")}


def test_the_card_has_five_tiles_each_with_a_value(ds):
    for iso3 in ds.focus:
        found = tiles(ds, iso3)
        assert len(found) == 5, iso3
        assert all(t_.select_one(".stancebook-tile-value").get_text().strip() for t_ in found.values())


def test_the_stance_tile_gives_the_index_its_interval_and_its_ranks(ds):
    u = st.uncertainty(ds)
    tile = tiles(ds, "KGZ")["Stance toward Moscow"]
    assert tile.select_one(".stancebook-tile-value").get_text() == tx.score(u.at["KGZ", "index"])
    detail = tile.select_one(".stancebook-tile-detail").get_text()
    assert f"{tx.score(u.at['KGZ', 'low'])} to {tx.score(u.at['KGZ', 'high'])}" in detail
    assert tile.select_one("svg")["aria-label"].startswith("Stance index")
    # Turkmenistan has too few events for an index: said, with the count
    tkm = tiles(ds, "TKM")["Stance toward Moscow"]
    assert tkm.select_one(".stancebook-tile-value").get_text() == "not placed"
    assert tkm.select_one("svg") is None


def test_the_vote_tile_draws_one_square_per_resolution_since_the_invasion(ds):
    tile = tiles(ds, "KAZ")[f"UN votes since {tx.short_date(INVASION)}"]
    squares = [s.get_text() for s in tile.select(".stancebook-vote")]
    assert squares == v.vote_matrix(ds, ["KAZ"], INVASION).loc["KAZ"].tolist()
    counts = v.vote_counts(ds, "KAZ", INVASION)
    assert f"abstain {int(counts['A'])}" in tile.select_one(".stancebook-tile-value").get_text()


def test_the_trade_tile_gives_russias_and_chinas_share_in_the_latest_year(ds):
    tile = tiles(ds, "UZB")["Share of its trade"]
    f = t.country_summary(ds, "UZB")
    assert tile.select_one(".stancebook-tile-value").get_text() == str(f["last_year"])
    labels = [b.get_text() for b in tile.select(".stancebook-bar-label")]
    assert labels == [
        f"Russia {tx.percent(f['shares'].at[f['last_year'], 'RUS'])}",
        f"China {tx.percent(f['shares'].at[f['last_year'], 'CHN'])}",
    ]
    assert "Statistics Agency" in tile.select_one(".stancebook-tile-source").get_text()
    # no own series: no data, never a partner's figure in its place
    assert tiles(ds, "TJK")["Share of its trade"].select_one(".stancebook-tile-value").get_text() == "no data"


def test_the_remittance_and_migrant_tiles_carry_year_and_source(ds):
    found = tiles(ds, "TJK")
    rem = m.country_summary(ds, "TJK")
    assert found["Remittances received"].select_one(".stancebook-tile-value").get_text() == f"{rem['last']:.2f}% of GDP"
    people = found["Its people in Russia"]
    r = m.trusted_count(ds, "TJK")
    assert r["indicator"] == "migrant_stock_in_russia" and r["period"] == "2024"
    assert people.select_one(".stancebook-tile-value").get_text() == f"{r['value']:,.0f}"
    assert "United Nations" in people.select_one(".stancebook-tile-source").get_text()
    # Turkmenistan has only press figures for its migrants: the tile says so instead of picking one
    assert m.trusted_count(ds, "TKM") is None
    tkm = tiles(ds, "TKM")["Its people in Russia"]
    assert tkm.select_one(".stancebook-tile-value").get_text() == "no data"


def test_a_hostile_country_name_stays_text_on_the_card(ds):
    countries = ds.countries.copy()
    countries.loc["KAZ", "name"] = "<img src=x onerror=alert(1)>{math}`x`"
    html = str(card.card(dataclasses.replace(ds, countries=countries), "KAZ"))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("img") is None
    assert "<img src=x onerror=alert(1)>{math}`x`" in soup.select_one(".stancebook-card")["aria-label"]


def test_a_country_with_no_figures_gets_a_card_of_gaps(ds):
    """A country added with its votes and events only (as a new focus country might be): the card says no data
    where the tables hold nothing, instead of failing."""
    bare = dataclasses.replace(
        ds,
        indicators=ds.indicators[ds.indicators["country"] != "KAZ"],
        trade=ds.trade[ds.trade["reporter"] != "KAZ"],
    )
    found = tiles(bare, "KAZ")
    for title in ("Share of its trade", "Remittances received", "Its people in Russia"):
        assert found[title].select_one(".stancebook-tile-value").get_text() == "no data", title
