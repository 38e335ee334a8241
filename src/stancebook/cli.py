"""The ``stancebook`` command: build the book, rerun one country, list what is built, update data/ from an
official file."""

from __future__ import annotations

import errno
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from .builder.lock import LockedError, build_lock
from .builder.project import Project, find_root
from .builder.quick import up_to_date
from .errors import BuildError, DataError

if TYPE_CHECKING:
    from .builder.plan import Job
    from .data import Dataset

# The package's heavier modules (pandas, papermill) are imported inside the commands, so that a build with
# nothing to do (builder.quick.up_to_date) answers without loading them.

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Build the stancebook data book: validate data/, execute the chapter notebooks, compile the HTML.",
)

RootOption = Annotated[
    Path | None, typer.Option("--root", help="The book project folder (default: found from the current folder).")
]
CountryOption = Annotated[
    list[str] | None, typer.Option("--country", "-c", help="ISO3 code of a focus country; repeat for several.")
]


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _find(root: Path | None) -> Project:
    try:
        return Project(find_root(root))
    except BuildError as exc:
        _fail(str(exc))


def _open(root: Path | None) -> tuple[Project, Dataset]:
    from .data import load

    try:
        project = Project(find_root(root))
        return project, load(project.data_dir)
    except DataError as exc:
        _fail(f"The data in data/ break {len(exc.problems)} rule(s); nothing was built.\n{exc.message()}")
    except BuildError as exc:
        _fail(str(exc))


def _check_codes(ds: Dataset, codes: list[str]) -> list[str]:
    valid = ds.focus
    wanted = [c.strip().upper() for c in codes]
    listing = ", ".join(f"{c} ({ds.name(c)})" for c in valid)
    others = [c for c in wanted if c in ds.countries.index and c not in valid]
    if others:
        names = ", ".join(f"{c} ({ds.name(c)})" for c in others)
        _fail(
            f"{names} {'is a comparison country' if len(others) == 1 else 'are comparison countries'} in "
            f"data/countries.csv: the book has chapters for its focus countries only ({listing}). To give "
            f"{'it' if len(others) == 1 else 'them'} a chapter, set the role to 'focus' in data/countries.csv."
        )
    unknown = [c for c in wanted if c not in valid]
    if unknown:
        _fail(f"Unknown country code(s): {', '.join(unknown)}: not in data/countries.csv. Valid codes: {listing}.")
    return list(dict.fromkeys(wanted))


def _run(
    project: Project,
    ds: Dataset,
    jobs: list[Job],
    html: bool,
    force: bool = False,
    workers: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    explain: bool = False,
    dry_run: bool = False,
    force_html: bool | None = None,
    fail_fast: bool = False,
) -> bool:
    """Execute the jobs and build the HTML; True when everything succeeded. When a notebook fails, the others
    still run and the HTML is built with the previous version of the failed chapters (unless ``fail_fast``),
    and the command ends with a summary and exit code 1."""
    from .builder.plan import book_notebooks
    from .builder.publish import build_html
    from .builder.run import run_jobs

    try:
        report = run_jobs(
            project,
            ds,
            jobs,
            force=force,
            workers=workers,
            executor=executor,
            scheduler=scheduler,
            explain=explain,
            dry_run=dry_run,
            fail_fast=fail_fast,
            echo=typer.echo,
        )
        if html and not dry_run and not (report.failed and fail_fast):
            build_html(
                project,
                ds,
                book_notebooks(project, ds),
                force=force if force_html is None else force_html,
                explain=explain,
                echo=typer.echo,
            )
    except BuildError as exc:
        _fail(str(exc), code=1)
    if report.failed:
        kept = (
            "the HTML book was not rebuilt"
            if fail_fast or not html
            else "the HTML book was rebuilt with their previous pages"
        )
        lines = [
            f"{len(report.failed)} of {len(jobs)} notebooks failed; their previous executed notebooks (if any) were "
            f"kept and {kept}:",
            *(f"  {f}" for f in report.failed),
        ]
        if report.not_started:
            lines.append(f"Not started (--fail-fast): {', '.join(report.not_started)}.")
        _fail("\n".join(lines), code=1)
    return True


ForceOption = Annotated[
    bool,
    typer.Option(
        "--force", help="Re-execute every notebook and rebuild the HTML from scratch, whatever the cache says."
    ),
]
ExplainOption = Annotated[
    bool, typer.Option("--explain", help="Say why each notebook (and the HTML) is built or skipped.")
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, help="Notebooks executed at once (default: one per core; 1: one after another)."
    ),
]
ExecutorOption = Annotated[
    str,
    typer.Option(
        "--executor",
        help="local (worker processes on this machine) or dask (a Dask cluster: --scheduler, or a local one).",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="Address of a Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --executor dask)."),
]
WaitOption = Annotated[
    bool,
    typer.Option(
        "--wait/--no-wait", help="If another build is running in this checkout, wait for it (default), or stop at once."
    ),
]
FailFastOption = Annotated[
    bool,
    typer.Option(
        "--fail-fast/--keep-going",
        help="Stop starting notebooks after the first failure (default: build the others, and the HTML).",
    ),
]


@app.command()
def build(
    country: CountryOption = None,
    root: RootOption = None,
    html: Annotated[bool, typer.Option(help="Compile the HTML book after executing the notebooks.")] = True,
    force: ForceOption = False,
    explain: ExplainOption = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only say what would be executed and why.")] = False,
    jobs: JobsOption = None,
    executor: ExecutorOption = "local",
    scheduler: SchedulerOption = None,
    fail_fast: FailFastOption = False,
    wait: WaitOption = True,
) -> None:
    """Execute the chapters whose inputs changed (template, parameters, the data they read, the stancebook
    code), in parallel, then build the HTML book if anything it reads changed. Any Sphinx warning fails the
    build, and the published book is then left as it was."""
    options = {"countries": sorted(c.strip().upper() for c in country or []), "html": html}
    found = _find(root)
    if not (force or explain or dry_run):
        if up_to_date(found, options):
            typer.echo(
                "Nothing changed since the last build (data, templates, pages, configuration, code, "
                f"libraries): nothing executed, the HTML book is as it was: {found.html_dir / 'index.html'}"
                if html
                else "Nothing changed since the last build: nothing executed."
            )
            return
    from .builder.plan import plan
    from .builder.publish import recover_html

    with _exclusive(found, wait):
        project, ds = _open(root)
        codes = _check_codes(ds, country) if country else None
        if not dry_run:
            project.check_writable()
            recover_html(project, echo=typer.echo)
        _run(
            project,
            ds,
            plan(project, ds, codes),
            html,
            force=force,
            workers=jobs,
            executor=executor,
            scheduler=scheduler,
            explain=explain,
            dry_run=dry_run,
            fail_fast=fail_fast,
        )
        if not dry_run:
            _record_complete_build(project, options)


INTERRUPTED = (
    "Interrupted. Every notebook that finished before the interruption was kept, nothing half-written "
    "was left behind, and {html} holds the last complete book. Run the same command again to finish."
)


@contextmanager
def _exclusive(project: Project, wait: bool) -> Iterator[None]:
    """Hold the checkout's build lock, and turn Ctrl-C (or a termination signal) into a clear message."""

    def terminate(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        with build_lock(project, wait=wait, echo=typer.echo):
            yield
    except LockedError as exc:
        _fail(str(exc), code=3)
    except OSError as exc:
        _fail(_cannot_write(project, exc), code=1)
    except KeyboardInterrupt:
        _fail(INTERRUPTED.format(html=project.html_dir.relative_to(project.root).as_posix()), code=130)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _cannot_write(project: Project, exc: OSError) -> str:
    """One line for a folder or file the build cannot write or read: which one, and why."""
    where = exc.filename or "a file of the book"
    try:
        where = Path(where).resolve().relative_to(project.root.resolve()).as_posix()
    except (ValueError, TypeError):
        pass
    reason = exc.strerror or str(exc)
    book = project.html_dir.relative_to(project.root).as_posix()
    if exc.errno == errno.EROFS:
        return (
            f"Cannot write {where}: {reason}. Build in a copy of the project on a writable disk, or make "
            f"{where} writable, and run the command again; {book} holds the last complete book, as it was."
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"Cannot use {where}: {reason}. Make it readable and writable for this user (or remove it) and run "
            f"the command again; {book} holds the last complete book, as it was."
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"Cannot write {where}: {reason}. Free some space and run the command again; {book} is as it was."
    return f"Cannot use {where}: {reason}. Nothing was published; {book} holds the last complete book, as it was."


def _record_complete_build(project: Project, options: dict) -> None:
    """After a build that succeeded from end to end: remember its key, for the quick no-change check."""
    from .builder.cache import Manifest
    from .builder.quick import build_key

    manifest = Manifest.read(project)
    manifest.build_key = build_key(project, options)
    manifest.write()


@app.command()
def run(
    country: Annotated[
        list[str], typer.Option("--country", "-c", help="ISO3 code of a focus country; repeat for several.")
    ],
    root: RootOption = None,
    html: Annotated[bool, typer.Option(help="Rebuild the HTML book afterwards.")] = True,
    jobs: JobsOption = None,
    executor: ExecutorOption = "local",
    scheduler: SchedulerOption = None,
    fail_fast: FailFastOption = False,
    wait: WaitOption = True,
) -> None:
    """Re-execute these countries' chapters whatever the cache says, then update the HTML. (stancebook build
    re-executes exactly the chapters whose data changed, the regional ones included.)"""
    from .builder.plan import plan
    from .builder.publish import recover_html

    with _exclusive(_find(root), wait):
        project, ds = _open(root)
        codes = _check_codes(ds, country)
        project.check_writable()
        recover_html(project, echo=typer.echo)
        _run(
            project,
            ds,
            plan(project, ds, codes, region=False),
            html,
            force=True,
            workers=jobs,
            executor=executor,
            scheduler=scheduler,
            force_html=False,
            fail_fast=fail_fast,
        )


@app.command()
def pdf(
    country: CountryOption = None,
    root: RootOption = None,
    wait: WaitOption = True,
) -> None:
    """Print the built book to PDF with the system Chromium: the whole book and one PDF per country, or with
    --country only those countries' chapters. Writes _build/pdf/; build the book first."""
    from .builder import pdf as p
    from .builder.publish import recover_html

    with _exclusive(_find(root), wait):
        project, ds = _open(root)
        codes = _check_codes(ds, country) if country else None
        project.check_writable([project.build_dir, project.pdf_dir])
        recover_html(project, echo=typer.echo)
        try:
            p.export(project.root, codes, book=not country, echo=typer.echo)
        except BuildError as exc:
            _fail(str(exc), code=1)


@app.command("list")
def list_(root: RootOption = None) -> None:
    """List the countries in the data and which chapters are built."""
    from .present.chapters import BOOK_CHAPTERS

    project, ds = _open(root)
    typer.echo(f"{'code':<5} {'name':<16} {'role':<11} {'notebook':<26} html")
    for iso3, c in ds.countries.iterrows():
        if c["role"] != "focus":
            typer.echo(f"{iso3:<5} {c['name']:<16} {c['role']:<11} {'-':<26} -")
            continue
        nb = project.notebook("country", iso3)
        page = project.html_page(nb)
        nb_state = f"executed {_mtime(nb)}" if nb.exists() else "not executed"
        typer.echo(f"{iso3:<5} {c['name']:<16} {c['role']:<11} {nb_state:<26} {'yes' if page.exists() else 'no'}")
    for name, label in BOOK_CHAPTERS.items():
        nb = project.notebook(name)
        typer.echo(f"{label.lower()} chapter: {'executed ' + _mtime(nb) if nb.exists() else 'not executed'}")
    html_index = project.html_dir / "index.html"
    typer.echo(f"HTML: {html_index if html_index.exists() else 'not built'}")


@app.command()
def update(
    source: Annotated[
        str,
        typer.Argument(
            help="Which release the files are: undl (UN Digital Library GA voting data), wdi (World Bank WDI bulk "
            "download), wdi-api (an indicator code, fetched online with wbgapi), kaz-bns (Kazakhstan's BNS .xls "
            "tables by country), kgz-nsc (Kyrgyz NSC tables 4.03.00.18/20 .xlsx), uzb-stat (stat.uz "
            "sdmx_data_1105/1176.csv)."
        ),
    ],
    files: Annotated[
        list[Path], typer.Argument(help="The official file(s), as downloaded (for wdi-api: the indicator code).")
    ],
    apply: Annotated[bool, typer.Option("--apply", help="Write the changes (without it, only show them).")] = False,
    root: RootOption = None,
) -> None:
    """Turn an official release file into rows of data/: show what changes, and write it only with --apply."""
    from . import update as up

    project = _find(root)
    try:
        proposal = up.propose(source, files, project.data_dir)
    except up.LayoutError as exc:
        _fail(f"Refused: {exc}. data/ was not changed.")
    result = up.diff(project.data_dir, proposal)
    typer.echo(result.report())
    if result.problems:
        _fail(
            f"The update would break {len(result.problems)} rule(s) of the build, so it cannot be written; data/ "
            f"was not changed.\n{DataError(result.problems).message()}"
        )
    if result.empty:
        typer.echo("data/ already holds exactly these rows: nothing to write.")
    elif not apply:
        typer.echo("Nothing was written. Run the same command with --apply to write these changes.")
    else:
        with _exclusive(project, wait=False):
            written = up.apply(project.data_dir, result)
        typer.echo("Wrote " + ", ".join(p.relative_to(project.root).as_posix() for p in written) + ".")


def _mtime(path: Path) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")


if __name__ == "__main__":
    app()
