"""A country at a glance: the card at the top of each country chapter.

Five tiles, each with its year and its source: the stance index and its interval, the UN record since the
invasion, Russia's and China's share of the country's trade in its latest year, remittances as a share of GDP,
and the count of its people in Russia the book trusts most (``compute.migration.trusted_count``). Where a picture
reads faster than a number it is drawn small beside it: the index on its scale, one square per vote, the two
trade shares as bars. A tile the data cannot fill says so and why.
"""

from __future__ import annotations

import pandas as pd

from ..compute import migration as m
from ..compute import stance as st
from ..compute import trade as t
from ..compute import votes as v
from ..compute.sources import ids_in
from ..data import Dataset
from ..data.vocab import CHINA, INVASION, REMITTANCES, RUSSIA, WORLD
from . import tables
from . import text as tx
from .escape import Markup, join
from .style import vote_css

#: the index scale's drawing, in SVG user units
_WIDTH, _HEIGHT, _PAD = 220, 34, 12


def _x(value: float) -> float:
    return round(_PAD + (value + 1) / 2 * (_WIDTH - 2 * _PAD), 1)


def index_scale(ds: Dataset, iso3: str, index: float, low: float, high: float) -> Markup:
    """The index on its scale from −1 to +1: the interval as a band, the index as a dot in the country's colour."""
    label = f"Stance index {tx.score(index)} on a scale from −1 to +1, interval {tx.score(low)} to {tx.score(high)}"
    return Markup(
        '<svg class="stancebook-scale" role="img" aria-label="{label}" width="{w}" height="{h}" '
        'style="max-width: 100%; height: auto;" '
        'viewBox="0 0 {w} {h}"><line x1="{x0}" y1="12" x2="{x1}" y2="12" stroke="#999" stroke-width="1"/>'
        '<line x1="{xm}" y1="6" x2="{xm}" y2="18" stroke="#999" stroke-width="1"/>'
        '<rect x="{lo}" y="8" width="{band}" height="8" fill="#BBBBBB"/>'
        '<circle cx="{xi}" cy="12" r="5" fill="{colour}" stroke="#333" stroke-width="0.8"/>'
        '<text x="{x0}" y="31" font-size="9" fill="#555">−1 away</text>'
        '<text x="{x1}" y="31" font-size="9" fill="#555" text-anchor="end">toward +1</text></svg>'
    ).format(
        label=label,
        w=_WIDTH,
        h=_HEIGHT,
        x0=_PAD,
        x1=_WIDTH - _PAD,
        xm=_x(0),
        lo=_x(low),
        band=max(_x(high) - _x(low), 1),
        xi=_x(index),
        colour=ds.colour(iso3),
    )


def _bar(share: float, colour: str, label: str) -> Markup:
    """A share as a bar (100% = the tile's width) with its name and value."""
    return Markup(
        '<div class="stancebook-bar"><span class="stancebook-bar-label">{} {}</span>'
        '<span class="stancebook-bar-track"><span style="width: {}%; background-color: {};"></span></span></div>'
    ).format(label, tx.percent(share), round(min(max(share, 0), 100), 1), colour)


def _tile(title: str, value: object, detail: object, source: object, picture: object = None) -> Markup:
    return Markup(
        '<div class="stancebook-tile"><div class="stancebook-tile-title">{}</div>'
        '<div class="stancebook-tile-value">{}</div>{}<div class="stancebook-tile-detail">{}</div>'
        '<div class="stancebook-tile-source">{}</div></div>'
    ).format(title, value, picture or Markup(""), detail, source)


def stance_tile(ds: Dataset, iso3: str) -> Markup:
    f = st.country_summary(ds, iso3)
    title = "Stance toward Moscow"
    counted = int(st.placed(ds).at[iso3, "events"])
    source = Markup(
        "From {} events counted (its UN votes and its own acts), each listed below with its sources."
    ).format(counted)
    if f["interval"] is None:
        dims = int(st.placed(ds).at[iso3, "dimensions"])
        return _tile(
            title,
            "not placed",
            f"Too few events: {tx.count(dims, 'dimension')} with {st.MIN_EVENTS} or "
            f"more events, {st.MIN_DIMENSIONS} needed for an index.",
            source,
        )
    low, high = f["interval"]
    rank_low, rank_high = f["rank_bounds"]
    ranks = (
        f"rank {tx.ordinal(rank_low)}"
        if rank_low == rank_high
        else f"rank {tx.ordinal(rank_low)} to {tx.ordinal(rank_high)}"
    )
    detail = (
        f"{st.LEVEL:.0%} interval {tx.score(low)} to {tx.score(high)}; {ranks} of {f['n_ranked']} "
        "(1st = closest to Moscow)"
    )
    return _tile(title, tx.score(f["index"]), detail, source, index_scale(ds, iso3, f["index"], low, high))


def votes_tile(ds: Dataset, iso3: str) -> Markup:
    post = v.resolutions(ds, INVASION)
    title = f"UN votes since {tx.short_date(INVASION)}"
    if post.empty:
        return _tile(title, "no data", "The data hold no resolution adopted since the invasion.", "")
    votes = v.vote_matrix(ds, [iso3], INVASION).loc[iso3]
    counts = v.vote_counts(ds, iso3, INVASION)
    squares = join(
        Markup('<span class="stancebook-vote" style="{}" title="{}: {}">{}</span>').format(
            vote_css(code), label, tx.VOTE_LABELS.get(code, tx.NO_DATA), code if pd.notna(code) else "–"
        )
        for code, label in zip(votes, v.label(post), strict=True)
    )
    value = ", ".join(f"{tx.VOTE_LABELS[c].lower()} {int(counts[c])}" for c in v.ORDER if counts[c])
    same, both = v.agreement(ds, iso3, since=INVASION)
    change = v.before_after(ds, iso3)["change"]
    matched = f"Matched Russia's vote on {same} of the {both} both cast. " if both else ""
    detail = matched + tx.capitalised(tx.CHANGE_LABELS[change]) + "."
    ids = v.source_ids(ds, [iso3], INVASION)
    return _tile(
        title,
        value or "did not vote",
        detail,
        tables.source_links(ds, ids),
        Markup('<div class="stancebook-votes-row">{}</div>').format(squares),
    )


def trade_tile(ds: Dataset, iso3: str) -> Markup:
    title = "Share of its trade"
    f = t.country_summary(ds, iso3)
    if not f:
        return _tile(
            title,
            "no data",
            "The data hold no trade series from its own statistics by partner; its "
            "partners' records are charted in the trade section.",
            "",
        )
    last, s = f["last_year"], f["shares"]
    bars = join(
        _bar(s.at[last, p], ds.partners.at[p, "colour"], ds.partners.at[p, "name"])
        for p in (RUSSIA, CHINA)
        if p in s and pd.notna(s.at[last, p])
    )
    rows = t.primary(ds, iso3)
    ids = ids_in(rows[(rows["year"] == last) & rows["partner"].isin([RUSSIA, CHINA, WORLD])])
    basis = "goods and services" if t.bases(ds, iso3) == ["goods_and_services"] else "goods"
    return _tile(
        title,
        str(last),
        f"Exports plus imports ({basis}), from its own statistics.",
        tables.source_links(ds, ids),
        bars,
    )


def remittance_tile(ds: Dataset, iso3: str) -> Markup:
    title = "Remittances received"
    f = m.country_summary(ds, iso3)
    if not f:
        return _tile(
            title, "no data", ds.coverage_note(iso3, "remittances") or "The data hold no World Bank value for it.", ""
        )
    conflict = m.conflicts(ds, [iso3])
    disputed = not conflict[conflict["year"] == f["last_year"]].empty
    detail = f"Share of GDP in {f['last_year']} (World Bank)." + (
        f" Other estimates for {f['last_year']} differ by more than {m.TOLERANCE:.0%}." if disputed else ""
    )
    rows = ds.indicators[(ds.indicators["indicator"] == REMITTANCES) & (ds.indicators["country"] == iso3)]
    return _tile(title, f"{f['last']:.2f}% of GDP", detail, tables.source_links(ds, ids_in(rows)))


def migrants_tile(ds: Dataset, iso3: str) -> Markup:
    title = "Its people in Russia"
    r = m.trusted_count(ds, iso3)
    if r is None:
        return _tile(
            title,
            "no data",
            "No count from a statistical agency's own data; the figures quoted in the "
            "press are in the labour-migration table.",
            "",
        )
    return _tile(
        title,
        tx.format_value(r["value"], r["unit"], r["precision"], r["value_high"]),
        f"{r['label']}, {tx.period_label(r['period'])}.",
        tables.source_links(ds, r["source_id"]),
    )


def card(ds: Dataset, iso3: str) -> Markup:
    """The country's card: its five tiles, in a grid that wraps on a narrow screen."""
    tiles = (
        stance_tile(ds, iso3),
        votes_tile(ds, iso3),
        trade_tile(ds, iso3),
        remittance_tile(ds, iso3),
        migrants_tile(ds, iso3),
    )
    return Markup('<div class="stancebook-card" role="group" aria-label="{} at a glance">{}</div>').format(
        ds.name(iso3), join(tiles)
    )
