"""The glue registry: every value a chapter's prose takes from the computations, declared once.

A template's Markdown names a value as ``{glue:text}`key```; the chapter's module computes it
(``chapters.<name>.facts``) and :func:`glue` hands it to myst-nb. Both sides are held to this registry:

- the build refuses a template that names a key the registry does not declare for its chapter, or that uses
  any other glue role (``stancebook.builder.plan.render``), before anything is executed;
- :func:`glue` refuses facts that miss a declared key, add an undeclared one, or give a value of the wrong
  kind, so the notebook fails instead of publishing a blank.

Every value is glued as plain text (a ``str``, or an ``int`` for a count), and ``{glue:text}`` shows it as
literal text: nothing in it is read as Markdown, whatever it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: the one glue role a template may use
ROLE = "glue:text"
_REFERENCE = re.compile(r"\{(glue(?::\w+)?)\}`([^`]*)`")


@dataclass(frozen=True)
class Key:
    name: str
    #: "text" (a sentence, a name, a list of names, a formatted figure) or "count" (a whole number)
    kind: str
    means: str


def _keys(*specs: tuple[str, str, str]) -> dict[str, Key]:
    return {name: Key(name, kind, means) for name, kind, means in specs}


REGISTRY: dict[str, dict[str, Key]] = {
    "country": _keys(
        ("stance_text", "text", "the paragraph opening the stance section"),
        ("votes_intro", "text", "which resolutions the book follows, before and after the invasion"),
        ("votes_text", "text", "the country's votes since the invasion, and how often they matched Russia's"),
        ("votes_change", "text", "whether its voting changed after the invasion, overall and like for like"),
        ("trade_text", "text", "the paragraph opening the trade section"),
        ("remittance_text", "text", "the paragraph opening the remittance section"),
        ("other_trade_text", "text", "how many other trade figures there are and how many differ from its own"),
        ("other_remittance_text", "text", "who published the other remittance figures, and what they count"),
        ("invasion_date", "text", "the date of the full-scale invasion"),
        ("mobilisation_date", "text", "the date of Russia's mobilisation decree"),
    ),
    "findings": _keys(
        ("n_focus", "count", "focus countries"),
        ("focus_names", "text", "their names"),
        ("sure_rule", "text", "how the findings are graded high, medium or low"),
    ),
    "region": _keys(
        ("n_focus", "count", "focus countries"),
        ("focus_names", "text", "their names"),
        ("invasion_date", "text", "the date of the full-scale invasion"),
        ("n_dimensions", "count", "dimensions of the stance table"),
        ("visits_toward", "text", "the countries whose leader visits lean toward Moscow"),
        ("differ_most", "text", "the dimensions on which the countries' scores differ most"),
        ("fewest_dims_country", "text", "the country with the fewest dimensions scored"),
        ("fewest_dims", "count", "how many dimensions it has scored"),
        ("min_events", "count", "the fewest events a dimension is scored from"),
        ("min_dimensions", "count", "the fewest dimensions scored for a country to be placed"),
        ("level", "text", "the coverage of the index's resampling interval"),
        ("index_top", "text", "who is placed, who is highest, and whether the intervals order them"),
        ("variants_text", "text", "the codings the sensitivity table compares"),
        ("n_post", "count", "resolutions since the invasion"),
        ("n_slots", "count", "votes the focus countries could have cast on them"),
        ("n_cast", "count", "votes they cast"),
        ("n_abstain", "count", "abstentions"),
        ("n_no", "count", "no votes"),
        ("n_yes", "count", "yes votes"),
        ("n_not_voting", "count", "times they did not vote"),
        ("ever_yes", "text", "focus countries that voted yes at least once"),
        ("never_voted", "text", "focus countries that never voted"),
        ("top_no_label", "text", "the resolution most focus countries voted against"),
        ("top_no_title", "text", "its title"),
        ("top_no_count", "count", "how many voted against it"),
        ("votes_change_text", "text", "whose voting changed after the invasion, against the baseline before it"),
        ("base_year", "count", "the year before the invasion, the base of every index"),
        ("turnover_text", "text", "how each country's trade with Russia moved"),
        ("trade_gaps_text", "text", "which countries the trade charts leave out"),
        ("share_text", "text", "how Russia's and China's shares of each country's trade moved"),
        ("china_text", "text", "how far China's customs records exceed each country's own"),
        ("services_note", "text", "which countries' trade series include services"),
        ("remittance_text", "text", "which countries depend most on remittances"),
        ("estimates_text", "text", "who else estimated remittances as % of GDP, and how many differ"),
        ("reexport_text", "text", "the EU-side and own-side indices of imports from the EU"),
    ),
    "sources": _keys(
        ("n_articles", "count", "source articles"),
        ("articles_span", "text", "when they were published"),
        ("n_claims", "count", "claims checked"),
        ("n_supported", "count", "claims supported"),
        ("n_partly", "count", "claims partly supported"),
        ("n_misstated", "count", "claims misstated"),
        ("n_not_verifiable", "count", "claims the data cannot test"),
        ("n_unverified_meta", "count", "articles with an unconfirmed author, date or address"),
        ("mostly_agreed_on", "text", "countries the articles mostly agree on"),
        ("split_on", "text", "countries they are split on"),
        ("n_since_then", "count", "claims for which later data are reported apart from the verdict"),
        ("region_text", "text", "how the articles read the region as a whole"),
    ),
    "methods": _keys(
        ("n_events_total", "count", "rows of the events table"),
        ("events_span", "text", "the years the events cover"),
        ("n_designations_total", "count", "Western designations among them"),
        ("n_not_state", "count", "events that are acts of firms, the press or other states (not designations)"),
        ("n_doubtful_events", "count", "events whose occurrence is in doubt"),
        ("n_primary", "count", "state acts with a primary source"),
        ("n_corroborated", "count", "state acts reported by two or more independent outlets"),
        ("n_single_outlet", "count", "state acts reported by one independent outlet"),
        ("n_state_media_only", "count", "state acts resting only on state-affiliated media"),
        ("n_sources", "count", "rows of the sources table"),
        ("n_outlets", "count", "distinct outlets among the sources"),
        ("n_state_media_sources", "count", "sources on state-affiliated media"),
        ("n_revisions", "count", "changes the review of sources and events made"),
        ("n_rows_dropped", "count", "figure and tie rows dropped for want of an acceptable source"),
        ("n_events_dropped", "count", "events dropped"),
        ("n_sources_replaced", "count", "better sources added or put in place of weak ones"),
        ("review_text", "text", "what this edition's rules change in the index against the first edition's"),
        ("min_events", "count", "the fewest events a dimension is scored from"),
        ("min_dimensions", "count", "the fewest dimensions scored for a country to be placed"),
        ("draws", "text", "how many resampled sets of events the interval comes from"),
        ("level", "text", "the coverage of the index's resampling interval"),
        ("shared_text", "text", "the gatherings every focus state attended"),
        ("worked_example", "text", "one country's index worked through from its counts"),
        ("remittance_release", "text", "the release of the World Bank's remittance series"),
        ("tolerance", "text", "how far two remittance estimates may differ before the book flags them"),
        ("threshold", "text", "the score beyond which a position leans one way"),
        ("invasion_date", "text", "the date of the full-scale invasion"),
        ("fewest_events", "text", "the focus country with the fewest acts on record, and how many"),
    ),
    "data": _keys(
        ("vintage_text", "text", "how recent the data are, and their fingerprint"),
        ("n_tables", "count", "tables in data/"),
        ("n_data_sources", "count", "statistical sources"),
        ("n_press_sources", "count", "news and official web pages"),
        ("national_tables_text", "text", "whose national trade tables the importers read, and who has none"),
    ),
}


class GlueError(ValueError):
    """Facts and the registry disagree."""


def check_facts(chapter: str, facts: dict[str, object]) -> None:
    """Raise GlueError unless ``facts`` gives every key declared for ``chapter``, no other, each of its kind."""
    declared = REGISTRY[chapter]
    problems = []
    missing, extra = sorted(set(declared) - set(facts)), sorted(set(facts) - set(declared))
    if missing:
        problems.append(f"no value for {', '.join(missing)}")
    if extra:
        problems.append(f"{', '.join(extra)} not declared in stancebook.present.glue.REGISTRY['{chapter}']")
    for name, value in facts.items():
        key = declared.get(name)
        if key is None:
            continue
        if key.kind == "count" and (isinstance(value, bool) or not isinstance(value, int)):
            problems.append(f"{name} must be a whole number (found {value!r})")
        elif key.kind == "text" and (not isinstance(value, str) or not value.strip()):
            problems.append(f"{name} must be non-empty text (found {value!r})")
    if problems:
        raise GlueError(f"the {chapter} chapter's glued values: " + "; ".join(problems))


def glue(chapter: str, facts: dict[str, object]) -> None:
    """Check ``facts`` against the registry, then glue each value as plain text for ``{glue:text}``."""
    from myst_nb import glue as myst_glue

    check_facts(chapter, facts)
    for name, value in facts.items():
        myst_glue(name, value if isinstance(value, str) else int(value), display=False)


def references(markdown: str) -> list[tuple[str, str]]:
    """The glue references in a Markdown text, as (role, key) pairs."""
    return _REFERENCE.findall(markdown)


def check_template(chapter: str, markdown: str) -> list[str]:
    """What is wrong with the glue references of a template's Markdown: an undeclared key, or a role other
    than ``{glue:text}`` (which would read the value as Markdown, or paste an object's representation)."""
    problems = []
    for role, key in references(markdown):
        if role != ROLE:
            problems.append(f"{{{role}}}`{key}`: use {{{ROLE}}} (glued values are plain text)")
        elif key not in REGISTRY[chapter]:
            problems.append(
                f"{{{role}}}`{key}`: '{key}' is not declared for the {chapter} chapter in "
                "stancebook.present.glue.REGISTRY"
            )
    return problems
