"""The shared facts are computed once and handed to the chapters with their part of the data; a bundle that does
not match the data folder, the chapter or the scope switch is never used."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from stancebook.builder import run
from stancebook.builder.plan import plan
from stancebook.builder.project import Project
from stancebook.compute import facts
from stancebook.compute import stance as st
from stancebook.data import scope
from stancebook.data.digest import folder_files
from stancebook.present.chapters import CHAPTERS
from stancebook.present.chapters import country as country_chapter
from stancebook.present.chapters import region as region_chapter

from conftest import ROOT


@pytest.fixture(scope="module")
def shared(ds) -> facts.Facts:
    return facts.compute(ds)


def write_bundle(tmp_path: Path, ds, shared, chapter: str, country: str | None, files=None) -> Path:
    part = scope.restrict(ds, chapter, country)
    path = tmp_path / "prepared.pickle"
    path.write_bytes(facts.bundle(part, chapter, country, files or folder_files(ROOT / "data"), shared))
    return path


def test_every_chapter_on_the_real_data_holds_the_rows_of_the_shared_facts(ds):
    for chapter in CHAPTERS:
        countries = ds.focus if chapter == "country" else [None]
        for c in countries:
            assert facts.shares(scope.restrict(ds, chapter, c), ds), (chapter, c)


def test_a_part_missing_one_row_of_the_facts_is_not_given_them(ds):
    fewer = dataclasses.replace(ds, events=ds.events.iloc[1:])
    assert not facts.shares(fewer, ds)
    # a table the part does not read at all
    assert not facts.shares(dataclasses.replace(ds, unga_votes=scope.Unread("country", "unga_votes")), ds)


def test_the_facts_are_what_each_chapter_would_work_out_itself(ds, shared):
    mine = facts.compute(scope.restrict(ds, "country", "TJK"))
    assert mine.key == shared.key
    assert mine.index.equals(shared.index) and mine.uncertainty.equals(shared.uncertainty)
    assert mine.placed.equals(shared.placed)
    assert all(mine.events[c].equals(shared.events[c]) for c in ds.focus)


def test_the_facts_key_follows_the_rows_they_are_computed_from(ds):
    before = facts.key(ds)
    events = ds.events.copy()
    events.iloc[0, events.columns.get_loc("summary")] = "changed"
    assert facts.key(dataclasses.replace(ds, events=events)) != before
    trade = ds.trade.copy()
    trade.iloc[0, trade.columns.get_loc("value_usd_m")] = 1.0
    assert facts.key(dataclasses.replace(ds, trade=trade)) == before  # the facts do not read trade


def test_a_chapter_handed_its_bundle_validates_nothing_and_computes_no_stance_again(ds, shared, tmp_path, monkeypatch):
    path = write_bundle(tmp_path, ds, shared, "country", "KAZ")
    expected = country_chapter.facts(country_chapter.load(ROOT / "data", "KAZ"), "KAZ")

    def refuse(*args, **kwargs):
        raise AssertionError("validated or computed again")

    monkeypatch.setattr(scope, "load", refuse)
    monkeypatch.setattr(st, "_country_events", refuse)
    monkeypatch.setattr(st, "_index_table", refuse)
    monkeypatch.setattr(st, "_uncertainty", refuse)
    monkeypatch.setattr(st, "_placed", refuse)
    got = country_chapter.load(ROOT / "data", "KAZ", path)
    assert got.data_dir == ROOT / "data"
    assert country_chapter.facts(got, "KAZ") == expected


def test_a_bundle_is_not_used_for_other_data_another_chapter_or_with_the_scope_off(ds, shared, tmp_path, monkeypatch):
    path = write_bundle(tmp_path, ds, shared, "country", "KAZ")
    data_dir = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    calls = []
    real = scope.load
    monkeypatch.setattr(scope, "load", lambda *a, **k: calls.append(a[1:]) or real(*a, **k))
    country_chapter.load(data_dir, "KAZ", path)
    assert calls == [], "the same files in another folder: the bundle is used"
    # one byte changed in one data file: the files are not those the bundle was made from
    countries = data_dir / "countries.csv"
    text = countries.read_text(encoding="utf-8")
    countries.write_text(text.replace("KAZ,Kazakhstan,", "KAZ,Qazaqstan,"), encoding="utf-8")
    assert country_chapter.load(data_dir, "KAZ", path).name("KAZ") == "Qazaqstan"  # read from the files
    assert calls == [("country", "KAZ")]
    # another country, another chapter, the scope switch off, a missing file: each validates instead
    country_chapter.load(ROOT / "data", "TJK", path)
    region_chapter.load(ROOT / "data", path)
    monkeypatch.setenv(scope.SWITCH, "off")
    country_chapter.load(ROOT / "data", "KAZ", path)
    monkeypatch.delenv(scope.SWITCH)
    country_chapter.load(ROOT / "data", "KAZ", tmp_path / "missing.pickle")
    assert calls[1:] == [("country", "TJK"), ("region", None), ("country", "KAZ"), ("country", "KAZ")]


def test_the_build_computes_the_facts_once_and_reads_them_back_while_the_rows_are_the_same(ds, project, monkeypatch):
    p = Project(project)
    first = run.shared_facts(p, ds)
    stored = list(p.facts_dir.glob("*.pickle"))
    assert len(stored) == 1

    def refuse(_ds):
        raise AssertionError("computed again")

    monkeypatch.setattr(facts, "compute", refuse)
    again = run.shared_facts(p, ds)
    assert again.key == first.key and again.index.equals(first.index)
    # a damaged store is computed again, not trusted
    stored[0].write_bytes(b"not a pickle")
    monkeypatch.undo()
    assert run.shared_facts(p, ds).key == first.key
    # other rows: new facts, and the store keeps only the latest
    events = ds.events.copy()
    events.iloc[0, events.columns.get_loc("summary")] = "another summary"
    other = dataclasses.replace(ds, events=events)
    assert run.shared_facts(p, other).key != first.key
    assert len(list(p.facts_dir.glob("*.pickle"))) == 1


def test_every_job_of_a_build_is_handed_a_bundle_with_the_facts(ds, project):
    p = Project(project)
    files, csv = run.data_files(p), folder_files(p.data_dir)
    shared = run.shared_facts(p, ds)
    for job in plan(p, ds):
        task = run.make_task(
            p, job, files, run.prepared(ds, scope.restrict(ds, job.chapter, job.country), job, csv, shared)
        )
        assert task.prepared and job.parameters["prepared"].endswith("_build/stancebook/prepared.pickle")
        assert not (p.root / "_build" / "stancebook" / "prepared.pickle").exists()
