"""The curated tables of ``data/``, read, validated and linked, as one Dataset."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import DataError, Problem

#: the index each table is given once loaded (the other tables keep a plain row index)
INDEX = {
    "sources": "source_id",
    "outlets": "domain",
    "countries": "iso3",
    "unga_resolutions": "res_id",
    "partners": "partner",
    "indicator_definitions": "indicator",
    "articles": "article_id",
}


@dataclass(frozen=True)
class Dataset:
    """All curated tables, validated and linked.

    One field per table of ``stancebook.data.schemas.TABLES``, named as the table (and its file); ``sources``
    has one column more, ``outlet``: the domain of its outlet in ``outlets`` (the source policy). ``countries``
    is indexed by ISO3 code in file order; ``unga_resolutions`` by ``res_id`` in date order; ``sources`` by
    ``source_id``; ``outlets`` by ``domain``; ``partners``, ``indicator_definitions`` and ``articles`` by their
    key; the other tables keep their rows in file order, with ``csv_line`` giving each row's line in its file.
    """

    data_dir: Path
    sources: pd.DataFrame
    outlets: pd.DataFrame
    countries: pd.DataFrame
    unga_resolutions: pd.DataFrame
    unga_votes: pd.DataFrame
    partners: pd.DataFrame
    trade: pd.DataFrame
    eu_exports: pd.DataFrame
    indicator_definitions: pd.DataFrame
    indicators: pd.DataFrame
    coverage_notes: pd.DataFrame
    events: pd.DataFrame
    institutions: pd.DataFrame
    articles: pd.DataFrame
    article_views: pd.DataFrame
    claims: pd.DataFrame
    revisions: pd.DataFrame

    @property
    def focus(self) -> list[str]:
        """ISO3 codes of the focus countries, in file order."""
        return self.countries.index[self.countries["role"] == "focus"].tolist()

    def table(self, name: str) -> pd.DataFrame:
        """A table by its name."""
        return getattr(self, name)

    def name(self, iso3: str) -> str:
        return str(self.countries.at[iso3, "name"])

    def colour(self, iso3: str) -> str:
        return str(self.countries.at[iso3, "colour"])

    def coverage_note(self, iso3: str, topic: str) -> str | None:
        """The curated note on a country's coverage of a topic (coverage_notes.csv), if there is one."""
        notes = self.coverage_notes
        hit = notes[(notes["country"] == iso3) & (notes["topic"] == topic)]
        return None if hit.empty else str(hit["note"].iloc[0])


#: every table of a Dataset, by name, in the order of ``schemas.TABLES`` (a test checks that they agree)
TABLE_NAMES = tuple(f.name for f in dataclasses.fields(Dataset) if f.name != "data_dir")


def load(data_dir: str | Path = "data") -> Dataset:
    """Read and validate every table in ``data_dir``; raise DataError listing every problem."""
    # the validation library is loaded only to validate: a chapter handed data already checked never needs it
    from . import rules
    from . import schemas as sc
    from .read import read_table

    data_dir = Path(data_dir)
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for table in sc.TABLES:
        try:
            frames[table.name] = read_table(data_dir, table)
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    for name, frame in frames.items():
        frames[name] = frame.rename_axis("csv_line").reset_index()
    problems = rules.check(data_dir, frames)
    if problems:
        raise DataError(problems)
    resolutions = frames["unga_resolutions"]
    frames["unga_resolutions"] = resolutions.sort_values(["date", "csv_line"])
    # each source's outlet in the source policy (the rules have checked that there is one)
    domains = set(frames["outlets"]["domain"])
    frames["sources"] = frames["sources"].assign(
        outlet=[rules.outlet_domain(u, domains) for u in frames["sources"]["url"]]
    )
    for name, key in INDEX.items():
        frames[name] = frames[name].set_index(key, drop=False)
    return Dataset(data_dir=data_dir, **frames)
