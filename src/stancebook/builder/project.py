"""A book project on disk: what a build reads, and where everything it writes goes.

Layout of a project (the repository root, or a copy of it):

- ``data/``: the curated tables (``stancebook.data.schemas``);
- ``chapters/templates/<chapter>.ipynb``: one template per chapter. ``country.ipynb`` is executed once per
  focus country into ``chapters/countries/<iso3>.ipynb`` (the code in lower case: a file name that never
  changes when a country is renamed, never collides, and is plain ASCII); the others once per build into
  ``chapters/<chapter>.ipynb``;
- ``chapters/*.md``: the pages written by hand (introduction, references);
- ``_config.yml`` and ``_toc.yml``: the Jupyter Book configuration. The TOC lists the country chapters by glob;
  each build expands it into the chapters it publishes;
- ``_build/``: everything a build writes (see :class:`Project`).

Standard library only: ``stancebook build`` reads this before importing pandas, so that a rebuild with nothing
to do answers at once.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError

#: everything a build reads from the project, by kind, as globs relative to the root (hidden files excluded).
#: A copy of these files is a complete project; the quick no-change check and the HTML step hash them.
INPUTS: dict[str, tuple[str, ...]] = {
    "config": ("_config.yml",),
    "toc": ("_toc.yml",),
    "bibliography": ("references.bib",),
    "pages": ("chapters/*.md",),
    "static": ("_static/**/*",),
    "data": ("data/*.csv",),
    "templates": ("chapters/templates/*.ipynb",),
}
#: the template executed once per focus country
COUNTRY_CHAPTER = "country"
#: where, in a worker's temporary copy of the project, the build leaves the chapter's part of the data, validated,
#: with the shared facts (``stancebook.compute.facts``); never written in the project itself
PREPARED = "_build/stancebook/prepared.pickle"


def input_files(root: Path, kinds: tuple[str, ...] | None = None) -> list[Path]:
    """The project's input files of the given kinds (all kinds by default), sorted, hidden files left out."""
    found: set[Path] = set()
    for kind in kinds or tuple(INPUTS):
        for pattern in INPUTS[kind]:
            found.update(
                p
                for p in root.glob(pattern)
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
            )
    return sorted(found)


def copy_sources(root: Path, dest: Path) -> Path:
    """A fresh book project in ``dest`` with ``root``'s inputs (for the tests and the benchmark, which must never
    build in the checkout)."""
    for path in input_files(root):
        target = dest / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return dest


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` holding ``_config.yml`` and ``data/``."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "_config.yml").is_file() and (folder / "data").is_dir():
            return folder
    raise BuildError(
        f"no book project found at or above {start}: expected _config.yml and data/ "
        "(run stancebook from the repository, or pass --root)"
    )


@dataclass(frozen=True)
class Project:
    """The paths of a book project rooted at ``root``: its sources, its executed chapters, and every output
    under ``_build``. No other module spells a path of the project."""

    root: Path

    # --- sources ---
    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def toc_source(self) -> Path:
        return self.root / "_toc.yml"

    def template(self, chapter: str) -> Path:
        return self.root / "chapters" / "templates" / f"{chapter}.ipynb"

    # --- executed chapters ---
    @property
    def countries_dir(self) -> Path:
        return self.root / "chapters" / "countries"

    def notebook(self, chapter: str, iso3: str | None = None) -> Path:
        """Where a chapter's executed notebook goes: ``chapters/<chapter>.ipynb``, or for a country
        ``chapters/countries/<iso3>.ipynb``."""
        if chapter == COUNTRY_CHAPTER:
            if not iso3:
                raise ValueError("a country chapter needs a country code")
            return self.countries_dir / f"{iso3.lower()}.ipynb"
        return self.root / "chapters" / f"{chapter}.ipynb"

    def country_notebooks(self) -> list[Path]:
        """Every executed country chapter on disk (current, or left by a country no longer in the data)."""
        if not self.countries_dir.is_dir():
            return []
        return sorted(p for p in self.countries_dir.glob("*.ipynb") if not p.name.startswith("."))

    # --- _build ---
    @property
    def build_dir(self) -> Path:
        return self.root / "_build"

    @property
    def state_dir(self) -> Path:
        """The build's own records: manifest, failure reports, the TOC it publishes."""
        return self.build_dir / "stancebook"

    @property
    def manifest(self) -> Path:
        return self.state_dir / "manifest.json"

    @property
    def facts_dir(self) -> Path:
        """The shared facts of the data last built, keyed by the rows they are computed from."""
        return self.state_dir / "facts"

    def failure_report(self, notebook: Path) -> Path:
        """Where the traceback of a failed notebook is kept."""
        return self.state_dir / "failures" / f"{notebook.stem}.txt"

    @property
    def failures_dir(self) -> Path:
        return self.state_dir / "failures"

    @property
    def toc(self) -> Path:
        """The table of contents of the book being built: ``_toc.yml`` with its globs expanded."""
        return self.state_dir / "toc.yml"

    @property
    def html_dir(self) -> Path:
        """The reader's book: replaced whole, and only by a build that succeeded."""
        return self.build_dir / "html"

    def html_scratch(self, kind: str) -> Path:
        """A folder beside the book for publishing it: ``html.new-<pid>`` (the book being copied in) or
        ``html.old-<pid>`` (the book being replaced). Named per process, so that a leftover of an earlier build
        that could not be removed never stands in a later one's way."""
        return self.build_dir / f"html.{kind}-{os.getpid()}"

    def html_leftovers(self, kind: str) -> list[Path]:
        """Publishing folders left by builds that stopped (or could not clean up), newest first."""
        found = [p for p in self.build_dir.glob(f"html.{kind}*") if p.is_dir()]
        return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)

    @property
    def stage_dir(self) -> Path:
        """Where Jupyter Book builds (and keeps its incremental state)."""
        return self.build_dir / ".stage"

    @property
    def stage_html(self) -> Path:
        return self.stage_dir / "_build" / "html"

    def html_page(self, notebook: Path, html_dir: Path | None = None) -> Path:
        return (html_dir or self.html_dir) / notebook.relative_to(self.root).with_suffix(".html")

    @property
    def pdf_dir(self) -> Path:
        return self.build_dir / "pdf"

    @property
    def book_pdf(self) -> Path:
        return self.pdf_dir / "stancebook.pdf"

    def chapter_pdf(self, notebook: Path) -> Path:
        """The PDF of one chapter (a country's: ``_build/pdf/<iso3>.pdf``)."""
        return self.pdf_dir / f"{notebook.stem}.pdf"

    @property
    def lock(self) -> Path:
        """The lock file, in the project root (so that a refused build creates no _build folder)."""
        return self.root / ".stancebook.lock"

    def writable_folders(self) -> list[Path]:
        """The folders a build writes in: the project root (references.bib), the executed chapters, and
        ``_build`` with its records and the reader's book."""
        return [self.root, self.root / "chapters", self.countries_dir, self.build_dir, self.state_dir, self.html_dir]

    def check_writable(self, folders: list[Path] | None = None) -> None:
        """Raise OSError, naming the folder, unless every folder a build writes in (or ``folders``) can be
        written: checked before anything is executed, so that a read-only folder stops the build at once and
        changes nothing."""
        for folder in folders or self.writable_folders():
            if folder == self.html_dir and not folder.exists():
                continue
            probe = folder / f".stancebook-write-test-{os.getpid()}"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                probe.write_bytes(b"")
                probe.unlink()
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, str(folder)) from None


def remove_tree(path: Path) -> bool:
    """Remove a folder and everything in it, making read-only entries writable on the way (a book copied from
    a read-only medium keeps its modes); True when it is gone, False when something in it could not be removed."""

    def retry(func, target, _exc) -> None:
        try:
            os.chmod(os.path.dirname(target) or ".", stat.S_IRWXU)
            if not os.path.islink(target):
                os.chmod(target, stat.S_IRWXU)
            func(target)
        except OSError:
            pass

    if not path.exists():
        return True
    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=retry)
    else:
        shutil.rmtree(path, onerror=lambda func, target, info: retry(func, target, info[1]))
    return not path.exists()
