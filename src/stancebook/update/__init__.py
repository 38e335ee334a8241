"""Refresh ``data/`` from official release files: ``stancebook update <source> FILE [--apply]``.

Each importer (one module per source, listed in ``IMPORTERS``) recognises its file's layout or refuses it,
naming what it expected, and turns the file into rows of the book's tables with their source rows
(``base.Proposal``). ``changes`` compares those rows with ``data/``, validates the whole result with the same
schemas and rules as the build, prints what would change (rows added, changed, removed, per table and per
country), and writes only when asked, atomically: a refused, invalid or interrupted update leaves ``data/`` as
it was.
"""

from __future__ import annotations

from pathlib import Path

from . import wdi
from .base import LayoutError, Proposal
from .changes import Diff, apply, diff

#: source name (as typed after ``stancebook update``) -> its importer: ``read(file, data_dir) -> Proposal``
IMPORTERS = {"wdi": wdi}


def propose(source: str, file: Path, data_dir: Path) -> Proposal:
    """The rows ``file`` gives, read by the importer for ``source``; LayoutError if it refuses the file."""
    if source not in IMPORTERS:
        raise LayoutError(f"no importer for '{source}': the sources are {', '.join(sorted(IMPORTERS))}")
    return IMPORTERS[source].read(Path(file), Path(data_dir))


__all__ = ["IMPORTERS", "Diff", "LayoutError", "Proposal", "apply", "diff", "propose"]
