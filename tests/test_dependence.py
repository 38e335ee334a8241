"""Trade and migration arithmetic on small hand-checked cases, and the book's prose claims held to the data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from stancebook.compute import migration as m
from stancebook.compute import periods
from stancebook.compute import trade as t
from stancebook.data.vocab import REMITTANCES
from stancebook.present import text as tx


def rows(*records):
    return pd.DataFrame(records, columns=["reporter", "partner", "year", "flow", "value_usd_m"])


def test_flow_sums_add_export_and_import_only_where_both_exist():
    r = rows(
        ("AAA", "RUS", 2021, "export", 10.0),
        ("AAA", "RUS", 2021, "import", 32.5),
        ("AAA", "RUS", 2022, "export", 7.0),  # no import: no turnover
        ("AAA", "RUS", 2021, "turnover", 999.0),  # a turnover row is not added in
        ("AAA", "CHN", 2021, "import", 1.25),
        ("AAA", "CHN", 2021, "export", 0.75),
    )
    sums = t.flow_sums(r).set_index(["partner", "year"])["export_plus_import"]
    assert sums.to_dict() == {("CHN", 2021): 2.0, ("RUS", 2021): 42.5}


def test_flow_sums_of_rows_without_both_flows_is_empty():
    assert t.flow_sums(rows(("AAA", "RUS", 2021, "export", 1.0))).empty


def test_shares_are_percent_of_world_and_missing_without_a_world_total():
    tv = pd.DataFrame({"RUS": [25.0, 30.0], "CHN": [10.0, 45.0], "WLD": [100.0, float("nan")]}, index=[2021, 2022])
    s = t.shares(tv)
    assert s.loc[2021].tolist() == [25.0, 10.0]
    assert s.loc[2022].isna().all()
    assert t.shares(tv.drop(columns="WLD")).isna().all().all()


def test_index_to_base_year():
    s = pd.Series([50.0, 80.0, 120.0], index=[2020, 2021, 2022])
    assert t.index_to(s, 2021).round(2).tolist() == [62.5, 100.0, 150.0]
    assert t.index_to(s, 2019).isna().all()  # no base year, no index
    assert t.index_to(pd.Series([0.0, 1.0], index=[2021, 2022])).isna().all()


def test_turnover_prefers_the_primary_row_and_falls_back_to_the_sum(ds):
    kaz = t.turnover(ds, "KAZ")
    assert kaz.at[2021, "RUS"] == 24624.28  # published by the BNS
    e, i = t.values(ds, "KAZ", "export"), t.values(ds, "KAZ", "import")
    assert abs(kaz.at[2021, "RUS"] - (e.at[2021, "RUS"] + i.at[2021, "RUS"])) < 0.5


def test_russia_index_is_100_in_2021_and_leaves_out_countries_without_a_series(ds):
    idx = t.russia_turnover_index(ds)
    assert list(idx.columns) == ["KAZ", "KGZ", "UZB"]
    assert (idx.loc[2021] == 100).all()
    assert round(idx.at[2022, "KGZ"], 1) == round(3475.724 / 2304.862 * 100, 1)


def test_reexport_signal_pairs_eu_exports_with_recorded_imports(ds):
    sig = t.reexport_signal(ds).set_index(["country", "year"])
    assert sig.at[("KGZ", 2023), "eu_exports_eur_m"] == pytest.approx(2733.8, abs=0.05)
    assert sig.at[("KGZ", 2023), "imports_from_eu_usd_m"] == pytest.approx(964.6, abs=0.05)
    assert sig.at[("KGZ", 2021), "eu_exports_index"] == 100
    # Tajikistan and Turkmenistan: the EU side only
    assert sig.loc["TJK", "imports_from_eu_usd_m"].isna().all()
    assert sig.loc["TKM", "eu_exports_eur_m"].notna().all()


@pytest.mark.parametrize(
    "period, label, end",
    [
        ("2023", "2023", "2023-12-31"),
        ("2022-Q2", "Q2 2022", "2022-06-30"),
        ("2019-H1", "H1 2019", "2019-06-30"),
        ("2023-01", "Jan 2023", "2023-01-31"),
        ("2021-01..2021-09", "Jan–Sep 2021", "2021-09-30"),
        ("2022-09-21..2022-10-04", "21 Sep–4 Oct 2022", "2022-10-04"),
        ("2021-11..2022-02", "Nov 2021–Feb 2022", "2022-02-28"),
        ("..2024", "up to 2024", "2024-12-31"),
    ],
)
def test_periods_read_as_text_and_dates(period, label, end):
    assert tx.period_label(period) == label
    assert periods.period_end(period) == pd.Timestamp(end)


@pytest.mark.parametrize(
    "args, text",
    [
        ((32.69, "percent of GDP"), "32.69% of GDP"),
        ((2.45e9, "USD", "approximate"), "about US$2.45 billion"),
        ((704.6e6, "USD"), "US$704.6 million"),
        ((1e6, "persons", "lower_bound"), "more than 1,000,000"),
        ((700000, "persons", "range", 1000000), "700,000 to 1,000,000"),
        ((51.8, "percent change vs 2021"), "+51.8% on the year before"),
        ((float("nan"), "persons", "not_published"), "not published"),
    ],
)
def test_figures_are_written_with_their_precision(args, text):
    assert tx.format_value(*args) == text


def test_remittance_series_is_the_world_bank_one_and_one_value_per_year(ds):
    rem = m.remittances(ds)
    assert list(rem.columns) == ["KAZ", "KGZ", "TJK", "UZB"]  # no series for Turkmenistan
    assert rem.at[2022, "TJK"] == 49.9
    assert math.isnan(rem.at[2023, "KGZ"])  # absent from this WDI vintage: a gap, not a guess


def test_two_values_for_one_year_are_refused(ds):
    dup = pd.concat([ds.indicators, ds.indicators[ds.indicators["indicator"] == REMITTANCES].head(1)])
    with pytest.raises(ValueError, match="more than one whole-year value"):
        m.annual(type(ds)(**{**ds.__dict__, "indicators": dup}), REMITTANCES)


def test_country_figures_keep_definitions_and_time_order(ds):
    f = m.figures(ds, "TJK", ("migration",))
    stock = f[f["indicator"] == "migrant_stock_in_russia"]
    assert stock["period"].tolist() == ["2015", "2020", "2024"]
    assert stock["definition"].str.contains("not a count of labour migrants").all()
    assert not f["label"].isna().any()


# --- the facts the regional prose is computed from ---------------------------------------------------


def test_regional_summary_gives_each_country_with_a_series_its_base_and_latest_year(ds):
    summary = t.regional_summary(ds)
    assert list(summary.index) == ["KAZ", "KGZ", "UZB"]  # Tajikistan and Turkmenistan have no own series
    assert (summary["base_year"] == 2021).all()
    kgz = summary.loc["KGZ"]
    assert kgz["rus_turnover_base"] == t.turnover(ds, "KGZ").at[2021, "RUS"]
    assert kgz["rus_index_last"] == pytest.approx(kgz["rus_turnover_last"] / kgz["rus_turnover_base"] * 100)
    assert summary["china_overtook"].tolist() == [True, True, True]


def test_estimates_further_from_the_world_bank_than_the_tolerance_are_flagged(ds):
    found = m.conflicts(ds).set_index(["country", "year", "indicator"])
    # Tajikistan 2023: the World Bank's own file gives US$4.63 bn, the ADB-reported figure US$5.7 bn (+23%)
    tjk = found.loc[("TJK", 2023, "remittances_usd_wdi")]
    assert tjk["other_value"] == 5.7e9 and tjk["gap"] == pytest.approx(5.7e9 / tjk["value"] - 1)
    assert tjk["gap"] > m.TOLERANCE
    # Tajikistan 2022 (US$5.35 bn against 5.3 bn) and 2024 (47.89% against 45%) agree within the tolerance
    assert ("TJK", 2022, "remittances_usd_wdi") not in found.index
    assert ("TJK", 2024, REMITTANCES) not in found.index
    assert (found["gap"].abs() > m.TOLERANCE).all()
    # a wider tolerance flags fewer pairs, and none at all beyond the widest gap
    assert len(m.conflicts(ds, tolerance=0.2)) < len(found)
    assert m.conflicts(ds, tolerance=found["gap"].abs().max()).empty


def test_the_remittance_prose_names_the_release_and_the_years_in_doubt(ds):
    from stancebook.present.chapters import country

    text = country.remittance_text(ds, "TJK")
    assert "(WDI update of April 2026)" in text
    assert "For 2023, other published estimates differ from the World Bank's by more than 10%" in text
    assert "differ" not in country.remittance_text(ds, "KAZ")
