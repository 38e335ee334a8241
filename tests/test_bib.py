"""references.bib is written from the data and kept equal to it; every entry parses and formats."""

from __future__ import annotations

import pytest

from stancebook.present import bib

from conftest import ROOT


def test_committed_bibliography_equals_what_the_data_give(ds):
    assert (ROOT / bib.BIB_FILE).read_text(encoding="utf-8") == bib.bibtex(ds), (
        "references.bib is out of date: run `stancebook build` (or bib.write) and commit it"
    )


def test_every_article_and_source_has_one_entry_that_pybtex_formats(ds):
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    db = parse_string(bib.bibtex(ds), "bibtex")
    keys = set(db.entries)
    assert keys == set(ds.sources.index) | {bib.article_key(c) for c in ds.articles["cite_as"]}
    style = find_plugin("pybtex.style.formatting", "plain")()
    formatted = {e.key: e.text.render_as("text") for e in style.format_entries(db.entries.values())}
    assert "General Assembly Voting Data" in formatted["undl-ga-voting"]
    assert "(% of GDP)" in formatted["wdi-remittances-gdp"]  # '%' survives as text, not a LaTeX comment


def test_unverified_article_details_are_said_not_filled(ds):
    text = bib.bibtex(ds)
    edm = text[text.index("@misc{eurasia-daily-monitor-2022") :].split("\n}\n")[0]
    assert "Unverified: author and date." in edm and "url =" not in edm
    insider = text[text.index("@misc{the-insider-2022") :].split("\n}\n")[0]
    assert "author = {{The Insider" in insider  # no byline found: the publisher stands in, whole


@pytest.mark.parametrize(
    "version, year",
    [
        ("release of 6 February 2026, file 2026_02_06_ga_voting.csv", "2026"),
        ("WDI update of April 2026; values rounded to 2 decimals", "2026"),
        ("as published online", None),
        ("web page as stored for the research pack", None),
        ("series 2010 to 2023 (revised figures)", None),  # a span of data, not the date of an edition
    ],
)
def test_edition_year_is_read_not_guessed(version, year):
    assert bib.edition_year(version) == year


def test_write_rewrites_only_when_the_data_changed(ds, tmp_path):
    assert bib.write(ds, tmp_path) is True
    assert bib.write(ds, tmp_path) is False
    assert (tmp_path / bib.BIB_FILE).read_text(encoding="utf-8") == bib.bibtex(ds)


def test_chapter_citations_follow_the_rows_each_chapter_uses(ds):
    kaz = bib.chapter_fields(ds, "country", "KAZ")
    assert kaz["trade_cite"] == "{cite:p}`kaz-bns-trade`"
    tkm = bib.chapter_fields(ds, "country", "TKM")
    assert tkm["trade_cite"] == "" and tkm["remittances_cite"] == ""  # no series: no citation, never a wrong one
    assert bib.chapter_fields(ds, "sources")["articles_cite"].startswith("{cite:t}`the-insider-2022,")
