"""Charts plot the data they are given, with labelled axes and a source line (data, not pixels)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from stancebook import charts  # noqa: E402
from stancebook import votes as v  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_vote_timeline_plots_each_vote_at_its_row(ds):
    fig = charts.vote_timeline(ds, "UZB")
    ax = fig.axes[0]
    rows = {label.get_text(): y for label, y in zip(ax.get_yticklabels(), ax.get_yticks())}
    uzb, rus = ax.collections[0], ax.collections[1]
    assert uzb.get_label() == "Uzbekistan" and rus.get_label() == "Russia"
    codes = v.vote_matrix(ds, ["UZB"]).loc["UZB"].tolist()
    expected = [rows[v.VOTE_LABELS[c]] for c in codes]
    assert [round(y) for _, y in uzb.get_offsets()] == expected
    assert all(round(y) == rows["No"] for _, y in rus.get_offsets())
    assert ax.get_xlabel() and ax.get_ylabel() == "Vote cast"
    assert fig._supxlabel.get_text().startswith("Source: United Nations Dag Hammarskjöld Library")


def test_vote_timeline_uses_country_colours(ds):
    fig = charts.vote_timeline(ds, "KGZ")
    face = fig.axes[0].collections[0].get_facecolor()[0]
    assert matplotlib.colors.to_hex(face).lower() == ds.colour("KGZ").lower()


def test_regional_bars_stack_the_vote_counts(ds):
    fig = charts.regional_vote_bars(ds)
    ax = fig.axes[0]
    counts = v.regional_counts(ds, since=v.INVASION)
    for container, code in zip(ax.containers, v.VOTE_LABELS):
        assert [round(bar.get_width()) for bar in container] == counts[code].tolist(), code
    assert [t.get_text() for t in ax.get_yticklabels()] == [ds.name(c) for c in ds.focus]
    assert "Number of resolutions" in ax.get_xlabel()
    assert fig._supxlabel.get_text().startswith("Source: ")
