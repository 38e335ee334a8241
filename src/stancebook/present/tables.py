"""The pieces every chapter shows besides charts: HTML tables, paragraphs and notes, source lines.

Every cell, label and sentence passes through ``stancebook.present.escape`` on its way into the page: a value
is escaped unless it is already ``Markup`` (HTML this package built from escaped parts), so text from
``data/`` is shown as text whatever it holds.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from pandas.io.formats.style import Styler

from ..compute.sources import is_press
from ..data import Dataset
from ..data.vocab import STATE_MEDIA
from . import escape
from .escape import Markup
from .text import OUTLET_TYPE_LABELS, period_label

TABLE_STYLES = [
    {"selector": "th", "props": "text-align: left; padding: 0.25em 0.5em;"},
    {"selector": "td", "props": "padding: 0.25em 0.5em;"},
]


def _cell(value: object) -> str:
    """A cell's HTML: Markup as it is, anything else escaped as text ('' for a missing value)."""
    return str(escape.html(value))


def styled(
    frame: pd.DataFrame,
    uuid: str,
    kind: str = "stancebook-figures",
    css: pd.DataFrame | None = None,
    index: bool = False,
    header: bool = True,
    extra_styles: list[dict] | None = None,
) -> Styler:
    """The book's HTML table for ``frame``: every cell and label escaped (unless Markup), the house styles, a
    stable element id (``uuid``), and ``css`` (a frame of the same shape, or None) as each cell's style.

    The cell styles come from codes the caller knows (a vote, a position, a verdict), never from the text
    shown in the cell."""
    cells = frame.map(_cell)
    # the frame's own labels may repeat or clash (a country called "Date" in a table with a Date column):
    # the table is keyed by position, and the labels are only what its header shows
    cells.columns = range(frame.shape[1])
    cells.index = range(frame.shape[0])
    styler = cells.style
    if css is not None:
        css_frame = pd.DataFrame(css.to_numpy(), index=cells.index, columns=cells.columns).fillna("")
        styler = styler.apply(lambda _: css_frame, axis=None)
    # (a function, not Styler.relabel_index, which would read each label as a str.format pattern)
    column_labels, row_labels = [_cell(c) for c in frame.columns], [_cell(i) for i in frame.index]
    styler = styler.format_index(lambda i: column_labels[i], axis="columns")
    if index:
        styler = styler.format_index(lambda i: row_labels[i], axis="index")
    else:
        styler = styler.hide(axis="index")
    if not header:
        styler = styler.hide(axis="columns")
    return (
        styler.set_table_styles(TABLE_STYLES + (extra_styles or []))
        .set_uuid(uuid)
        .set_table_attributes(f'class="stancebook-table {kind}"')
    )


#: a table with more rows than this is folded under a one-line summary in HTML (the reader opens it; the
#: browser's find-in-page searches folded tables too); the PDF prints every table open
FOLD_ROWS = 8


def folded(
    table: Styler | None, what: str, above: int = FOLD_ROWS, in_print: object = None, inside: Markup | None = None
) -> Styler | Markup | None:
    """``table``, or, when it has more than ``above`` rows, the table folded (an HTML ``<details>`` element)
    under 'what (N rows)': a long list of events or figures does not bury the section's point. (A table of
    few but long rows, such as the claims with their evidence, is folded with ``above=0``; ``inside`` goes in the
    fold after the table, such as its source line.) The PDF prints it open, or, given ``in_print``, prints that
    sentence in its place (for a table the PDF has elsewhere)."""
    if table is None:
        return None
    rows = table.data.shape[0]
    if rows <= above:
        return table
    screen = " stancebook-screen-only" if in_print is not None else ""
    fold = Markup('<details class="stancebook-fold{}"><summary>{} ({} rows)</summary>{}{}</details>').format(
        screen, what, rows, Markup(table.to_html()), inside or Markup("")
    )
    if in_print is None:
        return fold
    return fold + paragraph(in_print, css_class="stancebook-print-only")


def show(*blocks: Styler | Markup | None) -> None:
    """Display tables and HTML blocks in the notebook, in order (None is skipped)."""
    from IPython.display import HTML, display

    for block in blocks:
        if block is None:
            continue
        display(block if isinstance(block, Styler) else HTML(str(block)))


def paragraph(*parts: object, css_class: str | None = None) -> Markup:
    """One paragraph from pieces of text and Markup (text escaped)."""
    attr = Markup(' class="{}"').format(css_class) if css_class else Markup("")
    return Markup("<p{}>{}</p>").format(attr, escape.join(parts))


def strong(text: object) -> Markup:
    return Markup("<strong>{}</strong>").format(text)


def em(text: object) -> Markup:
    return Markup("<em>{}</em>").format(text)


def code(text: object) -> Markup:
    return Markup("<code>{}</code>").format(text)


def lines(items: Iterable[object]) -> Markup:
    """A bulleted list; an item may be a list of pieces of text and Markup."""
    return Markup("<ul>{}</ul>").format(
        escape.join(Markup("<li>{}</li>").format(escape.join(i) if isinstance(i, (list, tuple)) else i) for i in items)
    )


def no_data(title: object, reason: object = "") -> Markup:
    """'**No data: title.** reason', for a table or chart the data cannot fill."""
    title = str(title).rstrip(".")
    return paragraph(strong(f"No data: {title}."), " " if reason else "", reason, css_class="stancebook-no-data")


def no_data_line(text: object) -> Markup:
    """'**No data:** text' (a table the data cannot fill, said in a sentence)."""
    return paragraph(strong("No data:"), " ", text, css_class="stancebook-no-data")


def note(text: object, label: str = "Note.") -> Markup:
    return paragraph(strong(label), " ", text, css_class="stancebook-note")


def small(*parts: object) -> Markup:
    """The note under a table (what its cells mean, and where its figures come from)."""
    return paragraph(*parts, css_class="stancebook-table-note")


def outlet_flag(ds: Dataset, source_id: str) -> str | None:
    """What a reader must know about a source's outlet where it is shown: state-affiliated media, or an
    aggregator or reprint site; None for the others."""
    kind = ds.outlets.at[ds.sources.at[source_id, "outlet"], "type"]
    return OUTLET_TYPE_LABELS[kind] if kind in (*STATE_MEDIA, "aggregator") else None


def source_link(ds: Dataset, source_id: str, text: object = None) -> Markup:
    """The source's publisher (or ``text``), linked to its page."""
    s = ds.sources.loc[source_id]
    return escape.link(s["url"], s["publisher"] if text is None else text)


def source_links(ds: Dataset, ids: str | list[str]) -> Markup:
    """Several sources (a ';'-joined cell or a list) as links, each outlet named once: its first page linked by
    its name, any further pages as [2], [3]; state-affiliated media and reprints flagged."""
    ids = ids.split(";") if isinstance(ids, str) else ids
    outlets: dict[str, list[str]] = {}
    for i in dict.fromkeys(ids):
        outlets.setdefault(str(ds.sources.at[i, "publisher"]), []).append(i)
    parts = []
    for pages in outlets.values():
        links = [source_link(ds, pages[0])] + [source_link(ds, i, f"[{n}]") for n, i in enumerate(pages[1:], 2)]
        flag = outlet_flag(ds, pages[0])
        parts.append(escape.join(links, " ") + (Markup(" ({})").format(flag) if flag else ""))
    return escape.join(parts, "; ")


def source_entry(ds: Dataset, source_id: str) -> Markup:
    """A data source: 'Publisher, <a>Title</a> (version)'; a web page: 'Outlet (flag), <a>Headline</a>, date,
    reporting whom'; a headline that could not be confirmed is said to be so."""
    s = ds.sources.loc[source_id]
    if not is_press(source_id):
        return Markup("{}, {} ({})").format(s["publisher"], escape.link(s["url"], s["title"]), s["version"])
    flag = outlet_flag(ds, source_id)
    parts = [Markup("{} ({})").format(s["publisher"], flag) if flag else escape.html(s["publisher"])]
    confirmed = s["title_status"] == "confirmed"
    parts.append(escape.link(s["url"], s["title"] if confirmed else "page (headline not confirmed)"))
    if pd.notna(s["published"]):
        parts.append(escape.html(period_label(s["published"])))
    if pd.notna(s["relays"]):
        parts.append(Markup("reporting {}").format(s["relays"]))
    return escape.join(parts, ", ")


def source_line(ds: Dataset, source_ids: Iterable[str], note_text: object = None, also: object = None) -> Markup:
    """The source line under a table or chart: every source named, each once, in first-use order (then
    ``also``, sources said in words, such as the outlets of pages linked elsewhere)."""
    entries = escape.join([*(source_entry(ds, i) for i in dict.fromkeys(source_ids)), *([also] if also else [])], "; ")
    line = paragraph("Source: ", entries, ".", css_class="stancebook-source")
    return paragraph(note_text, css_class="stancebook-table-note") + line if note_text else line


def press_note(ds: Dataset, ids: Iterable[str], where: str) -> str | None:
    """How many news and official pages stand behind a table's events (they are linked event by event)."""
    press = [i for i in dict.fromkeys(ids) if is_press(i)]
    if not press:
        return None
    return (
        f"Events: {len(press)} news and official web pages, each linked beside its event {where} "
        "(and in data/events.csv)."
    )
