"""The key findings: computed sentences that change, or go, when the data do."""

from __future__ import annotations

import dataclasses
import re

import pytest
from bs4 import BeautifulSoup

from stancebook.compute import migration as m
from stancebook.compute import stance as st
from stancebook.data.vocab import REMITTANCES
from stancebook.present.chapters import findings as f


def test_every_question_is_answered_with_numbers_a_grade_and_evidence_on_real_data(ds):
    for question in f.QUESTIONS:
        found = f.findings(ds, question)
        assert len(found) >= 3, question
        for finding in found:
            assert re.search(r"\d", finding.text), finding.text
            assert finding.sure in f.SURE_LABELS and finding.why
            assert finding.evidence and all(
                re.fullmatch(r"[a-z/]+\.html#[a-z-]+", page) for page, _ in finding.evidence
            )


def test_the_ranking_finding_gives_the_intervals_verdict_from_the_data(ds):
    u = st.uncertainty(ds)
    rank = f.ranking(ds)
    top = ds.name(u.index[0])
    assert rank.text.startswith("On the book's stance index") and f"{top} stands closest to Moscow" in rank.text
    # on the real data every interval overlaps another's, so the book is not sure of the order
    assert (u["rank_low"] != u["rank_high"]).all()
    assert rank.sure == "low" and f"comes first in {u.at[u.index[0], 'p_rank_1']:.0%}" in rank.why


def test_findings_the_data_no_longer_support_are_dropped(ds):
    # with no event of any state, no country can be placed: no ranking; the states differ only in their votes
    no_events = dataclasses.replace(ds, events=ds.events.iloc[0:0])
    stance = f.findings(no_events, "stance")
    assert f.ranking(no_events) is None
    assert all("stance index" not in x.text for x in stance)
    differ = f.differences(no_events)
    assert "differ most on UN General Assembly votes" in differ.text and "Only the UN vote record" in differ.why
    assert "labour-migration" in f.differences(ds).text
    # the voting finding survives: it comes from the vote tables
    assert any("voted with Russia less often" in x.text for x in stance)
    # with no claim marked misstated, the misstatements finding goes and the count says none
    claims = ds.claims.assign(verdict=ds.claims["verdict"].replace("misstated", "supported"))
    honest = dataclasses.replace(ds, claims=claims)
    texts = [x.text for x in f.findings(honest, "claims")]
    assert not any(t.startswith("The misstatements") for t in texts)
    assert any("and 0 misstated" in t for t in texts)


def test_the_remittance_finding_follows_the_figures(ds):
    before = f.remittances(ds)
    assert "weighs most in Tajikistan" in before.text
    assert before.why.endswith("The series has no value for Turkmenistan.")
    # give Kazakhstan the largest share in its latest year: the finding names it first
    rows = ds.indicators.copy()
    kaz = (rows["indicator"] == REMITTANCES) & (rows["country"] == "KAZ")
    latest = rows[kaz]["period"].max()
    rows.loc[kaz & (rows["period"] == latest), "value"] = 99.0
    after = f.remittances(dataclasses.replace(ds, indicators=rows))
    assert "weighs most in Kazakhstan" in after.text and f"Kazakhstan 99.00% in {latest}" in after.text
    # the other estimates that disagree make it less sure; without them it is sure
    assert before.sure == "medium" and not m.conflicts(ds).empty
    others = rows[rows["indicator"] == REMITTANCES]
    assert f.remittances(dataclasses.replace(ds, indicators=others)).sure == "high"


def test_the_china_finding_compares_the_two_records_and_goes_without_them(ds):
    china = f.china_records(ds)
    assert "most of all with Kyrgyzstan" in china.text and "3.6 times in 2023" in china.text
    trade = ds.trade[~((ds.trade["partner"] == "CHN") & (ds.trade["reported_by"] == "partner"))]
    assert f.china_records(dataclasses.replace(ds, trade=trade)) is None


def test_the_trade_finding_names_the_states_without_their_own_series(ds):
    shares = f.trade_shares(ds)
    assert "Tajikistan and Turkmenistan publish no trade series" in shares.why and shares.sure == "medium"
    links = dict(shares.evidence)
    assert "countries/tkm.html#trade" in links


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "{eval-rst}`x`", "$$x$$"])
def test_text_from_the_data_reaches_the_findings_page_as_text(ds, hostile):
    countries = ds.countries.copy()
    countries.loc["TJK", "name"] = hostile
    html = str(f.findings_list(dataclasses.replace(ds, countries=countries), "stance"))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert hostile in soup.get_text()


def test_links_to_the_evidence_are_pages_of_the_book_only():
    from stancebook.present.escape import page_link

    assert str(page_link("region.html#a-stance-index", "x")) == '<a href="region.html#a-stance-index">x</a>'
    for bad in ("javascript:alert(1)", "https://example.org/x.html", 'region.html" onclick="x', "../../etc.txt"):
        with pytest.raises(ValueError, match="not a page of the book"):
            page_link(bad, "x")


def test_no_finding_is_a_blank(ds):
    """A question the data cannot answer says so instead of showing an empty list."""
    empty = dataclasses.replace(ds, claims=ds.claims.iloc[0:0], article_views=ds.article_views.iloc[0:0])
    html = str(f.findings_list(empty, "claims"))
    assert "No data:" in html and "<ol" not in html
