"""Charts in one house style (``stancebook.present.style``): country and partner colours from the data, one
colour set for votes and directions, labelled axes with units, and a source line in every figure.

Each chart function returns a matplotlib Figure with a caption and an alt text (``describe``), or a NoData
saying why there is nothing to draw. Text from ``data/`` is drawn as text: the house style switches
matplotlib's mathtext off (see ``stancebook.present.escape``).
"""

from __future__ import annotations

import base64
import io
import textwrap
from dataclasses import dataclass

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..compute import migration as m
from ..compute import stance as st
from ..compute import trade as t
from ..compute import votes as v
from ..compute.sources import ids_in, is_press, publishers
from ..data import Dataset
from ..data.vocab import BASE_YEAR, CHINA, EU, EXTERNAL, INVASION, REMITTANCES, RUSSIA, WORLD
from . import blocks, tables
from . import text as tx
from .escape import Markup
from .style import (
    CONTEXT_GREY,
    CONTEXT_LABEL,
    DIRECTION_STYLE,
    GRID,
    IMPORT_COLOUR,
    RULE,
    VOTE_COLOURS,
    VOTE_EDGE,
)
from .style import apply as apply_style

#: how many years before the base year the long-run charts start
LEAD_YEARS = 6


def describe(fig: Figure, caption: str, alt: str, data: pd.DataFrame, name: str) -> Figure:
    """Attach the caption printed under the chart, the alt text read out in its place, and the data it plots.

    The caption says what the chart shows; the alt text gives its message in words (the main values), for
    readers who cannot see it; ``data`` holds exactly the plotted series, one row per point, offered under the
    chart as ``<name>.csv``. ``show`` refuses a chart without all of them and its source line (``add_source``).
    """
    fig.stancebook_caption = caption
    fig.stancebook_alt = alt
    fig.stancebook_data = data.reset_index(drop=True)
    fig.stancebook_name = name
    return fig


def data_csv(fig: Figure) -> str:
    """The plotted series as CSV text (the chart's "data" download)."""
    return fig.stancebook_data.to_csv(index=False, lineterminator="\n")


def _data_link(fig: Figure) -> Markup:
    """A link that downloads the chart's data: the CSV travels inside the page, so it works offline and always
    matches the chart it sits under."""
    payload = base64.b64encode(data_csv(fig).encode("utf-8")).decode("ascii")
    return Markup(
        '<a class="stancebook-data" download="{}.csv" href="data:text/csv;charset=utf-8;base64,{}">'
        "Download the data shown (CSV)</a>"
    ).format(fig.stancebook_name, payload)


#: how a chart is saved: SVG, sharp at any zoom and in print, with its letters drawn as shapes so that it looks the
#: same whatever fonts the reader's machine has (text left as text would be set in whatever font the browser
#: finds); a fixed salt keeps the SVG's internal ids, and so the page, the same from build to build
SVG_STYLE = {"svg.fonttype": "path", "svg.hashsalt": "stancebook"}


def figure_html(fig: Figure, source: bool = True) -> Markup:
    """The chart as an HTML figure: an SVG image (embedded, so the page needs nothing from elsewhere) shown at
    its design size (96 CSS pixels per inch), with its alt text and caption, then its source line as text and a
    link to its data (``source=False`` leaves the source line to the caller, to say it once for several).

    SVG rather than PNG: a third faster to draw, half the size in the page, and vector in the PDF."""
    parts = (
        ("a caption", "stancebook_caption"),
        ("an alt text", "stancebook_alt"),
        ("its data", "stancebook_data"),
        ("a source line", "stancebook_source"),
    )
    missing = [what for what, attr in parts if isinstance(getattr(fig, attr, ""), str) and not getattr(fig, attr, "")]
    if missing:
        raise ValueError(
            f"chart {fig.get_suptitle() or fig.axes[0].get_title()!r} has no {', '.join(missing)}: "
            "give them with charts.describe() and charts.add_source()"
        )
    buffer = io.BytesIO()
    with matplotlib.rc_context(SVG_STYLE):
        fig.savefig(buffer, format="svg", bbox_inches="tight", facecolor="white", metadata={"Date": None})
    width_px = round(fig.get_figwidth() * 96)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return Markup(
        '<figure class="stancebook-figure"><img src="data:image/svg+xml;base64,{}" alt="{}" width="{}">'
        "<figcaption>{}</figcaption>{}{}{}</figure>"
    ).format(
        data,
        fig.stancebook_alt,
        width_px,
        fig.stancebook_caption,
        getattr(fig, "stancebook_note", Markup("")),
        fig.stancebook_source if source else Markup(""),
        Markup('<p class="stancebook-data">{}</p>').format(_data_link(fig)),
    )


def _names_all(later: Figure | NoData, fig: Figure) -> bool:
    """Whether the source line of ``later`` (the next chart) names every source of ``fig``'s: then ``fig``'s line
    is left to it (its note stays under it)."""
    if isinstance(later, NoData):
        return False
    if str(getattr(later, "stancebook_source", "")) == str(getattr(fig, "stancebook_source", None)):
        return True
    mine, theirs = getattr(fig, "stancebook_source_ids", None), getattr(later, "stancebook_source_ids", None)
    return bool(mine and theirs and mine <= theirs)


def show(*figs: Figure | NoData, source: Markup | None = None) -> None:
    """Display charts in order, each as an HTML figure with caption, alt text, source line and data link (see
    ``figure_html``), and free them. Charts in a row with the same source line get it once, under the last;
    ``source`` replaces the charts' own line (a line saying the table above names the same sources).

    A NoData in place of a chart is shown as its note, so a missing series is said, not drawn empty.
    """
    if source is not None:
        for fig in figs:
            if not isinstance(fig, NoData):
                fig.stancebook_source = source
    try:
        blocks = []
        for i, fig in enumerate(figs):
            if isinstance(fig, NoData):
                blocks.append(fig.html())
                continue
            after = figs[i + 1] if i + 1 < len(figs) else None
            blocks.append(figure_html(fig, source=after is None or not _names_all(after, fig)))
        tables.show(*blocks)
    finally:
        for fig in figs:
            if not isinstance(fig, NoData):
                plt.close(fig)


_date = tx.date_text


def _long(frame: pd.DataFrame, column: str, value: str) -> pd.DataFrame:
    """A years-by-series frame as the rows of a chart's data: year, series, value (gaps left out)."""
    out = frame.rename_axis(index="year", columns=column).stack().rename(value).reset_index()
    return out[["year", column, value]].sort_values([column, "year"], kind="stable")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _counted(counts: dict[str, int]) -> str:
    """'yes 1, abstain 10' from label -> count, leaving out zeros (labels lose their first capital only)."""
    return ", ".join(f"{label[:1].lower()}{label[1:]} {n}" for label, n in counts.items() if n) or "none"


def _years(s: pd.Series, fmt: str = "{:.1f}", unit: str = "") -> str:
    """'4.1% in 2015 and 2.0% in 2024': a series' first and last values."""
    s = s.dropna()
    first, last = s.index[0], s.index[-1]
    if first == last:
        return f"{fmt.format(s.iloc[-1])}{unit} in {last}"
    return f"{fmt.format(s.iloc[0])}{unit} in {first} and {fmt.format(s.iloc[-1])}{unit} in {last}"


def add_source(
    fig: Figure, ds: Dataset, source_ids: list[str], note: str | None = None, also: str | None = None
) -> None:
    """Give the chart its source line (after an optional note), shown as text under it: every source named and
    linked, each once (``also`` names sources that are linked elsewhere, such as press pages)."""
    fig.stancebook_note = tables.paragraph(note, css_class="stancebook-table-note") if note else Markup("")
    fig.stancebook_source = tables.source_line(ds, source_ids, None, also)
    fig.stancebook_source_ids = frozenset(source_ids)


def _tick_labels(res: pd.DataFrame) -> list[str]:
    return [f"{lab}\n{d.day} {d:%b %Y}" for lab, d in zip(v.label(res), res["date"], strict=True)]


#: vertical order of vote codes on the timeline (top to bottom)
_TIMELINE_ROWS = ["Y", "A", "N", "X"]


def vote_timeline(ds: Dataset, iso3: str, compare: str = RUSSIA) -> Figure:
    """The country's vote on each resolution in date order, with the comparison country's beside it."""
    apply_style()
    res = v.resolutions(ds)
    m = v.vote_matrix(ds, [iso3, compare])
    ypos = {code: len(_TIMELINE_ROWS) - 1 - i for i, code in enumerate(_TIMELINE_ROWS)}
    x = list(range(len(res)))
    fig, ax = plt.subplots(figsize=(9, 4.2))
    for who, offset, marker, size in ((iso3, -0.12, "o", 110), (compare, 0.12, "X", 60)):
        codes = m.loc[who]
        xs = [i for i, c in zip(x, codes, strict=True) if pd.notna(c)]
        ys = [ypos[c] + offset for c in codes if pd.notna(c)]
        ax.scatter(
            xs,
            ys,
            s=size,
            marker=marker,
            color=ds.colour(who),
            edgecolor="white",
            linewidth=0.6,
            label=ds.name(who),
            zorder=3,
        )
    before = (res["date"] < INVASION).sum()
    if 0 < before < len(res):
        ax.axvline(before - 0.5, color="#555555", linestyle="--", linewidth=0.9)
        ax.text(
            before - 0.45,
            len(_TIMELINE_ROWS) - 0.55,
            f"Full-scale invasion\n{tx.short_date(INVASION)}",
            fontsize=8,
            va="top",
            ha="left",
            color="#333333",
        )
    ax.set_yticks(list(ypos.values()), [tx.VOTE_LABELS[c] for c in ypos])
    ax.set_ylim(-0.6, len(_TIMELINE_ROWS) - 0.4)
    ax.set_xticks(x, _tick_labels(res), rotation=90, fontsize=8)
    ax.set_xlim(-0.6, len(res) - 0.4)
    for y in ypos.values():
        ax.axhline(y, color=GRID, linewidth=0.8, zorder=0)
    ax.set_xlabel("Resolution and date of the recorded vote (in order of adoption)")
    ax.set_ylabel("Vote cast")
    ax.set_title(f"{ds.name(iso3)}'s votes on Ukraine-related UN General Assembly resolutions")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title="Country", alignment="left")
    add_source(fig, ds, v.source_ids(ds, [iso3, compare]))
    n = len(res)
    labels = v.label(res)
    span = f"{labels.iloc[0]} ({_date(res['date'].iloc[0])}) to {labels.iloc[-1]} ({_date(res['date'].iloc[-1])})"
    tallies = "; ".join(
        f"{ds.name(who)}: " + _counted({tx.VOTE_LABELS[c]: int((m.loc[who] == c).sum()) for c in tx.VOTE_LABELS})
        for who in (iso3, compare)
    )
    return describe(
        fig,
        f"{ds.name(iso3)}'s vote on each of the {n} resolutions, in the order adopted, with {ds.name(compare)}'s "
        f"beside it. The dashed line marks the full-scale invasion of {tx.invasion_date()}.",
        f"Dot chart of votes on {n} Ukraine-related UN General Assembly resolutions, {span}. Votes cast: {tallies}.",
        pd.DataFrame(
            [
                {"resolution": lab, "date": f"{d:%Y-%m-%d}", "country": who, "vote": "" if pd.isna(c) else c}
                for who in (iso3, compare)
                for lab, d, c in zip(labels, res["date"], m.loc[who], strict=True)
            ]
        ),
        f"votes-{iso3.lower()}",
    )


def regional_vote_bars(ds: Dataset, since: pd.Timestamp = INVASION) -> Figure:
    """Stacked bars: for each focus country, how many resolutions since ``since`` it voted each way."""
    apply_style()
    counts = v.regional_counts(ds, since)
    total = len(v.resolutions(ds, since))
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(counts) + 1.6))
    names = [ds.name(c) for c in counts.index]
    left = pd.Series(0, index=counts.index)
    codes = list(v.ORDER) + ([v.NO_DATA] if counts[v.NO_DATA].any() else [])
    for code in codes:
        label = tx.VOTE_LABELS.get(code, "No data")
        bars = ax.barh(
            names,
            counts[code],
            left=left,
            color=VOTE_COLOURS[code],
            edgecolor=VOTE_EDGE,
            linewidth=0.6,
            label=label,
            hatch="//" if code == "X" else None,
        )
        ax.bar_label(
            bars,
            labels=[str(n) if n else "" for n in counts[code]],
            label_type="center",
            fontsize=9,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1, "alpha": 0.85},
        )
        left = left + counts[code]
    ax.invert_yaxis()
    ax.set_xlim(0, total)
    ax.set_xticks(range(0, total + 1))
    ax.set_xlabel(f"Number of resolutions (of {total} adopted by recorded vote since {since:%d %b %Y})")
    ax.set_title(f"Focus countries' votes on Ukraine-related UNGA resolutions since {since.day} {since:%b %Y}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title="Vote", alignment="left")
    add_source(fig, ds, v.source_ids(ds, ds.focus, since))
    per_country = "; ".join(
        f"{ds.name(c)}: " + _counted({tx.VOTE_LABELS.get(code, "no data"): int(counts.at[c, code]) for code in codes})
        for c in counts.index
    )
    return describe(
        fig,
        f"How each focus country voted on the {total} Ukraine-related resolutions adopted by recorded vote since "
        f"{_date(since)}.",
        f"Stacked bar chart, one bar per focus country, counting its votes on {total} resolutions. {per_country}.",
        counts[codes]
        .rename_axis("country")
        .reset_index()
        .melt(id_vars="country", var_name="vote", value_name="resolutions"),
        "votes-since-invasion",
    )


# --- trade, remittances and migration -------------------------------------------------------------


@dataclass(frozen=True)
class NoData:
    """What a chapter shows instead of a chart when the series does not exist: the title and the reason."""

    title: str
    reason: str

    def html(self) -> Markup:
        return tables.no_data(self.title, self.reason)


def _no_trade(ds: Dataset, iso3: str, title: str) -> NoData:
    reason = ds.coverage_note(iso3, "trade") or (
        f"The data hold no trade series from {ds.name(iso3)}'s own statistics (no primary rows in trade.csv)."
    )
    return NoData(title, reason)


def _invasion_marker(ax, years) -> None:
    if min(years) < INVASION.year <= max(years):
        ax.axvline(INVASION.year - 0.5, color=RULE, linestyle="--", linewidth=0.8, zorder=0)


def _year_axis(ax, years) -> None:
    years = sorted(int(y) for y in years)
    width = ax.get_position().width * ax.figure.get_figwidth()
    step = 1 if len(years) <= width * 1.6 else 2
    ax.set_xticks(years[::step])
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    ax.set_xlabel("Year")


REMITTANCE_AXIS = "Personal remittances received (% of GDP)"


def _year_chart_axes(ax, years, ylabel: str, from_zero: bool = False) -> None:
    """The shared finish of every by-year chart: year ticks, the invasion marker, the value axis and its grid."""
    _year_axis(ax, years)
    _invasion_marker(ax, years)
    if from_zero:
        ax.set_ylim(0, None)
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", color=GRID)


def _country_lines(ax, ds: Dataset, frame: pd.DataFrame, end_label) -> None:
    """One line per country column in the country's colour, its last value written at the line's end."""
    for c in frame:
        s = frame[c].dropna()
        ax.plot(s.index, s.values, color=ds.colour(c), linewidth=2, marker="o", markersize=3.5, label=ds.name(c))
        ax.annotate(
            end_label(c, s),
            (s.index[-1], s.iloc[-1]),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color=ds.colour(c),
        )


def _basis_note(ds: Dataset, iso3: str) -> str:
    b = t.bases(ds, iso3)
    return "goods and services" if b == ["goods_and_services"] else "goods"


def trade_partners(ds: Dataset, iso3: str) -> Figure | NoData:
    """Exports to and imports from Russia, China, the EU and Türkiye by year (the primary series)."""
    title = f"{ds.name(iso3)}'s trade with Russia, China, the EU and Türkiye"
    if not t.has_series(ds, iso3):
        return _no_trade(ds, iso3, title)
    apply_style()
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.8), sharey=True)
    years, plotted = set(), []
    for ax, flow, what in zip(axes, ("export", "import"), ("Exports to", "Imports from"), strict=True):
        frame = t.values(ds, iso3, flow)
        for p in t.PARTNERS:
            if p in frame and frame[p].notna().any():
                s = frame[p].dropna()
                plotted += [{"year": int(y), "flow": flow, "partner": p, "value_usd_m": x} for y, x in s.items()]
                ax.plot(
                    s.index,
                    s.values,
                    marker="o",
                    markersize=3.5,
                    linewidth=1.8,
                    color=ds.partners.at[p, "colour"],
                    label=ds.partners.at[p, "name"],
                )
                years |= set(s.index)
        ax.set_title(f"{what} partner", fontsize=10)
        ax.grid(axis="y", color=GRID)
    for ax in axes:
        _year_axis(ax, years)
        _invasion_marker(ax, years)
    axes[0].set_ylabel(f"Million US$ ({_basis_note(ds, iso3)}, current prices)")
    axes[1].legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title="Partner", alignment="left")
    fig.suptitle(title, x=0.0, ha="left", fontweight="bold")
    rows = t.primary(ds, iso3)
    add_source(fig, ds, ids_in(rows[rows["partner"].isin(t.PARTNERS) & (rows["flow"] != "turnover")]))
    russia = [
        f"{what} Russia were "
        f"{_years(t.values(ds, iso3, flow).get(RUSSIA, pd.Series(dtype=float)), '{:,.0f}', ' million US$')}"
        for flow, what in (("export", "exports to"), ("import", "imports from"))
        if RUSSIA in t.values(ds, iso3, flow) and t.values(ds, iso3, flow)[RUSSIA].notna().any()
    ]
    return describe(
        fig,
        f"{ds.name(iso3)}'s exports to (left) and imports from (right) its main partners by year, in million US$ at "
        f"current prices, from its own statistics ({_basis_note(ds, iso3)}). The dashed line marks {INVASION.year}.",
        f"Two line charts of {ds.name(iso3)}'s trade with Russia, China, the EU and Türkiye, {min(years)} to "
        f"{max(years)}. " + (_sentence("; ".join(russia)) if russia else "No series with Russia."),
        pd.DataFrame(plotted),
        f"trade-{iso3.lower()}",
    )


def mirror_trade(ds: Dataset, iso3: str) -> Figure | NoData:
    """The country's trade with each partner as its partners record it: for a country whose own statistics the
    data do not hold, never mixed with own statistics."""
    title = f"{ds.name(iso3)}'s trade as recorded by its partners"
    table = t.mirror_turnover(ds, iso3)
    if table.empty:
        return NoData(title, f"The data hold no partner-reported (mirror) trade figures for {ds.name(iso3)}.")
    apply_style()
    fig, ax = plt.subplots(figsize=(8, 3.8))
    # every year of the span, so that a year without a figure breaks the line instead of being bridged
    span = range(int(table.index.min()), int(table.index.max()) + 1)
    years = set(span)
    for p in t.PARTNERS:
        if p in table and table[p].notna().any():
            s = table[p].reindex(span)
            ax.plot(s.index, s.values, marker="o", markersize=4, linewidth=1.6, color=ds.partners.at[p, "colour"],
                    label=ds.partners.at[p, "name"])  # fmt: skip
    _year_axis(ax, years)
    _invasion_marker(ax, years)
    ax.grid(axis="y", color=GRID)
    ax.set_ylabel("Turnover, million US$ (current prices)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title="Recorded by", alignment="left")
    ax.set_title(title)
    rows = t.mirror_rows(ds, iso3)
    note = (f"Partner-reported figures: what each partner records as its trade with {ds.name(iso3)} (exports plus "
            "imports); not the country's own statistics, which the data do not hold. A gap is a year with no "
            "figure.")  # fmt: skip
    ids = ids_in(rows)
    press = [i for i in ids if is_press(i)]
    # the pages are linked row by row in the table of other figures; here their outlets are named
    outlets = publishers(ds, press)
    also = (f"figures quoted by {tx.names_list(outlets)} (each page linked in the table of other figures)"
            if outlets else None)  # fmt: skip
    add_source(fig, ds, [i for i in ids if not is_press(i)], note, also)
    last = {ds.partners.at[p, "name"]: table[p].dropna() for p in table if table[p].notna().any()}
    return describe(
        fig,
        f"{ds.name(iso3)}'s trade (exports plus imports) with its main partners as those partners record it, in "
        f"million US$ at current prices. The dashed line marks {INVASION.year}.",
        f"Line chart of partner-reported trade with {ds.name(iso3)}, {min(years)} to {max(years)}: "
        + "; ".join(f"{name} {s.iloc[-1]:,.0f} million US$ in {s.index[-1]}" for name, s in last.items())
        + ".",
        _long(table, "partner", "turnover_usd_m"),
        f"trade-partner-records-{iso3.lower()}",
    )


def china_records(ds: Dataset, countries: list[str]) -> Figure | NoData:
    """Trade with China as each country's own statistics record it and as China's customs record it, for every
    year that has both: two bars per country and year, the ratio written beside them."""
    title = "Trade with China: own statistics against China's customs"
    both = t.against_partner(ds, countries, CHINA)
    if both.empty:
        return NoData(
            title,
            "no year has both a figure from the country's own statistics and one from China's customs in the data.",
        )
    apply_style()
    fig, ax = plt.subplots(figsize=(8, 0.75 * len(both) + 1.6))
    height = 0.38
    labels = [f"{ds.name(r.country)}, {r.year}" for r in both.itertuples()]
    y = list(range(len(both)))
    own = ax.barh(
        [i - height / 2 for i in y],
        both["own"],
        height=height,
        color=[ds.colour(c) for c in both["country"]],
        label="The country's own statistics",
    )
    chn = ax.barh(
        [i + height / 2 for i in y],
        both["recorded"],
        height=height,
        color=ds.partners.at[CHINA, "colour"],
        label="China's customs (as quoted in the press)",
    )
    ax.bar_label(own, labels=[f"{x:,.0f}" for x in both["own"]], padding=2, fontsize=8)
    ax.bar_label(
        chn,
        labels=[f"{x:,.0f} (×{r:.1f})" for x, r in zip(both["recorded"], both["ratio"], strict=True)],
        padding=2,
        fontsize=8,
    )
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, float(both["recorded"].max()) * 1.3)
    ax.set_xlabel("Trade with China, exports plus imports (million US$, current prices)")
    ax.grid(axis="x", color=GRID)
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, title="Recorded by", alignment="left")
    ax.set_title(title)
    rows = t.primary(ds)
    own_ids = ids_in(rows[rows["reporter"].isin(both["country"]) & rows["partner"].isin([CHINA])])
    outlets = publishers(ds, ids_in(both))
    note = (
        "The same trade counted from the two ends. ×: China's figure as a multiple of the country's own. "
        "China's figures are its customs statistics as quoted by the press; the pages are linked in each "
        "country's table of other trade figures. Partners value and attribute goods differently, and goods "
        "passing through a country can be counted by one side only."
    )
    add_source(fig, ds, own_ids, note, f"China's customs figures as quoted by {tx.names_list(outlets)}")
    return describe(
        fig,
        "Trade with China in each year for which both figures are in the data: as the country's own statistics "
        "record it, and as China's customs record it, in million US$.",
        "Paired bar chart. "
        + "; ".join(
            f"{ds.name(r.country)} {r.year}: own statistics {r.own:,.0f}, China's customs {r.recorded:,.0f} million "
            f"US$ ({r.ratio:.1f} times)"
            for r in both.itertuples()
        )
        + ".",
        both[["country", "year", "own", "recorded", "ratio"]].rename(
            columns={"own": "own_statistics_usd_m", "recorded": "china_customs_usd_m", "ratio": "china_to_own_ratio"}
        ),
        "trade-china-records" if len(countries) > 1 else f"trade-china-records-{countries[0].lower()}",
    )


def partner_shares(ds: Dataset, iso3: str) -> Figure | NoData:
    """Russia's and China's share of the country's total trade (export + import), by year."""
    title = f"Russia's and China's share of {ds.name(iso3)}'s total trade"
    if not t.has_series(ds, iso3):
        return _no_trade(ds, iso3, title)
    shares = t.shares(t.turnover(ds, iso3), (RUSSIA, CHINA)).dropna(how="all")
    if shares.empty:
        return NoData(title, f"The data hold no total (world) trade figure for {ds.name(iso3)}.")
    apply_style()
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    for p in (RUSSIA, CHINA):
        s = shares[p].dropna()
        ax.plot(
            s.index,
            s.values,
            marker="o",
            markersize=4,
            linewidth=2,
            color=ds.partners.at[p, "colour"],
            label=ds.partners.at[p, "name"],
        )
        ax.annotate(
            f"{s.iloc[-1]:.1f}%",
            (s.index[-1], s.iloc[-1]),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
            color=ds.partners.at[p, "colour"],
        )
    _year_chart_axes(ax, shares.index, "Share of total trade (%)")
    ax.set_ylim(0, max(40, float(shares.max().max()) * 1.15))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title="Partner", alignment="left")
    ax.set_title(title)
    rows = t.primary(ds, iso3)
    add_source(fig, ds, ids_in(rows[rows["partner"].isin([RUSSIA, CHINA, WORLD])]))
    return describe(
        fig,
        f"Russia's and China's share of {ds.name(iso3)}'s total trade (exports plus imports) by year, in per cent.",
        f"Line chart. Russia's share of {ds.name(iso3)}'s trade was {_years(shares[RUSSIA], unit='%')}; "
        f"China's was {_years(shares[CHINA], unit='%')}.",
        _long(shares[[RUSSIA, CHINA]], "partner", "share_of_total_trade_pct"),
        f"trade-shares-{iso3.lower()}",
    )


def _remittance_sources(ds: Dataset, countries: list[str]) -> list[str]:
    rows = ds.indicators[(ds.indicators["indicator"] == REMITTANCES) & ds.indicators["country"].isin(countries)]
    return ids_in(rows)


def remittance_share(ds: Dataset, iso3: str) -> Figure | NoData:
    """Remittances as % of GDP (WDI) for the country, with the other focus countries in grey for scale."""
    title = f"Remittances received by {ds.name(iso3)}, % of GDP"
    frame = m.remittances(ds)
    if iso3 not in frame or frame[iso3].dropna().empty:
        reason = ds.coverage_note(iso3, "remittances") or (
            f"The data hold no World Bank remittance series for {ds.name(iso3)}."
        )
        return NoData(title, reason)
    apply_style()
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    for c in frame:
        if c == iso3:
            continue
        s = frame[c].dropna()
        ax.plot(s.index, s.values, color=CONTEXT_GREY, linewidth=1.2, zorder=1)
        ax.annotate(
            ds.name(c),
            (s.index[-1], s.iloc[-1]),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color=CONTEXT_LABEL,
        )
    s = frame[iso3].dropna()
    ax.plot(
        s.index, s.values, color=ds.colour(iso3), linewidth=2.4, marker="o", markersize=4, zorder=3, label=ds.name(iso3)
    )
    ax.annotate(
        f"{ds.name(iso3)}: {s.iloc[-1]:.1f}% ({s.index[-1]})",
        (s.index[-1], s.iloc[-1]),
        xytext=(4, 8),
        textcoords="offset points",
        fontsize=9,
        color=ds.colour(iso3),
        fontweight="bold",
    )
    _year_chart_axes(ax, frame.index, REMITTANCE_AXIS, from_zero=True)
    ax.set_title(title)
    add_source(fig, ds, _remittance_sources(ds, [iso3]))
    return describe(
        fig,
        f"Personal remittances received by {ds.name(iso3)} as a share of its GDP, by year (World Bank), with the "
        "other focus countries in grey for scale.",
        f"Line chart. Remittances to {ds.name(iso3)} were {_years(s, unit='% of GDP')}.",
        _long(frame, "country", "remittances_pct_gdp"),
        f"remittances-{iso3.lower()}",
    )


def remittances_region(ds: Dataset) -> Figure | NoData:
    """Remittances as % of GDP (WDI) for every focus country that has the series."""
    frame = m.remittances(ds)
    title = "Remittances received, % of GDP"
    if frame.empty:
        return NoData(title, "The data hold no World Bank remittance series for the focus countries.")
    apply_style()
    fig, ax = plt.subplots(figsize=(8, 4))
    _country_lines(ax, ds, frame, lambda c, s: f"{ds.name(c)}: {s.iloc[-1]:.1f}% ({s.index[-1]})")
    _year_chart_axes(ax, frame.index, REMITTANCE_AXIS, from_zero=True)
    ax.set_title(title)
    add_source(fig, ds, _remittance_sources(ds, list(frame.columns)))
    return describe(
        fig,
        "Personal remittances received as a share of GDP, by year, for each focus country (World Bank).",
        "Line chart, one line per country. "
        + "; ".join(f"{ds.name(c)}: {_years(frame[c], unit='%')}" for c in frame)
        + ".",
        _long(frame, "country", "remittances_pct_gdp"),
        "remittances-region",
    )


def russia_turnover_index(ds: Dataset, base: int = BASE_YEAR) -> Figure | NoData:
    """Each focus country's trade turnover with Russia as an index, ``base`` = 100 (primary series)."""
    index = t.russia_turnover_index(ds, base)
    title = f"Trade turnover with Russia, index {base} = 100"
    if index.empty:
        return NoData(title, "No focus country has a primary trade series with Russia in the data.")
    apply_style()
    fig, ax = plt.subplots(figsize=(8, 4))
    _country_lines(ax, ds, index, lambda c, s: f"{s.iloc[-1]:.0f}")
    ax.axhline(100, color="#999999", linewidth=0.8)
    _year_chart_axes(ax, index.index, f"Turnover with Russia ({base} = 100)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title="Country", alignment="left")
    ax.set_title(title)
    rows = t.primary(ds)
    add_source(fig, ds, ids_in(rows[rows["reporter"].isin(index.columns) & (rows["partner"] == RUSSIA)]))
    return describe(
        fig,
        f"Each focus country's trade turnover with Russia (exports plus imports, from its own statistics) as an "
        f"index, {base} = 100.",
        "Line chart, one line per country. "
        + "; ".join(f"{ds.name(c)}: {index[c].dropna().iloc[-1]:.0f} in {index[c].dropna().index[-1]}" for c in index)
        + ".",
        _long(index, "country", f"turnover_with_russia_index_{base}_100"),
        "russia-turnover-index",
    )


def share_bars(ds: Dataset, years: tuple[int, int] | None = None) -> Figure | NoData:
    """Russia's and China's share of each focus country's total trade in the base year and the latest year all
    of them cover (``compute.trade.share_years``), side by side."""
    years = years or t.share_years(ds)
    if years is None:
        return NoData(
            "Russia's and China's share of total trade",
            f"No two years, {BASE_YEAR} and a later one, for which every focus country with a trade "
            "series has a share.",
        )
    table = t.share_table(ds, years)
    title = f"Russia's and China's share of total trade, {years[0]} and {years[1]}"
    apply_style()
    fig, axes = plt.subplots(1, 2, figsize=(9, 0.55 * len(table) + 1.9), sharey=True, sharex=True)
    services = [c for c in table.index if t.bases(ds, c) == ["goods_and_services"]]
    names = [ds.name(c) + ("*" if c in services else "") for c in table.index]
    height = 0.38
    for ax, p in zip(axes, (RUSSIA, CHINA), strict=True):
        colour = ds.partners.at[p, "colour"]
        for k, (y, alpha) in enumerate(zip(years, (0.45, 1.0), strict=True)):
            pos = [i + (k - 0.5) * height for i in range(len(table))]
            bars = ax.barh(pos, table[(p, y)], height=height, color=colour, alpha=alpha, label=str(y))
            ax.bar_label(bars, labels=[f"{v:.1f}" for v in table[(p, y)]], padding=2, fontsize=8)
        ax.set_title(f"{ds.partners.at[p, 'name']}", fontsize=10)
        ax.set_xlabel("Share of total trade (%)")
        # each panel's key shows its own partner's colour, light for the first year and full for the second
        ax.legend(loc="best", title="Year", fontsize=8, title_fontsize=8)
    axes[0].set_yticks(range(len(table)), names)
    axes[0].invert_yaxis()
    axes[0].set_xlim(0, float(table.max().max()) * 1.2)
    fig.suptitle(title, x=0.0, ha="left", fontweight="bold")
    rows = t.primary(ds)
    note = (
        (
            "* Goods and services: "
            + ", ".join(ds.name(c) for c in services)
            + "'s partner tables include services; the others are goods only."
        )
        if services
        else None
    )
    add_source(fig, ds, ids_in(rows[rows["reporter"].isin(table.index)]), note=note)
    values = "; ".join(
        f"{ds.name(c)}: Russia {table.at[c, (RUSSIA, years[0])]:.1f}% then {table.at[c, (RUSSIA, years[1])]:.1f}%, "
        f"China {table.at[c, (CHINA, years[0])]:.1f}% then {table.at[c, (CHINA, years[1])]:.1f}%"
        for c in table.index
    )
    return describe(
        fig,
        f"Russia's (left) and China's (right) share of each focus country's total trade in {years[0]} (pale) and "
        f"{years[1]} (dark), in per cent.",
        f"Paired bar charts of trade shares in {years[0]} and {years[1]}. {values}.",
        pd.DataFrame(
            [
                {"country": c, "partner": p, "year": y, "share_of_total_trade_pct": table.at[c, (p, y)]}
                for c in table.index
                for p in (RUSSIA, CHINA)
                for y in years
            ]
        ),
        "trade-shares-region",
    )


def reexport_signal(ds: Dataset, base: int = BASE_YEAR, since: int = BASE_YEAR - LEAD_YEARS) -> Figure | NoData:
    """Per focus country: EU-recorded exports to it (EUR) against its recorded imports from the EU (US$), both
    indexed."""
    frame = t.reexport_signal(ds, base)
    title = f"EU exports as the EU records them, and imports from the EU as each country records them ({base} = 100)"
    if frame.empty:
        return NoData(title, "The data hold no EU export figures for the focus countries.")
    frame = frame[frame["year"] >= since]
    countries = list(dict.fromkeys(frame["country"]))
    apply_style()
    cols = min(3, len(countries))
    rows_n = -(-len(countries) // cols)
    fig, axes = plt.subplots(rows_n, cols, figsize=(9.5, 2.9 * rows_n + 0.8), squeeze=False)
    eu_colour = ds.partners.at[EU, "colour"]
    labels = (
        "EU exports to the country (Eurostat, million euro)",
        "The country's imports from the EU (its own statistics, million US$)",
    )
    for ax, c in zip(axes.flat, countries, strict=False):
        f = frame[frame["country"] == c]
        ax.plot(
            f["year"], f["eu_exports_index"], color=eu_colour, linewidth=2, marker="o", markersize=3, label=labels[0]
        )
        if f["imports_index"].notna().any():
            ax.plot(
                f["year"],
                f["imports_index"],
                color=IMPORT_COLOUR,
                linewidth=2,
                marker="s",
                markersize=3,
                linestyle="--",
                label=labels[1],
            )
            ax.set_title(ds.name(c), fontsize=10)
        else:
            ax.set_title(f"{ds.name(c)}: EU side only\n(no import series in the data)", fontsize=9)
        ax.axhline(100, color="#999999", linewidth=0.8)
        _year_axis(ax, f["year"])
        ax.set_xticks(sorted(f["year"])[::4])
        _invasion_marker(ax, f["year"])
        ax.grid(axis="y", color=GRID)
        ax.set_ylabel(f"Index, {base} = 100")
    spare = list(axes.flat)[len(countries) :]
    for ax in spare:
        ax.axis("off")
    handles = [
        plt.Line2D([], [], color=eu_colour, linewidth=2, marker="o", markersize=3),
        plt.Line2D([], [], color=IMPORT_COLOUR, linewidth=2, marker="s", markersize=3, linestyle="--"),
    ]
    wrapped = [textwrap.fill(lab, 28) for lab in labels]
    if spare:
        spare[0].legend(handles, wrapped, loc="center left", fontsize=9, title="Line", alignment="left")
    else:
        fig.legend(handles, labels, loc="outside lower left", ncols=1, fontsize=9)
    fig.suptitle(title, x=0.0, ha="left", fontweight="bold", fontsize=11)
    ids = ids_in(ds.eu_exports[ds.eu_exports["partner"].isin(countries)])
    rows = t.primary(ds)
    ids += ids_in(rows[rows["reporter"].isin(countries) & (rows["partner"] == EU) & (rows["flow"] == "import")])
    add_source(fig, ds, ids)
    last = []
    for c in countries:
        f = frame[frame["country"] == c].dropna(subset=["eu_exports_index"]).iloc[-1]
        imp = (
            f"its imports from the EU {f['imports_index']:.0f}" if pd.notna(f["imports_index"]) else "no import series"
        )
        last.append(f"{ds.name(c)} in {int(f['year'])}: EU exports {f['eu_exports_index']:.0f}, {imp}")
    return describe(
        fig,
        f"For each focus country, EU exports to it as the EU records them (solid) and its imports from the EU as it "
        f"records them (dashed), both as an index with {base} = 100. A gap opening after {INVASION.year} is a "
        "signal worth explaining, not proof of re-export.",
        "Small line charts, one per country. " + "; ".join(last) + ".",
        frame[["country", "year", "eu_exports_index", "imports_index"]].rename(
            columns={
                "eu_exports_index": f"eu_exports_index_{base}_100",
                "imports_index": f"imports_from_eu_index_{base}_100",
            }
        ),
        "reexport-signal",
    )


def index_intervals(ds: Dataset) -> Figure | NoData:
    """Each placed focus country's stance index (dot) and its resampling interval (line), closest to Moscow at the
    top, on the index's full scale with the thresholds of a leaning position marked."""
    apply_style()
    u = st.uncertainty(ds)
    if u.empty:
        return NoData("The stance index and its uncertainty", "no focus country has enough events to be placed.")
    fig, ax = plt.subplots(figsize=(7.5, 0.5 * len(u) + 1.8))
    names = [ds.name(c) for c in u.index]
    y = list(range(len(u)))
    ax.hlines(y, u["low"], u["high"], color="#555555", linewidth=2.2, zorder=2)
    ax.scatter(u["index"], y, color=[ds.colour(c) for c in u.index], edgecolor="#333333", s=70, zorder=3)
    for x in (-st.THRESHOLD, st.THRESHOLD):
        ax.axvline(x, color="#BBBBBB", linestyle="--", linewidth=0.8, zorder=1)
    ax.axvline(0, color="#888888", linewidth=0.8, zorder=1)
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlim(-1, 1)
    ax.set_xlabel("Stance index (−1 away from Russia on every dimension, +1 toward it on every dimension)")
    ax.set_title(f"Stance index with its {st.LEVEL:.0%} resampling interval")
    placed = st.placed(ds)
    out = [c for c in ds.focus if not placed.at[c, "placed"]]
    note = (
        f"Dashed lines: ±{tx.score(st.THRESHOLD).lstrip('+')}, beyond which a position leans one way. "
        f"Interval: central {st.LEVEL:.0%} of {st.DRAWS:,} resamples of each country's events."
    )
    if out:
        note += f" Too little evidence to place: {', '.join(ds.name(c) for c in out)}."
    add_source(fig, ds, [i for i in st.source_ids(ds) if not is_press(i)], note)
    values = "; ".join(
        f"{ds.name(c)} {tx.score(u.at[c, 'index'])} ({tx.score(u.at[c, 'low'])} to {tx.score(u.at[c, 'high'])})"
        for c in u.index
    )
    return describe(
        fig,
        f"The stance index of each focus country placed, with the {st.LEVEL:.0%} interval of the index recomputed on "
        "resampled events.",
        f"Dot-and-line chart, one row per country from closest to Moscow: {values}.",
        u[["index", "low", "high"]].rename_axis("country").reset_index(),
        "stance-index",
    )


def _timeline_data(dated: pd.DataFrame) -> pd.DataFrame:
    """The points of the stance timeline: each dated event's date, row, direction, and whether it is scored."""
    non_vote = dated["vote"].eq("X").fillna(False).astype(bool)
    external = dated["category"] == EXTERNAL
    unscored = (dated["actor_type"] != "state") | dated["doubt"].notna() | dated["shared"].astype(bool)
    return pd.DataFrame(
        {
            "date": dated["date"].values,
            "category": dated["category"].values,
            "direction": dated["direction"].where(~non_vote, "did not vote").where(~external, "designation").values,
            "scored": (~(non_vote | external | unscored)).values,
        }
    )


def _key(label: str, marker: str, markersize: float = 8, **style) -> plt.Line2D:
    """A legend entry: one marker, no line."""
    return plt.Line2D([], [], linestyle="", marker=marker, markersize=markersize, label=label, **style)


def stance_timeline(ds: Dataset, iso3: str) -> Figure | NoData:
    """The country's events over 2022-2025: one row per category, marker colour and shape by direction.

    Events that are not scored (acts of firms, the press or other states, events in doubt, non-votes) are drawn
    hollow; Western designations sit on their own row,
    apart from the country's own acts. Undated events cannot be placed and are counted in the note.
    """
    apply_style()
    ev = st.country_events(ds, iso3)
    # non-votes have no direction: they are drawn with a marker of their own
    ev = ev.assign(direction=ev["direction"].fillna("hedging"))
    dated = ev[ev["when"].notna()]
    if dated.empty:
        return NoData(f"{ds.name(iso3)}: stance events", "the data hold no dated events for this country.")
    years = st.event_years(ds)
    rows = list(st.DIMENSIONS.values()) + [EXTERNAL]
    rows = [r for r in rows if (dated["category"] == r).any()]
    ypos = {cat: len(rows) - 1 - i for i, cat in enumerate(rows)}
    fig, ax = plt.subplots(figsize=(9, 0.42 * len(rows) + 2.0))
    external = dated["category"] == EXTERNAL
    ax.scatter(
        dated.loc[external, "when"],
        dated.loc[external, "category"].map(ypos),
        marker="X",
        s=55,
        color="#555555",
        zorder=3,
    )
    own = dated[~external]
    non_votes = own["vote"] == "X"
    ax.scatter(
        own.loc[non_votes, "when"],
        own.loc[non_votes, "category"].map(ypos),
        marker="s",
        s=42,
        zorder=3,
        facecolor="white",
        edgecolor="#777777",
        linewidth=1.2,
    )
    n_non_votes = int(non_votes.sum())
    own = own[~non_votes]
    unscored = (own["actor_type"] != "state") | own["doubt"].notna() | own["shared"].astype(bool)
    for direction, (colour, marker) in DIRECTION_STYLE.items():
        for hollow in (False, True):
            pick = own[(own["direction"] == direction) & (unscored == hollow)]
            if pick.empty:
                continue
            ax.scatter(
                pick["when"],
                pick["category"].map(ypos),
                marker=marker,
                s=60,
                zorder=3,
                facecolor="white" if hollow else colour,
                edgecolor="#333333" if not hollow else colour,
                linewidth=0.6 if not hollow else 1.4,
            )
    for y in ypos.values():
        ax.axhline(y, color="#EEEEEE", linewidth=0.8, zorder=0)
    ax.set_yticks(list(ypos.values()), [tx.CATEGORY_LABELS[c] for c in ypos])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(pd.Timestamp(years[0], 1, 1), pd.Timestamp(years[1], 12, 31))
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_minor_locator(mdates.MonthLocator((4, 7, 10)))
    ax.set_xlabel("Date of the event (month-only dates placed mid-month)")
    ax.set_ylabel("Category")
    ax.set_title(f"{ds.name(iso3)}: stance events, {years[0]}–{years[1]}")
    handles = [
        _key(tx.DIRECTION_LABELS[d], mk, markerfacecolor=col, markeredgecolor="#333333")
        for d, (col, mk) in DIRECTION_STYLE.items()
    ]
    hollow = {"markerfacecolor": "white", "markeredgecolor": "#777777"}
    handles.append(
        _key(
            "Hollow: not scored (not the state's act, in doubt, or a gathering all attended)",
            "o",
            markeredgewidth=1.4,
            **hollow,
        )
    )
    if non_votes.any():
        handles.append(_key("Did not vote (UN)", "s", markersize=7, markeredgewidth=1.2, **hollow))
    if EXTERNAL in ypos:
        handles.append(_key("Western designation (not scored)", "X", color="#555555"))
    # beside the axes, where constrained layout makes room for it (below, it would meet the axis label or the
    # source line); the long labels are wrapped to the legend's width
    for h in handles:
        h.set_label(textwrap.fill(h.get_label(), 30))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, alignment="left")
    undated = len(ev) - len(dated)
    notes = []
    if EXTERNAL in ypos:
        notes.append(
            "Western designations are sanctions other states placed on the country's firms or banks, not its own acts."
        )
    if undated:
        notes.append(f"Not shown: {undated} event{'s' if undated > 1 else ''} without a known date.")
    # the same line as under the stance table: the vote records named, the events' pages counted (they are linked
    # event by event in the events table)
    fig.stancebook_note = tables.paragraph(" ".join(notes), css_class="stancebook-table-note") if notes else Markup("")
    fig.stancebook_source = blocks.stance_source(ds, iso3)
    counts = {tx.DIRECTION_LABELS[d]: int((own["direction"] == d).sum()) for d in DIRECTION_STYLE}
    designations = int(external.sum())
    return describe(
        fig,
        f"{ds.name(iso3)}'s dated stance events, {years[0]} to {years[1]}, by category; colour and marker "
        "shape give the direction relative to Moscow.",
        f"Timeline of {len(own)} dated events in {len(rows)} categories: "
        + _counted(counts)
        + (f"; plus {designations} Western designation{'s' if designations != 1 else ''}" if designations else "")
        + (f"; and {n_non_votes} UN resolution{'s' if n_non_votes != 1 else ''} not voted on" if n_non_votes else "")
        + (f". {undated} undated event{'s' if undated != 1 else ''} not shown." if undated else "."),
        _timeline_data(dated),
        f"stance-events-{iso3.lower()}",
    )
