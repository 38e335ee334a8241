"""Charts plot the data they are given, with labelled axes and a source line (data, not pixels)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import io  # noqa: E402
import re  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402

from stancebook.compute import votes as v  # noqa: E402
from stancebook.data.vocab import BASE_YEAR, INVASION  # noqa: E402
from stancebook.present import charts  # noqa: E402
from stancebook.present import text as tx  # noqa: E402


def source_line(fig) -> str:
    """The note and the source line under a chart (HTML text under the image, not drawn in it), as plain text."""
    html = str(getattr(fig, "stancebook_note", "")) + str(fig.stancebook_source)
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_vote_timeline_plots_each_vote_at_its_row(ds):
    fig = charts.vote_timeline(ds, "UZB")
    ax = fig.axes[0]
    rows = {label.get_text(): y for label, y in zip(ax.get_yticklabels(), ax.get_yticks(), strict=True)}
    uzb, rus = ax.collections[0], ax.collections[1]
    assert uzb.get_label() == "Uzbekistan" and rus.get_label() == "Russia"
    codes = v.vote_matrix(ds, ["UZB"]).loc["UZB"].tolist()
    expected = [rows[tx.VOTE_LABELS[c]] for c in codes]
    assert [round(y) for _, y in uzb.get_offsets()] == expected
    assert all(round(y) == rows["No"] for _, y in rus.get_offsets())
    assert ax.get_xlabel() and ax.get_ylabel() == "Vote cast"
    assert source_line(fig).startswith("Source: United Nations Dag Hammarskjöld Library")


def test_vote_timeline_uses_country_colours(ds):
    fig = charts.vote_timeline(ds, "KGZ")
    face = fig.axes[0].collections[0].get_facecolor()[0]
    assert matplotlib.colors.to_hex(face).lower() == ds.colour("KGZ").lower()


def test_regional_bars_stack_the_vote_counts(ds):
    fig = charts.regional_vote_bars(ds)
    ax = fig.axes[0]
    counts = v.regional_counts(ds, since=INVASION)
    for container, code in zip(ax.containers, v.ORDER, strict=False):
        assert [round(bar.get_width()) for bar in container] == counts[code].tolist(), code
    assert [t.get_text() for t in ax.get_yticklabels()] == [ds.name(c) for c in ds.focus]
    assert "Number of resolutions" in ax.get_xlabel()
    assert source_line(fig).startswith("Source: ")


# --- trade and remittance charts: the plotted series equal the data ----------------------------------

from stancebook.compute import migration as m  # noqa: E402
from stancebook.compute import trade as t  # noqa: E402


def _lines(ax):
    return {line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")}


def test_trade_partner_lines_equal_the_primary_series(ds):
    fig = charts.trade_partners(ds, "KGZ")
    exports, imports = fig.axes[0], fig.axes[1]
    for ax, flow in ((exports, "export"), (imports, "import")):
        data = t.values(ds, "KGZ", flow)
        lines = _lines(ax)
        assert set(lines) == {"Russia", "China", "European Union (27)", "Türkiye"}
        for p in t.PARTNERS:
            line = lines[ds.partners.at[p, "name"]]
            assert list(line.get_xdata()) == data[p].dropna().index.tolist()
            assert list(line.get_ydata()) == data[p].dropna().tolist()
            assert matplotlib.colors.to_hex(line.get_color()).lower() == ds.partners.at[p, "colour"].lower()
    assert "Million US$" in exports.get_ylabel() and exports.get_xlabel() == "Year"
    assert "National Statistical Committee of the Kyrgyz Republic" in source_line(fig)


def test_share_lines_equal_computed_shares(ds):
    fig = charts.partner_shares(ds, "UZB")
    lines = _lines(fig.axes[0])
    shares = t.shares(t.turnover(ds, "UZB"))
    assert list(lines["Russia"].get_ydata()) == shares["RUS"].dropna().tolist()
    assert fig.axes[0].get_ylabel() == "Share of total trade (%)"
    assert "Statistics Agency under the President" in source_line(fig)


def test_missing_trade_series_gives_the_curated_reason(ds):
    for chart in (charts.trade_partners, charts.partner_shares):
        result = chart(ds, "TKM")
        assert isinstance(result, charts.NoData)
        assert "publishes no foreign-trade statistics" in result.reason
        assert str(result.html()).startswith('<p class="stancebook-no-data"><strong>No data: ')


def test_missing_series_without_a_note_still_says_no_data(ds):
    bare = type(ds)(**{**ds.__dict__, "coverage_notes": ds.coverage_notes.iloc[0:0]})
    result = charts.remittance_share(bare, "TKM")
    assert isinstance(result, charts.NoData) and "no World Bank remittance series for Turkmenistan" in result.reason
    result = charts.trade_partners(bare, "TJK")
    assert isinstance(result, charts.NoData) and "Tajikistan's own statistics" in result.reason


def test_remittance_chart_draws_the_country_over_the_others(ds):
    fig = charts.remittance_share(ds, "TJK")
    line = _lines(fig.axes[0])["Tajikistan"]
    series = m.remittances(ds)["TJK"].dropna()
    assert list(line.get_ydata()) == series.tolist()
    assert "% of GDP" in fig.axes[0].get_ylabel()
    assert source_line(fig).startswith("Source: World Bank")


def test_regional_index_and_remittance_lines_equal_the_data(ds):
    fig = charts.russia_turnover_index(ds)
    lines = _lines(fig.axes[0])
    idx = t.russia_turnover_index(ds)
    assert set(lines) == {"Kazakhstan", "Kyrgyzstan", "Uzbekistan"}
    assert list(lines["Kyrgyzstan"].get_ydata()) == idx["KGZ"].dropna().tolist()
    assert f"{BASE_YEAR} = 100" in fig.axes[0].get_ylabel()
    fig = charts.remittances_region(ds)
    lines = _lines(fig.axes[0])
    assert set(lines) == {"Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan"}


def test_share_bars_equal_the_share_table(ds):
    fig = charts.share_bars(ds)
    years = t.share_years(ds)
    assert years[0] == BASE_YEAR and years[1] > BASE_YEAR
    table = t.share_table(ds, years)
    russia = fig.axes[0]
    widths = [[round(b.get_width(), 6) for b in c] for c in russia.containers]
    assert widths == [[round(x, 6) for x in table[("RUS", y)]] for y in years]
    assert "Goods and services: Uzbekistan" in source_line(fig)


def test_reexport_panels_mark_the_countries_without_an_import_series(ds):
    fig = charts.reexport_signal(ds)
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
    assert titles[:2] == ["Kazakhstan", "Kyrgyzstan"]
    assert any(title.startswith("Tajikistan: EU side only") for title in titles)
    assert "Eurostat" in source_line(fig)


# --- captions, alt text and palette ---------------------------------------------------------------------

OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}


@pytest.mark.parametrize(
    "make",
    [
        lambda ds: charts.vote_timeline(ds, "TJK"),
        charts.regional_vote_bars,
        lambda ds: charts.trade_partners(ds, "KAZ"),
        lambda ds: charts.partner_shares(ds, "KGZ"),
        lambda ds: charts.remittance_share(ds, "UZB"),
        charts.remittances_region,
        charts.russia_turnover_index,
        charts.share_bars,
        charts.reexport_signal,
        lambda ds: charts.stance_timeline(ds, "KAZ"),
    ],
)
def test_every_chart_has_a_caption_and_alt_text_that_carry_its_numbers(ds, make):
    fig = make(ds)
    assert len(fig.stancebook_caption) > 40 and len(fig.stancebook_alt) > 60
    assert any(ch.isdigit() for ch in fig.stancebook_alt)  # the message in numbers, not only a chart type
    html = str(charts.figure_html(fig))
    assert html.startswith('<figure class="stancebook-figure"><img src="data:image/svg+xml;base64,')
    assert "<figcaption>" in html and 'alt="' in html


def test_alt_text_states_the_plotted_values(ds):
    alt = charts.partner_shares(ds, "UZB").stancebook_alt
    shares = t.shares(t.turnover(ds, "UZB"), ("RUS", "CHN")).dropna(how="all")
    assert f"{shares['RUS'].dropna().iloc[-1]:.1f}% in {shares.index[-1]}" in alt


def test_a_chart_without_caption_data_or_source_is_refused(ds):
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="no a caption, an alt text, its data, a source line"):
        charts.figure_html(fig)
    fig = charts.partner_shares(ds, "KAZ")
    del fig.stancebook_source
    with pytest.raises(ValueError, match="no a source line"):
        charts.figure_html(fig)


def test_country_colours_of_the_focus_countries_and_russia_are_colour_blind_safe(ds):
    for iso3 in [*ds.focus, "RUS"]:
        assert ds.colour(iso3).upper() in OKABE_ITO, iso3
    assert len({ds.colour(c) for c in ds.focus}) == len(ds.focus)


def _overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("iso3", ["TKM", "KAZ"])
def test_the_timeline_key_overlaps_neither_the_axis_label_nor_the_title(ds, iso3):
    """Turkmenistan's few rows once put the key on top of the x-axis label."""
    fig = charts.stance_timeline(ds, iso3)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    key = ax.get_legend().get_window_extent(renderer)
    for text in (ax.xaxis.label, ax.title):
        assert not _overlap(key, text.get_window_extent(renderer)), text.get_text()[:40]
    plt.close(fig)


def test_the_share_bars_key_shows_each_partners_own_colour(ds):
    """The year key of each panel is drawn in that panel's partner colour (it was grey)."""
    from matplotlib.colors import to_rgb

    fig = charts.share_bars(ds)
    for ax, partner in zip(fig.axes[:2], ("RUS", "CHN"), strict=True):
        handles = ax.get_legend().legend_handles
        assert [to_rgb(h.get_facecolor()) for h in handles] == [to_rgb(ds.partners.at[partner, "colour"])] * 2
        assert [h.get_alpha() for h in handles] == [0.45, 1.0]
    plt.close(fig)


def test_a_country_without_its_own_trade_series_gets_its_partners_records_titled_so(ds):
    """Turkmenistan publishes no trade tables the book reads: the chart draws what Russia, China and Türkiye
    record, one line per partner, with a gap where a year has no figure, and names the quoting outlets."""
    assert not t.has_series(ds, "TKM")
    table = t.mirror_turnover(ds, "TKM")
    fig = charts.mirror_trade(ds, "TKM")
    ax = fig.axes[0]
    assert "Turkmenistan's trade as recorded by its partners" in {ax.get_title(loc) for loc in ("left", "center")}
    for line in ax.get_lines()[: len(table.columns)]:
        partner = ds.partners.index[ds.partners["name"] == line.get_label()][0]
        drawn = dict(zip(line.get_xdata(), line.get_ydata(), strict=True))
        assert {y: v for y, v in drawn.items() if v == v} == table[partner].dropna().to_dict()
    assert "figures quoted by" in source_line(fig) and "Trend" in source_line(fig)
    plt.close(fig)
    # Tajikistan: Russia's customs (a data file, to 2021) before any press figure for the same year
    tjk = t.mirror_rows(ds, "TJK")
    assert set(tjk.loc[tjk["partner"] == "RUS", "channel"]) == {"data_file"}
    assert isinstance(charts.mirror_trade(ds, "UZB"), charts.Figure)  # mirror rows exist, but its own series does too


def test_a_country_with_no_mirror_figures_gets_a_no_data_note(ds):
    import dataclasses

    none = dataclasses.replace(ds, trade=ds.trade[ds.trade["reporter"] != "TKM"].reset_index(drop=True))
    assert isinstance(charts.mirror_trade(none, "TKM"), charts.NoData)


def test_the_trade_paragraph_says_the_partners_records_are_drawn_and_follows_the_data(ds):
    import dataclasses

    from stancebook.present.chapters import country

    text = country.trade_text(ds, "TKM")
    assert "The chart draws instead what its partners record" in text and "Russia, China and Türkiye" in text
    no_mirror = dataclasses.replace(ds, trade=ds.trade[ds.trade["reporter"] != "TKM"].reset_index(drop=True))
    assert "so this section draws no trade charts" in country.trade_text(no_mirror, "TKM")


# --- what travels with every chart: its source line as text and the data it plots ----------------------


def _data_link(html: str) -> tuple[str, pd.DataFrame]:
    """The file name and the CSV behind a figure's data link."""
    a = BeautifulSoup(html, "html.parser").select_one("a.stancebook-data")
    assert a is not None, "no data link"
    head, _, payload = a["href"].partition(",")
    assert head == "data:text/csv;charset=utf-8;base64"
    import base64

    return a["download"], pd.read_csv(io.StringIO(base64.b64decode(payload).decode("utf-8")))


def test_the_source_line_is_text_under_the_image_not_inside_it(ds):
    fig = charts.trade_partners(ds, "KGZ")
    assert not fig.get_supxlabel()  # nothing drawn under the axes
    soup = BeautifulSoup(str(charts.figure_html(fig)), "html.parser")
    source = soup.select_one("figure p.stancebook-source")
    assert source.get_text().startswith("Source: National Statistical Committee of the Kyrgyz Republic")
    assert source.select_one("a")["href"].startswith("https://")


def test_the_data_link_holds_exactly_the_plotted_shares(ds):
    fig = charts.partner_shares(ds, "KGZ")
    name, frame = _data_link(str(charts.figure_html(fig)))
    assert name == "trade-shares-kgz.csv"
    shares = t.shares(t.turnover(ds, "KGZ"), ("RUS", "CHN"))
    for line in fig.axes[0].get_lines()[:2]:
        partner = ds.partners.index[ds.partners["name"] == line.get_label()][0]
        rows = frame[frame["partner"] == partner].set_index("year")["share_of_total_trade_pct"]
        drawn = dict(zip(line.get_xdata(), line.get_ydata(), strict=True))
        assert rows.round(9).to_dict() == {y: round(v, 9) for y, v in drawn.items()}
        assert rows.round(9).to_dict() == shares[partner].dropna().round(9).to_dict()


def test_the_data_link_of_the_trade_lines_holds_every_plotted_point(ds):
    fig = charts.trade_partners(ds, "KAZ")
    _, frame = _data_link(str(charts.figure_html(fig)))
    plotted = sum(
        len(line.get_xdata()) for ax in fig.axes for line in ax.get_lines() if not line.get_label().startswith("_")
    )
    assert len(frame) == plotted
    exports = t.values(ds, "KAZ", "export")["RUS"].dropna()
    got = frame[(frame["flow"] == "export") & (frame["partner"] == "RUS")].set_index("year")["value_usd_m"]
    assert got.to_dict() == exports.to_dict()


def test_charts_in_a_row_with_one_source_name_it_once(ds, monkeypatch):
    shown = []
    monkeypatch.setattr(charts.tables, "show", lambda *blocks: shown.extend(blocks))
    charts.show(charts.trade_partners(ds, "KGZ"), charts.partner_shares(ds, "KGZ"))
    assert [str(b).count('class="stancebook-source"') for b in shown] == [0, 1]
    assert [str(b).count('class="stancebook-data"') for b in shown] == [2, 2]  # the paragraph and its link
    # the share bars' sources are among the China chart's: the line is given once, under the second; the share
    # bars keep their note (what the asterisk means)
    shown.clear()
    charts.show(charts.share_bars(ds), charts.china_records(ds, ds.focus))
    assert [str(b).count('class="stancebook-source"') for b in shown] == [0, 1]
    assert "Goods and services: Uzbekistan" in str(shown[0])
    # a chart whose sources the next one does not name keeps its own line
    shown.clear()
    charts.show(charts.remittances_region(ds), charts.share_bars(ds))
    assert [str(b).count('class="stancebook-source"') for b in shown] == [1, 1]


def test_china_records_draw_both_sides_of_each_year_and_their_ratio(ds):
    both = t.against_partner(ds, ds.focus)
    # Kyrgyzstan's own statistics give its 2023 trade with China; China's customs record several times more
    kgz = both[(both["country"] == "KGZ") & (both["year"] == 2023)].iloc[0]
    assert kgz["own"] == t.turnover(ds, "KGZ").at[2023, "CHN"] and kgz["recorded"] == 19800.0
    assert kgz["ratio"] > 3
    assert set(both["country"]) <= {c for c in ds.focus if t.has_series(ds, c)}  # never a country without its own
    fig = charts.china_records(ds, ds.focus)
    ax = fig.axes[0]
    own, china = ax.containers[0], ax.containers[1]
    assert [round(b.get_width(), 3) for b in own] == [round(x, 3) for x in both["own"]]
    assert [b.get_width() for b in china] == both["recorded"].tolist()
    assert any(re.search(r"×3\.6", t_.get_text()) for t_ in ax.texts)
    assert "million US$" in ax.get_xlabel()
    assert "China's customs figures as quoted by" in source_line(fig)
    _, frame = _data_link(str(charts.figure_html(fig)))
    assert frame["china_customs_usd_m"].tolist() == both["recorded"].tolist()


def test_china_records_say_no_data_without_a_year_that_has_both(ds):
    import dataclasses

    trade = ds.trade[~((ds.trade["partner"] == "CHN") & (ds.trade["reported_by"] == "partner"))]
    bare = dataclasses.replace(ds, trade=trade)
    assert t.against_partner(bare, bare.focus).empty
    assert isinstance(charts.china_records(bare, bare.focus), charts.NoData)
