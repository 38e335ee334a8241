"""The run loop: execute the chapter notebooks whose inputs changed, in parallel, and write each result.

A notebook that fails leaves its previous output as it was; its traceback goes to a report file and the other
notebooks still run (unless ``fail_fast``). Each executed notebook is written atomically, and only when its
content differs; the manifest is updated after each one.
"""

from __future__ import annotations

import json
import os
import pickle
import time
from collections.abc import Callable, Iterator
from concurrent.futures import as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..compute import facts
from ..data import Dataset, scope
from ..data.digest import folder_files
from . import cache, fingerprint
from . import worker as wk
from .executors import open_executor
from .plan import Job, render
from .project import Project


def data_files(project: Project) -> dict[str, bytes]:
    """The CSV tables a notebook may read, by path relative to the project root."""
    return {f"data/{name}": content for name, content in folder_files(project.data_dir).items()}


def make_task(project: Project, job: Job, files: dict[str, bytes], prepared: bytes = b"") -> wk.Task:
    return wk.Task(
        label=job.label,
        notebook=nbformat.writes(render(job)),
        parameters=job.parameters,
        workdir=job.output.parent.relative_to(project.root).as_posix(),
        files=files,
        prepared=prepared,
    )


def shared_facts(project: Project, ds: Dataset, whole: Dataset | None = None) -> facts.Facts:
    """The shared facts of the data (``stancebook.compute.facts``): read from the build's store when these rows,
    this code and these libraries have given them before; else computed once and stored (the store keeps the
    facts of the latest data only). ``whole``: ``facts.part(ds)``, when the caller has it already."""
    whole = facts.part(ds) if whole is None else whole
    rows = facts.key(ds, whole)
    name = fingerprint.sha256(json.dumps([rows, fingerprint.code_digest(), fingerprint.environment()], sort_keys=True))
    path = project.facts_dir / f"{name}.pickle"
    try:
        with path.open("rb") as f:
            stored = pickle.load(f)  # noqa: S301 (written by this build, in its own folder)
        if isinstance(stored, facts.Facts) and stored.key == rows:
            return stored
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    made = facts.compute(ds, whole)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
        for old in path.parent.glob("*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:  # a store that cannot be written only means computing them again next time
        tmp.unlink(missing_ok=True)
    return made


def prepared(
    ds: Dataset, part: Dataset, job: Job, files: dict[str, bytes], shared: facts.Facts, whole: Dataset | None = None
) -> bytes:
    """The job's bundle: its part of the data, with the shared facts when the part holds their rows (``whole``:
    ``facts.part(ds)``, made once for every job)."""
    given = shared if facts.shares(part, ds, whole) else None
    return facts.bundle(part, job.chapter, job.country, files, given)


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


def run_jobs(
    project: Project,
    ds: Dataset,
    jobs: list[Job],
    *,
    force: bool = False,
    workers: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    explain: bool = False,
    dry_run: bool = False,
    fail_fast: bool = False,
    echo: Callable[[str], None] = print,
) -> RunReport:
    """Execute the jobs whose inputs changed since their last execution (all of them with ``force``), in
    parallel, longest first; skip the others. Each executed notebook is written atomically, and only when its
    content differs, and the manifest is updated after each one.

    A notebook that fails leaves its previous output as it was; its traceback goes to a report file
    (``Project.failure_report``) and it is listed in ``RunReport.failed``. The other notebooks still run, unless
    ``fail_fast``: then no notebook is started after the first failure (those running finish)."""
    start = time.perf_counter()
    report = RunReport()
    for job in jobs:
        render(job)  # a template with an unknown glue key or an unfilled field fails every build, at once
    manifest = cache.Manifest.read(project)
    todo: list[tuple[Job, dict, str]] = []
    memo: dict = {}
    parts: dict[Path, Dataset] = {}
    for job in jobs:
        part = scope.restrict(ds, job.chapter, job.country)
        inputs = cache.job_inputs(project, ds, job, memo, part)
        decision = manifest.decide(job.output, inputs, force)
        if decision.run:
            todo.append((job, inputs, decision.reason))
            parts[job.output] = part
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
            echo(
                f"All {len(jobs)} notebooks are up to date; nothing executed"
                + ("" if explain else " (--explain says why)")
                + "."
            )
        return report
    manifest.build_key = ""  # the build is under way
    # longest first, by the last recorded execution time (never executed: first, in plan order)
    todo.sort(key=lambda item: -(manifest.seconds(item[0].output) or float("inf")))
    files = data_files(project)
    csv = {path.removeprefix("data/"): content for path, content in files.items()}  # the same bytes, by file name
    whole = facts.part(ds)
    shared = shared_facts(project, ds, whole)
    tasks = [
        make_task(project, job, files, prepared(ds, parts[job.output], job, csv, shared, whole)) for job, _, _ in todo
    ]
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
                result.error = (
                    f"was executed by different stancebook code (worker {result.worker}): the code "
                    "changed during the build, or the worker has another version installed; build "
                    "again, and install this version of stancebook on every worker"
                )
            if result.error is not None:
                report_file = write_failure_report(project, job, result)
                rel = job.output.relative_to(project.root).as_posix()
                report.failed.append(
                    f"{job.label}: {rel} (from {job.template.name}) {result.error}; "
                    f"traceback in {report_file.relative_to(project.root).as_posix()}"
                )
                manifest.mark(job.output, "failed", result.error)
                manifest.write()
                echo(f"[{done}/{len(todo)}] {job.label:<{width}}  {job.output.name}  FAILED: {result.error}")
                stop[0] = fail_fast
                continue
            project.failure_report(job.output).unlink(missing_ok=True)
            content = result.notebook.encode("utf-8")
            changed = _write_if_changed(job.output, content)
            manifest.record(job.output, job.label, inputs, content, result.seconds, reason, result.worker)
            manifest.write()
            report.executed.append(job.label)
            echo(
                f"[{done}/{len(todo)}] {job.label:<{width}}  {job.output.name}  executed in {result.seconds:.1f} s"
                + ("" if changed else " (output unchanged)")
                + (f"  ({reason})" if explain else "")
            )
    report.seconds = time.perf_counter() - start
    report.not_started = [todo[i][0].label for i in sorted(set(range(len(todo))) - finished)]
    skipped = f"; {len(report.skipped)} unchanged, skipped" if report.skipped else ""
    failed = f"; {len(report.failed)} failed" if report.failed else ""
    stopped = f"; {len(report.not_started)} not started (--fail-fast)" if report.not_started else ""
    echo(
        f"Executed {len(report.executed)} of {len(jobs)} notebooks in {report.seconds:.1f} s{skipped}{failed}{stopped}."
    )
    return report


def write_failure_report(project: Project, job: Job, result: wk.Result) -> Path:
    path = project.failure_report(job.output)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (
        f"{job.label}: {job.output.relative_to(project.root).as_posix()} (from template "
        f"{job.template.relative_to(project.root).as_posix()}) {result.error}\n"
        f"Executed at {cache.now()} on {result.worker}. The previous output, if any, was kept.\n\n"
        f"{result.traceback or ''}\n"
    )
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def _results(pool, tasks: list[wk.Task], stop: Callable[[], bool] = lambda: False) -> Iterator[tuple[int, wk.Result]]:
    """(index, result) for each task, as they complete; in this process and in order when there is no pool.
    Once ``stop()`` is true, tasks not yet started are cancelled."""
    if pool is None:
        for i, task in enumerate(tasks):
            if stop():
                return
            yield i, wk.run(task)
        return
    futures = {pool.submit(wk.run, task): i for i, task in enumerate(tasks)}
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
