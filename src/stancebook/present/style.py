"""One look for the whole book: the colours of votes, directions, positions and verdicts (shared by tables and
charts), and matplotlib's house style.

Country and partner colours are data (``countries.csv``, ``partners.csv``); everything else is here.
"""

from __future__ import annotations

#: colour-blind-safe fills for vote codes (Paul Tol's "light" scheme)
VOTE_COLOURS = {"Y": "#77AADD", "A": "#DDDDDD", "N": "#EE8866", "X": "#FFFFFF", "no data": "#F4F4F4"}
VOTE_EDGE = "#777777"
#: direction colours, the same as the vote colours they correspond to (yes = away, no = toward), and a marker
#: shape each, so that the direction never rests on colour alone
DIRECTION_STYLE = {
    "toward_russia": (VOTE_COLOURS["N"], "^"),
    "hedging": ("#BBBBBB", "o"),
    "away_from_russia": (VOTE_COLOURS["Y"], "v"),
}
#: cell fills for positions (and for the articles' portrayals), by code
POSITION_COLOURS = {
    "toward_russia": DIRECTION_STYLE["toward_russia"][0],
    "hedging": "#E4E4E4",
    "away_from_russia": DIRECTION_STYLE["away_from_russia"][0],
    # a state that cast no vote: the hatched white of 'did not vote' in the vote tables, in a fill of its own
    "did_not_vote": "#F3EEDC",
}
VERDICT_COLOURS = {
    "supported": "#BBDDBB",
    "partly_supported": "#EEEEBB",
    "misstated": "#EE8866",
    "not_verifiable": "#E4E4E4",
}
#: a cell that says there is nothing to show
EMPTY_CELL_CSS = "color: #777777; font-style: italic;"
#: lines drawn for comparison (other countries for scale, a country's own imports on the re-export chart)
CONTEXT_GREY, CONTEXT_LABEL, IMPORT_COLOUR = "#BBBBBB", "#888888", "#555555"
#: the grid and rule lines of every chart
GRID, RULE, NOTE = "#EEEEEE", "#777777", "#444444"

STYLE = {
    "figure.dpi": 110,
    "savefig.dpi": 200,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "legend.frameon": False,
    "figure.constrained_layout.use": True,
    # Text from data/ is text: a '$' in a name is a dollar sign, never the start of mathtext.
    "text.parse_math": False,
    "text.usetex": False,
    # text in SVG stays text (the tests read it back)
    "svg.fonttype": "none",
}


def apply() -> None:
    """Set the house style for every chart drawn afterwards in this process."""
    import matplotlib.pyplot as plt

    plt.rcParams.update(STYLE)


def position_css(code: object) -> str:
    """The fill of a cell showing a position or portrayal code (see ``compute.stance.POSITIONS``)."""
    colour = POSITION_COLOURS.get(str(code))
    return f"background-color: {colour};" if colour else EMPTY_CELL_CSS


def vote_css(code: object) -> str:
    """The fill of a cell showing a vote code (any other value: no data)."""
    key = code if code in VOTE_COLOURS else "no data"
    css = f"background-color: {VOTE_COLOURS[key]}; text-align: center; border: 1px solid {VOTE_EDGE};"
    if key == "X":
        css += " color: #555555; font-style: italic;"
    return css


def verdict_css(code: object) -> str:
    return f"background-color: {VERDICT_COLOURS.get(str(code), '#FFFFFF')};"
