"""The one escaping layer (stancebook.present.escape): text from data/ renders as exactly that text in every
output, whatever it holds. Property tests with Hypothesis, through the real parsers: MyST (markdown-it with the
extensions Jupyter Book enables), an HTML parser, pybtex, and matplotlib drawing to SVG."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from stancebook.data.schemas import is_web_url  # noqa: E402
from stancebook.present import escape, style, tables  # noqa: E402

#: any text a cell could hold: every Unicode character but lone surrogates (which no UTF-8 file can hold) and
#: control characters other than white space
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t"), min_size=1)
#: the markup this book must never let through, to mix into the generated text
HOSTILE = st.sampled_from(
    [
        "{download}`/etc/hostname`",
        "```{raw} html\n<script>alert(1)</script>\n```",
        "{include} /etc/passwd",
        "$x^2$",
        "$$\\int$$",
        "**bold**",
        "_em_",
        "<b>x</b>",
        "<script>alert(1)</script>",
        "&amp;",
        "[a](javascript:x)",
        "{{ name }}",
        "% comment",
        "(label)=",
        "# Heading",
        "1. item",
        "- [ ] task",
        ":::{note}\nx\n:::",
        "--",
        "''",
        "`code`",
        "\\",
        "{",
        "}",
        "|a|b|",
        "<!-- c -->",
        "www.example.org",
        "https://example.org/x?y=1",
    ]
)
HOSTILE_TEXT = st.lists(TEXT | HOSTILE, min_size=1, max_size=4).map(" ".join)
SETTINGS = settings(max_examples=300, deadline=None)


def collapsed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def html_text(markup: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts), parser.tags


@pytest.fixture(scope="module")
def myst():
    """MyST as Jupyter Book parses a page: markdown-it with the extensions of Jupyter Book's default config."""
    import jupyter_book
    import yaml
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    defaults = yaml.safe_load(
        (__import__("pathlib").Path(jupyter_book.__file__).parent / "default_config.yml").read_text(encoding="utf-8")
    )
    extensions = set(defaults["parse"]["myst_enable_extensions"])
    assert {"dollarmath", "linkify", "substitution", "colon_fence"} <= extensions
    return create_md_parser(MdParserConfig(enable_extensions=extensions), RendererHTML)


@SETTINGS
@given(HOSTILE_TEXT)
@example("a\n\n```{raw} html\n<script>alert(1)</script>\n```\n\n{download}`/etc/hostname`")
def test_markdown_renders_as_the_text_itself(myst, text):
    rendered = myst.render(escape.md(text))
    shown, tags = html_text(rendered)
    assert collapsed(shown) == collapsed(text)
    assert set(tags) <= {"p"}, rendered  # one paragraph of text: no heading, list, link, code, math or HTML


@SETTINGS
@given(HOSTILE_TEXT)
def test_html_shows_the_text_and_makes_no_element(text):
    shown, tags = html_text(str(tables.paragraph("Name: ", text)))
    assert shown == "Name: " + text and tags == ["p"]


@SETTINGS
@given(HOSTILE_TEXT)
def test_html_attribute_values_cannot_be_left(text):
    markup = str(escape.Markup('<span title="{}">x</span>').format(text))
    parser = _Text()
    attrs = []
    parser.handle_starttag = lambda tag, a: attrs.extend(a)
    parser.feed(markup)
    assert attrs == [("title", text)]


@SETTINGS
@given(HOSTILE_TEXT)
def test_bibtex_fields_read_back_as_the_text(text):
    from pybtex.database import parse_string
    from pybtex.richtext import Text

    db = parse_string("@misc{k,\n  title = {{" + escape.bibtex(text) + "}},\n}\n", "bibtex")
    back = Text.from_latex(db.entries["k"].fields["title"]).render_as("text")
    assert back == collapsed(text).replace("{", "(").replace("}", ")")  # braces: the one documented exception


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://stat.gov.kz/en/industries/economy/foreign-market/", True),
        ("http://example.org/a?b=1&c=%20d#frag", True),
        ('https://example.org/" onmouseover="alert(1)', False),
        ("https://example.org/'><script>alert(1)</script>", False),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("https:///no-host", False),
        ("https://example.org:99999/", False),
        ("ftp://example.org/file", False),
        ("https://exa mple.org/", False),
        ("//example.org/", False),
    ],
)
def test_the_url_rule_admits_only_web_addresses_that_cannot_break_out(url, ok):
    assert is_web_url(url) is ok
    if ok:
        assert 'href="' in str(escape.link(url, "x"))
    else:
        with pytest.raises(ValueError, match="not a link the book may show"):
            escape.link(url, "x")


def svg_texts(fig) -> list[str]:
    import io
    import xml.etree.ElementTree as ET

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    root = ET.fromstring(buffer.getvalue())
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
@settings(max_examples=40, deadline=None)
@given(
    st.text(st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=30)
    # matplotlib leaves labels starting with '_' out of legends by design
    .filter(lambda s: s.strip() == s and "  " not in s and not s.startswith("_"))
)
@example("$x^2$ and $\\alpha$")
@example("US$5.7 bn and US$3 bn")
def test_charts_draw_text_as_written(text):
    style.apply()
    fig, ax = plt.subplots()
    try:
        ax.set_title(text)
        ax.set_xticks([0], [text])
        ax.plot([0], [0], label=text)
        ax.legend()
        drawn = svg_texts(fig)
        assert drawn.count(text) >= 3, drawn
    finally:
        plt.close(fig)


def test_a_hostile_country_name_is_drawn_literally_in_a_real_chart(ds):
    """A real chart of the book with a name full of mathtext and markup: drawn as written in title, ticks and
    legend (the house style switches mathtext off)."""
    from stancebook.present import charts

    name = "Kaz$akh$stan <b>{x}</b>"
    countries = ds.countries.copy()
    countries.loc["KAZ", "name"] = name
    hostile = type(ds)(**{**ds.__dict__, "countries": countries})
    fig = charts.regional_vote_bars(hostile)
    try:
        assert name in svg_texts(fig)
    finally:
        plt.close(fig)
    fig = charts.vote_timeline(hostile, "KAZ")
    try:
        assert f"{name}'s votes on Ukraine-related UN General Assembly resolutions" in svg_texts(fig)
    finally:
        plt.close(fig)


def test_styled_tables_escape_every_cell_and_label_but_markup():
    frame = pd.DataFrame(
        {"<i>col</i>": ["<script>alert(1)</script>", escape.Markup("<b>kept</b>")]}, index=["<row>", "r2"]
    )
    html = tables.styled(frame, "t", index=True).to_html()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;i&gt;col&lt;/i&gt;" in html and "&lt;row&gt;" in html
    assert "<b>kept</b>" in html


# --- through the chapters' own tables ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def mini_ds(tmp_path_factory):
    from test_stance import EVENTS, write_tables

    return write_tables(tmp_path_factory.mktemp("mini"), EVENTS, un_record=False)


@settings(max_examples=60, deadline=None)
@given(name=HOSTILE_TEXT, summary=HOSTILE_TEXT)
@example(name="Date", summary="Subject")  # a name that is also a column's label
def test_a_name_and_a_summary_render_as_that_text_in_the_chapters_tables(mini_ds, name, summary):
    import dataclasses

    from stancebook.present.chapters import country, region

    countries = mini_ds.countries.copy()
    countries.loc["AAA", "name"] = name
    events = mini_ds.events.copy()
    events.loc[events["event_id"] == "AAA-2022-03-01", "summary"] = summary
    ds = dataclasses.replace(mini_ds, countries=countries, events=events)
    for styler in (
        country.vote_table(ds, "AAA"),
        country.events_table(ds, "AAA"),
        country.stance_table(ds, "AAA"),
        region.stance_matrix(ds),
        region.index_table(ds),
    ):
        shown, tags = html_text(styler.to_html())
        assert set(tags) <= {"style", "table", "thead", "tbody", "tr", "th", "td", "a", "br", "span"}, tags
        text = collapsed(shown)
        if styler.uuid in ("votes-aaa", "stance-matrix", "stance-index"):
            assert collapsed(name) in text, styler.uuid
        if styler.uuid in ("events-aaa", "stance-aaa"):
            assert collapsed(summary) in text, styler.uuid
