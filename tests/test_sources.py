"""The sources behind the book: the source policy holds on the real data (checked here from the tables, not by
the loader's own rules), every cell names each outlet once and flags state-affiliated media, and the curated data
are what the book's review of its sources gives."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
from bs4 import BeautifulSoup

from stancebook.compute.sources import grade, is_press
from stancebook.present import bib, tables

from conftest import ROOT

#: the tables whose rows cite sources, and the column that names them
CITING = ("countries", "unga_resolutions", "unga_votes", "trade", "eu_exports", "indicators", "events", "institutions")


def kinds(ds) -> pd.Series:
    return ds.sources["url"].map(lambda u: ds.outlets.at[outlet(ds, u), "type"])


def outlet(ds, url: str) -> str:
    """The policy's domain for a URL: its host or the nearest listed parent domain (written out again here)."""
    host = url.split("://", 1)[1].split("/", 1)[0].split(":")[0].lower().removeprefix("www.").rstrip(".")
    parts = host.split(".")
    return next(".".join(parts[i:]) for i in range(len(parts) - 1) if ".".join(parts[i:]) in ds.outlets.index)


def test_real_data_nothing_rests_on_disinformation_or_on_an_aggregator_alone(ds):
    kind = kinds(ds)
    assert not (kind == "disinformation").any()
    for name in CITING:
        for cell in getattr(ds, name)["source_id"]:
            ids = str(cell).split(";")
            assert (kind[ids] != "aggregator").any(), (name, cell)


def test_real_data_every_state_media_page_names_whom_it_reports(ds):
    kind = kinds(ds)
    state = ds.sources[kind.isin(("state_media_russia", "state_media_other"))]
    assert len(state) > 10, "the check needs state-affiliated pages"
    assert state["relays"].notna().all()


def test_real_data_one_row_per_page_with_a_real_publisher_and_no_made_up_headline(ds):
    web = ds.sources[ds.sources["source_id"].map(is_press)]
    assert web["url"].is_unique and not web["url"].isin(ds.sources.loc[~ds.sources.index.isin(web.index), "url"]).any()
    names = web["url"].map(lambda u: ds.outlets.at[outlet(ds, u), "outlet"])
    assert (web["publisher"] == names).all()  # the outlet the policy names, never a URL or a research label
    report_on = web["title"].str.startswith("Report on ")
    assert (web.loc[report_on, "title_status"] == "unconfirmed").all()
    assert (web.loc[~report_on, "title_status"] == "confirmed").all()
    assert (web["title_status"] == "confirmed").sum() > 100  # the headlines the look-ups confirmed


def test_a_cell_names_each_outlet_once_and_flags_state_media(ds):
    """A cell of two real pages of Asia-Plus (one of them twice) and a TASS page."""
    asia_plus = ds.sources.index[ds.sources["publisher"] == "Asia-Plus"][:2].tolist()
    tass = ds.sources.index[ds.sources["publisher"] == "TASS"][:1].tolist()
    assert len(asia_plus) == 2 and len(tass) == 1
    html = str(tables.source_links(ds, asia_plus + tass + asia_plus[:1]))
    text = BeautifulSoup(html, "html.parser").get_text()
    assert text == "Asia-Plus [2]; TASS (Russian state media)"
    assert len(BeautifulSoup(html, "html.parser").find_all("a")) == 3
    assert grade(ds, ";".join(asia_plus)) == "single"  # two pages of one outlet are one source
    assert grade(ds, ";".join(tass)) == "state_media"


def test_real_data_no_event_cell_shows_an_outlet_twice(ds):
    for cell in ds.events["source_id"]:
        text = BeautifulSoup(str(tables.source_links(ds, cell)), "html.parser").get_text()
        names = [part.split(" (")[0].split(" [")[0] for part in text.split("; ")]
        assert len(names) == len(set(names)), cell


def test_the_bibliography_flags_state_media_and_says_when_a_headline_is_not_confirmed(ds):
    text = bib.bibtex(ds)
    tass = ds.sources.index[ds.sources["publisher"] == "TASS"][0]
    entry = text.split(f"@misc{{{tass},", 1)[1].split("\n}", 1)[0]
    assert "Russian state media." in entry and "Reports " in entry
    unconfirmed = ds.sources.index[(ds.sources["title_status"] == "unconfirmed")][0]
    entry = text.split(f"@misc{{{unconfirmed},", 1)[1].split("\n}", 1)[0]
    assert "Headline not confirmed." in entry and "title =" not in entry


def test_the_curated_data_are_what_the_review_of_sources_gives(tmp_path):
    """scripts/curate_sources.py, run again on the committed data, changes nothing: data/ holds exactly the review
    recorded in scripts/sources/ (and applying it twice is harmless)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "curate_sources.py"), "--data", str(data)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    for path in sorted((ROOT / "data").glob("*.csv")):
        assert (data / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path.name
