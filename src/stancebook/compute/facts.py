"""The facts every chapter shares, worked out once per build, and the data a chapter is handed ready to use.

Every chapter places the states on the stance index: a country chapter ranks its own state among the others, the
regional chapter compares them all, the key findings and the methods restate the ranking. Worked out in each
notebook, that is the same resampling and the same event tables once per chapter. Instead the build validates
``data/`` once, computes these shared facts once (:func:`compute`: every focus state's events, its index under
every coding, its interval and the ranks the intervals allow, and which states have enough evidence to be
placed), keeps them keyed by the rows they are computed
from (:func:`key`), and hands each chapter a *bundle*: the part of the data the chapter reads
(``stancebook.data.scope``) with the facts attached (:func:`bundle`, read back by :func:`load`).

The facts are a pure function of the rows :func:`part` keeps, and a chapter is given them only when its own part
of the data holds every one of those rows (:func:`shares`). Its output is then the same as if it had worked them
out itself, and the build cache, which hashes the rows each chapter reads, stays exact: a change that alters the
facts alters rows the chapter reads. A chapter run outside the build (a reader's copy of the notebook, or a
bundle that does not match the data folder) validates the data and works the facts out itself.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..data import Dataset, scope
from ..data.dataset import TABLE_NAMES
from ..data.digest import files_digest, folder_files, frame_digest, sha256
from . import memo
from . import stance as st

#: the tables the shared facts are computed from (``sources`` only the rows the events and votes cite)
READS = ("sources", "outlets", "countries", "unga_resolutions", "unga_votes", "events")
#: bump when a bundle's layout changes: an older bundle is then not used
FORMAT = 2
#: libraries whose version must be the same where a bundle is written and where it is read
LIBRARIES = ("pandas", "numpy")


@dataclass(frozen=True)
class Facts:
    """The shared facts of one set of rows (:func:`key`)."""

    key: str
    #: every focus state's events (``stance.country_events``)
    events: dict[str, pd.DataFrame]
    #: the index of every focus state under every coding (``stance.index_table``)
    index: pd.DataFrame
    #: intervals and rank probabilities under the base coding (``stance.uncertainty``)
    uncertainty: pd.DataFrame
    #: the dimensions scored and events counted of every focus state, and whether it is placed (``stance.placed``)
    placed: pd.DataFrame


def part(ds: Dataset) -> Dataset:
    """The rows the shared facts are computed from: the tables of READS, sources only where the events, the votes
    and the resolutions cite them; every other table stands in as unread."""
    frames: dict[str, object] = {n: scope.Unread("shared facts", n) for n in TABLE_NAMES if n not in READS}
    for name in READS:
        frames[name] = ds.table(name)
    if not all(isinstance(ds.table(n), pd.DataFrame) for n in READS):
        return dataclasses.replace(ds, **frames)
    cited: set[str] = set()
    for name in ("events", "unga_votes", "unga_resolutions"):
        for cell in ds.table(name)["source_id"].dropna():
            cited.update(str(cell).split(";"))
    frames["sources"] = ds.sources[ds.sources.index.isin(cited)]
    return dataclasses.replace(ds, **frames)


def key(ds: Dataset, whole: Dataset | None = None) -> str:
    """A hash of the rows the facts are computed from (and of which states are the focus, in order); ``whole``:
    ``part(ds)``, when the caller has it already."""
    p = part(ds) if whole is None else whole
    return sha256(" ".join([*p.focus, *(f"{n}:{frame_digest(p.table(n))}" for n in READS)]))


def shares(chapter_part: Dataset, full: Dataset, whole: Dataset | None = None) -> bool:
    """Whether a chapter's part of the data holds every row the facts of the whole data are computed from (its
    tables are row subsets of the whole, so the same rows means the same row labels); ``whole``: ``part(full)``,
    when the caller has it already."""
    mine, whole = part(chapter_part), part(full) if whole is None else whole
    for name in READS:
        frame = mine.table(name)
        if not isinstance(frame, pd.DataFrame) or not frame.index.equals(whole.table(name).index):
            return False
    return True


def compute(ds: Dataset, whole: Dataset | None = None) -> Facts:
    """Work the shared facts out from the data (all of it, or a chapter's part that ``shares`` them); ``whole``:
    ``part(ds)``, when the caller has it already."""
    p = part(ds) if whole is None else whole
    return Facts(
        key=key(ds, p),
        events={c: st.country_events(p, c) for c in p.focus},
        index=st.index_table(p),
        uncertainty=st.uncertainty(p),
        placed=st.placed(p),
    )


def attach(ds: Dataset, facts: Facts) -> Dataset:
    """Let the stance functions find the facts already worked out for this dataset (they compute nothing again)."""
    for iso3, events in facts.events.items():
        memo.remember(ds, st.events_key(iso3), events)
    memo.remember(ds, st.index_key(st.VARIANTS, tuple(facts.events)), facts.index)
    memo.remember(ds, st.uncertainty_key(), facts.uncertainty)
    memo.remember(ds, st.placed_key(), facts.placed)
    return ds


# --- bundles: a chapter's data, checked, with the facts --------------------------------------------------


def _versions() -> dict[str, str]:
    from importlib import metadata

    return {lib: metadata.version(lib) for lib in LIBRARIES}


def bundle(
    chapter_part: Dataset, chapter: str, country: str | None, files: dict[str, bytes], facts: Facts | None
) -> bytes:
    """A chapter's part of the data, already validated, with the shared facts when the part holds their rows;
    ``files`` are the data files it was read from (by file name), so that the reader can tell it matches them."""
    header = {"format": FORMAT, "chapter": chapter, "country": country, "data": files_digest(files), **_versions()}
    return pickle.dumps((header, chapter_part, facts), protocol=pickle.HIGHEST_PROTOCOL)


def load(data_dir: str | Path, chapter: str, country: str | None = None, prepared: str | Path = "") -> Dataset:
    """The part of the data ``chapter`` reads: from the bundle at ``prepared`` when the build left one there for
    this chapter and these data files; otherwise validated from ``data_dir`` (``stancebook.data.scope.load``).

    A bundle is used only if it was written for this chapter and country, from exactly the files now in the data
    folder, with the same versions of pandas and numpy, and while the scope switch (STANCEBOOK_SCOPE) is on."""
    folder = scope.data_folder(data_dir)
    ready = _open(Path(prepared), folder, chapter, country) if prepared else None
    return ready if ready is not None else scope.load(folder, chapter, country)


def _open(path: Path, folder: Path, chapter: str, country: str | None) -> Dataset | None:
    if not path.is_file() or os.environ.get(scope.SWITCH, "").lower() == "off":
        return None
    with path.open("rb") as f:
        # written by this build for this notebook (never a file from elsewhere: it sits in the build's own folder)
        header, ds, facts = pickle.load(f)  # noqa: S301
    expected = {"format": FORMAT, "chapter": chapter, "country": country, "data": files_digest(folder_files(folder))}
    if {k: header.get(k) for k in expected} != expected or any(header.get(k) != v for k, v in _versions().items()):
        return None
    ds = dataclasses.replace(ds, data_dir=folder)
    return attach(ds, facts) if facts is not None else ds
