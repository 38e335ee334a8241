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

from . import bns, nsc, statuz, undl, wdi
from .base import LayoutError, Proposal
from .changes import Diff, apply, diff

#: source name (as typed after ``stancebook update``) -> (its importer, what it reads, whether it reads several
#: files at once); an importer is ``read(file or files, data_dir) -> Proposal``
IMPORTERS = {
    "undl": (undl, "UN Digital Library General Assembly voting data, <YYYY>_<MM>_<DD>_ga_voting.csv", False),
    "wdi": (wdi, "World Bank WDI bulk download, API_<indicator>_DS2_en_csv_v2_<n>.csv (one indicator)", False),
    "kaz-bns": (bns, "Kazakhstan BNS 'Основные показатели внешней торговли по странам' .xls editions", True),
    "kgz-nsc": (nsc, "Kyrgyz NSC tables 4.03.00.18 (exports) and 4.03.00.20 (imports), .xlsx", True),
    "uzb-stat": (statuz, "Uzbekistan stat.uz open data sdmx_data_1105.csv (exports) and _1176.csv (imports)", True),
}


def propose(source: str, files: Path | list[Path], data_dir: Path) -> Proposal | list[Proposal]:
    """The rows ``files`` give, read by the importer for ``source``; LayoutError if it refuses a file."""
    if source not in IMPORTERS:
        raise LayoutError(f"no importer for '{source}': the sources are {', '.join(sorted(IMPORTERS))}")
    module, _, several = IMPORTERS[source]
    files = [Path(f) for f in (files if isinstance(files, list | tuple) else [files])]
    for f in files:
        if not f.is_file():
            raise LayoutError(f"{f}: no such file")
    if several:
        return module.read(files, Path(data_dir))
    if len(files) != 1:
        raise LayoutError(f"the {source} importer reads one file at a time ({len(files)} given)")
    return module.read(files[0], Path(data_dir))


__all__ = ["IMPORTERS", "Diff", "LayoutError", "Proposal", "apply", "diff", "propose"]
