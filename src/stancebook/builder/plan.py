"""What a build executes: one job per chapter notebook, each with its template filled in.

A template's Markdown may hold ``{{field}}`` placeholders, filled before the notebook runs: text fields (a
country's name) are escaped as literal MyST text (``stancebook.present.escape.md``); citation fields are MyST
roles built from source ids, which the data's rules restrict to lower-case letters, digits and '-'. Its glue
references must name values the registry declares for its chapter (``stancebook.present.glue``). A template
that breaks either rule is refused before anything is executed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..data import Dataset
from ..data.scope import READS
from ..errors import BuildError
from ..present import bib, glue
from ..present.chapters import BOOK_CHAPTERS, CHAPTERS
from ..present.escape import md
from .project import COUNTRY_CHAPTER, PREPARED, Project

assert set(CHAPTERS) == set(READS), "every chapter declares what it reads (stancebook.data.scope.READS)"

#: a citation field: empty, or one MyST citation role of source or article keys
_CITATION = re.compile(r"^(\{cite:[pt]\}`[a-z0-9-]+(,[a-z0-9-]+)*`)?$")
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


@dataclass(frozen=True)
class Job:
    """One notebook to execute: which template, where to, with which parameters and fields."""

    label: str
    template: Path
    output: Path
    parameters: dict
    #: text for ``{{key}}`` in the template's Markdown, shown literally (the chapter title's country name)
    fields: dict = field(default_factory=dict)
    #: MyST citations for ``{{key}}`` (``{cite:p}`key,...```), built from source ids
    citations: dict = field(default_factory=dict)
    #: which chapter template this is ('country' or a book-wide chapter) and, for 'country', whose
    chapter: str = COUNTRY_CHAPTER
    country: str | None = None


def _paths(project: Project, out: Path) -> dict[str, str]:
    """The notebook's data folder, and where the build leaves its data ready to use, relative to its folder."""
    return {
        "data_dir": os.path.relpath(project.data_dir, out.parent),
        "prepared": os.path.relpath(project.root / PREPARED, out.parent),
    }


def country_job(project: Project, ds: Dataset, iso3: str) -> Job:
    name = ds.name(iso3)
    out = project.notebook(COUNTRY_CHAPTER, iso3)
    return Job(
        label=f"{name} ({iso3})",
        template=project.template(COUNTRY_CHAPTER),
        output=out,
        parameters={"country": iso3, **_paths(project, out)},
        fields={"name": name, "iso3": iso3},
        citations=bib.chapter_fields(ds, COUNTRY_CHAPTER, iso3),
        chapter=COUNTRY_CHAPTER,
        country=iso3,
    )


def book_job(project: Project, ds: Dataset, name: str) -> Job:
    out = project.notebook(name)
    return Job(
        label=BOOK_CHAPTERS[name],
        template=project.template(name),
        output=out,
        parameters=_paths(project, out),
        citations=bib.chapter_fields(ds, name),
        chapter=name,
    )


def plan(project: Project, ds: Dataset, countries: Iterable[str] | None = None, region: bool = True) -> list[Job]:
    """The notebooks a build executes: the book-wide chapters (unless ``region`` is False) and one chapter per
    (selected) focus country."""
    selected = ds.focus if countries is None else list(countries)
    jobs = [book_job(project, ds, name) for name in BOOK_CHAPTERS] if region else []
    return jobs + [country_job(project, ds, iso3) for iso3 in selected]


def book_notebooks(project: Project, ds: Dataset) -> list[Path]:
    """The chapter notebooks of the book the data describe, in reading order (whether executed yet or not)."""
    return [project.notebook(name) for name in BOOK_CHAPTERS] + [
        project.notebook(COUNTRY_CHAPTER, iso3) for iso3 in ds.focus
    ]


def render(job: Job) -> nbformat.NotebookNode:
    """Read the job's template, check its glue references, and fill ``{{key}}`` in its Markdown cells; code
    cells are left to papermill."""
    template = job.template
    nb = nbformat.read(template, as_version=4)
    problems = []
    for name, value in job.citations.items():
        if not _CITATION.match(value):
            problems.append(f"the citation field {name} is not a MyST citation of source ids: {value!r}")
    values = {**{k: md(v) for k, v in job.fields.items()}, **job.citations}
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        problems += glue.check_template(job.chapter, cell.source)
        missing = sorted({k for k in _PLACEHOLDER.findall(cell.source) if k not in values})
        if missing:
            problems.append(f"no value for {', '.join('{{' + k + '}}' for k in missing)} in the template's text")
        cell.source = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), cell.source)
    if problems:
        shown = template.relative_to(template.parents[2]).as_posix()  # chapters/templates/<chapter>.ipynb
        raise BuildError(f"{shown}: " + "; ".join(dict.fromkeys(problems)))
    return nb
