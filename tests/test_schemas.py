"""Every table validates on load; a broken rule names the file, row, column and rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stancebook import data
from stancebook.data.schemas import COVERAGE_NOTES, TABLES
from stancebook.errors import DataError

from conftest import ROOT


def test_the_curated_tables_validate(ds):
    res = ds.unga_resolutions
    record, press = res.index[res["undl_id"].notna()], res.index[res["undl_id"].isna()]
    assert len(record) == 25 and list(press) == ["ES-11/10"]
    assert ds.focus == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    # the UN's record has every country's vote; a vote known from the press, the focus countries' and Russia's
    assert len(ds.unga_votes[ds.unga_votes["res_id"].isin(record)]) == 25 * len(ds.countries)
    assert sorted(ds.unga_votes.loc[ds.unga_votes["res_id"] == "ES-11/10", "iso3"]) == sorted([*ds.focus, "RUS"])
    assert ds.unga_resolutions["date"].is_monotonic_increasing


def test_the_dataset_has_one_field_per_schema_in_order_and_evidence_points_at_tables():
    from stancebook.data.dataset import TABLE_NAMES
    from stancebook.data.rows import EVIDENCE_TARGETS

    assert TABLE_NAMES == tuple(t.name for t in TABLES)
    assert {table for table, _ in EVIDENCE_TARGETS.values()} <= set(TABLE_NAMES)


def test_a_chapter_handed_checked_data_never_loads_the_validation_library():
    import subprocess
    import sys

    code = (
        "import sys; from stancebook.present.chapters import country, region, findings, methods, sources; "
        "from stancebook.compute import facts; print('pandera' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "data", tmp_path / "data"))


def at(file: str, text: str) -> str:
    """'row N (line M)' of the first record of the committed ``data/<file>`` containing ``text`` (rows counted from
    1 after the header, lines as the file numbers them), so the cases below follow the data as rows are added."""
    import csv

    with (ROOT / "data" / file).open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        start = reader.line_num + 1
        for row, record in enumerate(reader, start=1):
            if text in ",".join(record):
                return f"row {row} (line {start})"
            start = reader.line_num + 1
    raise AssertionError(f"no row of {file} contains {text!r}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (file, text to replace, replacement, expected fragments of the one message)
BAD = {
    "unknown vote code": (
        "unga_votes.csv",
        "68/262,KAZ,A,",
        "68/262,KAZ,Q,",
        ["unga_votes.csv", "row 1 (line 2)", "column 'vote'", "must be one of Y, N, A, X", "'Q'"],
    ),
    "unknown country": (
        "unga_votes.csv",
        "68/262,KAZ,A,",
        "68/262,KZA,A,",
        ["unga_votes.csv", "row 1 (line 2)", "column 'iso3'", "unknown country code", "'KZA'"],
    ),
    "unknown resolution": (
        "unga_votes.csv",
        "68/262,KAZ,A,",
        "68/263,KAZ,A,",
        ["row 1 (line 2)", "column 'res_id'", "unknown resolution id", "'68/263'"],
    ),
    "unknown source": (
        "unga_votes.csv",
        "68/262,KAZ,A,undl-ga-voting",
        "68/262,KAZ,A,undl",
        ["row 1 (line 2)", "column 'source_id'", "unknown source id", "'undl'"],
    ),
    "duplicate key": (
        "unga_votes.csv",
        "68/262,KGZ,X,",
        "68/262,KAZ,X,",
        ["row 2 (line 3)", "column 'res_id, iso3'", "must be unique"],
    ),
    "duplicate country": (
        "countries.csv",
        "KGZ,Kyrgyzstan",
        "KAZ,Kyrgyzstan",
        ["countries.csv", "row 2 (line 3)", "column 'iso3'", "must be unique", "'KAZ'"],
    ),
    "misspelt column": (
        "unga_votes.csv",
        "res_id,iso3,vote",
        "res_id,iso,vote",
        ["header (line 1)", "column 'iso'", "not part of the table", "did you mean 'iso3'"],
    ),
    "missing column": (
        "unga_votes.csv",
        "res_id,iso3,vote,source_id",
        "res_id,iso3,vote",
        ["header (line 1)", "column 'source_id'", "required but missing"],
    ),
    "unbalanced quote": (
        "unga_votes.csv",
        "68/262,KAZ,A,",
        '68/262,"KAZ,A,',
        ["unga_votes.csv", "row 1 (line 2)", "quote", "never closed"],
    ),
    "extra field": (
        "unga_votes.csv",
        "68/262,KAZ,A,",
        "68/262,KAZ,A,A,",
        ["row 1 (line 2)", "5 fields but the header has 4"],
    ),
    "not a number": (
        "unga_resolutions.csv",
        ",100,11,58,24,193,",
        ",1OO,11,58,24,193,",
        ["unga_resolutions.csv", "row 1 (line 2)", "column 'yes'", "whole number", "'1OO'"],
    ),
    "negative count": (
        "unga_resolutions.csv",
        ",100,11,58,24,193,",
        ",-100,11,58,24,193,",
        ["row 1 (line 2)", "column 'yes'", "0 or more"],
    ),
    "tally does not add up": (
        "unga_resolutions.csv",
        ",100,11,58,24,193,",
        ",101,11,58,24,193,",
        ["row 1 (line 2)", "yes + no + abstain + non_voting must equal members"],
    ),
    "date that does not parse": (
        "unga_resolutions.csv",
        "2014-03-27",
        "2014-13-27",
        ["row 1 (line 2)", "column 'date'", "YYYY-MM-DD", "'2014-13-27'"],
    ),
    "year out of range": (
        "unga_resolutions.csv",
        "2014-03-27",
        "1914-03-27",
        ["row 1 (line 2)", "column 'date'", "between 1945 and 2035"],
    ),
    "blank required cell": (
        "unga_votes.csv",
        "68/262,KAZ,A,",
        "68/262,KAZ,,",
        ["row 1 (line 2)", "column 'vote'", "value is required"],
    ),
    "bad colour": ("countries.csv", "#0072B2", "blue", ["countries.csv", "row 1 (line 2)", "column 'colour'"]),
    "bad role": (
        "countries.csv",
        "KAZ,Kazakhstan,focus",
        "KAZ,Kazakhstan,fokus",
        ["row 1 (line 2)", "column 'role'", "focus, comparison"],
    ),
    "bad url": (
        "sources.csv",
        "https://unstats.un.org/unsd/methodology/m49/",
        "unstats.un.org",
        ["sources.csv", "column 'url'", "must be an http:// or https:// address with a host name"],
    ),
    # trade, remittances and migration
    "unknown partner": (
        "trade.csv",
        "KAZ,RUS,2015,,export,4807.0",
        "KAZ,RUX,2015,,export,4807.0",
        ["trade.csv", "row 1 (line 2)", "column 'partner'", "unknown partner code", "'RUX'"],
    ),
    "unknown flow": (
        "trade.csv",
        "KAZ,RUS,2015,,export,4807.0",
        "KAZ,RUS,2015,,exports,4807.0",
        ["trade.csv", "row 1 (line 2)", "column 'flow'", "export, import, turnover", "'exports'"],
    ),
    "thousands separator": (
        "trade.csv",
        "KAZ,RUS,2015,,export,4807.0",
        'KAZ,RUS,2015,,export,"4,807.0"',
        ["trade.csv", "row 1 (line 2)", "column 'value_usd_m'", "'4,807.0'"],
    ),
    "two primary rows": (
        "trade.csv",
        "2021,,turnover,25631.0,goods,partner,data_file,derived,as_published,no,",
        "2021,,turnover,25631.0,goods,reporter,data_file,derived,as_published,yes,",
        ["trade.csv", "row 33 (line 34)", "column 'primary'", "only one row"],
    ),
    "primary from a partner": (
        "trade.csv",
        "goods,partner,data_file,published,as_published,no,rus-fcs",
        "goods,partner,data_file,published,as_published,yes,rus-fcs",
        ["trade.csv", "row 1 (line 2)", "column 'primary, reported_by'", "own statistics"],
    ),
    "months on a primary row": (
        "trade.csv",
        "KAZ,RUS,2018,,export,5279.874",
        "KAZ,RUS,2018,01..06,export,5279.874",
        ["trade.csv", "column 'primary, months'", "a primary row covers a calendar year"],
    ),
    "months the wrong way round": (
        "trade.csv",
        "KAZ,RUS,2015,,export,4807.0",
        "KAZ,RUS,2015,09..01,export,4807.0",
        ["trade.csv", "row 1 (line 2)", "column 'months'", "first to last, like 01..09", "'09..01'"],
    ),
    "turnover that does not add up": (
        "trade.csv",
        "KAZ,RUS,2021,,turnover,24624.28,",
        "KAZ,RUS,2021,,turnover,24724.28,",
        ["trade.csv", "row 32 (line 33)", "column 'value_usd_m'", "export + import", "24,624.3"],
    ),
    "unknown indicator": (
        "indicators.csv",
        "KAZ,entries_to_russia_purpose_work_fsb,2019-H1",
        "KAZ,entries_to_russia_for_work,2019-H1",
        ["indicators.csv", "row 1 (line 2)", "column 'indicator'", "unknown indicator"],
    ),
    "bad period": (
        "indicators.csv",
        "KAZ,entries_to_russia_purpose_work_fsb,2019-H1",
        "KAZ,entries_to_russia_purpose_work_fsb,H1 2019",
        ["indicators.csv", "row 1 (line 2)", "column 'period'", "2023-Q1", "'H1 2019'"],
    ),
    "value missing": (
        "indicators.csv",
        "2019-H1,,105300,,as_published",
        "2019-H1,,,,as_published",
        ["indicators.csv", "row 1 (line 2)", "column 'value, precision'", "value is required"],
    ),
    "range without a top": (
        "indicators.csv",
        "700000,1000000,range",
        "700000,,range",
        ["indicators.csv", "row 83 (line 84)", "column 'value_high, precision'", "value_high is required for a range"],
    ),
    "euro row twice": (
        "eu_exports.csv",
        "ARM,2011,",
        "ARM,2010,",
        ["eu_exports.csv", "row 2 (line 3)", "must be unique"],
    ),
    "unknown event direction": (
        "events.csv",
        ",humanitarian,away_from_russia,",
        ",humanitarian,away,",
        ["events.csv", "row 1 (line 2)", "column 'direction'", "must be one of toward_russia"],
    ),
    "event date that does not exist": (
        "events.csv",
        "KAZ-2022-03-14,2022-03-14,",
        "KAZ-2022-03-14,2022-02-30,",
        ["events.csv", "row 1 (line 2)", "column 'date'", "real calendar date"],
    ),
    "undated event without a note": (
        "events.csv",
        "KAZ-2022-03-14,2022-03-14,",
        "KAZ-2022-03-14,,",
        ["events.csv", "row 1 (line 2)", "column 'date, note'", "blank only when"],
    ),
    "two-sentence summary": (
        "events.csv",
        "28.2 tonnes of medicines",
        "28.2 tonnes. Of medicines",
        ["events.csv", "row 1 (line 2)", "column 'summary'", "one sentence"],
    ),
    "unknown institution": (
        "institutions.csv",
        "KAZ,CSTO,",
        "KAZ,NATO,",
        ["institutions.csv", "row 1 (line 2)", "column 'institution'", "must be one of CSTO"],
    ),
    "unknown verdict": (
        "claims.csv",
        ",supported,event:TJK-2022-06-28;",
        ",true,event:TJK-2022-06-28;",
        ["claims.csv", "row 1 (line 2)", "column 'verdict'", "must be one of supported"],
    ),
    "evidence pointing to no event": (
        "claims.csv",
        ",supported,event:TJK-2022-06-28;",
        ",supported,event:TJK-2022-06-29;",
        [
            "claims.csv",
            "row 1 (line 2)",
            "column 'evidence'",
            "points to nothing",
            "'TJK-2022-06-29' is not an event_id in events.csv",
        ],
    ),
    "evidence pointing to no trade row": (
        "claims.csv",
        "trade:KGZ/RUS/2021/turnover;trade:KGZ/RUS/2022/turnover,",
        "trade:KGZ/RUS/2012/turnover;trade:KGZ/RUS/2022/turnover,",
        ["claims.csv", "column 'evidence'", "'KGZ/RUS/2012/turnover' is not"],
    ),
    "malformed evidence": (
        "claims.csv",
        ",supported,event:TJK-2022-06-28;",
        ",supported,events TJK-2022-06-28;",
        ["claims.csv", "row 1 (line 2)", "column 'evidence'", "must be evidence like"],
    ),
    "supported claim without evidence": (
        "claims.csv",
        ",supported,event:TJK-2022-06-28;event:TKM-2022-06-29,",
        ",supported,,",
        [
            "claims.csv",
            "row 1 (line 2)",
            "column 'evidence, verdict'",
            "blank only when the verdict is 'not_verifiable'",
        ],
    ),
    "claim about an unknown article": (
        "claims.csv",
        "1-01,1,CA5,",
        "1-01,9,CA5,",
        ["claims.csv", "row 1 (line 2)", "column 'article_id'", "unknown article id"],
    ),
    "article author blank but said verified": (
        "articles.csv",
        ",Sufyan Badar,verified,",
        ",,verified,",
        ["articles.csv", "row 4 (line 5)", "column 'author, author_status'"],
    ),
    # numbers written in ways the book does not read, and values that are well-formed but cannot be true
    "decimal comma": (
        "trade.csv",
        "KAZ,RUS,2015,,export,4807.0",
        'KAZ,RUS,2015,,export,"4807,5"',
        ["trade.csv", "row 1 (line 2)", "column 'value_usd_m'", "decimal comma: write 4807.5"],
    ),
    "decimal comma splitting a row": (
        "trade.csv",
        "KAZ,RUS,2015,,export,4807.0",
        "KAZ,RUS,2015,,export,4807,5",
        [
            "trade.csv",
            "row 1 (line 2)",
            "15 fields but the header has 14",
            "'4807,5' splits the number in column 'value_usd_m'",
            "write 4807.5",
        ],
    ),
    "not a number written as NaN": (
        "trade.csv",
        "KAZ,RUS,2015,,export,4807.0",
        "KAZ,RUS,2015,,export,NaN",
        ["trade.csv", "row 1 (line 2)", "column 'value_usd_m'", "'NaN' is not a number"],
    ),
    "infinity": (
        "trade.csv",
        "KAZ,RUS,2015,,export,4807.0",
        "KAZ,RUS,2015,,export,inf",
        ["trade.csv", "row 1 (line 2)", "column 'value_usd_m'", "'inf' is not a number"],
    ),
    "a number too large to be finite": (
        "trade.csv",
        "KAZ,RUS,2015,,export,4807.0",
        "KAZ,RUS,2015,,export,1e400",
        ["trade.csv", "row 1 (line 2)", "column 'value_usd_m'", "must be a finite number"],
    ),
    "partner above the world total": (
        "trade.csv",
        "KAZ,EU28,2018,,turnover,37669.064,",
        "KAZ,EU28,2018,,turnover,937669.064,",
        ["trade.csv", "row 88 (line 89)", "column 'value_usd_m'", "cannot exceed the KAZ's trade with the world (WLD)"],
    ),
    # the source policy (data/outlets.csv)
    "a page of a disinformation outlet": (
        "sources.csv",
        "https://kz.kursiv.media/en/2025-02-25/engk-nknk-uk-targets-kyrgyz-bank-with-sanctions",
        "https://en.news-front.su/2025/02/25/uk-targets-kyrgyz-bank",
        [
            "sources.csv",
            at("sources.csv", "kz.kursiv.media/en/2025-02-25"),
            "column 'url'",
            "News Front, a known disinformation outlet",
            "nothing may rest on it",
        ],
    ),
    "an event resting only on an aggregator": (
        "events.csv",
        "other_state,,web-kz-kursiv-media-d78526,",
        "other_state,,web-archyde-com-8b54d5,",
        [
            "events.csv",
            "row 67 (line 68)",
            "column 'source_id'",
            "rests only on an aggregator or reprint site",
            "may never be the only source of anything",
        ],
    ),
    "the same page twice": (
        "sources.csv",
        "https://kz.kursiv.media/en/2025-02-25/engk-nknk-uk-targets-kyrgyz-bank-with-sanctions",
        "https://24.kg/english/212160_Half_of_Kyrgyzstans_population_assesses_relations_with_Russia_as_good/",
        [
            "sources.csv",
            at("sources.csv", "kz.kursiv.media/en/2025-02-25"),
            "column 'url'",
            f"the same page as source 'web-24-kg-0ec61f' ({at('sources.csv', 'web-24-kg-0ec61f,').split(' (')[1]}",
            "one row per document",
        ],
    ),
    "the same page written another way": (
        "sources.csv",
        "https://kz.kursiv.media/en/2025-02-25/engk-nknk-uk-targets-kyrgyz-bank-with-sanctions",
        "http://www.24.kg/english/212160_Half_of_Kyrgyzstans_population_assesses_relations_with_Russia_as_good"
        "?utm_source=x",
        [
            "sources.csv",
            at("sources.csv", "kz.kursiv.media/en/2025-02-25"),
            "column 'url'",
            "the same page as source 'web-24-kg-0ec61f'",
        ],
    ),
    "state media that names no official": (
        "sources.csv",
        "https://tass.com/russia/1380969,Russian Interior Ministry,",
        "https://tass.com/russia/1380969,,",
        [
            "sources.csv",
            at("sources.csv", "https://tass.com/russia/1380969"),
            "column 'relays'",
            "TASS is state-affiliated media",
            "name the official or body it reports",
        ],
    ),
    "a domain the policy does not know": (
        "sources.csv",
        "https://kz.kursiv.media/en/2025-02-25/engk-nknk-uk-targets-kyrgyz-bank-with-sanctions",
        "https://unknown-news.example/uk-targets-kyrgyz-bank",
        [
            "sources.csv",
            at("sources.csv", "kz.kursiv.media/en/2025-02-25"),
            "column 'url'",
            "no entry for unknown-news.example",
        ],
    ),
    "an unknown headline passed off as confirmed": (
        "sources.csv",
        "web-tass-com-cdb6e8,TASS,Report on TASS,unconfirmed,",
        "web-tass-com-cdb6e8,TASS,Report on TASS,confirmed,",
        [
            "sources.csv",
            at("sources.csv", "web-tass-com-cdb6e8,"),
            "column 'title, title_status'",
            "'Report on <site>'",
            "must be 'unconfirmed'",
        ],
    ),
    "a publisher that is a web address": (
        "sources.csv",
        "web-tass-com-cdb6e8,TASS,",
        "web-tass-com-cdb6e8,https://tass.com/russia/1380969,",
        [
            "sources.csv",
            at("sources.csv", "web-tass-com-cdb6e8,"),
            "column 'publisher'",
            "must name an organisation, not a URL",
        ],
    ),
    "a Western designation coded as the state's own act": (
        "events.csv",
        "western_designation,toward_russia,The United Kingdom put Keremet Bank on its Russia sanctions list.,"
        "other_state,",
        "western_designation,toward_russia,The United Kingdom put Keremet Bank on its Russia sanctions list.,state,",
        ["events.csv", "row 67 (line 68)", "column 'category, actor_type'", "act of another state"],
    ),
    "a share above 100 percent": (
        "indicators.csv",
        "TJK,remittances_pct_gdp,2022,,49.90,",
        "TJK,remittances_pct_gdp,2022,,149.90,",
        ["indicators.csv", "column 'value'", "percent of GDP cannot be above 100"],
    ),
    "an event after the build date": (
        "events.csv",
        "KAZ-2022-03-14,2022-03-14,",
        "KAZ-2031-03-14,2031-03-14,",
        ["events.csv", "row 1 (line 2)", "column 'date'", "after the build date"],
    ),
    "a trade year after the build date": (
        "trade.csv",
        "KAZ,RUS,2015,,export,4807.0",
        "KAZ,RUS,2031,,export,4807.0",
        ["trade.csv", "row 1 (line 2)", "column 'year'", "after the build date"],
    ),
    "an event id naming another country": (
        "events.csv",
        "KAZ-2022-03-14,2022-03-14,KAZ,",
        "KGZ-2022-03-14,2022-03-14,KAZ,",
        ["events.csv", "row 1 (line 2)", "column 'event_id'", "names KGZ but the row's country is KAZ"],
    ),
    "an event id naming another date": (
        "events.csv",
        "KAZ-2022-03-14,2022-03-14,",
        "KAZ-2022-03-14,2022-03-15,",
        [
            "events.csv",
            "row 1 (line 2)",
            "column 'event_id'",
            "names the date 2022-03-14 but the row's date is 2022-03-15",
        ],
    ),
    "a claim id naming another article": (
        "claims.csv",
        "1-01,1,CA5,",
        "1-01,2,CA5,",
        ["claims.csv", "row 1 (line 2)", "column 'claim_id'", "names article 1"],
    ),
    "more votes than the world tally": (
        "unga_resolutions.csv",
        ",100,11,58,24,193,",
        ",100,11,58,0,169,",
        ["unga_votes.csv", "column 'vote'", "world tally", "has 0 (non_voting)"],
    ),
    "partner colour differs from country colour": (
        "partners.csv",
        "RUS,Russia,#D55E00",
        "RUS,Russia,#D55E01",
        ["partners.csv", "row 1 (line 2)", "column 'colour'", "countries.csv (#D55E00)"],
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_names_file_row_column_and_rule(data_dir, case):
    file, old, new, fragments = BAD[case]
    edit(data_dir / file, old, new)
    with pytest.raises(DataError) as err:
        data.load(data_dir)
    first = str(err.value.problems[0])
    for fragment in fragments:
        assert fragment in first, f"{fragment!r} missing from: {first}"
    assert len(err.value.problems) == 1, err.value.message()


def test_the_build_date_honours_source_date_epoch(data_dir, monkeypatch):
    """With SOURCE_DATE_EPOCH set to 1 January 2022, the events of March 2022 have not happened yet."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640995200")
    with pytest.raises(DataError) as err:
        data.load(data_dir)
    assert "is after the build date (2022-01-01)" in str(err.value.problems[0])


def test_a_table_that_needs_no_rows_may_be_empty(data_dir):
    path = data_dir / COVERAGE_NOTES.file
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert data.load(data_dir).coverage_notes.empty


@pytest.mark.parametrize("table", [t for t in TABLES if t.needs_rows], ids=lambda t: t.name)
def test_missing_and_empty_tables_are_reported(data_dir, table):
    path = data_dir / table.file
    header = path.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(header + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="the table has no rows"):
        data.load(data_dir)
    path.unlink()
    with pytest.raises(DataError, match=f"{table.file}: file not found"):
        data.load(data_dir)


def test_unusual_but_valid_input_is_accepted(data_dir):
    votes = data_dir / "unga_votes.csv"
    # a byte-order mark, Windows line endings and trailing blank lines, as spreadsheet programs write
    votes.write_bytes(b"\xef\xbb\xbf" + votes.read_bytes().replace(b"\n", b"\r\n") + b"\r\n\r\n")
    edit(data_dir / "countries.csv", "MNG,Mongolia", "MNG,Mongolia (Монгол Улс)")
    ds = data.load(data_dir)
    with (ROOT / "data" / "unga_votes.csv").open(encoding="utf-8") as f:
        assert len(ds.unga_votes) == len(f.read().splitlines()) - 1
    assert ds.name("MNG") == "Mongolia (Монгол Улс)"
    assert ds.name("TUR") == "Türkiye"


def test_every_problem_is_reported_at_once(data_dir):
    edit(data_dir / "unga_votes.csv", "68/262,KAZ,A,", "68/262,KAZ,Q,")
    edit(data_dir / "countries.csv", "#0072B2", "blue")
    with pytest.raises(DataError) as err:
        data.load(data_dir)
    files = {p.file.rsplit("/", 1)[-1] for p in err.value.problems}
    assert files == {"unga_votes.csv", "countries.csv"}


def test_every_committed_table_ends_its_lines_with_a_newline_only():
    """One line ending for every table written by hand or by a script (a CSV writer's default is CR LF); the
    official files kept as published (scripts/sources/worldbank/) are left as they are."""
    kept = ROOT / "scripts" / "sources" / "worldbank"
    files = sorted((ROOT / "data").glob("*.csv")) + [
        f for f in sorted((ROOT / "scripts").rglob("*.csv")) if kept not in f.parents
    ]
    assert files
    assert [f.relative_to(ROOT).as_posix() for f in files if b"\r" in f.read_bytes()] == []
