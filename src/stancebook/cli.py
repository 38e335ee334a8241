"""The ``stancebook`` command: build the book, rerun one country, list what is built."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import build as b
from .data import Dataset, load
from .errors import BuildError, DataError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Build the stancebook data book: validate data/, execute the chapter notebooks, compile the HTML.")

RootOption = Annotated[Path | None, typer.Option("--root", help="The book project folder (default: found from the current folder).")]
CountryOption = Annotated[list[str] | None, typer.Option("--country", "-c", help="ISO3 code of a focus country; repeat for several.")]


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _open(root: Path | None) -> tuple[b.Project, Dataset]:
    try:
        project = b.Project(b.find_root(root))
        return project, load(project.data_dir)
    except DataError as exc:
        _fail(f"The data in data/ break {len(exc.problems)} rule(s); nothing was built.\n{exc.message()}")
    except BuildError as exc:
        _fail(str(exc))


def _check_codes(ds: Dataset, codes: list[str]) -> list[str]:
    valid = ds.focus
    wanted = [c.strip().upper() for c in codes]
    unknown = [c for c in wanted if c not in valid]
    if unknown:
        listing = ", ".join(f"{c} ({ds.name(c)})" for c in valid)
        _fail(f"Unknown country code(s): {', '.join(unknown)}. Valid codes: {listing}.")
    return list(dict.fromkeys(wanted))


def _run(project: b.Project, jobs: list[b.Job], html: bool, strict: bool) -> None:
    try:
        b.run_jobs(jobs, echo=typer.echo)
        if html:
            b.build_html(project, strict=strict, echo=typer.echo)
    except BuildError as exc:
        _fail(str(exc), code=1)


@app.command()
def build(
    country: CountryOption = None,
    root: RootOption = None,
    html: Annotated[bool, typer.Option(help="Compile the HTML book after executing the notebooks.")] = True,
    strict: Annotated[bool, typer.Option(help="Fail on any Sphinx warning.")] = False,
) -> None:
    """Execute the book-wide chapters and every country chapter, then build the HTML book."""
    project, ds = _open(root)
    codes = _check_codes(ds, country) if country else None
    for removed in b.prune(project, ds):
        typer.echo(f"removed {removed.relative_to(project.root)} (no longer a focus country in data/countries.csv)")
    _run(project, b.plan(project, ds, codes), html, strict)


@app.command()
def run(
    country: Annotated[list[str], typer.Option("--country", "-c", help="ISO3 code of a focus country; repeat for several.")],
    root: RootOption = None,
    html: Annotated[bool, typer.Option(help="Rebuild the HTML book afterwards.")] = True,
) -> None:
    """Re-execute one country's chapter (after editing its data), then rebuild the HTML."""
    project, ds = _open(root)
    codes = _check_codes(ds, country)
    _run(project, b.plan(project, ds, codes, region=False), html, strict=False)


@app.command()
def pdf(
    country: CountryOption = None,
    root: RootOption = None,
) -> None:
    """Print the built book to PDF with the system Chromium: the whole book and one PDF per country, or with
    --country only those countries' chapters. Writes _build/pdf/; build the book first."""
    from . import pdf as p

    project, ds = _open(root)
    codes = _check_codes(ds, country) if country else None
    try:
        p.export(project.root, codes, book=not country, echo=typer.echo)
    except BuildError as exc:
        _fail(str(exc), code=1)


@app.command("list")
def list_(root: RootOption = None) -> None:
    """List the countries in the data and which chapters are built."""
    project, ds = _open(root)
    typer.echo(f"{'code':<5} {'name':<16} {'role':<11} {'notebook':<26} html")
    for iso3, c in ds.countries.iterrows():
        if c["role"] != "focus":
            typer.echo(f"{iso3:<5} {c['name']:<16} {c['role']:<11} {'-':<26} -")
            continue
        nb = project.country_notebook(c["name"])
        page = project.html_page(nb)
        nb_state = f"executed {_mtime(nb)}" if nb.exists() else "not executed"
        typer.echo(f"{iso3:<5} {c['name']:<16} {c['role']:<11} {nb_state:<26} {'yes' if page.exists() else 'no'}")
    for name, label in b.BOOK_CHAPTERS.items():
        nb = project.book_notebook(name)
        typer.echo(f"{label.lower()} chapter: {'executed ' + _mtime(nb) if nb.exists() else 'not executed'}")
    html_index = project.html_dir / "index.html"
    typer.echo(f"HTML: {html_index if html_index.exists() else 'not built'}")


def _mtime(path: Path) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")


if __name__ == "__main__":
    app()
