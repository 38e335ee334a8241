"""Compile the executed chapters into the HTML book with Jupyter Book, and publish it whole.

The reader's book (``_build/html``) is only ever replaced whole, by a build that succeeded:

1. ``references.bib`` is rewritten from the data if they changed, and the table of contents of this edition is
   written to ``_build/stancebook/toc.yml``: ``_toc.yml`` with its glob of country chapters expanded into the
   chapters of the countries the data hold, in their order in ``countries.csv``. A notebook of a country no
   longer in the data is not in it, so it is not compiled, but it stays on disk until the new book is out.
2. Jupyter Book builds in ``_build/.stage``, with every Sphinx warning an error. A build from scratch (after a
   change of configuration, code or chapters, or after a build that failed or was interrupted) starts from an
   empty stage, so no page or file of an earlier run, and nothing a failed run copied, can reach the book.
3. The stage is copied beside the book with the CSV tables (the data chapter's downloads), and the folders
   are swapped by renaming; a build stopped between the renames is put right at the next start
   (``recover_html``).
4. Only then are the chapters of countries that left the book retired: their notebooks, failure reports,
   cache records and PDFs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from ..compute.vintage import vintage
from ..data import Dataset
from ..errors import BuildError
from ..present import bib
from ..present.text import footer_text
from . import cache
from .project import Project, remove_tree
from .sphinx_ext import FOOTER_VARIABLE, STAMPED_LATER, stamp_footers

#: the glob in _toc.yml that stands for the country chapters
COUNTRY_GLOB = "chapters/countries/*"


def _expand(entries: list, countries: list[str]) -> list:
    out = []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("glob") == COUNTRY_GLOB:
            out += [{"file": c} for c in countries]
            continue
        if isinstance(entry, dict):
            entry = {
                k: _expand(v, countries) if k in ("parts", "chapters", "sections") and isinstance(v, list) else v
                for k, v in entry.items()
            }
            if any(k in entry and not entry[k] for k in ("parts", "chapters")):
                continue  # a part left with no chapter (no country chapter executed yet) is left out
        out.append(entry)
    return out


def write_toc(project: Project, chapters: list[Path]) -> Path:
    """The table of contents of the book being built: ``_toc.yml`` with the country glob expanded into the
    country chapters among ``chapters``, in that order."""
    toc = yaml.safe_load(project.toc_source.read_text(encoding="utf-8"))
    countries = [
        p.relative_to(project.root).with_suffix("").as_posix() for p in chapters if p.parent == project.countries_dir
    ]
    toc = _expand([toc], countries)[0]
    text = (
        "# Written by stancebook build from _toc.yml, with the chapters of the countries in data/: edit "
        "_toc.yml, not this file.\n" + yaml.safe_dump(toc, sort_keys=False, allow_unicode=True)
    )
    project.toc.parent.mkdir(parents=True, exist_ok=True)
    if not project.toc.is_file() or project.toc.read_text(encoding="utf-8") != text:
        tmp = project.toc.with_name(f".{project.toc.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, project.toc)
    return project.toc


def build_html(
    project: Project,
    ds: Dataset,
    chapters: list[Path],
    force: bool = False,
    explain: bool = False,
    echo: Callable[[str], None] = print,
) -> Path:
    """Compile ``chapters`` (the executed notebooks of this edition, in reading order) into the HTML book and
    publish it, unless nothing it reads has changed since the last build. Any Sphinx warning fails the build,
    and the published book is then left as it was."""
    if bib.write(ds, project.root):
        echo("references.bib rewritten from data/articles.csv and data/sources.csv")
    chapters = [p for p in chapters if p.is_file()]
    toc = write_toc(project, chapters)
    manifest = cache.Manifest.read(project)
    inputs = cache.html_inputs(project, chapters)
    mode, reason = cache.decide_html(manifest, inputs, project.html_dir / "index.html", force)
    if explain:
        echo(f"HTML  {'skip' if mode == 'skip' else 'build (' + mode + ')'}: {reason}")
    if mode == "skip":
        retire(project, chapters, echo)
        echo(f"HTML book unchanged, not rebuilt: {project.html_dir / 'index.html'}")
        return project.html_dir
    manifest.html, manifest.build_key = {}, ""  # a failed or interrupted build must not be taken for a good one
    manifest.write()
    if mode == "full" and not remove_tree(project.stage_dir):
        raise BuildError(
            f"could not empty {project.stage_dir.relative_to(project.root).as_posix()} for a build "
            "from scratch: some of its files cannot be deleted by this user; remove it by hand"
        )
    cmd = [
        sys.executable,
        "-c",
        "from jupyter_book.cli.main import main; main()",
        "build",
        str(project.root),
        "--builder",
        "html",
        "--path-output",
        str(project.stage_dir),
        "--toc",
        str(toc),
        "--warningiserror",
        "--keep-going",
    ]
    if mode == "full":
        cmd.append("--all")
    start = time.perf_counter()
    # the same placeholder footer on every build, so that Sphinx's configuration does not change with the data
    # (it would then read and write every page); the real line is stamped into the pages below
    env = {**os.environ, FOOTER_VARIABLE: STAMPED_LATER}
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=project.root, env=env)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-40:])
        raise BuildError(
            f"Jupyter Book failed (exit {proc.returncode}); the book in {project.html_dir} was left as it was:\n{tail}"
        )
    stamped = stamp_footers(project.stage_html, footer_text(vintage(ds)))
    unstamped = sorted(p.name for p in (project.stage_html / "chapters").rglob("*.html") if p not in stamped)
    if unstamped:
        raise BuildError(f"no footer line to write the data's vintage into in {', '.join(unstamped)}")
    publish_html(project, echo)
    seconds = time.perf_counter() - start
    manifest = cache.Manifest.read(project)
    manifest.html = {
        "inputs": inputs,
        "built_at": cache.now(),
        "mode": mode,
        "reason": reason,
        "seconds": round(seconds, 2),
    }
    manifest.write()
    retire(project, chapters, echo)
    echo(
        f"HTML book built ({'from scratch' if mode == 'full' else 'changed pages'}) in {seconds:.1f} s: "
        f"{project.html_dir / 'index.html'}"
    )
    return project.html_dir


def publish_data(project: Project, html_dir: Path) -> list[Path]:
    """Copy every CSV table of ``data/`` into a built HTML book (``<html>/data/``), replacing older copies."""
    target = html_dir / "data"
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


def publish_html(project: Project, echo: Callable[[str], None] = print) -> None:
    """Replace the reader's book (_build/html) by the staged build, whole: copy it beside, add the data
    downloads, then swap the folders by renaming. An interrupted build never leaves a half-written page in
    _build/html; a build interrupted between the two renames is put right by ``recover_html``. If the second
    rename fails, the old book is put back before the error goes on."""
    target, new, old = project.html_dir, project.html_scratch("new"), project.html_scratch("old")
    remove_tree(new)
    try:
        shutil.copytree(project.stage_html, new)
        publish_data(project, new)
        if target.exists():
            os.rename(target, old)
        try:
            os.rename(new, target)
        except OSError:
            if old.exists() and not target.exists():
                os.rename(old, target)
            raise
    finally:
        remove_tree(new)
    _drop(project, old, echo)


def _drop(project: Project, folder: Path, echo: Callable[[str], None]) -> None:
    """Remove a replaced book; if it cannot be removed (its files are read-only to this user), say so in one
    line: it is named for its build, so it never stands in a later build's way."""
    if not remove_tree(folder):
        echo(
            f"warning: could not remove {folder.relative_to(project.root).as_posix()} (the book it replaced), "
            "since some of its files cannot be deleted by this user; remove it by hand"
        )


def recover_html(project: Project, echo: Callable[[str], None] = print) -> None:
    """Put back the last published book if a build stopped between the renames of ``publish_html``, and drop
    what publishing left behind (a half-copied new book, a replaced old one)."""
    target = project.html_dir
    olds = project.html_leftovers("old")
    if not target.exists() and olds:
        os.rename(olds[0], target)
        olds = olds[1:]
    for folder in project.html_leftovers("new") + olds:
        _drop(project, folder, echo)


def retire(project: Project, chapters: list[Path], echo: Callable[[str], None] = print) -> list[Path]:
    """After the book with ``chapters`` is published: remove the executed country chapters that are not in it
    (a country removed from the data, or no longer a focus country), with their failure reports, cache
    records and PDFs. Their pages left the book with it."""
    keep = {p.resolve() for p in chapters}
    manifest = cache.Manifest.read(project)
    retired = [p for p in project.country_notebooks() if p.resolve() not in keep]
    retired += [
        p
        for p in manifest.recorded()
        if p.parent == project.countries_dir and p.resolve() not in keep and p not in retired
    ]
    for nb in retired:
        nb.unlink(missing_ok=True)
        project.failure_report(nb).unlink(missing_ok=True)
        project.chapter_pdf(nb).unlink(missing_ok=True)
        manifest.forget(nb)
        echo(
            f"retired {nb.relative_to(project.root).as_posix()}: its country is no longer a focus country in "
            "data/countries.csv"
        )
    if retired:
        manifest.write()
    return retired
