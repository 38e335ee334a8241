"""What the notebooks show about stance and the source articles: tables, source lines and prose fragments."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import Markdown, display
from pandas.io.formats.style import Styler

from . import claims as cl
from . import migration as m
from . import stance as st
from .charts import DIRECTION_STYLE
from .data import Dataset
from .report import _link, _table_styles, glue, names_list, show_source
from .schemas import INSTITUTIONS

#: cell colours for positions, matching the direction colours of the charts
POSITION_COLOURS = {"Toward": DIRECTION_STYLE["toward_russia"][0], "Hedging": "#E4E4E4",
                    "Away": DIRECTION_STYLE["away_from_russia"][0]}
VERDICT_COLOURS = {"supported": "#BBDDBB", "partly_supported": "#EEEEBB", "misstated": "#EE8866",
                   "not_verifiable": "#E4E4E4"}


def _styled(table: pd.DataFrame, uuid: str, extra_class: str = "stancebook-figures") -> Styler:
    return (table.style.hide(axis="index").set_table_styles(_table_styles()).set_uuid(uuid)
            .set_table_attributes(f'class="stancebook-table {extra_class}"'))


def _show(table: Styler, note: str) -> None:
    """A table and the note (and source line) under it."""
    display(table)
    display(Markdown(note))


def _links(ds: Dataset, ids: str | list[str]) -> str:
    ids = ids.split(";") if isinstance(ids, str) else ids
    return "; ".join(_link(ds, i) for i in dict.fromkeys(ids))


def _date(text: object) -> str:
    return "undated" if pd.isna(text) or not text else m.period_label(str(text))


def _score(x: float) -> str:
    return "–" if pd.isna(x) else f"{x:+.2f}".replace("-", "−")


#: cells that say there is nothing to show
EMPTY_CELLS = (st.NO_EVENTS, "not discussed", "–")


def _position_css(text: object) -> str:
    """Colour a position or portrayal cell ('Toward Russia…', '<b>Hedging</b>…') by its first word."""
    plain = str(text).removeprefix("<b>")
    if plain in EMPTY_CELLS:
        return "color: #777777; font-style: italic;"
    colour = POSITION_COLOURS.get(plain.split(" ", 1)[0].split("<", 1)[0])
    return f"background-color: {colour};" if colour else ""


def _press_note(ds: Dataset, ids: list[str], where: str) -> str | None:
    press = [i for i in ids if i.startswith("web-")]
    if not press:
        return None
    return (f"Events: {len(press)} news and official web pages, each linked beside its event {where} "
            "(and in `data/events.csv`).")


def show_stance_source(ds: Dataset, iso3: str | None = None) -> None:
    ids = st.source_ids(ds, iso3)
    where = "on each country's page" if iso3 is None else "in the events table below"
    show_source(ds, [i for i in ids if not i.startswith("web-")], _press_note(ds, ids, where))


# --- country chapter ------------------------------------------------------------------------------------------

def stance_text(ds: Dataset, iso3: str) -> str:
    """The paragraph that opens a country's stance section, from the data."""
    f = st.country_summary(ds, iso3)
    name = ds.name(iso3)
    parts = [f"Besides its UN votes, the book records {f['n_events']} acts of {name}'s leaders and state bodies "
             "between 2022 and 2025 that bear on its stance toward Moscow"]
    if f["n_designations"]:
        plural = "s" if f["n_designations"] > 1 else ""
        parts[-1] += (f", and {f['n_designations']} Western sanctions designation{plural} of firms or banks in "
                      f"{name}, listed but not counted as its own stance")
    parts[-1] += "."
    if f["toward"]:
        parts.append(f"Under the book's coding it leans toward Russia on {names_list([t.lower() for t in f['toward']])}")
        parts[-1] += (f", and away from it on {names_list([a.lower() for a in f['away']])}." if f["away"] else ".")
    elif f["away"]:
        parts.append(f"Under the book's coding it leans away from Russia on {names_list([a.lower() for a in f['away']])}.")
    if f["rank"] is not None:
        lo, hi = f["rank_range"]
        spread = ("its place does not change under any of the sensitivity variants" if lo == hi else
                  f"under the sensitivity variants it ranges from {_ordinal(lo)} to {_ordinal(hi)}")
        place = "the closest to Moscow" if f["rank"] == 1 else f"{_ordinal(f['rank'])} closest to Moscow"
        parts.append(f"Its stance index is {_score(f['index'])} on a scale from −1 (away from Russia on every "
                     f"dimension) to +1 (toward Russia on every dimension): {place} of the {f['n_ranked']} "
                     f"countries ranked; {spread} (see the regional chapter).")
    return " ".join(parts)


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"{n}th")


def glue_stance(ds: Dataset, iso3: str) -> None:
    glue("stance_text", stance_text(ds, iso3))


def stance_table(ds: Dataset, iso3: str) -> Styler:
    t = st.stance_table(ds, iso3)
    table = pd.DataFrame({
        "Dimension": t["label"].values,
        "Position": t["position"].values,
        "Score": [_score(x) for x in t["score"]],
        "Events counted (toward / hedging / away)": [
            f"{r.events} ({r.toward} / {r.hedging} / {r.away})" + (f"; {r.not_counted} not counted"
                                                                  if r.not_counted else "")
            for r in t.itertuples()],
        "Latest event counted": ["–" if pd.isna(r.latest) else f"{_date(r.latest_date)}: {html.escape(r.latest)}"
                                 for r in t.itertuples()],
    })
    return (_styled(table, f"stance-{iso3.lower()}").map(_position_css, subset=["Position"]))


def show_stance_table(ds: Dataset, iso3: str) -> None:
    display(stance_table(ds, iso3))
    display(Markdown(
        "Score: the mean of the events counted, with toward Russia = +1, hedging = 0, away = −1; the position "
        "leans one way beyond ±1/3. Not counted: unverified events, and UN resolutions the country did not vote "
        "on. The coding is set out in the methods chapter."))
    show_stance_source(ds, iso3)


def events_table(ds: Dataset, iso3: str) -> Styler | None:
    ev = st.country_events(ds, iso3)
    ev = ev[ev["category"] != st.UN_VOTE]
    if ev.empty:
        return None
    table = pd.DataFrame({
        "Date": [_date(d) for d in ev["date"]],
        "Category": ev["category"].map(st.CATEGORY_LABELS).values,
        "Direction": ["not scored (act of another state)" if c == st.EXTERNAL else st.DIRECTION_LABELS[d]
                      for c, d in zip(ev["category"], ev["direction"])],
        "What happened": [html.escape(s) for s in ev["summary"]],
        "Sourcing": ev["confidence"].str.replace("-", " ").values,
        "Sources": [_links(ds, s) for s in ev["source_id"]],
    })
    return _styled(table, f"events-{iso3.lower()}")


def show_events(ds: Dataset, iso3: str) -> None:
    table = events_table(ds, iso3)
    if table is None:
        display(Markdown(f"**No data:** the book records no stance events for {ds.name(iso3)}."))
        return
    display(table)
    display(Markdown("UN votes are in the vote table above. Sourcing: *verified by source* means two independent "
                     "reports or one primary or major-wire report; *single source* means one report only. "
                     "Source: the pages linked in each row."))


def ties_table(ds: Dataset, iso3: str) -> Styler | None:
    ties = ds.institutions[ds.institutions["country"] == iso3]
    if ties.empty:
        return None
    order = {k: i for i, k in enumerate(INSTITUTIONS)}
    ties = ties.sort_values("institution", key=lambda s: s.map(order))
    table = pd.DataFrame({
        "Institution or tie": ties["institution"].map(INSTITUTION_LABELS).values,
        "Status (2025)": ties["status"].values,
        "Since": ties["since"].fillna("not known").map(lambda x: x if x == "not known" else _date(x)).values,
        "Detail": ties["detail"].values,
        "Source": [_links(ds, s) for s in ties["source_id"]],
    })
    return _styled(table, f"ties-{iso3.lower()}")


INSTITUTION_LABELS = {
    "CSTO": "Collective Security Treaty Organization (CSTO)", "EAEU": "Eurasian Economic Union (EAEU)",
    "CIS": "Commonwealth of Independent States (CIS)", "SCO": "Shanghai Cooperation Organisation (SCO)",
    "OTS": "Organization of Turkic States (OTS)", "BRICS": "BRICS", "RUS_MILITARY": "Russian military facilities",
    "TALIBAN": "The Taliban government of Afghanistan", "ICC": "International Criminal Court (Rome Statute)",
}
#: the ties the regional matrix compares (the others are shown on country pages only)
CORE_TIES = ("CSTO", "EAEU", "CIS", "SCO", "OTS", "BRICS", "RUS_MILITARY")


def show_ties(ds: Dataset, iso3: str) -> None:
    table = ties_table(ds, iso3)
    if table is None:
        display(Markdown(f"**No data:** the book records no institutional ties for {ds.name(iso3)}."))
        return
    display(table)
    missing = [INSTITUTION_LABELS[k] for k in CORE_TIES
               if not ((ds.institutions["country"] == iso3) & (ds.institutions["institution"] == k)).any()]
    if missing:
        display(Markdown(f"**No data:** no sourced status for {names_list(missing)}."))
    display(Markdown("Ties are structural and mostly older than the war: they are shown beside the stance, not "
                     "scored in it. Source: the pages linked in each row."))


def show_country_claims(ds: Dataset, iso3: str) -> None:
    c = cl.claims_for(ds, country=iso3)
    if c.empty:
        display(Markdown(f"The five source articles make no checked claim about {ds.name(iso3)} alone."))
        return
    _show(claims_table(ds, c, f"claims-{iso3.lower()}"),
          "Claims about the region as a whole are in the chapter on the source articles. "
          "Source: the evidence linked in each row.")


# --- regional chapter -----------------------------------------------------------------------------------------

def stance_matrix(ds: Dataset) -> Styler:
    mat = st.regional_matrix(ds)
    mat.columns = [ds.name(c) for c in mat.columns]
    mat = mat.reset_index().rename(columns={"index": "Dimension"})
    return (_styled(mat, "stance-matrix", "stancebook-matrix")
            .map(_position_css, subset=list(mat.columns[1:])))


def show_stance_matrix(ds: Dataset) -> None:
    display(stance_matrix(ds))
    display(Markdown("Each cell: the position under the base coding and, in brackets, the number of events "
                     "counted."))
    show_stance_source(ds)


def index_table(ds: Dataset) -> Styler:
    index = st.index_table(ds, (st.BASE,))[st.BASE.key]
    rk = st.ranks(index.to_frame())[st.BASE.key]
    cover = st.coverage(ds)
    table = pd.DataFrame({
        "Country": [ds.name(c) for c in ds.focus],
        "Stance index": [_score(index[c]) for c in ds.focus],
        "Position": [st.position(index[c]) for c in ds.focus],
        "Rank (1 = closest to Moscow)": ["–" if pd.isna(rk[c]) else int(rk[c]) for c in ds.focus],
        "Dimensions with events": [f"{cover.at[c, 'dimensions']} of {len(st.DIMENSIONS)}" for c in ds.focus],
        "Events counted": cover["events"].values,
    })
    return _styled(table, "stance-index").map(_position_css, subset=["Position"])


def show_index_table(ds: Dataset) -> None:
    display(index_table(ds))
    show_stance_source(ds)


def sensitivity_table(ds: Dataset) -> Styler:
    index = st.index_table(ds)
    rk = st.ranks(index)
    table = pd.DataFrame({"Country": [ds.name(c) for c in index.index]})
    for coding in st.VARIANTS:
        table[coding.label] = [f"{_score(index.at[c, coding.key])} ({'–' if pd.isna(rk.at[c, coding.key]) else int(rk.at[c, coding.key])})"
                               for c in index.index]
    return _styled(table, "stance-sensitivity", "stancebook-matrix")


def sensitivity_text(ds: Dataset) -> str:
    """Which variants change the order of the five, said plainly."""
    sens = st.sensitivity(ds)
    base = sens.loc[st.BASE.key]
    lines = [f"Under the base coding the order, from closest to Moscow to furthest, is "
             f"{', '.join(base['order'])}."]
    changed = sens[~sens["same_as_base"]]
    for key, row in sens.drop(index=st.BASE.key).iterrows():
        if row["same_as_base"]:
            lines.append(f"- *{row['label']}*: the order does not change.")
        else:
            lines.append(f"- *{row['label']}*: the order becomes {', '.join(row['order'])} "
                         f"({names_list(row['moved'])} change places).")
    verdict = ("The ranking is stable under every variant." if changed.empty else
               f"The ranking is not stable: {len(changed)} of the {len(sens) - 1} variants reorder it.")
    return lines[0] + " " + verdict + "\n\n" + "\n".join(lines[1:])


def glue_region_stance(ds: Dataset) -> None:
    index = st.index_table(ds, (st.BASE,))[st.BASE.key]
    dims = st.coverage(ds)["dimensions"]
    fewest = dims.idxmin()
    glue("fewest_dims_country", ds.name(fewest))
    glue("fewest_dims", int(dims[fewest]))
    glue("n_dimensions", len(st.DIMENSIONS))
    visits = {c: st.stance_table(ds, c).at["leader_visits", "position"] for c in ds.focus}
    toward = [c for c, p in visits.items() if p == "Toward Russia"]
    glue("visits_toward", "all five" if len(toward) == len(ds.focus) == 5 else
         names_list([ds.name(c) for c in toward]) if toward else "none of the countries")
    top = index.idxmax()
    glue("index_top_country", ds.name(top))
    glue("index_top", _score(index[top]))


def show_sensitivity(ds: Dataset) -> None:
    display(Markdown(sensitivity_text(ds)))
    display(sensitivity_table(ds))
    display(Markdown("Each cell: the stance index and, in brackets, the rank (1 = closest to Moscow)."))
    show_stance_source(ds)


def ties_matrix(ds: Dataset) -> Styler:
    ties = ds.institutions[ds.institutions["institution"].isin(CORE_TIES)]
    wide = ties.pivot(index="institution", columns="country", values="status").reindex(
        index=list(CORE_TIES), columns=ds.focus)
    wide = wide.fillna("no data")
    wide.columns = [ds.name(c) for c in wide.columns]
    wide.index = [INSTITUTION_LABELS[k] for k in wide.index]
    table = wide.reset_index().rename(columns={"index": "Institution or tie (2025)"})
    return _styled(table, "ties-matrix", "stancebook-matrix").map(
        lambda x: "color: #777777; font-style: italic;" if x == "no data" else "", subset=list(table.columns[1:]))


def show_ties_matrix(ds: Dataset) -> None:
    display(ties_matrix(ds))
    ties = ds.institutions[ds.institutions["institution"].isin(CORE_TIES) & ds.institutions["country"].isin(ds.focus)]
    display(Markdown("*No data* means no sourced status was found, not that there is no tie. Since-dates and "
                     "details are on each country's page. Source: " + _links(ds, sorted({i for s in ties["source_id"] for i in s.split(";")})) + "."))


# --- sources chapter ------------------------------------------------------------------------------------------

def show_bibliography(ds: Dataset) -> None:
    lines = [f"{i}. {cl.citation(ds, a)}" for i, a in enumerate(ds.articles.index, 1)]
    display(Markdown("\n".join(lines)))
    notes = [f"- **{ds.articles.at[a, 'cite_as']}**: {ds.articles.at[a, 'note']}" for a in ds.articles.index
             if pd.notna(ds.articles.at[a, "note"])]
    display(Markdown("What could and could not be checked about each article:\n\n" + "\n".join(notes)))


def portrayal_table(ds: Dataset) -> Styler:
    mat = cl.portrayal_matrix(ds)
    views = ds.article_views.set_index(["country", "article_id"])["gist"]
    book = cl.book_positions(ds)
    table = pd.DataFrame({"Place": [cl.place_name(ds, p) for p in mat.index]})
    for a in mat.columns:
        table[ds.articles.at[a, "cite_as"]] = [
            "not discussed" if pd.isna(code) else
            f"<b>{cl.PORTRAYAL_LABELS[code]}</b><br><span class='stancebook-definition'>{html.escape(views[(p, a)])}</span>"
            for p, code in mat[a].items()]
    table["This book's index"] = [book.get(p, "–") if p in book.index else "–" for p in mat.index]
    return _styled(table, "portrayals", "stancebook-figures stancebook-matrix").map(
        _position_css, subset=list(table.columns[1:]))


def show_portrayals(ds: Dataset) -> None:
    _show(portrayal_table(ds), (
        "Each cell: the stance the article ascribes to the country (bold) and its gist, in the book's words. The last column is this book's stance index read as a position (base coding). "
                     "Source: the five articles (see the reference list above) and the book's events and votes."))


def agreement_table(ds: Dataset) -> Styler:
    ag = cl.agreement(ds)
    words = {"agree": "All agree", "mostly": "Mostly agree", "split": "Split"}
    table = pd.DataFrame({
        "Place": [cl.place_name(ds, p) for p in ag.index],
        "Articles that discuss it": ag["articles"].values,
        "Stances ascribed": ["; ".join(f"{k}: {n}" for k, n in d.items()) or "–" for d in ag["portrayals"]],
        "Agreement": ag["agreement"].map(words).values,
    })
    return _styled(table, "agreement")


def show_agreement(ds: Dataset) -> None:
    _show(agreement_table(ds), (
        "*All agree*: every article that ascribes a stance ascribes the same one; *mostly*: more than half do; *split*: no stance has a majority. Articles that mention a country without ascribing "
                     "a stance are counted as discussing it but not in the comparison. Source: the five articles."))


def show_verdicts(ds: Dataset) -> None:
    _show(verdict_table(ds), "Source: the claims table below (`data/claims.csv`).")


def verdict_table(ds: Dataset) -> Styler:
    counts = cl.verdict_counts(ds)
    table = pd.DataFrame({"Article": [ds.articles.at[a, "cite_as"] for a in counts.index]})
    for v_key, label in cl.VERDICT_LABELS.items():
        table[label] = counts[v_key].values
    table["Claims checked"] = counts["total"].values
    return _styled(table, "verdicts")


def claims_table(ds: Dataset, claims: pd.DataFrame, uuid: str) -> Styler:
    evidence = []
    for ev in claims["evidence"]:
        if pd.isna(ev):
            evidence.append("none in the book's data")
            continue
        items = []
        for item in ev.split(";"):
            text, ids = cl.describe_evidence(ds, item)
            items.append(f"{html.escape(text)} ({_links(ds, ids)})")
        evidence.append("<br>".join(items))
    table = pd.DataFrame({
        "Claim": claims["claim_id"].values,
        "Article": claims["article_id"].map(ds.articles["cite_as"]).values,
        "About": [cl.place_name(ds, c) for c in claims["country"]],
        "What the article says (paraphrased)": [html.escape(c) for c in claims["claim"]],
        "Verdict": claims["verdict"].map(cl.VERDICT_LABELS).values,
        "Why": [html.escape(e) for e in claims["explanation"]],
        "Evidence": evidence,
    })
    colours = {cl.VERDICT_LABELS[k]: c for k, c in VERDICT_COLOURS.items()}
    return _styled(table, uuid).map(lambda x: f"background-color: {colours.get(x, '#FFFFFF')};",
                                    subset=["Verdict"])


def show_claims(ds: Dataset, verdicts: tuple[str, ...] | None = None) -> None:
    c = cl.claims_for(ds)
    if verdicts is not None:
        c = c[c["verdict"].isin(verdicts)]
    _show(claims_table(ds, c, "claims-" + ("-".join(verdicts) if verdicts else "all")),
          "Source: the evidence linked in each row; claims are paraphrased from the articles listed in the "
          "reference list.")


def glue_sources_chapter(ds: Dataset) -> None:
    for key, value in cl.summary(ds).items():
        glue(key, names_list(value) if isinstance(value, list) else value)


# --- methods chapter ------------------------------------------------------------------------------------------

def show_coding(ds: Dataset) -> None:
    dims = pd.DataFrame({
        "Dimension": [label for label, _ in st.DIMENSIONS.values()],
        "Events it counts": [("UN General Assembly votes since 24 February 2022 (from the UN voting record)"
                              if cat == st.UN_VOTE else f"events of category '{cat}'")
                             for _, cat in st.DIMENSIONS.values()],
    })
    display(_styled(dims, "coding-dimensions"))


def show_variants(ds: Dataset) -> None:
    rows = [{"Variant": c.label,
             "Not voting": "counts as abstaining (0)" if c.non_voting_as_abstention else "left out",
             "Events kept": "verified by source only" if c.verified_only else "verified and single-source",
             "Weight of rhetoric": f"{c.rhetoric_weight:g}"} for c in st.VARIANTS]
    display(_styled(pd.DataFrame(rows), "coding-variants"))


def show_coverage_notes(ds: Dataset) -> None:
    notes = ds.coverage_notes
    if notes.empty:
        return
    lines = [f"- **{ds.name(r.country)}, {r.topic}**: {r.note}" for r in notes.itertuples()]
    display(Markdown("\n".join(lines)))


def glue_methods(ds: Dataset) -> None:
    glue("n_events_total", len(ds.events))
    glue("n_designations_total", int((ds.events["category"] == st.EXTERNAL).sum()))
    glue("n_unverified_events", int((ds.events["confidence"] == "unverified").sum()))
    glue("n_single_source", int((ds.events["confidence"] == "single-source").sum()))
    glue("n_sources", len(ds.sources))
    glue("threshold", "1/3")
