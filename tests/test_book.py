"""End to end: execute the notebooks with papermill and build the HTML book with warnings as errors.

The book is built once per test run (the ``book`` fixture in conftest), in a temporary copy of the
project to which Moldova has been added as a focus country through data rows alone.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from stancebook.builder import plan
from stancebook.builder.project import Project
from stancebook.errors import BuildError

from conftest import copy_project

pytestmark = pytest.mark.slow


class Page(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self, path: Path):
        super().__init__()
        self.text_parts: list[str] = []
        self.images: list[str] = []
        self.alts: list[str | None] = []
        self.links: list[str] = []
        self.figcaptions = 0
        self.figures = 0
        self.classes: list[str] = []
        self.tables: list[str] = []
        self._skip = 0
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("style", "script"):
            self._skip += 1
        if tag == "img":
            self.images.append(attrs.get("src", ""))
            self.alts.append(attrs.get("alt"))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "figure":
            self.figures += 1
        if tag == "figcaption":
            self.figcaptions += 1
        if tag == "table":
            self.tables.append(attrs.get("class", ""))
        self.classes.extend((attrs.get("class") or "").split())

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        text = re.sub(r"\s+", " ", " ".join(self.text_parts))
        return text.replace("\u2019", "'")  # Sphinx's smart quotes back to plain apostrophes


def test_one_progress_line_per_notebook(book):
    """Notebooks run in parallel, so the lines come in the order they finish: [1/11] to [11/11], one each."""
    log = (book / "build.log").read_text(encoding="utf-8")
    lines = [line for line in log.splitlines() if re.match(r"\[\d+/11\] ", line)]
    assert [int(line[1:].split("/")[0]) for line in lines] == list(range(1, 12))
    names = sorted(line.split("]", 1)[1].split("  ")[0].strip() for line in lines)
    assert names == sorted(
        [
            "Key findings",
            "Regional comparison",
            "The source articles checked",
            "Methods",
            "The data",
            "Kazakhstan (KAZ)",
            "Kyrgyzstan (KGZ)",
            "Tajikistan (TJK)",
            "Turkmenistan (TKM)",
            "Uzbekistan (UZB)",
            "Moldova (MDA)",
        ]
    )
    assert all(re.search(r"executed in \d+\.\d s$", line) for line in lines)
    assert "Executing 11 of 11 notebooks on" in log


def test_pages_exist_for_every_chapter_and_country(book):
    html = book / "_build" / "html"
    for page in (
        "index.html",
        "chapters/intro.html",
        "chapters/region.html",
        "chapters/sources.html",
        "chapters/methods.html",
        "chapters/data.html",
        "chapters/references.html",
        "chapters/countries/kaz.html",
        "chapters/countries/kgz.html",
        "chapters/countries/tjk.html",
        "chapters/countries/tkm.html",
        "chapters/countries/uzb.html",
        "chapters/countries/mda.html",
    ):
        assert (html / page).is_file(), page
    assert not (html / "chapters" / "templates").exists()


def test_country_page_has_title_votes_prose_and_chart(book):
    page = Page(book / "_build" / "html" / "chapters" / "countries" / "kaz.html")
    text = page.text
    assert "Kazakhstan" in text
    # the vote table: Kazakhstan's vote on ES-11/3 (No), 78/221 (not voting), with Russia's and the world tally
    assert any("stancebook-votes" in c for c in page.tables)
    assert re.search(r"ES-11/3 Suspending Russia from the Human Rights Council No No 93–24–58 \(18\)", text)
    assert re.search(r"78/221† Human rights in the occupied territories \(2023\) Not voting No", text)
    # glued prose, computed from the data
    assert "Kazakhstan voted yes on none, abstained on 12, voted no on 2 and did not vote on 1" in text
    # a chart, embedded as an image
    assert any(src.startswith("data:image/svg+xml;base64,") for src in page.images)
    # a source line under the profile table and under the vote table (the chart carries its own, in the image)
    assert text.count("Source: ") >= 2 and "Source: United Nations Dag Hammarskjöld Library" in text


def test_a_country_added_by_data_alone_gets_its_chapter(book):
    page = Page(book / "_build" / "html" / "chapters" / "countries" / "mda.html")
    assert "Moldova" in page.text
    assert "Moldova voted yes on 13" in page.text
    region = Page(book / "_build" / "html" / "chapters" / "region.html")
    assert "Moldova ●" in region.text
    toc = Page(book / "_build" / "html" / "chapters" / "intro.html")
    assert "Moldova" in toc.text and "Kazakhstan" in toc.text


def test_region_page_has_stance_table_legend_and_chart(book):
    page = Page(book / "_build" / "html" / "chapters" / "region.html")
    assert any("stancebook-stance" in c for c in page.tables)
    assert "Key: Y Yes A Abstain N No X Not voting" in page.text
    assert any(src.startswith("data:image/svg+xml;base64,") for src in page.images)
    for name in ("Kazakhstan", "Turkmenistan", "Russia", "Ukraine"):
        assert name in page.text


def test_readers_see_no_code_and_no_template_markers(book):
    for path in (book / "_build" / "html" / "chapters").rglob("*.html"):
        page = Page(path)
        assert "cell_input" not in page.classes, path
        assert "{{" not in page.text and "glue:" not in page.text, path
        assert "import stancebook" not in page.text and "from stancebook" not in page.text, path


def test_chapter_title_is_a_markdown_heading_not_code_output(book):
    nb = nbformat.read(book / "chapters" / "countries" / "kaz.ipynb", as_version=4)
    titles = [c for c in nb.cells if c.cell_type == "markdown"]
    assert titles[0].source == "# Kazakhstan" and nb.cells.index(titles[0]) == 1  # after the how-to
    params = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and "remove-input" in params[0].metadata["tags"]
    assert 'country = "KAZ"' in params[0].source


def test_render_refuses_unfilled_fields(tmp_path, ds):
    project = Project(copy_project(tmp_path / "b"))
    job = plan.country_job(project, ds, "KAZ")
    with pytest.raises(BuildError, match=r"no value for \{\{name\}\}"):
        plan.render(type(job)(**{**job.__dict__, "fields": {"iso3": "KAZ"}}))


def test_country_page_has_trade_remittance_and_migration_sections(book):
    page = Page(book / "_build" / "html" / "chapters" / "countries" / "kaz.html")
    text = page.text
    headings = re.findall(
        r"<h[23][^>]*>(.*?)<a class=\"headerlink\"",
        (book / "_build" / "html" / "chapters" / "countries" / "kaz.html").read_text(encoding="utf-8"),
    )
    for heading in ("Trade", "Other published trade figures", "Remittances", "Labour migration"):
        assert heading in headings, headings
    # Kazakhstan-Russia turnover, the BNS figures (see test_research for the match with the research pack)
    assert "US$24,624.3 million in 2021, US$26,972.0 million in 2022 and US$27,054.5 million in 2023" in text
    assert "Russia accounted for 24.2% of Kazakhstan's total trade and China for 17.7%" in text
    assert "0.16% of GDP in 2021" in text
    # charts: votes, trade by partner, shares, remittances
    assert sum(src.startswith("data:image/svg+xml;base64,") for src in page.images) >= 4
    assert any("stancebook-figures" in c for c in page.tables)
    assert "People born in the country living in Russia (UN DESA)" in text


def test_a_country_without_trade_or_remittance_data_says_so(book):
    text = Page(book / "_build" / "html" / "chapters" / "countries" / "mda.html").text
    assert "No data: Moldova's trade with Russia, China, the EU and Türkiye." in text
    assert "No data: Remittances received by Moldova, % of GDP." in text
    assert "the book holds no migration figures for Moldova" in text


def test_region_page_has_dependence_sections_with_glued_numbers(book):
    text = Page(book / "_build" / "html" / "chapters" / "region.html").text
    # Tajikistan's remittances, % of GDP, World Bank WDI
    assert "For Tajikistan the series ran 32.69% in 2021, 49.90% in 2022, 37.84% in 2023 and 47.89% in 2024" in text
    assert "Kazakhstan's rose from US$24,624.3 million in 2021 to US$27,054.5 million in 2023 (index 110)" in text
    assert "Kyrgyzstan, Russia's share 27.7% in 2021 and 19.1% in 2023, China's 18.3% and 34.5%" in text
    assert "The trade charts leave out Tajikistan, Turkmenistan and Moldova" in text


def test_country_page_has_stance_table_timeline_ties_events_and_claims(book):
    page = Page(book / "_build" / "html" / "chapters" / "countries" / "kaz.html")
    text = page.text
    from stancebook import data
    from stancebook.compute import stance

    facts = stance.country_summary(data.load(book / "data"), "KAZ")
    assert f"the book records {facts['n_events']} acts of Kazakhstan's leaders" in text
    # two events, both away from Russia: too few to score the dimension (no single event or pair sets it)
    assert "Recognition of annexed territory too few events – 2 (0 / 0 / 2)" in text
    assert "Kazakhstan: stance events, 2022–2025" not in text  # the title is inside the chart image
    assert "Collective Security Treaty Organization (CSTO) member" in text
    assert "Kazstanex" in text and "not scored (act or statement of another state)" in text
    assert "What the source articles claim about Kazakhstan" in text and "Misstated" in text
    assert "Supports Russia in the war (% of respondents)" in text  # public opinion
    lo, hi = facts["interval"]
    assert f"with a 90% interval from {lo:+.2f} to {hi:+.2f}".replace("-", "−") in text
    assert "107–12–51 (not stated)" in text  # the 2026 vote, whose non-voting count no source states
    tkm = Page(book / "_build" / "html" / "chapters" / "countries" / "tkm.html").text
    assert "UN General Assembly votes Did not vote – 0 (0 / 0 / 0); 15 not counted" in tkm
    assert "Turkmenistan did not vote on any of the 15 UN resolutions counted since the invasion" in tkm
    assert "There is too little evidence to place Turkmenistan on the stance index" in tkm
    moldova = Page(book / "_build" / "html" / "chapters" / "countries" / "mda.html").text
    assert "the book records no stance events for Moldova" in moldova
    assert "No data: the book records no institutional ties for Moldova" in moldova.replace("**", "")


def test_region_page_has_stance_matrix_index_and_sensitivity(book):
    page = Page(book / "_build" / "html" / "chapters" / "region.html")
    text = page.text
    from stancebook import data
    from stancebook.compute import stance

    ds = data.load(book / "data")  # Moldova, a sixth focus state, attended none of the five's shared gatherings
    visits = stance.stance_table(ds, "KAZ").at["leader_visits", "events"]
    assert f"Leader visits Toward Russia ({visits})" in text  # Kazakhstan's column first
    # the index with its interval, ranks only where intervals separate, the chart and the rank probabilities
    assert "90% interval" in text and "Rank 1" in text and "with the 90% interval of the" in text
    assert "No evidence threshold (one event scores a dimension)" in text
    assert "Gatherings all attended scored too" in text
    assert "Stance index" in text and "Rank (1 = closest to Moscow)" in text
    assert "Not voting counts as abstaining" in text and "Only primary or corroborated events" in text
    assert "Events resting only on state media dropped" in text
    sens = stance.sensitivity(ds)
    changed = int((~sens["same_as_base"]).sum())
    expected = (
        "The ranking is stable under every variant."
        if changed == 0
        else f"The ranking is not stable: {changed} of the {len(sens) - 1} variants reorder it."
    )
    assert expected in text
    assert "Collective Security Treaty Organization (CSTO)" in text


def test_sources_and_methods_pages(book):
    from stancebook import data

    html = book / "_build" / "html" / "chapters"
    sources = Page(html / "sources.html").text
    for cite in (
        "The Insider (2022)",
        "Eurasia Daily Monitor (2022)",
        "Umarov (2022)",
        "Badar (2023)",
        "Novastan (2023)",
    ):
        assert cite in sources
    claims = data.load(book / "data").claims
    supported = int((claims["verdict"] == "supported").sum())
    assert f"Of the {len(claims)} claims checked, {supported} are supported" in sources
    assert "Since then:" in sources and "what was knowable for the period it speaks about" in sources
    assert "Stephen Blank (attribution unverified)" in sources
    for claim_id in ("1-01", "3-10", "5-07"):
        assert claim_id in sources
    methods = Page(html / "methods.html").text
    assert "What the book does not measure" in methods
    assert "claims.csv" in Page(html / "data.html").text and "events.csv" in Page(html / "data.html").text
    assert "data.html" in Page(html / "methods.html").links
    assert "Rhetoric weighted half" in methods
    assert "A worked example. Take " in methods and "How sure the index is" in methods
    assert "IPython" not in methods and re.search(r"±\s*1/3", methods)  # the glued threshold, not an object's repr


# --- reader experience: figures, downloads, references, build date and data vintage --------------------


def _pages(book: Path) -> list[Path]:
    return sorted((book / "_build" / "html" / "chapters").rglob("*.html"))


def test_every_chart_is_a_figure_with_alt_text_and_a_caption(book):
    charts = 0
    for path in _pages(book):
        page = Page(path)
        images = [alt for src, alt in zip(page.images, page.alts, strict=True) if src.startswith("data:image/svg+xml")]
        assert all(alt and len(alt) > 40 for alt in images), path
        assert page.figures == page.figcaptions == len(images), path
        charts += len(images)
    # votes, timeline, trade, shares, remittances per country with the series; five charts in the regional chapter
    assert charts >= 5 + 5 * 3
    kaz = Page(book / "_build" / "html" / "chapters" / "countries" / "kaz.html")
    assert any(
        alt.startswith("Dot chart of votes on 26 Ukraine-related")
        and "68/262 (27 March 2014) to ES-11/10 (24 February 2026)" in alt
        and "Kazakhstan: abstain 17, no 8, not voting 1" in alt
        for alt in kaz.alts
        if alt
    )


def test_every_page_shows_the_build_date_and_data_vintage(book):
    from stancebook import data
    from stancebook.compute import vintage

    expected = vintage.vintage(data.load(book / "data"))
    for path in [book / "_build" / "html" / "chapters" / "intro.html", *_pages(book)]:
        text = Page(path).text
        assert re.search(r"Built \d{1,2} \w+ 20\d\d\. Data: UN votes to", text), path
        assert f"data fingerprint {expected.fingerprint}" in text, path


def test_every_chapter_can_be_downloaded_as_a_notebook(book):
    html = book / "_build" / "html"
    for path in _pages(book):
        if path.name in ("references.html", "intro.html"):
            continue  # written in Markdown, downloadable as .md
        page = Page(path)
        ipynb = [href for href in page.links if href.endswith(".ipynb")]
        assert ipynb, path
        assert (path.parent / ipynb[0]).resolve().is_file(), ipynb[0]
        assert (path.parent / ipynb[0]).resolve().is_relative_to(html)


def test_data_page_links_every_table_for_download(book):
    from stancebook.data.schemas import TABLES

    html = book / "_build" / "html"
    page = Page(html / "chapters" / "data.html")
    for table in TABLES:
        assert f"../data/{table.file}" in page.links, table.file
        copy = html / "data" / table.file
        assert copy.read_bytes() == (book / "data" / table.file).read_bytes(), table.file
        assert table.description.split(",")[0] in page.text, table.name
    assert "Eurostat (European Commission)" in page.text and "182 news or official web pages" in page.text
    assert "data fingerprint" in page.text and "IPython" not in page.text


def test_references_list_the_articles_and_every_source_and_chapters_cite_them(book):
    from stancebook import data

    ds = data.load(book / "data")
    html = book / "_build" / "html"
    refs = (html / "chapters" / "references.html").read_text(encoding="utf-8")
    # anchors are ref-<group>-<key>: 1 the articles, 2 the data sources, 3 the press and web pages
    for sid in ds.sources.index:
        assert f'id="ref-{3 if sid.startswith("web-") else 2}-{sid}"' in refs, sid
    for key in ("the-insider-2022", "eurasia-daily-monitor-2022", "umarov-2022", "badar-2023", "novastan-2023"):
        assert f'id="ref-1-{key}"' in refs, key
    text = Page(html / "chapters" / "references.html").text
    assert "Unverified: author and date. The publisher's own address could not be found." in text
    # in-text citations link to the references page
    kaz = Page(html / "chapters" / "countries" / "kaz.html")
    assert (
        "../references.html#ref-2-undl-ga-voting" in kaz.links and "../references.html#ref-2-kaz-bns-trade" in kaz.links
    )
    sources = Page(html / "chapters" / "sources.html")
    assert "references.html#ref-1-umarov-2022" in sources.links and "Umarov (2022)" in sources.text


def test_references_read_as_a_bibliography_of_documents_with_state_media_flagged(book):
    from stancebook import data

    ds = data.load(book / "data")
    text = Page(book / "_build" / "html" / "chapters" / "references.html").text
    assert "Report on " not in text  # an unknown headline is said to be unknown, not invented
    confirmed = ds.sources[(ds.sources["title_status"] == "confirmed") & ds.sources.index.str.startswith("web-")]
    missing = [t for t in confirmed["title"] if t.replace("\u2019", "'") not in text]
    assert not missing, f"the pages' own headlines: {missing[:3]}"
    assert "Russia extends Tajik base lease for 30-years" in text
    assert text.count("Headline not confirmed.") == int((ds.sources["title_status"] == "unconfirmed").sum())
    assert "Russian state media. Reports Russian Interior Ministry." in text


def test_methods_page_states_the_policy_the_grades_and_what_changed(book):
    from stancebook import data
    from stancebook.present.chapters import methods

    ds = data.load(book / "data")
    facts = methods.facts(ds)
    page = Page(book / "_build" / "html" / "chapters" / "methods.html")
    text = page.text
    assert "What changed in this edition" in text and facts["review_text"] in text
    assert f"the review made {facts['n_revisions']} changes" in text
    assert "disinformation outlet nothing 0" in text  # the policy table: no source on a disinformation outlet
    for reason in ds.revisions["reason"].head(20):
        assert reason in text
    kgz = Page(book / "_build" / "html" / "chapters" / "countries" / "kgz.html").text
    assert "not scored (act or statement of another state)" in kgz  # the Kremlin's account of a call
    tjk = Page(book / "_build" / "html" / "chapters" / "countries" / "tjk.html").text
    assert "US$4.63 billion" in tjk and "+23%" in tjk  # the World Bank's own file against the ADB-reported figure
    assert "RIA Novosti (Russian state media)" in kgz  # the 2023 trade total, an official's figure relayed by RIA


def _soup(path: Path):
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_chart_links_a_csv_of_what_it_plots_and_names_its_sources_in_text(book):
    import base64
    import csv
    import io

    figures = 0
    for path in _pages(book):
        soup = _soup(path)
        for cell in soup.select("div.cell"):
            # charts shown together with one source name it once, under the last of them
            shown = cell.select("figure.stancebook-figure")
            assert not shown or shown[-1].select_one("p.stancebook-source") is not None, path
        for fig in soup.select("figure.stancebook-figure"):
            figures += 1
            link = fig.select_one("a.stancebook-data")
            assert link is not None and link["download"].endswith(".csv"), path
            head, _, payload = link["href"].partition(",")
            assert head == "data:text/csv;charset=utf-8;base64", path
            rows = list(csv.reader(io.StringIO(base64.b64decode(payload).decode("utf-8"))))
            assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows), (path, link["download"])
            source = fig.select_one("p.stancebook-source")
            assert source is None or source.get_text().startswith("Source:"), (path, link["download"])
    assert figures >= 5 + 5 * 3


def test_the_book_opens_with_key_findings_linked_to_their_evidence(book):
    html = book / "_build" / "html"
    assert "chapters/findings.html" in (html / "index.html").read_text(encoding="utf-8")
    page = html / "chapters" / "findings.html"
    soup = _soup(page)
    lists = soup.select("ol.stancebook-findings")
    assert len(lists) == 3  # one per question
    links = [a["href"] for ol in lists for a in ol.select("p.stancebook-evidence a")]
    assert links
    for href in links:
        target, _, anchor = href.partition("#")
        dest = (page.parent / target).resolve()
        assert dest.is_file(), href
        assert _soup(dest).find(id=anchor) is not None, href
    text = soup.get_text(" ")
    assert "How sure: Low." in text and "Tajikistan stands closest to Moscow" in text


def test_every_country_chapter_starts_with_its_card(book):
    for path in sorted((book / "_build" / "html" / "chapters" / "countries").glob("*.html")):
        article = _soup(path).select_one("article.bd-article")
        card = article.select_one(".stancebook-card")
        assert card is not None, path
        first_h2 = article.select_one("h2")
        assert card.sourceline < first_h2.sourceline, path  # before the first section
        assert len(card.select(".stancebook-tile")) == 5, path


def test_a_downloaded_chapter_reruns_on_its_own(book, tmp_path):
    """The notebook a reader downloads from a chapter page runs outside the book's folder once it is told where
    the data are, and says what to do when it is not."""
    import os
    import shutil

    import papermill

    download = book / "_build" / "html" / "_sources" / "chapters" / "countries" / "kaz.ipynb"
    elsewhere = tmp_path / "Downloads"
    elsewhere.mkdir()
    copy = Path(shutil.copy(download, elsewhere / "kaz.ipynb"))
    howto = nbformat.read(copy, as_version=4).cells[0]
    assert howto.source.startswith("# How to run this notebook yourself") and "STANCEBOOK_DATA" in howto.source
    env = {k: v for k, v in os.environ.items() if k != "STANCEBOOK_DATA"}
    old = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(env)
        with pytest.raises(papermill.PapermillExecutionError, match="is not a folder"):
            papermill.execute_notebook(copy, elsewhere / "failed.ipynb", cwd=elsewhere, progress_bar=False)
        os.environ["STANCEBOOK_DATA"] = str(book / "data")
        papermill.execute_notebook(copy, elsewhere / "rerun.ipynb", cwd=elsewhere, progress_bar=False)
    finally:
        os.environ.clear()
        os.environ.update(old)
    rerun = (elsewhere / "rerun.ipynb").read_text(encoding="utf-8")
    assert "stancebook-card" in rerun and "Kazakhstan at a glance" in rerun


def test_the_long_lists_of_a_country_page_are_folded(book):
    """Events, claims, votes and the other figures sit in folded sections of the page; the summary says what and
    how many rows."""
    from stancebook.present.tables import FOLD_ROWS

    page = book / "_build" / "html" / "chapters" / "countries" / "kaz.html"
    soup = _soup(page)
    for uuid in ("events-kaz", "claims-kaz", "votes-kaz", "trade-other-kaz", "indicators-kaz-remittances"):
        table = soup.find(id=f"T_{uuid}")
        assert table is not None, uuid
        fold = table.find_parent("details")
        assert fold is not None and "open" not in fold.attrs, uuid
        assert re.search(r"\(\d+ rows\)$", fold.summary.get_text()), fold.summary.get_text()
    # the section's point stays open: the stance on each dimension
    stance = soup.find(id="T_stance-kaz")
    assert stance is not None and stance.find_parent("details") is None
    opinion = soup.find(id="T_indicators-kaz-opinion")
    assert (opinion.find_parent("details") is None) == (len(opinion.select("tbody tr")) <= FOLD_ROWS)


def test_every_country_has_a_trade_chart_its_own_or_its_partners(book):
    """A country without its own trade statistics gets its partners' records, titled as such; one with them gets
    its own series, and the comparison with China's customs where both exist."""
    for path in sorted((book / "_build" / "html" / "chapters" / "countries").glob("*.html")):
        soup = _soup(path)
        names = [a["download"] for a in soup.select("figure.stancebook-figure a.stancebook-data")]
        iso3 = path.stem
        trade = [n for n in names if n.startswith("trade-")]
        if path.stem in ("tjk", "tkm"):
            assert trade == [f"trade-partner-records-{iso3}.csv"], (iso3, names)
            assert "as those partners record it" in soup.get_text()
        elif iso3 != "mda":
            assert f"trade-{iso3}.csv" in trade and f"trade-shares-{iso3}.csv" in trade, (iso3, names)
    kgz = [
        a["download"]
        for a in _soup(book / "_build" / "html" / "chapters" / "countries" / "kgz.html").select("a.stancebook-data")
    ]
    assert "trade-china-records-kgz.csv" in kgz
