"""Execute the chapter notebooks with papermill, then compile the book with Jupyter Book.

Layout of a book project (the repository root, or a copy of it):

- ``data/``: the curated tables (see ``stancebook.schemas``);
- ``chapters/templates/country.ipynb``: ONE template, executed once per focus country into
  ``chapters/countries/<slug>.ipynb``;
- ``chapters/templates/{region,sources,methods}.ipynb``: the book-wide chapters (the regional
  comparison, the source articles checked, and the methods), each executed into ``chapters/<name>.ipynb``;
- ``_config.yml`` and ``_toc.yml``: the Jupyter Book configuration. The TOC picks up
  ``chapters/countries/*`` by glob, so a new country needs no TOC edit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import bib
from .data import Dataset, load
from .errors import BuildError

KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}
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


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` holding ``_config.yml`` and ``data/``."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "_config.yml").is_file() and (folder / "data").is_dir():
            return folder
    raise BuildError(f"no book project found at or above {start}: expected _config.yml and data/ "
                     "(run stancebook from the repository, or pass --root)")


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


def country_job(project: Project, ds: Dataset, iso3: str) -> Job:
    c = ds.countries.loc[iso3]
    out = project.country_notebook(c["name"])
    return Job(
        label=f"{c['name']} ({iso3})",
        template=project.country_template,
        output=out,
        parameters={"country": iso3, "data_dir": os.path.relpath(project.data_dir, out.parent)},
        fields={"name": c["name"], "iso3": iso3, **bib.chapter_fields(ds, "country", iso3)},
    )


def book_job(project: Project, ds: Dataset, name: str) -> Job:
    out = project.book_notebook(name)
    return Job(label=BOOK_CHAPTERS[name], template=project.book_template(name), output=out,
               parameters={"data_dir": os.path.relpath(project.data_dir, out.parent)},
               fields=bib.chapter_fields(ds, name))


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


def execute(job: Job) -> float:
    """Execute one job with papermill; the output file is replaced only when execution succeeds."""
    import papermill as pm

    job.output.parent.mkdir(parents=True, exist_ok=True)
    nb = render(job.template, job.fields)
    tmp = job.output.with_name(f".{job.output.stem}.tmp.ipynb")
    _use_this_environments_kernel()
    start = time.perf_counter()
    try:
        executed = pm.execute_notebook(
            nb, str(tmp), parameters=job.parameters, kernel_name=KERNEL["name"],
            cwd=str(job.output.parent), progress_bar=False, log_output=False,
            # ipykernel warns on stderr about local TCP transport; keep the log to errors
            extra_arguments=["--IPKernelApp.log_level=ERROR"])
        _tidy(executed)
        nbformat.write(executed, tmp)
        os.replace(tmp, job.output)
    except pm.PapermillExecutionError as exc:
        raise BuildError(f"{job.label}: {job.template.name} failed in cell {exc.exec_count} "
                         f"({exc.ename}: {exc.evalue})") from None
    finally:
        tmp.unlink(missing_ok=True)
    return time.perf_counter() - start


def _use_this_environments_kernel() -> None:
    """Put this environment's kernelspecs first, whatever other python3 kernels the machine has."""
    ours = str(Path(sys.prefix) / "share" / "jupyter")
    others = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != ours]
    os.environ["JUPYTER_PATH"] = os.pathsep.join([ours, *others])


def _tidy(nb: nbformat.NotebookNode) -> None:
    """Hide papermill's injected parameters cell in the book, like the template's own code cells."""
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "injected-parameters" in tags and "remove-input" not in tags:
            tags.append("remove-input")
    nb.metadata["kernelspec"] = dict(KERNEL)


def prune(project: Project, ds: Dataset) -> list[Path]:
    """Remove executed country chapters whose country is no longer a focus country in the data."""
    keep = {project.country_notebook(ds.name(c)) for c in ds.focus}
    removed = []
    if project.countries_dir.is_dir():
        for nb in sorted(project.countries_dir.glob("*.ipynb")):
            if nb not in keep:
                nb.unlink()
                project.html_page(nb).unlink(missing_ok=True)
                removed.append(nb)
    return removed


def run_jobs(jobs: list[Job], echo: Callable[[str], None] = print) -> None:
    """Execute jobs in order, with one progress line per notebook."""
    width = max((len(j.label) for j in jobs), default=0)
    for i, job in enumerate(jobs, 1):
        seconds = execute(job)
        echo(f"[{i}/{len(jobs)}] {job.label:<{width}}  {job.output.name}  executed in {seconds:.1f} s")


def build_html(project: Project, strict: bool = False, echo: Callable[[str], None] = print) -> Path:
    """Compile the book with Jupyter Book; with ``strict`` any Sphinx warning fails the build.

    First ``references.bib`` is rewritten if the data have changed; afterwards the CSV tables are copied
    into the HTML as ``data/<file>``, for the download links of the data chapter.
    """
    if bib.write(load(project.data_dir), project.root):
        echo("references.bib rewritten from data/articles.csv and data/sources.csv")
    cmd = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()",
           "build", str(project.root), "--builder", "html"]
    if strict:
        cmd += ["--warningiserror", "--keep-going"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=project.root)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-40:])
        raise BuildError(f"Jupyter Book failed (exit {proc.returncode}):\n{tail}")
    publish_data(project)
    echo(f"HTML book built in {time.perf_counter() - start:.1f} s: {project.html_dir / 'index.html'}")
    return project.html_dir


def publish_data(project: Project) -> list[Path]:
    """Copy every CSV table of ``data/`` into the built HTML (``_build/html/data/``), replacing older copies."""
    target = project.html_dir / "data"
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
