"""The build cache, the data scope of each chapter, and parallel execution (stancebook.builder.cache,
stancebook.data.scope, stancebook.builder.worker).

The unit tests work on the real data; the build tests work on copies of the session's built book."""

from __future__ import annotations

import dataclasses
import errno
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from stancebook import data
from stancebook.builder import cache, fingerprint, quick
from stancebook.builder import worker as execute
from stancebook.builder.project import Project
from stancebook.compute import vintage
from stancebook.data import scope
from stancebook.errors import BuildError

from conftest import stancebook

FOCUS = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


def with_trade_value(ds, reporter: str, partner: str, year: int, flow: str, value: float):
    """A copy of the dataset with one trade figure changed (in memory only)."""
    trade = ds.trade.copy()
    hit = (
        (trade["reporter"] == reporter)
        & (trade["partner"] == partner)
        & (trade["year"] == year)
        & (trade["flow"] == flow)
        & (trade["primary"] == "yes")
    )
    assert hit.sum() == 1
    trade.loc[hit, "value_usd_m"] = value
    return dataclasses.replace(ds, trade=trade)


# --- what each chapter reads ---------------------------------------------------------------------------------


def test_a_country_chapter_sees_its_own_rows_and_the_comparisons(ds):
    part = scope.restrict(ds, "country", "KAZ")
    assert set(part.trade["reporter"]) == {"KAZ"}
    assert set(part.claims["country"]) == {"KAZ"}
    others = part.indicators[part.indicators["country"].isin(set(FOCUS) - {"KAZ"})]
    assert set(others["country"]) == set(FOCUS) - {"KAZ"} - {"TKM"}, "the others' remittance series (grey lines)"
    assert set(others["indicator"]) == {"remittances_pct_gdp"}
    assert "RUS" in set(part.indicators["country"]), "rows of comparison countries stay"
    assert set(FOCUS) <= set(part.unga_votes["iso3"]), "the stance index ranks the country among all five"
    assert "RUS" in set(part.unga_votes["iso3"])
    cited = {i for cell in part.trade["source_id"] for i in cell.split(";")}
    assert cited <= set(part.sources.index) < set(ds.sources.index)
    assert len(part.countries) == len(ds.countries)


def test_a_chapter_using_a_table_it_does_not_declare_is_stopped(ds):
    part = scope.restrict(ds, "methods")
    with pytest.raises(BuildError, match=r"methods chapter uses the table 'trade'.*READS\['methods'\]"):
        part.trade["value_usd_m"]
    assert len(part.events) == len(ds.events)


def test_a_change_in_one_countrys_trade_changes_the_keys_of_its_readers_only(ds):
    changed = with_trade_value(ds, "KAZ", "TUR", 2023, "export", 4000.0)
    before = {c: cache.data_inputs(ds, "country", c) for c in FOCUS}
    after = {c: cache.data_inputs(changed, "country", c) for c in FOCUS}
    assert [c for c in FOCUS if before[c] != after[c]] == ["KAZ"]
    assert cache.explain_change({"data": before["KAZ"]}, {"data": after["KAZ"]}) == ["data it reads changed: trade.csv"]
    # the regional chapter and the key findings read trade with Russia, China, the EU and the world only
    for chapter, reads in (("region", False), ("findings", False), ("data", True), ("methods", False)):
        assert (cache.data_inputs(ds, chapter) != cache.data_inputs(changed, chapter)) is reads, chapter
    assert cache.data_inputs(ds, "sources") == cache.data_inputs(changed, "sources")
    with_russia = with_trade_value(ds, "KAZ", "RUS", 2023, "export", 4000.0)
    for chapter in ("region", "findings"):
        assert cache.data_inputs(ds, chapter) != cache.data_inputs(with_russia, chapter), chapter


def test_a_change_in_a_trade_figure_a_claim_cites_reaches_the_sources_chapter(ds):
    changed = with_trade_value(ds, "KAZ", "RUS", 2022, "turnover", 27000.0)  # claims 2-05 and 3-06 cite it
    assert cache.data_inputs(ds, "sources") != cache.data_inputs(changed, "sources")


# --- the manifest's decisions ----------------------------------------------------------------------------------


@pytest.fixture
def recorded(tmp_path):
    out = tmp_path / "chapters" / "countries" / "kaz.ipynb"
    out.parent.mkdir(parents=True)
    out.write_bytes(b"executed")
    inputs = {
        "template": "t",
        "fields": "f",
        "parameters": "p",
        "data": {"trade.csv": "1", "events.csv": "2"},
        "files": {},
        "code": {"present/charts.py": "a", "present/tables.py": "b"},
        "environment": {"pandas": "2.2.0"},
    }
    manifest = cache.Manifest(Project(tmp_path))
    manifest.record(out, "Kazakhstan (KAZ)", inputs, b"executed", 7.5, "first")
    manifest.write()
    return cache.Manifest.read(Project(tmp_path)), out, inputs


def test_unchanged_inputs_are_skipped(recorded):
    manifest, out, inputs = recorded
    decision = manifest.decide(out, inputs)
    assert not decision.run and decision.reason.startswith("unchanged since it was executed at")


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda i: i["data"].update({"trade.csv": "9"}), "data it reads changed: trade.csv"),
        (lambda i: i["code"].update({"present/charts.py": "z"}), "stancebook code changed: present/charts.py"),
        (lambda i: i["environment"].update({"pandas": "2.3.0"}), "software versions changed: pandas 2.2.0 -> 2.3.0"),
        (lambda i: i.update({"template": "t2"}), "its template changed"),
        (lambda i: i.update({"parameters": "p2"}), "its parameters changed"),
    ],
)
def test_each_kind_of_change_is_named(recorded, change, reason):
    manifest, out, inputs = recorded
    inputs = json.loads(json.dumps(inputs))
    change(inputs)
    assert manifest.decide(out, inputs) == cache.Decision(True, reason)


def test_an_edited_or_missing_output_and_force_run_again(recorded):
    manifest, out, inputs = recorded
    assert manifest.decide(out, inputs, force=True) == cache.Decision(True, "forced (--force)")
    out.write_bytes(b"edited in Jupyter")
    assert manifest.decide(out, inputs).reason.endswith("was changed after it was written")
    out.unlink()
    assert manifest.decide(out, inputs).reason.endswith("is missing")


def test_a_damaged_manifest_means_a_full_rebuild(recorded, tmp_path):
    manifest, out, inputs = recorded
    Project(tmp_path).manifest.write_text("{not json", encoding="utf-8")
    assert cache.Manifest.read(Project(tmp_path)).decide(out, inputs).reason == "no record of an earlier execution"


def test_the_html_is_rebuilt_from_scratch_when_the_configuration_changes(tmp_path):
    index = tmp_path / "index.html"
    index.write_text("<html>", encoding="utf-8")
    inputs = {"config": {"_config.yml": "1"}, "notebooks": {"chapters/region.ipynb": "1"}, "data": {"trade.csv": "1"}}
    manifest = cache.Manifest(Project(tmp_path), html={"inputs": inputs, "built_at": "then"})
    assert cache.decide_html(manifest, inputs, index)[0] == "skip"
    notebook_changed = {**inputs, "notebooks": {"chapters/region.ipynb": "2"}}
    assert cache.decide_html(manifest, notebook_changed, index) == ("update", "changed: notebooks: region.ipynb")
    config_changed = {**inputs, "config": {"_config.yml": "2"}}
    assert cache.decide_html(manifest, config_changed, index)[0] == "full"
    index.unlink()
    assert cache.decide_html(manifest, inputs, index)[0] == "full"


# --- executing -------------------------------------------------------------------------------------------------


def test_a_kernel_that_loses_the_port_race_is_started_again_with_a_log_line():
    import zmq

    calls, log = [], []

    def start():
        calls.append(1)
        if len(calls) == 1:
            raise zmq.error.ZMQError(errno.EADDRINUSE)
        return "executed"

    assert execute.with_retries(start, "Kazakhstan (KAZ)", log=log.append, pause=0) == "executed"
    assert len(calls) == 2
    assert len(log) == 1 and log[0].startswith("Kazakhstan (KAZ): the kernel failed to start")
    assert "attempt 2 of 3" in log[0]


def test_errors_in_the_notebook_and_repeated_start_failures_are_not_hidden():
    calls = []

    def failing_cell():
        calls.append(1)
        raise ValueError("division by zero in cell 4")

    with pytest.raises(ValueError):
        execute.with_retries(failing_cell, "x", pause=0)
    assert len(calls) == 1

    def never_starts():
        calls.append(1)
        raise RuntimeError("Kernel died before replying to kernel_info")

    with pytest.raises(RuntimeError):
        execute.with_retries(never_starts, "x", attempts=3, pause=0)
    assert len(calls) == 4


def test_tidy_leaves_nothing_that_varies_between_runs():
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {
        "start_time": "2026",
        "duration": 1.0,
        "input_path": {"cells": []},
        "output_path": "/tmp/x",
        "parameters": {"country": "KAZ"},
        "version": "2.7.0",
    }
    cell = nbformat.v4.new_code_cell(
        "x = 1",
        metadata={
            "tags": ["injected-parameters"],
            "papermill": {"duration": 1},
            "execution": {"iopub.status.busy": "2026"},
        },
    )
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"text/plain": "<pandas.io.formats.style.Styler at 0x7f3a2b1c0d10>", "text/html": "<table/>"},
        )
    ]
    nb.cells = [cell]
    execute.tidy(nb)
    assert nb.metadata["papermill"] == {"parameters": {"country": "KAZ"}, "version": "2.7.0"}
    assert cell.metadata == {"tags": ["injected-parameters", "remove-input"]}
    assert cell["id"] == execute.PARAMETERS_CELL_ID
    assert cell.outputs[0]["data"]["text/plain"] == "<pandas.io.formats.style.Styler>"


def test_the_code_fingerprint_covers_every_module_of_every_subpackage():
    import pkgutil

    import stancebook

    modules = {m.name for m in pkgutil.walk_packages(stancebook.__path__, "stancebook.")}
    files = set()
    for name in modules:
        rel = name.removeprefix("stancebook.").replace(".", "/")
        is_package = (fingerprint.PACKAGE / rel / "__init__.py").is_file()
        files.add(f"{rel}/__init__.py" if is_package else f"{rel}.py")
    assert len(files) > 30 and {"data/schemas.py", "present/chapters/country.py", "builder/cache.py"} <= files
    assert files | {"__init__.py"} == set(fingerprint.code()), "every module of the package counts in the cache key"
    assert fingerprint.environment()["python"].count(".") == 2


# --- rebuilding a built book -----------------------------------------------------------------------------------


def copy_built(book: Path, dest: Path) -> Path:
    shutil.copytree(book, dest, symlinks=True)
    return dest


def notebook_files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "chapters").rglob("*.ipynb"))
        if "templates" not in p.parts
    }


@pytest.mark.slow
def test_a_rebuild_with_no_change_executes_nothing(book, tmp_path):
    root = copy_built(book, tmp_path / "book")
    before = {p: p.stat().st_mtime_ns for p in (root / "chapters").rglob("*.ipynb")}
    page = root / "_build" / "html" / "chapters" / "region.html"
    page_time = page.stat().st_mtime_ns
    quick = stancebook("build", "--root", str(root))
    assert quick.returncode == 0, quick.stderr
    assert quick.stdout.startswith("Nothing changed since the last build")
    result = stancebook("build", "--root", str(root), "--explain")
    assert result.returncode == 0, result.stderr
    assert "All 11 notebooks are up to date; nothing executed." in result.stdout
    assert len(re.findall(r"^skip  .*: unchanged since it was executed at", result.stdout, re.M)) == 11
    assert "HTML book unchanged, not rebuilt" in result.stdout
    assert {p: p.stat().st_mtime_ns for p in before} == before
    assert page.stat().st_mtime_ns == page_time


@pytest.mark.slow
def test_the_quick_check_holds_only_for_the_same_files_and_options(book, tmp_path):
    root = copy_built(book, tmp_path / "book")
    options, project = {"countries": [], "html": True}, Project(root)
    assert quick.up_to_date(project, options)
    assert not quick.up_to_date(project, {**options, "html": False})
    assert not quick.up_to_date(project, {**options, "countries": ["KAZ"]})
    events = root / "data" / "events.csv"
    events.write_bytes(events.read_bytes() + b"\n")
    assert not quick.up_to_date(project, options)
    events.write_bytes(events.read_bytes()[:-1])
    assert quick.up_to_date(project, options)
    shutil.rmtree(root / "_build" / "html")
    assert not quick.up_to_date(project, options)


@pytest.mark.slow
def test_a_change_in_one_countrys_data_reexecutes_only_the_chapters_that_read_it(book, tmp_path):
    root = copy_built(book, tmp_path / "book")
    trade = root / "data" / "trade.csv"
    text = trade.read_text(encoding="utf-8")
    old = "KAZ,TUR,2023,,export,3943.304,"
    assert text.count(old) == 1
    trade.write_text(
        text.replace(old, "KAZ,TUR,2023,,export,3993.304,").replace(
            "KAZ,TUR,2023,,turnover,5984.998,", "KAZ,TUR,2023,,turnover,6034.998,"
        ),
        encoding="utf-8",
    )
    result = stancebook("build", "--root", str(root), "--explain")
    assert result.returncode == 0, result.stdout + result.stderr
    ran = sorted(re.findall(r"^run   (.*?): ", result.stdout, re.M))
    # the regional chapter and the key findings read trade with Russia, China, the EU and the world only
    assert ran == ["Kazakhstan (KAZ)", "The data"]
    assert "run   Kazakhstan (KAZ): data it reads changed: trade.csv" in result.stdout
    assert len(re.findall(r"^skip  ", result.stdout, re.M)) == 9
    assert "Executing 2 of 11 notebooks" in result.stdout
    assert "(output unchanged)" not in result.stdout
    assert "HTML  build (update)" in result.stdout
    countries = root / "chapters" / "countries"
    assert (countries / "kaz.ipynb").read_bytes() != (book / "chapters" / "countries" / "kaz.ipynb").read_bytes()
    assert (countries / "kgz.ipynb").read_bytes() == (book / "chapters" / "countries" / "kgz.ipynb").read_bytes()
    # every page's footer now gives the new data fingerprint
    new = vintage.fingerprint(data.load(root / "data"))
    assert new != vintage.fingerprint(data.load(book / "data"))
    assert new in (root / "_build" / "html" / "chapters" / "countries" / "kgz.html").read_text(encoding="utf-8")


def run_and_compare(book: Path, root: Path, *args: str, env: dict | None = None) -> None:
    """Execute notebooks again in a copy of the built book and require byte-identical notebooks."""
    expected = notebook_files(book)
    result = stancebook(*args, "--root", str(root), "--no-html", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    got = notebook_files(root)
    assert got.keys() == expected.keys()
    differ = [name for name in expected if got[name] != expected[name]]
    assert not differ, f"{differ} differ from the parallel build's"
    return result


@pytest.mark.slow
def test_every_chapter_given_all_the_data_shows_exactly_what_its_scope_shows(book, tmp_path):
    """The scope of each chapter loses nothing: with STANCEBOOK_SCOPE=off every notebook sees all the data,
    and every executed notebook must come out byte for byte the same. With the switch off a notebook does not use
    the bundle the build hands it either: it validates the data and works the shared facts out itself, so this
    also proves the facts handed over are exactly what each chapter would compute."""
    root = copy_built(book, tmp_path / "book")
    result = run_and_compare(book, root, "build", "--force", env={scope.SWITCH: "off"})
    assert "Executing 11 of 11 notebooks" in result.stdout


@pytest.mark.slow
def test_one_after_another_in_one_process_gives_the_same_notebooks(book, tmp_path):
    root = copy_built(book, tmp_path / "book")
    result = run_and_compare(book, root, "run", "-c", "KAZ", "-c", "MDA", "--jobs", "1")
    assert "one after another in this process" in result.stdout


@pytest.mark.slow
def test_a_dask_cluster_gives_the_same_notebooks(book, tmp_path):
    distributed = pytest.importorskip("distributed", reason="the Dask executor needs 'distributed' (test extra)")
    root = copy_built(book, tmp_path / "book")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = run_and_compare(
            book, root, "run", "-c", "KGZ", "-c", "TJK", "--executor", "dask", "--scheduler", cluster.scheduler_address
        )
    assert f"the Dask cluster at {cluster.scheduler_address} (2 workers)" in result.stdout
    assert "Executed 2 of 2 notebooks" in result.stdout


@pytest.mark.slow  # the Dask client waits for its connection timeout
def test_an_unreachable_dask_scheduler_is_a_clear_error(project):
    pytest.importorskip("distributed", reason="the Dask executor needs 'distributed' (test extra)")
    result = stancebook(
        "run",
        "-c",
        "KAZ",
        "--root",
        str(project),
        "--no-html",
        "--executor",
        "dask",
        "--scheduler",
        "tcp://127.0.0.1:9",
    )
    assert result.returncode == 1
    assert "could not reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr


@pytest.mark.slow
def test_dry_run_with_force_lists_every_notebook_and_executes_nothing(book, tmp_path):
    root = copy_built(book, tmp_path / "book")
    result = stancebook("build", "--root", str(root), "--force", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert len(re.findall(r"^run   .*: forced \(--force\)$", result.stdout, re.M)) == 11
    assert notebook_files(root) == notebook_files(book)


# --- a notebook that fails ---------------------------------------------------------------------------------------


def inject_fault(root: Path, *codes: str) -> None:
    """Make these countries' chapters raise, as a bug in one cell would: a cell added to the shared template."""
    template = root / "chapters" / "templates" / "country.ipynb"
    nb = nbformat.read(template, as_version=4)
    condition = " or ".join(f'country == "{c}"' for c in codes)
    cell = nbformat.v4.new_code_cell(
        f'if {condition}:\n    raise RuntimeError(f"injected fault for {{country}}")',
        metadata={"tags": ["remove-input"]},
    )
    cell["id"] = "injected-fault"
    nb.cells.insert(3, cell)
    nbformat.write(nb, template)


def page_bytes(page: Path) -> bytes:
    """A page's bytes, less the cache-busting '?v=<checksum>' that Sphinx adds to myst-nb's stylesheet link from
    the second build on (in the first, the stylesheet is written after the pages). Sphinx rewrites every page when
    it updates the book; apart from that link, a page rebuilt from the same notebook is byte-identical."""
    return re.sub(rb"(\.css)\?v=[0-9a-f]+", rb"\1", page.read_bytes())


@pytest.mark.slow
def test_a_failing_notebook_is_reported_and_the_others_and_the_html_still_build(book, tmp_path):
    root = copy_built(book, tmp_path / "book")
    inject_fault(root, "KGZ")
    kgz_nb = root / "chapters" / "countries" / "kgz.ipynb"
    kgz_page = root / "_build" / "html" / "chapters" / "countries" / "kgz.html"
    before = kgz_nb.read_bytes(), page_bytes(kgz_page)
    result = stancebook("build", "--root", str(root))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    summary = result.stderr.strip().splitlines()
    assert summary[0] == (
        "1 of 11 notebooks failed; their previous executed notebooks (if any) were kept and "
        "the HTML book was rebuilt with their previous pages:"
    )
    assert summary[1] == (
        "  Kyrgyzstan (KGZ): chapters/countries/kgz.ipynb (from country.ipynb) failed in code "
        'cell 3 (`if country == "KGZ":`): RuntimeError: injected fault for KGZ; traceback in '
        "_build/stancebook/failures/kgz.txt"
    )
    report = (root / "_build" / "stancebook" / "failures" / "kgz.txt").read_text(encoding="utf-8")
    assert "RuntimeError: injected fault for KGZ" in report and "\x1b[" not in report
    assert "Executed 5 of 11 notebooks" in result.stdout and "1 failed" in result.stdout
    assert "HTML book built" in result.stdout
    assert (kgz_nb.read_bytes(), page_bytes(kgz_page)) == before, "the last good chapter must be kept"
    assert "injected-fault" in (root / "chapters" / "countries" / "tjk.ipynb").read_text(encoding="utf-8")
    manifest = json.loads((root / "_build" / "stancebook" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["notebooks"]["chapters/countries/kgz.ipynb"]["status"] == "failed"
    # the next build tries the failed chapter again (its inputs differ from its last good run) and only it
    again = stancebook("build", "--root", str(root), "--dry-run")
    assert re.findall(r"^run   (.*?): ", again.stdout, re.M) == ["Kyrgyzstan (KGZ)"]


@pytest.mark.slow
def test_fail_fast_starts_nothing_after_the_first_failure(book, tmp_path):
    """Both chapters would fail; longest first decides which runs first, and the other is never started."""
    root = copy_built(book, tmp_path / "book")
    inject_fault(root, "KAZ", "TJK")
    before = notebook_files(root)
    result = stancebook("run", "--root", str(root), "-c", "KAZ", "-c", "TJK", "--jobs", "1", "--fail-fast")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith("1 of 2 notebooks failed")
    failed = re.search(
        r"^  (\w+) \((KAZ|TJK)\): chapters/countries/(kaz|tjk)\.ipynb \(from country\.ipynb\) failed "
        r"in code cell 3",
        result.stderr,
        re.M,
    )
    assert failed and failed.group(2).lower() == failed.group(3), result.stderr
    other = {"KAZ": "Tajikistan (TJK)", "TJK": "Kazakhstan (KAZ)"}[failed.group(2)]
    assert "the HTML book was not rebuilt" in result.stderr
    assert f"Not started (--fail-fast): {other}." in result.stderr
    assert notebook_files(root) == before
