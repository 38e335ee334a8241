"""Execute the chapter notebooks with papermill, then compile the book with Jupyter Book.

Layout of a book project (the repository root, or a copy of it):

- ``data/``: the curated tables (see ``stancebook.schemas``);
- ``chapters/templates/country.ipynb``: ONE template, executed once per focus country into
  ``chapters/countries/<slug>.ipynb``;
- ``chapters/templates/{region,sources,methods,data}.ipynb``: the book-wide chapters, each executed into
  ``chapters/<name>.ipynb``;
- ``_config.yml`` and ``_toc.yml``: the Jupyter Book configuration. The TOC picks up
  ``chapters/countries/*`` by glob, so a new country needs no TOC edit;
- ``_build/stancebook/manifest.json``: the build cache's record (``stancebook.cache``).

A build plans one job per notebook, executes those whose inputs changed (``stancebook.cache``) on an executor
(local worker processes, or Dask) through ``stancebook.execute``, writes the results, and compiles the HTML
when anything it reads changed.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import bib, cache, fingerprint
from . import execute as ex
from .data import Dataset, load
from .errors import BuildError
from .fingerprint import sha256
from .paths import find_root  # noqa: F401  (part of this module's interface)
from .sphinx_ext import FOOTER_VARIABLE
from .vintage import footer_text
#: book-wide chapters, executed once per build from chapters/templates/<name>.ipynb, in TOC order
BOOK_CHAPTERS = {"region": "Regional comparison", "sources": "The source articles checked", "methods": "Methods",
                 "data": "The data"}


@dataclass(frozen=True)
class Project:
    """Paths of a book project rooted at ``root``."""

    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def country_template(self) -> Path:
        return self.root / "chapters" / "templates" / "country.ipynb"

    @property
    def region_template(self) -> Path:
        return self.book_template("region")

    def book_template(self, name: str) -> Path:
        return self.root / "chapters" / "templates" / f"{name}.ipynb"

    def book_notebook(self, name: str) -> Path:
        return self.root / "chapters" / f"{name}.ipynb"

    @property
    def countries_dir(self) -> Path:
        return self.root / "chapters" / "countries"

    @property
    def region_notebook(self) -> Path:
        return self.book_notebook("region")

    @property
    def html_dir(self) -> Path:
        return self.root / "_build" / "html"

    def country_notebook(self, name: str) -> Path:
        return self.countries_dir / f"{slug(name)}.ipynb"

    def html_page(self, notebook: Path) -> Path:
        return self.html_dir / notebook.relative_to(self.root).with_suffix(".html")


def slug(name: str) -> str:
    """File name for a country chapter: 'Türkiye' -> 'turkiye'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


@dataclass(frozen=True)
class Job:
    """One notebook to execute: which template, where to, with which parameters."""

    label: str
    template: Path
    output: Path
    parameters: dict
    #: values substituted for ``{{key}}`` in the template's Markdown cells (e.g. the chapter title)
    fields: dict = field(default_factory=dict)
    #: which chapter template this is ('country' or a book-wide chapter) and, for 'country', whose
    chapter: str = "country"
    country: str | None = None


def country_job(project: Project, ds: Dataset, iso3: str) -> Job:
    c = ds.countries.loc[iso3]
    out = project.country_notebook(c["name"])
    return Job(
        label=f"{c['name']} ({iso3})",
        template=project.country_template,
        output=out,
        parameters={"country": iso3, "data_dir": os.path.relpath(project.data_dir, out.parent)},
        fields={"name": c["name"], "iso3": iso3, **bib.chapter_fields(ds, "country", iso3)},
        chapter="country", country=iso3,
    )


def book_job(project: Project, ds: Dataset, name: str) -> Job:
    out = project.book_notebook(name)
    return Job(label=BOOK_CHAPTERS[name], template=project.book_template(name), output=out,
               parameters={"data_dir": os.path.relpath(project.data_dir, out.parent)},
               fields=bib.chapter_fields(ds, name), chapter=name)


def plan(project: Project, ds: Dataset, countries: Iterable[str] | None = None,
         region: bool = True) -> list[Job]:
    """The notebooks a build executes: the book-wide chapters (unless ``region`` is False) and one
    chapter per (selected) focus country."""
    selected = ds.focus if countries is None else list(countries)
    jobs = [book_job(project, ds, name) for name in BOOK_CHAPTERS] if region else []
    return jobs + [country_job(project, ds, iso3) for iso3 in selected]


def render(template: Path, fields: dict) -> nbformat.NotebookNode:
    """Read a template and fill ``{{key}}`` in its Markdown cells; code cells are left to papermill."""
    nb = nbformat.read(template, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for key, value in fields.items():
                cell.source = cell.source.replace("{{" + key + "}}", str(value))
    leftover = [m for c in nb.cells if c.cell_type == "markdown" for m in re.findall(r"\{\{\s*\w+\s*\}\}", c.source)]
    if leftover:
        raise BuildError(f"{template}: no value for {', '.join(sorted(set(leftover)))} in the template's text")
    return nb


def job_inputs(project: Project, ds: Dataset, job: Job, memo: dict | None = None) -> dict:
    """Everything a job's output depends on, as hashes (see ``stancebook.cache``)."""
    return {
        "template": sha256(job.template.read_bytes()),
        "fields": sha256(json.dumps(job.fields, sort_keys=True, default=str)),
        "parameters": sha256(json.dumps(job.parameters, sort_keys=True)),
        "data": cache.data_inputs(ds, job.chapter, job.country, memo),
        "files": cache.file_inputs(project.data_dir, job.chapter),
        "code": fingerprint.code(),
        "environment": fingerprint.environment(),
    }


def data_files(project: Project) -> dict[str, bytes]:
    """The CSV tables a notebook may read, by path relative to the project root."""
    return {f"data/{p.name}": p.read_bytes() for p in sorted(project.data_dir.glob("*.csv"))}


def make_task(project: Project, job: Job, files: dict[str, bytes]) -> ex.Task:
    return ex.Task(label=job.label, notebook=nbformat.writes(render(job.template, job.fields)),
                   parameters=job.parameters, workdir=job.output.parent.relative_to(project.root).as_posix(),
                   files=files)


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@contextmanager
def open_executor(kind: str = "local", workers: int | None = None, scheduler: str | None = None):
    """A ``concurrent.futures`` executor for the notebooks, and a description of it for the log.

    ``local`` runs one worker process per core (``workers`` to change it; 1 runs them one after another in
    this process). ``dask`` submits them to the Dask cluster whose scheduler is at ``scheduler``, through
    Dask's ``concurrent.futures`` interface, or without a scheduler address starts a local Dask cluster with
    ``workers`` worker processes.
    """
    workers = workers or default_workers()
    if kind == "local":
        if scheduler:
            raise BuildError("--scheduler is for --executor dask")
        if workers == 1:
            yield None, "one after another in this process"
            return
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=ex.worker_init)
        try:
            yield pool, f"{workers} local worker processes"
        except BaseException:  # an error or Ctrl-C: start nothing more, let the running notebooks stop
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
        return
    if kind != "dask":
        raise BuildError(f"unknown executor '{kind}': expected local or dask")
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BuildError("--executor dask needs Dask's distributed package: "
                         "pip install 'stancebook[dask]' (or pip install distributed)") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise BuildError(f"could not reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        n = len(client.scheduler_info()["workers"])
        where = f"the Dask cluster at {scheduler}" if scheduler else "a local Dask cluster"
        yield client.get_executor(pure=False), f"{where} ({n} workers)"
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def prune(project: Project, ds: Dataset) -> list[Path]:
    """Remove executed country chapters whose country is no longer a focus country in the data."""
    keep = {project.country_notebook(ds.name(c)) for c in ds.focus}
    manifest = cache.Manifest.read(project.root)
    removed = []
    if project.countries_dir.is_dir():
        for nb in sorted(project.countries_dir.glob("*.ipynb")):
            if nb not in keep:
                nb.unlink()
                project.html_page(nb).unlink(missing_ok=True)
                manifest.forget(nb)
                removed.append(nb)
    if removed:
        manifest.write()
    return removed


@dataclass
class RunReport:
    """What a run of the notebooks did."""

    executed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    #: one line per failed notebook: who, which notebook and cell, the error, where the traceback is
    failed: list[str] = field(default_factory=list)
    #: notebooks left out after a failure with fail_fast
    not_started: list[str] = field(default_factory=list)
    seconds: float = 0.0


def run_jobs(project: Project, ds: Dataset, jobs: list[Job], *, force: bool = False, workers: int | None = None,
             executor: str = "local", scheduler: str | None = None, explain: bool = False,
             dry_run: bool = False, fail_fast: bool = False, echo: Callable[[str], None] = print) -> RunReport:
    """Execute the jobs whose inputs changed since their last execution (all of them with ``force``), in
    parallel, longest first; skip the others. Each executed notebook is written atomically, and only when its
    content differs, and the manifest is updated after each one.

    A notebook that fails leaves its previous output as it was; its traceback goes to a report file
    (``failure_report``) and it is listed in ``RunReport.failed``. The other notebooks still run, unless
    ``fail_fast``: then no notebook is started after the first failure (those running finish)."""
    start = time.perf_counter()
    report = RunReport()
    manifest = cache.Manifest.read(project.root)
    todo: list[tuple[Job, dict, str]] = []
    memo: dict = {}
    for job in jobs:
        inputs = job_inputs(project, ds, job, memo)
        decision = manifest.decide(job.output, inputs, force)
        if decision.run:
            todo.append((job, inputs, decision.reason))
        else:
            report.skipped.append(job.label)
            manifest.mark(job.output, "skipped", decision.reason)
            if explain or dry_run:
                echo(f"skip  {job.label}: {decision.reason}")
    if explain or dry_run:
        for job, _, reason in todo:
            echo(f"run   {job.label}: {reason}")
    if dry_run or not todo:
        if not dry_run:
            manifest.write()
            echo(f"All {len(jobs)} notebooks are up to date; nothing executed"
                 + ("" if explain else " (--explain says why)") + ".")
        return report
    manifest.build_key = ""  # the build is under way
    # longest first, by the last recorded execution time (never executed: first, in plan order)
    todo.sort(key=lambda item: -(manifest.seconds(item[0].output) or float("inf")))
    files = data_files(project)
    tasks = [make_task(project, job, files) for job, _, _ in todo]
    width = max(len(job.label) for job, _, _ in todo)
    code = fingerprint.code_digest()
    stop = [False]
    finished: set[int] = set()
    with open_executor(executor, workers, scheduler) as (pool, where):
        echo(f"Executing {len(todo)} of {len(jobs)} notebooks on {where}.")
        for done, (index, result) in enumerate(_results(pool, tasks, lambda: stop[0]), 1):
            job, inputs, reason = todo[index]
            finished.add(index)
            for note in result.notes:
                echo(f"retry {note}")
            if result.error is None and result.code != code:
                result.error = (f"was executed by different stancebook code (worker {result.worker}): the code "
                                "changed during the build, or the worker has another version installed; build "
                                "again, and install this version of stancebook on every worker")
            if result.error is not None:
                report_file = write_failure_report(project, job, result)
                rel = job.output.relative_to(project.root).as_posix()
                report.failed.append(f"{job.label}: {rel} (from {job.template.name}) {result.error}; "
                                     f"traceback in {report_file.relative_to(project.root).as_posix()}")
                manifest.mark(job.output, "failed", result.error)
                manifest.write()
                echo(f"[{done}/{len(todo)}] {job.label:<{width}}  {job.output.name}  FAILED: {result.error}")
                stop[0] = fail_fast
                continue
            failure_report(project, job).unlink(missing_ok=True)
            content = result.notebook.encode("utf-8")
            changed = _write_if_changed(job.output, content)
            manifest.record(job.output, job.label, inputs, content, result.seconds, reason, result.worker)
            manifest.write()
            report.executed.append(job.label)
            echo(f"[{done}/{len(todo)}] {job.label:<{width}}  {job.output.name}  executed in {result.seconds:.1f} s"
                 + ("" if changed else " (output unchanged)") + (f"  ({reason})" if explain else ""))
    report.seconds = time.perf_counter() - start
    report.not_started = [todo[i][0].label for i in sorted(set(range(len(todo))) - finished)]
    skipped = f"; {len(report.skipped)} unchanged, skipped" if report.skipped else ""
    failed = f"; {len(report.failed)} failed" if report.failed else ""
    stopped = f"; {len(report.not_started)} not started (--fail-fast)" if report.not_started else ""
    echo(f"Executed {len(report.executed)} of {len(jobs)} notebooks in {report.seconds:.1f} s"
         f"{skipped}{failed}{stopped}.")
    return report


def failure_report(project: Project, job: Job) -> Path:
    """Where the traceback of a failed notebook is kept: _build/stancebook/failures/<notebook>.txt."""
    return project.root / "_build" / "stancebook" / "failures" / f"{job.output.stem}.txt"


def write_failure_report(project: Project, job: Job, result: ex.Result) -> Path:
    path = failure_report(project, job)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (f"{job.label}: {job.output.relative_to(project.root).as_posix()} (from template "
            f"{job.template.relative_to(project.root).as_posix()}) {result.error}\n"
            f"Executed at {cache.now()} on {result.worker}. The previous output, if any, was kept.\n\n"
            f"{result.traceback or ''}\n")
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def _results(pool, tasks: list[ex.Task], stop: Callable[[], bool] = lambda: False) -> Iterator[tuple[int, ex.Result]]:
    """(index, result) for each task, as they complete; in this process and in order when there is no pool.
    Once ``stop()`` is true, tasks not yet started are cancelled."""
    if pool is None:
        for i, task in enumerate(tasks):
            if stop():
                return
            yield i, ex.run(task)
        return
    futures = {pool.submit(ex.run, task): i for i, task in enumerate(tasks)}
    for future in as_completed(futures):
        if future.cancelled():
            continue
        yield futures[future], future.result()
        if stop():
            for other in futures:
                other.cancel()


def _write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` atomically unless the file already holds exactly it (its date then stays, and
    Sphinx's incremental build does not re-read it)."""
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.ipynb")
    try:
        tmp.write_bytes(content)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return True


def executed_notebooks(project: Project) -> list[Path]:
    """The executed chapter notebooks the book is compiled from."""
    book = [project.book_notebook(name) for name in BOOK_CHAPTERS]
    countries = sorted(p for p in project.countries_dir.glob("*.ipynb") if not p.name.startswith(".")) \
        if project.countries_dir.is_dir() else []
    return [p for p in book if p.is_file()] + countries


def build_html(project: Project, strict: bool = False, force: bool = False, explain: bool = False,
               echo: Callable[[str], None] = print, ds: Dataset | None = None) -> Path:
    """Compile the book with Jupyter Book, unless nothing it reads has changed since the last build.

    With ``strict`` any Sphinx warning fails the build. First ``references.bib`` is rewritten if the data have
    changed. When the configuration, TOC, bibliography, pages, static files, code or set of chapters changed,
    the book is rebuilt from scratch (``--all``): Sphinx's incremental build can keep stale cross-references
    then. Jupyter Book builds in ``_build/.stage``; the result, with the CSV tables copied in as
    ``data/<file>`` for the data chapter's links, then replaces ``_build/html`` whole (``publish_html``).
    """
    ds = ds if ds is not None else load(project.data_dir)
    if bib.write(ds, project.root):
        echo("references.bib rewritten from data/articles.csv and data/sources.csv")
    manifest = cache.Manifest.read(project.root)
    inputs = {**cache.html_inputs(project.root, executed_notebooks(project)), "strict": strict}
    mode, reason = cache.decide_html(manifest, inputs, project.html_dir / "index.html", force)
    if explain:
        echo(f"HTML  {'skip' if mode == 'skip' else 'build (' + mode + ')'}: {reason}")
    if mode == "skip":
        echo(f"HTML book unchanged, not rebuilt: {project.html_dir / 'index.html'}")
        return project.html_dir
    manifest.html, manifest.build_key = {}, ""  # a failed or interrupted build must not be taken for a good one
    manifest.write()
    cmd = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()",
           "build", str(project.root), "--builder", "html", "--path-output", str(stage_dir(project))]
    if mode == "full":
        cmd.append("--all")
    if strict:
        cmd += ["--warningiserror", "--keep-going"]
    start = time.perf_counter()
    env = {**os.environ, FOOTER_VARIABLE: footer_text(ds)}
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=project.root, env=env)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-40:])
        raise BuildError(f"Jupyter Book failed (exit {proc.returncode}); the book in {project.html_dir} was "
                         f"left as it was:\n{tail}")
    publish_html(project)
    seconds = time.perf_counter() - start
    manifest = cache.Manifest.read(project.root)
    manifest.html = {"inputs": inputs, "built_at": cache.now(), "mode": mode, "reason": reason,
                     "seconds": round(seconds, 2)}
    manifest.write()
    echo(f"HTML book built ({'from scratch' if mode == 'full' else 'changed pages'}) in {seconds:.1f} s: "
         f"{project.html_dir / 'index.html'}")
    return project.html_dir


def publish_data(project: Project, html_dir: Path | None = None) -> list[Path]:
    """Copy every CSV table of ``data/`` into the built HTML (``<html>/data/``), replacing older copies."""
    target = (html_dir or project.html_dir) / "data"
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for csv in sorted(project.data_dir.glob("*.csv")):
        tmp = target / f".{csv.name}.tmp"
        shutil.copyfile(csv, tmp)
        os.replace(tmp, target / csv.name)
        copied.append(target / csv.name)
    for stale in set(target.glob("*.csv")) - set(copied):
        stale.unlink()
    return copied


def stage_dir(project: Project) -> Path:
    """Where Jupyter Book builds (and keeps its incremental state); the reader's book is published from here."""
    return project.root / "_build" / ".stage"


def publish_html(project: Project) -> None:
    """Replace the reader's book (_build/html) by the staged build, whole: copy it beside, add the data
    downloads, then swap the folders by renaming. An interrupted build never leaves a half-written page in
    _build/html; a build interrupted between the two renames is put right by ``recover_html``."""
    target = project.html_dir
    new, old = target.with_name("html.new"), target.with_name("html.old")
    shutil.rmtree(new, ignore_errors=True)
    shutil.copytree(stage_dir(project) / "_build" / "html", new)
    publish_data(project, new)
    if target.exists():
        shutil.rmtree(old, ignore_errors=True)
        os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


def recover_html(project: Project) -> None:
    """Put back the last published book if a build stopped between the renames of ``publish_html``, and drop
    a half-copied new one."""
    target = project.html_dir
    new, old = target.with_name("html.new"), target.with_name("html.old")
    if not target.exists() and old.exists():
        os.rename(old, target)
    shutil.rmtree(new, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
