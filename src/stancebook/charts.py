"""Charts in one house style: country colours from countries.csv, vote colours below, a source line in every figure."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from . import votes as v
from .data import Dataset
from .sources import source_text

#: colour-blind-safe fills for vote codes (Paul Tol's "light" scheme), shared by tables and charts
VOTE_COLOURS = {"Y": "#77AADD", "A": "#DDDDDD", "N": "#EE8866", "X": "#FFFFFF", v.NO_DATA: "#F4F4F4"}
VOTE_EDGE = "#777777"

STYLE = {
    "figure.dpi": 110,
    "savefig.dpi": 200,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "legend.frameon": False,
    "figure.constrained_layout.use": True,
}


def apply_style() -> None:
    """Set the house style for every chart drawn afterwards in this process."""
    plt.rcParams.update(STYLE)


def show(fig: Figure, dpi: int = 200) -> None:
    """Display a chart once, as a crisp PNG shown at its design size (96 CSS pixels per inch), and free it."""
    from IPython.display import Image, display

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    plt.close(fig)
    width_px = round(fig.get_figwidth() * 96)
    display(Image(data=buffer.getvalue(), format="png", width=width_px))


def add_source(fig: Figure, ds: Dataset, source_ids: list[str]) -> None:
    """Write the source line under the chart, inside the figure, so it travels with the image."""
    fig.supxlabel("Source: " + source_text(ds, source_ids), x=0.0, ha="left", fontsize=8,
                  color="#444444", wrap=True)


def _tick_labels(res: pd.DataFrame) -> list[str]:
    return [f"{lab}\n{d.day} {d:%b %Y}" for lab, d in zip(v.label(res), res["date"])]


#: vertical order of vote codes on the timeline (top to bottom)
_TIMELINE_ROWS = ["Y", "A", "N", "X"]


def vote_timeline(ds: Dataset, iso3: str, compare: str = v.RUSSIA) -> Figure:
    """The country's vote on each resolution in date order, with the comparison country's beside it."""
    apply_style()
    res = v.resolutions(ds)
    m = v.vote_matrix(ds, [iso3, compare])
    ypos = {code: len(_TIMELINE_ROWS) - 1 - i for i, code in enumerate(_TIMELINE_ROWS)}
    x = list(range(len(res)))
    fig, ax = plt.subplots(figsize=(9, 4.2))
    for who, offset, marker, size in ((iso3, -0.12, "o", 110), (compare, 0.12, "X", 60)):
        codes = m.loc[who]
        xs = [i for i, c in zip(x, codes) if pd.notna(c)]
        ys = [ypos[c] + offset for c in codes if pd.notna(c)]
        ax.scatter(xs, ys, s=size, marker=marker, color=ds.colour(who), edgecolor="white", linewidth=0.6,
                   label=ds.name(who), zorder=3)
    before = (res["date"] < v.INVASION).sum()
    if 0 < before < len(res):
        ax.axvline(before - 0.5, color="#555555", linestyle="--", linewidth=0.9)
        ax.text(before - 0.45, len(_TIMELINE_ROWS) - 0.55, "Full-scale invasion\n24 Feb 2022", fontsize=8,
                va="top", ha="left", color="#333333")
    ax.set_yticks(list(ypos.values()), [v.VOTE_LABELS[c] for c in ypos])
    ax.set_ylim(-0.6, len(_TIMELINE_ROWS) - 0.4)
    ax.set_xticks(x, _tick_labels(res), rotation=90, fontsize=8)
    ax.set_xlim(-0.6, len(res) - 0.4)
    for y in ypos.values():
        ax.axhline(y, color="#EEEEEE", linewidth=0.8, zorder=0)
    ax.set_xlabel("Resolution and date of the recorded vote (in order of adoption)")
    ax.set_ylabel("Vote cast")
    ax.set_title(f"{ds.name(iso3)}'s votes on Ukraine-related UN General Assembly resolutions")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title="Country", alignment="left")
    add_source(fig, ds, v.source_ids(ds, [iso3, compare]))
    return fig


def regional_vote_bars(ds: Dataset, since: pd.Timestamp = v.INVASION) -> Figure:
    """Stacked bars: for each focus country, how many resolutions since ``since`` it voted each way."""
    apply_style()
    counts = v.regional_counts(ds, since)
    total = len(v.resolutions(ds, since))
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(counts) + 1.6))
    names = [ds.name(c) for c in counts.index]
    left = pd.Series(0, index=counts.index)
    codes = list(v.VOTE_LABELS) + ([v.NO_DATA] if counts[v.NO_DATA].any() else [])
    for code in codes:
        label = v.VOTE_LABELS.get(code, "No data")
        bars = ax.barh(names, counts[code], left=left, color=VOTE_COLOURS[code], edgecolor=VOTE_EDGE,
                       linewidth=0.6, label=label, hatch="//" if code == "X" else None)
        ax.bar_label(bars, labels=[str(n) if n else "" for n in counts[code]], label_type="center", fontsize=9,
                     bbox={"facecolor": "white", "edgecolor": "none", "pad": 1, "alpha": 0.85})
        left = left + counts[code]
    ax.invert_yaxis()
    ax.set_xlim(0, total)
    ax.set_xticks(range(0, total + 1))
    ax.set_xlabel(f"Number of resolutions (of {total} adopted by recorded vote since {since:%d %b %Y})")
    ax.set_title(f"Focus countries' votes on Ukraine-related UNGA resolutions since {since.day} {since:%b %Y}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title="Vote", alignment="left")
    add_source(fig, ds, v.source_ids(ds, ds.focus, since))
    return fig
