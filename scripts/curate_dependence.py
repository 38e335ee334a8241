"""Curate the trade, remittance and migration tables in ``data/`` from the research pack.

Run from the project root with the research pack beside the project::

    python scripts/curate_dependence.py [--research ../shared/research]

It reads ``trade/trade_figures.csv``, the Eurostat extract in ``trade/raw/``, ``migration/figures.csv`` (poll
results known only from an unverified relay are left out) and the World Bank's own file of remittances in US$
(``scripts/sources/worldbank/``, kept in the project), and writes

- ``data/trade.csv``: one row per published or derived figure, with its flags
  (who reported it, how it reached us, basis, precision, derived or published, primary);
- ``data/eu_exports.csv``: what the EU says it exported to each partner, in EUR;
- ``data/indicators.csv``: remittance, migration and macro figures, one row each;
- the matching rows of ``data/sources.csv`` (rows of other tables are kept).

It then adds the figures of the research pack's update (``update_2026/figures_2024_2026.csv``: 2024 to 2026) that
the book's review of each row keeps (``scripts/sources/update_2026_figures.csv``): trade for calendar years only
(a part of a year would read as a year's total; growth rates have no value), and the remittance and migration
figures, each from the pack's page or a better one found in the store, with the precision its wording gives. The
review says why every other row stays out (an aggregator alone, no stated year, a forecast, a region total).

``data/partners.csv``, ``data/indicator_definitions.csv`` and ``data/coverage_notes.csv``
are written by hand. Nothing is estimated: every value is copied from the research pack,
which records where each one came from. The book never reads the research pack.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from curation import arguments, cited_sources, update_sources, web_source, write

MIRROR_COMMIT = "4b6a5dfc864ab3352104974a4516458fd7347b38"
MIRROR_NOTE = (
    f"Read from the publisher's own spreadsheet, as downloaded by the maintainer of the GitHub project "
    f"mary-lev/eu-export-sanctions (Nov 2024 to Jan 2025; commit {MIRROR_COMMIT})."
)

#: the sources the book reads from data files, keyed by the research pack's source_name prefix
FILE_SOURCES = {
    "Bureau of National Statistics of Kazakhstan": {
        "source_id": "kaz-bns-trade",
        "publisher": "Bureau of National Statistics, Agency for Strategic Planning and Reforms of Kazakhstan",
        "title": "Main indicators of foreign trade, by country (annual spreadsheets)",
        "version": "editions for 2019 to 2023; the 2023 edition is dated 25 July 2024",
        "licence": "Public statistics; no open licence found on the site. Cite the Bureau of National Statistics.",
        "retrieval_note": MIRROR_NOTE + " Values in thousand US$, divided by 1,000. Up to the 2022 edition the "
        "EU block lists 28 members, the UK included.",
    },
    "National Statistical Committee of the Kyrgyz Republic - tables 4.03.00.18": {
        "source_id": "kgz-nsc-trade",
        "publisher": "National Statistical Committee of the Kyrgyz Republic",
        "title": "Geographic distribution of exports and imports of goods (tables 4.03.00.18 and 4.03.00.20)",
        "version": "series 1994 to 2023; 2023 imports marked preliminary",
        "licence": "Public statistics; listed as CC BY by the upstream project, not verified on the NSC site.",
        "retrieval_note": MIRROR_NOTE + " Values in thousand US$, divided by 1,000. The EU row equals EU27 + UK "
        "for 2015 to 2019 and EU27 from 2020.",
    },
    "National Statistical Committee of the Kyrgyz Republic - table 4.03.00.28": {
        "source_id": "kgz-nsc-trade-activity",
        "publisher": "National Statistical Committee of the Kyrgyz Republic",
        "title": "Imports by economic activity (table 4.03.00.28), total row",
        "version": "as read in the upstream download; a different vintage from tables 4.03.00.18/20",
        "licence": "Public statistics; listed as CC BY by the upstream project, not verified on the NSC site.",
        "retrieval_note": MIRROR_NOTE,
    },
    "Statistics Agency under the President of Uzbekistan - open-data": {
        "source_id": "uzb-stat-trade",
        "publisher": "Statistics Agency under the President of the Republic of Uzbekistan",
        "title": "Exports and imports by country (open-data SDMX datasets 1105 and 1176)",
        "version": "series 2010 to 2023 (revised figures)",
        "licence": "Open data of the Statistics Agency; terms not recorded upstream.",
        "retrieval_note": MIRROR_NOTE + " Values in thousand US$, divided by 1,000. The country rows add up to "
        "the headline foreign trade turnover, which in Uzbek methodology includes services.",
    },
    "Federal Customs Service of Russia": {
        "source_id": "rus-fcs-trade",
        "publisher": "Federal Customs Service of Russia",
        "title": "Main indicators of Russia's exports and imports by country (94itog.xlsx)",
        "version": "series 1994 to 2021; country data no longer published from 2022",
        "licence": "Attribution requested: 'According to data from the Federal Customs Service of Russia, posted "
        "on the official website of the FCS of Russia'.",
        "retrieval_note": MIRROR_NOTE + " Million US$. Russian exports are used as the partner's imports from "
        "Russia and Russian imports as its exports to Russia (mirror data). Turkmenistan is not "
        "in the file.",
    },
    "World Bank WDI BX.TRF.PWKR.DT.GD.ZS": {
        "source_id": "wdi-remittances-gdp",
        "publisher": "World Bank",
        "title": "World Development Indicators: Personal remittances, received (% of GDP), BX.TRF.PWKR.DT.GD.ZS",
        "version": "WDI update of April 2026, in a third party's extract; values rounded to 2 decimals",
        "licence": "CC BY 4.0 (World Bank)",
        "retrieval_note": "Read from a third party's extract, GitHub Fozich/uzbekistan-macro-tracker, "
        "data/remittances.csv (commit 7f8d21fb3aac43a2c31f2e6d3df6de1a0d62a938), made with the R WDI package: no "
        "World Bank file of this release could be found. The extract covers Kazakhstan, Kyrgyzstan, Tajikistan and "
        "Uzbekistan; it has no Kyrgyz values for 2023 and 2024 and no rows for Turkmenistan or Russia. Checked "
        "against the World Bank's own file of the release of 25 May 2022 (kept in scripts/sources/worldbank/): "
        "every value up to 2016 is the same to within 0.01 points; later values differ where the World Bank has "
        "revised its figures since (for Kyrgyzstan, Tajikistan and Uzbekistan).",
    },
    "World Bank WDI NY.GDP.MKTP.CD": {
        "source_id": "wdi-gdp",
        "publisher": "World Bank",
        "title": "World Development Indicators: GDP (current US$), NY.GDP.MKTP.CD",
        "version": "WDI vintage of about October 2024; latest year 2023",
        "licence": "CC BY 4.0 (World Bank)",
        "retrieval_note": "Read from the datahub core dataset GitHub datasets/gdp, data/gdp.csv (file last changed "
        "in commit 1cdcd2eb2364edd9da24bcbe134c1a9e0fb4c693, 21 October 2024).",
    },
    "World Bank WDI SP.POP.TOTL": {
        "source_id": "wdi-population",
        "publisher": "World Bank",
        "title": "World Development Indicators: Population, total, SP.POP.TOTL",
        "version": "WDI vintage of 2025/26; latest year 2024",
        "licence": "CC BY 4.0 (World Bank)",
        "retrieval_note": "Read from the datahub core dataset GitHub datasets/population, data/population.csv "
        "(commit 425fc447a53a26c767a15a7de60c4cc2478a0595, 6 March 2026).",
    },
    "UN DESA Population Division, International Migrant Stock 2024": {
        "source_id": "undesa-ims-2024",
        "publisher": "United Nations, Department of Economic and Social Affairs, Population Division",
        "title": "International Migrant Stock 2024, Table 1 (destination by origin)",
        "version": "2024 revision; mid-year estimates for 2015, 2020 and 2024",
        "licence": "UN data, free to use with attribution",
        "retrieval_note": "Read from a processed copy in GitHub Santix55/VD_ProyectoFinal_EstudioDemografico, "
        "data/processed/migration_corridors.csv (commit 4bb3e72df52b58f1486ec4362fd579aa10e6f143). "
        "The row for people born in Turkmenistan living in Russia was not in the parts read.",
    },
}

EUROSTAT = {
    "source_id": "eurostat-comext-eu27-exports",
    "publisher": "Eurostat (European Commission)",
    "title": "Comext, international trade in goods: EU27 exports by partner, total product, January to December",
    "url": "https://ec.europa.eu/eurostat/comext/newxtweb/",
    "version": "EU27_2020 reporter, downloads of 25 November 2024 (years 2010 to 2023)",
    "licence": "Eurostat reuse policy: free reuse with acknowledgement of the source",
    "retrieval_note": "Read from the Relational View downloads kept in GitHub mary-lev/eu-export-sanctions "
    f"(commit {MIRROR_COMMIT}). Euro, not converted to dollars.",
}

#: the World Bank's own bulk file of remittances in US$ (the rows of the focus countries are kept in the project)
WORLD_BANK_DIR = Path(__file__).parent / "sources" / "worldbank"
WDI_USD_FILE = "API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454__KAZ-KGZ-TJK-TKM-UZB-RUS.csv"
WDI_USD = {
    "source_id": "wdi-remittances-usd",
    "publisher": "World Bank",
    "title": "World Development Indicators: Personal remittances, received (current US$), BX.TRF.PWKR.CD.DT",
    "url": "https://data.worldbank.org/indicator/BX.TRF.PWKR.CD.DT",
    "version": "bulk download with Last Updated Date 1 July 2025; years to 2024",
    "licence": "CC BY 4.0 (World Bank)",
    "retrieval_note": "Read from the World Bank's own bulk file API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv, "
    "unmodified (SHA-256 254d1c23504fe34725a2203b02db5bdb2d5576b00eca3a2a816dfcd298a56557), as committed to GitHub "
    "sadiqalausgi/Yemen-Financial-Remittances-Project (commit c3a0e67f13e5197fca0547f65ba18775d83a6b46). "
    "Turkmenistan's cells hold 0 for 2019 to 2023, which the file does not explain: they are left out.",
}
#: the countries and years read from it
WDI_USD_COUNTRIES = ("KAZ", "KGZ", "TJK", "UZB")
WDI_USD_YEARS = range(2010, 2025)


def world_bank_rows(path: Path) -> list[dict]:
    """Indicator rows from a World Bank bulk file (four header lines, then one row per country and year columns):
    every non-empty value of the focus countries in the years read, as published."""
    with path.open(encoding="utf-8-sig") as f:
        lines = f.read().splitlines()
    if not lines[0].startswith('"Data Source","World Development Indicators"'):
        raise SystemExit(f"{path}: not a World Bank bulk file")
    rows = []
    for r in csv.DictReader(lines[4:]):
        if r["Country Code"] not in WDI_USD_COUNTRIES:
            continue
        for year in WDI_USD_YEARS:
            value = r.get(str(year), "")
            if value:
                rows.append(
                    {
                        "country": r["Country Code"],
                        "indicator": "remittances_usd_wdi",
                        "period": str(year),
                        "period_detail": "",
                        "value": value,
                        "value_high": "",
                        "precision": "as_published",
                        "unit": "USD",
                        "source_id": WDI_USD["source_id"],
                        "note": "",
                    }
                )
    return rows


#: press rows citing the reporting country's own statistics (everything else cited by the press is a statement)
REPORTER_STATS = (
    "Statistics Agency",
    "Customs Service of Tajikistan",
    "Kazakh official statistics",
    "National Bank",
    "Central Bank of Uzbekistan",
    "Kyrgyz FM",
    "Kyrgyz Deputy PM",
)

TRADE_COLUMNS = [
    "reporter",
    "partner",
    "year",
    "months",
    "flow",
    "value_usd_m",
    "basis",
    "reported_by",
    "channel",
    "figure",
    "precision",
    "primary",
    "source_id",
    "note",
]
INDICATOR_COLUMNS = [
    "country",
    "indicator",
    "period",
    "period_detail",
    "value",
    "value_high",
    "precision",
    "unit",
    "source_id",
    "note",
]


def file_source(name: str) -> dict | None:
    for prefix, meta in FILE_SOURCES.items():
        if name.startswith(prefix):
            return meta
    return None


def source_for(row: dict, sources: dict[str, dict]) -> str:
    meta = file_source(row["source_name"])
    if meta is None:
        meta = web_source(row["source_name"], row["source_url"])
    else:
        meta = {**meta, "url": row["source_url"]}
    sources.setdefault(meta["source_id"], meta)
    return meta["source_id"]


def precision(note: str, value: str) -> str:
    """How exact the figure is, from the value's own wording and the research note."""
    said = note.lower()
    if said.startswith("'almost "):
        return "approximate"
    if value.startswith(">") or "lower bound" in said or "'more than " in said or "'over " in said:
        return "lower_bound"
    if re.fullmatch(r"\d+-\d+", value):
        return "range"
    if value in ("", "NA"):
        return "not_published"
    if "APPROXIMATE" in note or "approximate" in note or "'about " in note:
        return "approximate"
    if "rounded" in note.lower().replace("rounded to 2 dp", ""):
        return "rounded"
    return "as_published"


def trade_row(r: dict, sources: dict[str, dict]) -> dict:
    note, name, kind = r["note"], r["source_name"], r["source_kind"]
    from_file = file_source(name) is not None
    if kind == "mirror":
        reported_by = "partner"
    elif kind == "official_stat" or any(k in name for k in REPORTER_STATS):
        reported_by = "reporter"
    else:
        reported_by = "statement"
    services = "GOODS AND SERVICES" in note or "includes services" in note
    if services:
        basis = "goods_and_services"
    elif kind in ("official_stat", "mirror") or "Customs Service" in name or "Kazakh official statistics" in name:
        basis = "goods"
    else:
        basis = "not_stated"
    primary = kind == "official_stat" and from_file and r["partner"] != "EU28" and "total differs" not in note
    return {
        "reporter": r["reporter_iso3"],
        "partner": r["partner"],
        "year": r["year"],
        "months": "",
        "flow": r["flow"],
        "value_usd_m": r["value_usd_million"],
        "basis": basis,
        "reported_by": reported_by,
        "channel": "data_file" if from_file else "press",
        "figure": "derived" if note.startswith("DERIVED") else "published",
        "precision": precision(note, r["value_usd_million"]),
        "primary": "yes" if primary else "no",
        "source_id": source_for(r, sources),
        "note": note,
    }


#: research periods that carry a qualifier: (period, period_detail)
ODD_PERIODS = {
    "2022-09-21..2022-11(late)": ("2022-09-21..2022-11", "21 September to late November 2022"),
    "2022-11(late)": ("2022-11", "late November 2022"),
    "pre-2025 ('previous years')": ("..2024", "'previous years', not specified"),
    "2022-01..2022-10(mid)": ("2022-01..2022-10", "January to mid-October 2022"),
    "2022-09(late)..2022-10(early)": ("2022-09..2022-10", "late September to early October 2022"),
    "2022-05/06": ("2022-05..2022-06", "fieldwork from late May to late June 2022"),
    "2025-01/02": ("2025-01..2025-02", "fieldwork from late January to early February 2025"),
}


def kept(r: dict) -> bool:
    """Every figure, except poll results known only from an unverified relay by a partisan outlet."""
    return not (r["indicator"].startswith("poll_") and "UNVERIFIED" in r["source_kind"])


def indicator_row(r: dict, sources: dict[str, dict]) -> dict:
    period, detail = ODD_PERIODS.get(r["year"], (r["year"], ""))
    raw = r["value"].strip()
    prec = precision(r["note"], raw)
    value, high = raw.lstrip(">"), ""
    if prec == "range":
        value, high = raw.split("-")
    elif prec == "not_published":
        value = ""
    return {
        "country": r["country_iso3"],
        "indicator": r["indicator"],
        "period": period,
        "period_detail": detail,
        "value": value,
        "value_high": high,
        "precision": prec,
        "unit": r["unit"],
        "source_id": source_for(r, sources),
        "note": r["note"],
    }


def eu_rows(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append(
                {
                    "partner": r["partner_iso3"],
                    "year": r["year"],
                    "value_eur_m": r["value_eur_million"],
                    "source_id": EUROSTAT["source_id"],
                }
            )
    return rows


def main() -> None:
    args = arguments(__doc__)
    sources: dict[str, dict] = {}

    with (args.research / "trade" / "trade_figures.csv").open(encoding="utf-8") as f:
        trade = [trade_row(r, sources) for r in csv.DictReader(f)]
    trade = national_tables(args.research / "trade" / "raw" / "original", args.data, trade)
    trade += update_figures(args.research, "trade", sources)
    write(args.data / "trade.csv", TRADE_COLUMNS, trade)

    eu = eu_rows(args.research / "trade" / "raw" / "eurostat_eu27_exports_to_selected_partners_2010_2023_EUR.csv")
    sources[EUROSTAT["source_id"]] = EUROSTAT
    write(args.data / "eu_exports.csv", ["partner", "year", "value_eur_m", "source_id"], eu)

    with (args.research / "migration" / "figures.csv").open(encoding="utf-8") as f:
        figures = [r for r in csv.DictReader(f) if kept(r)]
    wdi_usd = world_bank_rows(WORLD_BANK_DIR / WDI_USD_FILE)
    sources[WDI_USD["source_id"]] = WDI_USD
    write(
        args.data / "indicators.csv",
        INDICATOR_COLUMNS,
        [indicator_row(r, sources) for r in figures] + wdi_usd + update_figures(args.research, "indicators", sources),
    )

    update_sources(args.data, sources)


UPDATE_REVIEW = Path(__file__).parent / "sources" / "update_2026_figures.csv"


def _pack_number(value: str) -> float:
    """The number in the pack's value ('>45000', 'nearly 30000', 'about 2300000')."""
    return float(re.sub(r"^(>|nearly |about |more than )", "", value.strip()).replace("+", ""))


def update_figures(research: Path, table: str, sources: dict[str, dict]) -> list[dict]:
    """The rows of ``table`` from the pack's update that the review keeps; each value must be the pack's."""
    with (research / "update_2026" / "figures_2024_2026.csv").open(encoding="utf-8") as f:
        pack = list(csv.DictReader(f))
    with UPDATE_REVIEW.open(encoding="utf-8") as f:
        review = list(csv.DictReader(f))
    if [int(r["research_row"]) for r in review] != list(range(1, len(pack) + 1)):
        raise SystemExit(f"{UPDATE_REVIEW} must review every row of the update's figures, in order")
    out = []
    for p, r in zip(pack, review, strict=True):
        if r["include"] != "yes" or r["table"] != table:
            continue
        scale = 1e6 if p["unit"] == "USD million" and table == "indicators" else 1
        if abs(_pack_number(p["value"]) * scale - float(r["value"])) > 1e-6 * float(r["value"]):
            raise SystemExit(f"update figure row {r['research_row']}: {r['value']} is not the pack's {p['value']}")
        source_id = cited_sources(r["sources"], "A news or official page giving the figure.", sources)
        if table == "trade":
            out.append(
                {
                    "reporter": r["country"],
                    "partner": r["partner"],
                    "year": r["period"][:4],
                    "months": r["months"],
                    "flow": r["flow"],
                    "value_usd_m": r["value"],
                    "basis": r["basis"],
                    "reported_by": r["reported_by"],
                    "channel": "press",
                    "figure": "published",
                    "precision": r["precision"],
                    "primary": "no",
                    "source_id": source_id,
                    "note": r["note"],
                }
            )
        else:
            out.append(
                {
                    "country": r["country"],
                    "indicator": r["indicator"],
                    "period": r["period"],
                    "period_detail": "",
                    "value": r["value"],
                    "value_high": "",
                    "precision": r["precision"],
                    "unit": r["unit"],
                    "source_id": source_id,
                    "note": r["note"],
                }
            )
    return out


#: the national statistics offices' own files in the research pack, read with the book's importers
NATIONAL_FILES = {"kaz-bns": "kaz_bns_*.xls", "kgz-nsc": "kgz_nsc_*.xlsx", "uzb-stat": "uzb_stat_uz_sdmx_data_*.csv"}


def national_tables(originals: Path, data: Path, trade: list[dict]) -> list[dict]:
    """``trade`` with the rows of Kazakhstan's, Kyrgyzstan's and Uzbekistan's own tables as ``stancebook update``
    reads them from the publishers' files (the values are the research pack's, but for one turnover the pack
    added up from rounded figures; the notes say how each row was read). Every such row must be one the pack
    holds: the importers add nothing here."""
    from stancebook import update

    key = ("reporter", "partner", "year", "months", "flow", "source_id")
    read = {}
    for source, pattern in NATIONAL_FILES.items():
        for row in update.propose(source, sorted(originals.glob(pattern)), data).rows:
            read[tuple(row[k] for k in key)] = row
    out = [read.pop(tuple(r[k] for k in key), r) for r in trade]
    if read:
        raise SystemExit(f"the importers read rows the research pack does not hold: {sorted(read)[:5]}")
    return out


if __name__ == "__main__":
    main()
