"""How rows of the tables are read together: what a claim's evidence points to, and trade flows summed into a
turnover. Used by the rules that check the data and by the chapters that read them (pandas only: a chapter
handed data already checked never loads the validation library)."""

from __future__ import annotations

import pandas as pd

#: for each kind of claim evidence: the table it points to (by table name) and how a row's key is spelt
EVIDENCE_TARGETS = {
    "event": ("events", lambda f: f["event_id"]),
    "tie": ("institutions", lambda f: f["country"] + "/" + f["institution"]),
    "vote": ("unga_votes", lambda f: f["iso3"] + "/" + f["res_id"]),
    "trade": (
        "trade",
        lambda f: f["reporter"] + "/" + f["partner"] + "/" + f["year"].astype(str) + "/" + f["flow"],
    ),
    "indicator": ("indicators", lambda f: f["country"] + "/" + f["indicator"] + "/" + f["period"]),
    "source": ("sources", lambda f: f["source_id"]),
}


def flow_sums(rows: pd.DataFrame) -> pd.DataFrame:
    """Export + import per reporter, partner and year, where both flows are present.

    Returns columns reporter, partner, year, export_plus_import. Years with only one of the two flows are left
    out: half a sum is not a turnover.
    """
    flows = rows[rows["flow"].isin(["export", "import"])]
    wide = flows.pivot_table(index=["reporter", "partner", "year"], columns="flow", values="value_usd_m", aggfunc="sum")
    if not {"export", "import"} <= set(wide.columns):
        return pd.DataFrame(columns=["reporter", "partner", "year", "export_plus_import"])
    wide = wide.dropna(subset=["export", "import"])
    return (wide["export"] + wide["import"]).rename("export_plus_import").reset_index()
