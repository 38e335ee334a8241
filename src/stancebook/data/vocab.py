"""The book's vocabularies: the codes that cells of ``data/`` may hold, and the few fixed facts the book is
built around (which country it compares with, when the full-scale invasion began).

Codes only: what a code is called on a page is presentation (``stancebook.present.text``).
"""

from __future__ import annotations

import pandas as pd

# --- countries and partners ------------------------------------------------------------------------------
ROLES = ("focus", "comparison")
#: the country every stance is measured against
RUSSIA = "RUS"
CHINA, EU, TURKEY, WORLD = "CHN", "EU27", "TUR", "WLD"
#: the trade partners drawn in the charts, in legend order
TRADE_PARTNERS = (RUSSIA, CHINA, EU, TURKEY)
#: groups of countries that some rows may name instead of one country
AGGREGATES = {"CA5": "the five Central Asian states together"}
REGION = "CA5"

# --- dates the book is built around ---------------------------------------------------------------------
#: the start of Russia's full-scale invasion of Ukraine
INVASION = pd.Timestamp("2022-02-24")
#: the year before the invasion: the base of every index and of every before-and-after comparison
BASE_YEAR = INVASION.year - 1
#: Russia's "partial mobilisation" decree, after which many Russian citizens left for Central Asia
MOBILISATION = pd.Timestamp("2022-09-21")

# --- UN votes -------------------------------------------------------------------------------------------
VOTE_CODES = ("Y", "N", "A", "X")
#: codes that record a position (not voting does not)
CAST = ("Y", "N", "A")
SYMBOL_BASES = ("certain", "recalled", "inferred", "unknown")
#: the run of texts a resolution belongs to, so that like can be compared with like before and after the invasion
RESOLUTION_SERIES = (
    "territorial_integrity",
    "crimea_human_rights",
    "crimea_militarisation",
    "emergency_special_session",
    "nuclear_safety",
)

# --- trade ----------------------------------------------------------------------------------------------
FLOWS = ("export", "import", "turnover")
BASES = ("goods", "goods_and_services", "not_stated")
REPORTED_BY = ("reporter", "partner", "statement")
CHANNELS = ("data_file", "press")
FIGURES = ("published", "derived")
PRECISIONS = ("as_published", "rounded", "approximate", "lower_bound", "range", "not_published")
YES_NO = ("yes", "no")

# --- indicators -----------------------------------------------------------------------------------------
TOPICS = ("trade", "remittances", "migration", "mobilisation", "economy", "opinion")
#: the primary remittance series drawn in the charts (World Bank WDI, % of GDP)
REMITTANCES = "remittances_pct_gdp"
#: other published estimates of the same ratio, listed beside the primary series
OTHER_REMITTANCE_SHARES = ("remittances_pct_gdp_knomad", "remittances_pct_gdp_wb", "remittances_pct_gdp_wb_adb")
#: the World Bank's remittances in US$, read from its own bulk file, and the other published estimates in US$
REMITTANCES_USD = "remittances_usd_wdi"
OTHER_REMITTANCE_USD = ("remittances_usd_knomad", "remittances_usd_wb_adb")

# --- stance ---------------------------------------------------------------------------------------------
#: what a stance event is about; UN votes are not events in the CSV (they come from unga_votes.csv)
EVENT_CATEGORIES = (
    "recognition",
    "sanctions",
    "security",
    "rhetoric",
    "symbolic_domestic",
    "humanitarian",
    "leader_visit",
    "multilateral",
    "migration",
    "western_designation",
)
#: events by other states about the country: listed, not part of its own stance
EXTERNAL = "western_designation"
#: the category of a UN vote read as a stance event
UN_VOTE = "un_vote"
#: which way an event moves the country relative to Moscow
DIRECTIONS = ("toward_russia", "hedging", "away_from_russia")
#: who acted: only a state's own acts (its leaders, government, parliament, courts, state bodies) count toward
#: its stance; acts of firms, of the press and of other states about it are listed, never scored
ACTOR_TYPES = ("state", "firm", "press", "other_state")
#: institutions and ties recorded in institutions.csv, in the order the book lists them
INSTITUTIONS = ("CSTO", "EAEU", "CIS", "SCO", "OTS", "BRICS", "RUS_MILITARY", "TALIBAN", "ICC")
#: the ties the regional matrix compares (the others are shown on country pages only)
CORE_TIES = ("CSTO", "EAEU", "CIS", "SCO", "OTS", "BRICS", "RUS_MILITARY")

# --- the source articles --------------------------------------------------------------------------------
CHECK_STATUS = ("verified", "unverified", "not_found")
URL_STATUS = ("verified", "listing_page", "copy", "not_found")
PORTRAYALS = (*DIRECTIONS, "mentioned")
VERDICTS = ("supported", "partly_supported", "misstated", "not_verifiable")
CLAIM_TOPICS = (
    "un_votes",
    "recognition",
    "sanctions",
    "security",
    "rhetoric",
    "symbolic_domestic",
    "leader_visits",
    "diplomacy",
    "institutions",
    "trade",
    "energy",
    "migration",
    "remittances",
    "opinion",
    "other",
)
#: kinds of evidence a claim may cite, and what follows the colon
EVIDENCE_KINDS = {
    "event": "an event_id in events.csv",
    "tie": "COUNTRY/INSTITUTION in institutions.csv",
    "vote": "COUNTRY/RES_ID in unga_votes.csv",
    "trade": "REPORTER/PARTNER/YEAR/FLOW in trade.csv",
    "indicator": "COUNTRY/INDICATOR/PERIOD in indicators.csv",
    "source": "a source_id in sources.csv",
}

# --- sources --------------------------------------------------------------------------------------------
#: source ids of news and official web pages (the evidence for dated events) start with this
PRESS_PREFIX = "web-"
#: kinds of outlet in the source policy (data/outlets.csv), and what each may carry
OUTLET_TYPES = {
    "official": "anything: it is the primary source for what its state or body did and said",
    "intergovernmental": "anything: the organisation's own records",
    "academic": "anything",
    "independent_media": "anything",
    "state_media_russia": "only what officials said, naming the official; flagged as Russian state media",
    "state_media_other": "only what officials said, naming the official; flagged as state-affiliated media",
    "aggregator": "nothing on its own: a row that cites it must also cite a source of another kind",
    "disinformation": "nothing",
}
STATE_MEDIA = ("state_media_russia", "state_media_other")
#: outlets that are primary sources for what a state or an organisation did
PRIMARY = ("official", "intergovernmental")
#: outlets whose reports count as independent confirmation of an event
INDEPENDENT = ("independent_media", "academic")
#: whether a source's headline (and date) were read on the page itself
TITLE_STATUS = ("confirmed", "unconfirmed")
#: how well an event is sourced, computed from its sources (compute.sources.grade), strongest first
GRADES = ("primary", "corroborated", "single", "state_media")
#: the kinds of change the list of revisions records (data/revisions.csv)
REVISION_CHANGES = (
    "source added",
    "source removed",
    "source replaced",
    "dropped",
    "edited",
    "doubt recorded",
    "not scored: firm",
    "not scored: press",
    "not scored: other_state",
)
