"""What the notebooks show: styled tables with their source lines, glued values, and prose fragments.

Notebooks call these functions and display the result; nothing here reads files.
"""

from __future__ import annotations

from numbers import Integral

import pandas as pd
from IPython.display import HTML, Markdown, display
from pandas.io.formats.style import Styler

from . import migration as m
from . import trade as t
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


# --- trade, remittances and migration -------------------------------------------------------------

REPORTED_BY = {"reporter": "own statistics", "partner": "partner's statistics (mirror)",
               "statement": "statement by an official"}
PRECISION_TEXT = {"as_published": "", "rounded": "rounded", "approximate": "approximate",
                  "lower_bound": "lower bound ('more than')", "range": "range"}
NO_VALUE = "–"


def percent(x: float) -> str:
    return "no data" if pd.isna(x) else f"{x:.1f}%"


def usd_m(x: float) -> str:
    return "no data" if pd.isna(x) else f"US${x:,.1f} million"


def _link(ds: Dataset, source_id: str) -> str:
    s = ds.sources.loc[source_id]
    return f'<a href="{s["url"]}">{s["publisher"]}</a>'


def _prose_partner(ds: Dataset, partner: str) -> str:
    return "the European Union" if partner == t.EU else str(ds.partners.at[partner, "name"])


def trade_text(ds: Dataset, iso3: str) -> str:
    """The chapter's opening paragraph on trade, from the data (or why there is none)."""
    f = t.country_summary(ds, iso3)
    name = ds.name(iso3)
    if not f:
        return (f"The book has no trade series from {name}'s own statistics, so this section draws no trade "
                "charts. The figures that do exist are listed below with who reported them.")
    last = f["last_year"]
    return (
        f"{name}'s own statistics ({f['basis']}) give its trade by partner from {f['first_year']} to {last}. "
        f"In {t.BASE_YEAR}, the year before the full-scale invasion, Russia accounted for "
        f"{percent(f[f'rus_share_{t.BASE_YEAR}'])} of {name}'s total trade and China for "
        f"{percent(f[f'chn_share_{t.BASE_YEAR}'])}; in {last} the shares were {percent(f[f'rus_share_{last}'])} "
        f"and {percent(f[f'chn_share_{last}'])}. Of Russia, China, the EU and Türkiye, the largest partner in {last} was "
        f"{_prose_partner(ds, f['top_partner_last'])}. Trade with Russia (exports plus imports) was "
        + names_list([f"{usd_m(f[f'rus_turnover_{y}'])} in {y}" for y in range(t.BASE_YEAR, last + 1)]) + "."
    )


def remittance_text(ds: Dataset, iso3: str) -> str:
    """The chapter's opening paragraph on remittances (World Bank series), or why there is none."""
    f = m.country_summary(ds, iso3)
    name = ds.name(iso3)
    if not f:
        return f"The book has no World Bank remittance series for {name}; see the note below."
    years = [y for y in (2021, 2022, 2023) if not pd.isna(f[f"rem_{y}"])]
    said = [f"{f[f'rem_{y}']:.2f}% in {y}" for y in years]
    if said:
        said[0] = said[0].replace("%", "% of GDP", 1)
    text = (f"According to the World Bank, personal remittances received by {name} from all countries were "
            f"equal to {names_list(said)}.") if years else ""
    text += (f" The series runs from {f['rem_first_year']} to {f['rem_last_year']}; its highest value was "
             f"{f['rem_peak']:.2f}% in {f['rem_peak_year']}.")
    return text.strip()


def glue_dependence(ds: Dataset, iso3: str) -> None:
    """Glue the country chapter's trade and remittance paragraphs."""
    glue("trade_text", trade_text(ds, iso3))
    glue("remittance_text", remittance_text(ds, iso3))


def glue_region_dependence(ds: Dataset) -> None:
    """Glue the regional chapter's trade and remittance facts as formatted text."""
    facts = t.regional_summary(ds)
    for key, value in facts.items():
        if isinstance(value, list):
            glue(key, names_list([ds.name(c) for c in value]))
        elif "_share_" in key:
            glue(key, percent(value))
        elif "_turnover_" in key:
            glue(key, usd_m(value))
        elif "_index_" in key:
            glue(key, f"{value:.0f}")
    rem = m.remittances(ds)
    for c in rem:
        for y in rem.index:
            if pd.notna(rem.at[y, c]):
                glue(f"{c.lower()}_rem_{y}", f"{rem.at[y, c]:.2f}%")


def show_note(ds: Dataset, iso3: str, topic: str) -> None:
    """The curated coverage note for the country and topic, if there is one."""
    note = ds.coverage_note(iso3, topic)
    # Where the chart is replaced by a 'no data' note, that note already gives the reason.
    charted = {"trade": t.has_series(ds, iso3), "remittances": iso3 in m.remittances(ds, [iso3])}
    if note and charted.get(topic, True):
        display(Markdown(f"**Note.** {note}"))


def other_trade_table(ds: Dataset, iso3: str, since: int = 2019) -> Styler | None:
    """Figures not in the primary series (mirror data, quoted figures) since ``since``, with their flags."""
    rows = t.other_figures(ds, iso3)
    rows = rows[(rows["year"] >= since) & (rows["partner"] != "EU28")]
    if rows.empty:
        return None
    table = pd.DataFrame({
        "Year": rows["year"].values,
        "Partner": rows["partner"].map(ds.partners["name"]).values,
        "Flow": rows["flow"].values,
        "Million US$": [f"{v:,.1f}" for v in rows["value_usd_m"]],
        "Reported by": rows["reported_by"].map(REPORTED_BY).values,
        "Basis": rows["basis"].map(t.BASIS_LABELS).values,
        "Precision": [", ".join(x for x in (PRECISION_TEXT[p], "derived (arithmetic on published figures)"
                                            if f == "derived" else "") if x)
                      for p, f in zip(rows["precision"], rows["figure"])],
        "Source": [_link(ds, s.split(";")[0]) for s in rows["source_id"]],
    })
    return (table.style.hide(axis="index").set_table_styles(_table_styles())
            .set_uuid(f"trade-other-{iso3.lower()}")
            .set_table_attributes('class="stancebook-table stancebook-figures"'))


def show_other_trade(ds: Dataset, iso3: str, since: int = 2019) -> None:
    table = other_trade_table(ds, iso3, since)
    if table is None:
        display(Markdown(f"No other published trade figures for {ds.name(iso3)} since {since} are in the data."))
        return
    display(table)
    display(Markdown(
        f"Figures from {since} on; earlier years, and the EU block as published with the United Kingdom, are "
        "in `data/trade.csv`. Source: the publisher in each row (as cited by the page linked)."))


def indicator_table(ds: Dataset, iso3: str, topics: tuple[str, ...],
                    exclude: tuple[str, ...] = ()) -> Styler | None:
    """The country's figures on the topics: what is counted, period, value, and who published it."""
    rows = m.figures(ds, iso3, topics)
    rows = rows[~rows["indicator"].isin(exclude)]
    if rows.empty:
        return None
    table = pd.DataFrame({
        "Indicator": [f"{r.label}<br><span class='stancebook-definition'>{r.definition}</span>"
                      for r in rows.itertuples()],
        "Period": [m.period_label(p) + (f" ({d})" if isinstance(d, str) else "")
                   for p, d in zip(rows["period"], rows["period_detail"])],
        "Figure": [m.format_value(r.value, r.unit, r.precision, r.value_high) for r in rows.itertuples()],
        "Unit": rows["unit"].values,
        "Source": [_link(ds, s.split(";")[0]) for s in rows["source_id"]],
    })
    return (table.style.hide(axis="index").set_table_styles(_table_styles())
            .set_uuid(f"indicators-{iso3.lower()}-{'-'.join(topics)}")
            .set_table_attributes('class="stancebook-table stancebook-figures"'))


def show_indicators(ds: Dataset, iso3: str, topics: tuple[str, ...], exclude: tuple[str, ...] = ()) -> None:
    table = indicator_table(ds, iso3, topics, exclude)
    if table is None:
        what = {"remittances": "other remittance", "opinion": "opinion poll"}.get(topics[0], topics[0])
        display(Markdown(f"**No data:** the book holds no {what} figures for {ds.name(iso3)}."))
        return
    display(table)
    display(Markdown("Source: the publisher in each row, as cited by the page linked. Figures with different "
                     "units count different things and are not added together."))


def show_trade(ds: Dataset, iso3: str) -> None:
    """The trade charts (partners, shares) and their note, or one 'no data' note with its reason."""
    from . import charts

    charts.show(charts.trade_partners(ds, iso3))  # a 'no data' note when there is no series
    if not t.has_series(ds, iso3):
        return
    charts.show(charts.partner_shares(ds, iso3))
    show_note(ds, iso3, "trade")


def show_trade_gaps(ds: Dataset) -> None:
    """Which focus countries the regional trade charts leave out, and why."""
    missing = [c for c in ds.focus if not t.has_series(ds, c)]
    if not missing:
        return
    lines = []
    for c in missing:
        reason = ds.coverage_note(c, "trade") or "The data hold no series from its own statistics."
        lines.append(f"- **{ds.name(c)}**: {reason}")
    display(Markdown(f"**Not in these charts:** {names_list([ds.name(c) for c in missing])}.\n\n" + "\n".join(lines)))


def remittance_comparison(ds: Dataset, since: int = 2021) -> Styler | None:
    """The World Bank series beside the other published estimates of remittances as % of GDP."""
    indicators = (m.REMITTANCES,) + m.OTHER_REMITTANCE_SHARES
    rows = ds.indicators[ds.indicators["indicator"].isin(indicators) & ds.indicators["country"].isin(ds.focus)]
    rows = rows[rows["period"].map(m.is_year)]
    rows = rows[rows["period"].astype(int) >= since]
    others = rows[rows["indicator"] != m.REMITTANCES]
    if others.empty:
        return None
    keep = set(zip(others["country"], others["period"]))
    rows = rows[[k in keep for k in zip(rows["country"], rows["period"])]]
    labels = ds.indicator_definitions["label"]
    table = pd.DataFrame({
        "Country": rows["country"].map(ds.name).values,
        "Year": rows["period"].values,
        "Estimate": rows["indicator"].map(labels).values,
        "% of GDP": [m.format_value(r.value, "percent", r.precision) for r in rows.itertuples()],
        "Source": [_link(ds, s.split(";")[0]) for s in rows["source_id"]],
        "_order": rows["indicator"].map({k: i for i, k in enumerate(indicators)}).values,
    }).sort_values(["Country", "Year", "_order"]).drop(columns="_order")
    return (table.style.hide(axis="index").set_table_styles(_table_styles()).set_uuid("remittance-estimates")
            .set_table_attributes('class="stancebook-table stancebook-figures"'))


def show_remittance_comparison(ds: Dataset) -> None:
    table = remittance_comparison(ds)
    if table is None:
        return
    display(table)
    display(Markdown("Source: the publisher in each row. Figures published at the time came before later "
                     "revisions of GDP and of remittance data. The book charts the current World Bank series and "
                     "lists the others for comparison."))
