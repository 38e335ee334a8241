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

#: source name (as typed after ``stancebook update``) -> (its importer, what it reads, and what it takes: "file" one
#: file, "files" one or more, "indicator" an indicator code to fetch online); an importer is
#: ``read(file, files or code, data_dir) -> Proposal`` (or a list of them, one per table)
IMPORTERS = {
    "undl": (undl.read, "UN Digital Library General Assembly voting data, <YYYY>_<MM>_<DD>_ga_voting.csv", "file"),
    "wdi": (wdi.read, "World Bank WDI bulk download, API_<indicator>_DS2_en_csv_v2_<n>.csv (one indicator)", "file"),
    "wdi-api": (wdi.read_api, "World Bank indicators API through wbgapi (online): an indicator code", "indicator"),
    "kaz-bns": (bns.read, "Kazakhstan BNS 'Основные показатели внешней торговли по странам' .xls editions", "files"),
    "kgz-nsc": (nsc.read, "Kyrgyz NSC tables 4.03.00.18 (exports) and 4.03.00.20 (imports), .xlsx", "files"),
    "uzb-stat": (
        statuz.read,
        "Uzbekistan stat.uz open data sdmx_data_1105.csv (exports) and _1176.csv (imports)",
        "files",
    ),
}


def propose(source: str, files: Path | str | list, data_dir: Path) -> Proposal | list[Proposal]:
    """The rows ``files`` give (or, for an online source, the indicator fetched), read by the importer for
    ``source``; LayoutError if it refuses a file."""
    if source not in IMPORTERS:
        raise LayoutError(f"no importer for '{source}': the sources are {', '.join(sorted(IMPORTERS))}")
    read, _, kind = IMPORTERS[source]
    given = list(files) if isinstance(files, list | tuple) else [files]
    if kind == "indicator":
        if len(given) != 1:
            raise LayoutError(f"the {source} importer takes one indicator code ({len(given)} given)")
        return read(str(given[0]).rsplit("/", 1)[-1], Path(data_dir))
    paths = [Path(f) for f in given]
    for f in paths:
        if not f.is_file():
            raise LayoutError(f"{f}: no such file")
    if kind == "files":
        return read(paths, Path(data_dir))
    if len(paths) != 1:
        raise LayoutError(f"the {source} importer reads one file at a time ({len(paths)} given)")
    return read(paths[0], Path(data_dir))


__all__ = ["IMPORTERS", "Diff", "LayoutError", "Proposal", "apply", "diff", "propose"]
