"""The glue registry holds both sides to one list of keys: the templates name only declared keys, with the one
role that shows text literally, and each chapter's facts give exactly the declared keys. The regional prose is
computed for whichever focus countries the data hold."""

from __future__ import annotations

import dataclasses
import json

import nbformat
import pandas as pd
import pytest

from stancebook.builder import plan
from stancebook.builder.project import Project
from stancebook.compute import stance as st
from stancebook.errors import BuildError
from stancebook.present import glue
from stancebook.present import text as tx
from stancebook.present.chapters import CHAPTERS, country, data, findings, methods, region, sources

from conftest import ROOT, copy_project

MODULES = {
    "country": country,
    "findings": findings,
    "region": region,
    "sources": sources,
    "methods": methods,
    "data": data,
}


def template_markdown(chapter: str) -> str:
    nb = nbformat.read(ROOT / "chapters" / "templates" / f"{chapter}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def facts(ds, chapter: str, iso3: str = "KAZ") -> dict:
    return MODULES[chapter].facts(ds, iso3) if chapter == "country" else MODULES[chapter].facts(ds)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_templates_name_only_declared_keys_and_use_every_one(chapter):
    text = template_markdown(chapter)
    assert glue.check_template(chapter, text) == []
    used = {key for _, key in glue.references(text)}
    assert used == set(glue.REGISTRY[chapter]), "a declared key no template uses, or the reverse"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_template_cell_has_a_fixed_unique_id(chapter):
    """A cell without an id gets a random one when executed, and two builds of the same data would differ."""
    with (ROOT / "chapters" / "templates" / f"{chapter}.ipynb").open(encoding="utf-8") as f:
        cells = json.load(f)["cells"]
    ids = [c.get("id") for c in cells]
    assert None not in ids and len(set(ids)) == len(ids)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapters_facts_are_exactly_its_declared_keys(ds, chapter):
    for iso3 in ds.focus if chapter == "country" else [None]:
        glue.check_facts(chapter, facts(ds, chapter, iso3))


def test_facts_that_miss_add_or_mistype_a_key_are_refused():
    good = {k: (1 if key.kind == "count" else "text") for k, key in glue.REGISTRY["data"].items()}
    glue.check_facts("data", good)
    with pytest.raises(glue.GlueError, match="no value for n_tables"):
        glue.check_facts("data", {k: v for k, v in good.items() if k != "n_tables"})
    with pytest.raises(glue.GlueError, match=r"kgz_chn_share_2023 not declared"):
        glue.check_facts("data", {**good, "kgz_chn_share_2023": "19.1%"})
    with pytest.raises(glue.GlueError, match="n_tables must be a whole number"):
        glue.check_facts("data", {**good, "n_tables": "15"})
    with pytest.raises(glue.GlueError, match="vintage_text must be non-empty text"):
        glue.check_facts("data", {**good, "vintage_text": " "})


def test_a_template_naming_an_undeclared_key_or_another_role_is_refused_before_execution(tmp_path, ds):
    project = Project(copy_project(tmp_path / "book"))
    path = project.template("region")
    nb = nbformat.read(path, as_version=4)
    prose = [c for c in nb.cells if c.cell_type == "markdown"][1]  # the first paragraph after the title
    prose.source += " Russia's share fell from {glue:text}`kgz_rus_share_2021` and {glue:md}`n_focus`."
    nbformat.write(nb, path)
    with pytest.raises(BuildError) as caught:
        plan.render(plan.book_job(project, ds, "region"))
    message = str(caught.value)
    assert "'kgz_rus_share_2021' is not declared for the region chapter" in message
    assert "{glue:md}`n_focus`: use {glue:text}" in message


def test_fields_are_escaped_and_citations_must_be_citations(tmp_path, ds):
    project = Project(copy_project(tmp_path / "book"))
    job = plan.country_job(project, ds, "KAZ")
    hostile = dataclasses.replace(job, fields={**job.fields, "name": "Kaz {download}`/etc/hostname` $x$\n\n# H"})
    title = next(c for c in plan.render(hostile).cells if c.cell_type == "markdown").source
    assert title == r"# Kaz \{download\}\`\/etc\/hostname\` \$x\$ \# H"
    forged = dataclasses.replace(job, citations={**job.citations, "votes_cite": "{download}`/etc/hostname`"})
    with pytest.raises(BuildError, match="votes_cite is not a MyST citation"):
        plan.render(forged)


# --- the regional prose follows the data ---------------------------------------------------------------------


def demoted(ds, iso3: str):
    countries = ds.countries.copy()
    countries.loc[iso3, "role"] = "comparison"
    return dataclasses.replace(ds, countries=countries)


def test_regional_prose_names_only_the_focus_countries_the_data_hold(ds):
    before = region.facts(ds)
    after = region.facts(demoted(ds, "KGZ"))
    glue.check_facts("region", after)
    assert "Kyrgyzstan" in before["turnover_text"] and "Kyrgyzstan" in before["share_text"]
    for key, text in after.items():
        if isinstance(text, str):
            assert "Kyrgyzstan" not in text, key
    assert after["n_focus"] == before["n_focus"] - 1
    assert "Kazakhstan's rose from" in after["turnover_text"] and "Uzbekistan's rose" in after["turnover_text"]


def test_regional_prose_without_any_trade_series_says_so(ds):
    no_primary = ds.trade.assign(primary="no")
    facts_ = region.facts(dataclasses.replace(ds, trade=no_primary))
    glue.check_facts("region", facts_)
    assert facts_["turnover_text"] == "No focus country has a trade series with Russia in the data."
    assert facts_["trade_gaps_text"].startswith("The trade charts leave out Kazakhstan, Kyrgyzstan")
    assert facts_["reexport_text"].startswith("No focus country has both")


def test_regional_prose_takes_the_latest_year_from_the_data(ds):
    """Drop every 2023 trade row: the prose then speaks of 2022, with no typed year to go stale."""
    older = ds.trade[ds.trade["year"] < 2023]
    facts_ = region.facts(dataclasses.replace(ds, trade=older))
    assert "in 2022" in facts_["turnover_text"] and "2023" not in facts_["turnover_text"]
    assert "19.1%" not in facts_["share_text"]


# --- the comparative stance sentences are computed: change the data and they change -------------------------


def with_events(ds, events):
    return dataclasses.replace(ds, events=events.reset_index(drop=True))


def test_where_the_states_differ_most_follows_the_scores(ds):
    before = region.differ_most(ds)
    assert before.startswith("The states differ most on ") and "labour-migration relations" in before
    # Kyrgyzstan's security acts all turned away from Russia: security ties now spread widest
    ev = ds.events.copy()
    ev.loc[(ev["country"] == "KGZ") & (ev["category"] == "security"), "direction"] = "away_from_russia"
    after = region.differ_most(with_events(ds, ev))
    assert after != before and after.startswith("The states differ most on security ties (from −1.00 to +")


def test_who_is_placed_and_who_is_highest_follow_the_events(ds):
    text = region.ranking_text(ds)
    assert text.startswith("Too little evidence to place Turkmenistan: it has 1 dimension")
    assert "Tajikistan has the highest index" in text
    # Tajikistan's leader visits and security acts dropped: it falls from the top, and the sentence says who leads
    ev = ds.events[~((ds.events["country"] == "TJK") & ds.events["category"].isin(["leader_visit", "security"]))]
    changed = region.ranking_text(with_events(ds, ev))
    assert "Tajikistan has the highest index" not in changed and "has the highest index" in changed
    # three security acts and three statements of Turkmenistan's own, away from Russia: with leader visits that is
    # three scored dimensions, so it is placed, and the sentence no longer says it cannot be
    extra = pd.DataFrame(
        [
            {
                **ds.events.iloc[0].to_dict(),
                "event_id": f"TKM-2024-0{i}-01",
                "date": f"2024-0{i}-01",
                "country": "TKM",
                "category": cat,
                "direction": "away_from_russia",
                "actor_type": "state",
                "doubt": pd.NA,
            }
            for i, cat in enumerate(["security"] * 3 + ["rhetoric"] * 3, start=1)
        ]
    )
    more = with_events(ds, pd.concat([ds.events, extra]))
    assert not region.ranking_text(more).startswith("Too little evidence")
    assert "TKM" in st.uncertainty(more).index


def test_the_country_sentence_says_did_not_vote_and_changes_when_a_vote_is_cast(ds):
    from stancebook.present.chapters import country

    assert "Turkmenistan did not vote on any of the 15 UN resolutions" in country.stance_text(ds, "TKM")
    votes = ds.unga_votes.copy()
    first = votes.index[(votes["iso3"] == "TKM") & votes["res_id"].eq("ES-11/1")]
    votes.loc[first, "vote"] = "A"
    cast = dataclasses.replace(ds, unga_votes=votes)
    assert "did not vote on any" not in country.stance_text(cast, "TKM")


def test_the_variants_sentence_lists_every_coding_the_table_shows(ds):
    text = region.variants_text(ds)
    assert text.startswith(f"The table recomputes the index under {len(st.VARIANTS) - 1} other codings: ")
    for c in st.VARIANTS[1:]:
        assert tx.lowered(tx.VARIANT_LABELS[c.key]) in text


def test_the_other_trade_figures_sentence_counts_what_differs_from_the_countrys_own(ds):
    from stancebook.compute import trade as t
    from stancebook.present.chapters import country

    text = country.other_trade_text(ds, "KAZ")
    rows = t.against_own(ds, "KAZ", 2019)
    wide = rows[rows["gap"].abs() > t.TOLERANCE]
    assert f"{len(wide)} of those differ from its own figure by more than 10%" in text
    # set every other figure equal to Kazakhstan's own: none differs any more
    trade = ds.trade.copy()
    for i in wide.index:
        trade.at[i, "value_usd_m"] = wide.at[i, "own"]
    assert "0 of those differ" in country.other_trade_text(dataclasses.replace(ds, trade=trade), "KAZ")
    assert "nothing of its own to compare them with" in country.other_trade_text(ds, "TJK")


def test_the_country_sentence_dates_the_acts_by_the_acts_not_by_the_later_votes(ds):
    from stancebook.present.chapters import country

    # the acts on record before the last UN vote's year, so that a vote is later than the last act
    last_vote = ds.unga_resolutions["date"].max().year
    earlier = with_events(ds, ds.events[ds.events["date"].fillna("") < str(last_vote)])
    first, last = st.event_years(earlier, votes=False)
    assert st.event_years(earlier)[1] > last
    assert f"leaders and state bodies between {first} and {last} that bear" in country.stance_text(earlier, "KAZ")


def test_the_latest_reported_trade_with_russia_is_said_and_follows_the_data(ds):
    """Uzbekistan's own series ends in 2023; the Statistics Agency's 2025 figure, reported by the press, is said;
    without the 2025 rows the sentence names the latest year left."""
    from stancebook.present.chapters import country

    text = country.latest_reported_text(ds, "UZB")
    assert text.startswith("The latest reported figures for its trade with Russia are for 2025, after its own series")
    assert "US$12,986.0 million (own statistics, goods and services)" in text
    assert text in country.other_trade_text(ds, "UZB")
    older = dataclasses.replace(ds, trade=ds.trade[ds.trade["year"] < 2025].reset_index(drop=True))
    assert "are for 2024" in country.latest_reported_text(older, "UZB")
    none_newer = dataclasses.replace(ds, trade=ds.trade[ds.trade["year"] <= 2023].reset_index(drop=True))
    assert country.latest_reported_text(none_newer, "UZB") == ""


def test_the_data_chapter_names_the_national_tables_from_the_data(ds):
    from stancebook.present.chapters import data as chapter

    text = chapter.national_tables_text(ds)
    assert "National Statistical Committee of the Kyrgyz Republic (Kyrgyzstan)" in text
    assert text.endswith("Tajikistan and Turkmenistan publish no such table that the book could read, so their trade "
                         "is known from their partners and from officials' statements.")  # fmt: skip
    without = dataclasses.replace(ds, trade=ds.trade[ds.trade["reporter"] != "KGZ"].reset_index(drop=True))
    assert "Kyrgyzstan, Tajikistan and Turkmenistan publish no such table" in chapter.national_tables_text(without)


def test_a_figure_for_part_of_a_year_is_labelled_so_and_never_compared_with_a_years_total(ds):
    from stancebook.compute import trade as t
    from stancebook.present import text as tx
    from stancebook.present.chapters import country

    assert tx.year_and_months(2025, "01..09") == "Jan–Sep 2025" and tx.year_and_months(2025, None) == "2025"
    # China's customs for Kyrgyzstan, January to October 2025, kept with its months
    table = country.other_trade_table(ds, "KGZ", 2019).data
    assert "Jan–Oct 2025" in set(table[0])  # the first column, Year
    # a press figure for the same partner, year and flow as Kazakhstan's own series, marked as nine months only
    rows = t.against_own(ds, "KAZ", 2019)
    compared = rows[rows["own"].notna()].index[0]
    trade = ds.trade.copy()
    trade.loc[compared, "months"] = "01..09"
    partial = t.against_own(dataclasses.replace(ds, trade=trade), "KAZ", 2019)
    assert pd.isna(partial.at[compared, "own"]) and pd.isna(partial.at[compared, "gap"])
