"""What the notebooks show: styled tables with their source lines, glued values, and prose fragments.

Notebooks call these functions and display the result; nothing here reads files.
"""

from __future__ import annotations

from numbers import Integral

import pandas as pd
from IPython.display import HTML, Markdown, display
from pandas.io.formats.style import Styler

from . import votes as v
from .charts import VOTE_COLOURS, VOTE_EDGE
from .data import Dataset
from .sources import source_markdown

SYMBOL_NOTES = {
    "recalled": "symbol recalled by the compilers, not read from the data file",
    "inferred": "symbol inferred from the order of adoption",
    "unknown": "symbol not known; identified by its UN Digital Library record",
}
#: marker added to a resolution label whose symbol is not certain
UNCERTAIN = "†"


def glue(key: str, value: object) -> None:
    """Glue a value for use in prose: numbers as plain text, strings as Markdown (``{glue:md}``)."""
    from myst_nb import glue as _glue

    if isinstance(value, bool):
        raise TypeError(f"glue {key!r}: glue text, not a bool")
    if isinstance(value, Integral):
        value = int(value)
    elif isinstance(value, str):
        value = Markdown(value)
    _glue(key, value, display=False)


def glue_country(ds: Dataset, iso3: str) -> None:
    """Glue every fact the country chapter's prose uses (see ``votes.country_summary``)."""
    facts = v.country_summary(ds, iso3)
    counts = facts.pop("post_counts")
    facts["post_record"] = describe_counts(counts)
    facts["first_date"] = date_text(facts["first_date"])
    facts["last_date"] = date_text(facts["last_date"])
    for key, value in facts.items():
        glue(key, value)


def glue_region(ds: Dataset) -> None:
    """Glue every fact the regional chapter's prose uses (see ``votes.regional_summary``)."""
    for key, value in v.regional_summary(ds).items():
        glue(key, names_list(value) if isinstance(value, list) else value)


def date_text(d: pd.Timestamp) -> str:
    return f"{d.day} {d:%B %Y}"


def describe_counts(counts: pd.Series) -> str:
    """'voted yes on none, abstained on 10, voted no on 2 and did not vote on 1'."""
    verbs = {"Y": "voted yes on", "A": "abstained on", "N": "voted no on", "X": "did not vote on"}
    parts = [f"{verbs[c]} {counts[c] if counts[c] else 'none'}" for c in verbs]
    if counts.get(v.NO_DATA, 0):
        parts.append(f"has no recorded vote in the data for {counts[v.NO_DATA]}")
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def names_list(names: list[str]) -> str:
    if not names:
        return "none"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _vote_css(code: object) -> str:
    key = code if code in VOTE_COLOURS else v.NO_DATA
    css = f"background-color: {VOTE_COLOURS[key]}; text-align: center; border: 1px solid {VOTE_EDGE};"
    if key == "X":
        css += " color: #555555; font-style: italic;"
    return css


def _labelled(labels: pd.Series, symbol_basis: pd.Series) -> pd.Series:
    """Resolution labels with the uncertainty marker where the symbol is not certain."""
    return labels + symbol_basis.map(lambda b: UNCERTAIN if b in SYMBOL_NOTES else "")


def show_source(ds: Dataset, source_ids: list[str], note: str | None = None) -> None:
    """The source line under a table (and an optional note), as Markdown."""
    text = source_markdown(ds, source_ids)
    display(Markdown(f"{note}\n\n{text}" if note else text))


def vote_legend() -> None:
    """A colour key for vote tables, with the words, so colour is never the only cue."""
    swatches = "".join(
        f'<span style="display:inline-block; margin-right:1em;">'
        f'<span style="{_vote_css(code)} display:inline-block; min-width:2.2em; padding:0 0.3em;">{code}</span> '
        f"{label}</span>"
        for code, label in v.VOTE_LABELS.items()
    )
    display(HTML(f'<p class="stancebook-legend">Key: {swatches}</p>'))


def symbol_note(ds: Dataset) -> str | None:
    """Footnote for tables whose resolution labels carry the uncertainty marker."""
    res = v.resolutions(ds)
    lines = []
    for basis, text in SYMBOL_NOTES.items():
        labels = v.label(res[res["symbol_basis"] == basis]).tolist()
        if labels:
            lines.append(f"{', '.join(labels)}: {text}")
    if not lines:
        return None
    return f"{UNCERTAIN} " + "; ".join(lines) + "."


def _table_styles() -> list[dict]:
    return [
        {"selector": "th", "props": "text-align: left; padding: 0.25em 0.5em;"},
        {"selector": "td", "props": "padding: 0.25em 0.5em;"},
    ]


def country_vote_table(ds: Dataset, iso3: str, compare: str = v.RUSSIA) -> Styler:
    """The country's vote on each resolution, the comparison country's, and the world tally."""
    cv = v.country_votes(ds, iso3, compare)
    name, other = ds.name(iso3), ds.name(compare)
    table = pd.DataFrame({
        "Date": [f"{d.day} {d:%b %Y}" for d in cv["date"]],
        "Resolution": _labelled(cv["resolution"], cv["symbol_basis"]).values,
        "Subject": cv["title"].values,
        name: cv["vote"].values,
        other: cv["compare_vote"].values,
        "World: yes–no–abstain (not voting)": [
            f"{r.yes}–{r.no}–{r.abstain} ({r.non_voting})" for r in cv.itertuples()
        ],
    })
    for column in (name, other):
        table[column] = table[column].map(lambda c: v.VOTE_LABELS.get(c, v.NO_DATA))
    codes = {label: code for code, label in v.VOTE_LABELS.items()}
    return (
        table.style.hide(axis="index")
        .map(lambda x: _vote_css(codes.get(x)), subset=[name, other])
        .set_table_styles(_table_styles())
        .set_uuid(f"votes-{iso3.lower()}")
        .set_table_attributes('class="stancebook-table stancebook-votes"')
    )


def stance_table(ds: Dataset, countries: list[str] | None = None) -> Styler:
    """Countries (rows) by resolutions (columns, in date order); cells coloured by vote."""
    if countries is None:
        countries = ds.focus + [c for c in ds.countries.index if c not in ds.focus]
    res = v.resolutions(ds)
    m = v.vote_matrix(ds, countries).fillna("–")
    labels = _labelled(v.label(res), res["symbol_basis"])
    m.columns = [f"{lab}<br>{d:%b %Y}" for lab, d in zip(labels, res["date"])]
    m.index = [ds.name(c) + (" ●" if c in ds.focus else "") for c in countries]
    return (
        m.style.map(_vote_css)
        .set_table_styles(_table_styles() + [{"selector": "th.col_heading", "props": "font-size: 0.8em;"}])
        .set_uuid("stance")
        .set_table_attributes('class="stancebook-table stancebook-stance"')
    )


def profile_table(ds: Dataset, iso3: str) -> Styler:
    """A short profile of the country from the data."""
    c = ds.countries.loc[iso3]
    counts = v.vote_counts(ds, iso3)
    n = len(v.resolutions(ds))
    rows = {
        "ISO 3166-1 code": iso3,
        "UN geographic sub-region (M49)": c["m49_subregion"],
        "Member of the United Nations since": date_text(c["un_member_since"]),
        "Role in this book": "focus country" if c["role"] == "focus" else "comparison country",
        "Recorded votes in this book's data": f"{n - counts[v.NO_DATA]} of {n} resolutions",
    }
    frame = pd.DataFrame({"": list(rows), " ": list(rows.values())})
    return (frame.style.hide(axis="index").hide(axis="columns").set_table_styles(_table_styles())
            .set_uuid(f"profile-{iso3.lower()}")
            .set_table_attributes('class="stancebook-table stancebook-profile"'))



def show_profile(ds: Dataset, iso3: str) -> None:
    """The profile table with its source line."""
    display(profile_table(ds, iso3))
    show_source(ds, ds.countries.at[iso3, "source_id"].split(";") + v.source_ids(ds, [iso3]))


def show_country_votes(ds: Dataset, iso3: str, compare: str = v.RUSSIA) -> None:
    """The country's vote table, its colour key, the symbol footnote and the source line."""
    display(country_vote_table(ds, iso3, compare))
    vote_legend()
    show_source(ds, v.source_ids(ds, [iso3, compare]), note=symbol_note(ds))


def show_stance_table(ds: Dataset) -> None:
    """The regional stance table, its colour key, the symbol footnote and the source line."""
    display(stance_table(ds))
    vote_legend()
    show_source(ds, v.source_ids(ds), note=symbol_note(ds))
