"""Estimates, by-group tables, Likert summaries and the awareness index on the demo survey.

The demo interviews are generated through the interview engine into a real SQLite store and
exported with the store's interview table, as the application does.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import estimates
from analysis.design import Design
from analysis.groups import by_group
from analysis.likert import likert
from analysis.scales import cronbach_alpha, index_mean
from survey.demo import DemoOptions, fill_database
from survey.export import interview_table
from survey.store import Store

pytestmark = pytest.mark.slow  # a demo database of 600 interviews

AWARENESS = ("heard_mediation", "heard_law", "knows_where_mediator")


@pytest.fixture(scope="module")
def design(tmp_path_factory: pytest.TempPathFactory) -> Design:
    path = Path(tmp_path_factory.mktemp("demo")) / "demo.db"
    with Store.open(path) as store:
        fill_database(store, DemoOptions(interviews=600, seed=5, draft_share=0.0))
        frame = interview_table(store, status="complete").frame
    frame = frame[frame["consent"] == "yes"].reset_index(drop=True)
    return Design.from_frame(frame, strata="region", psu="sampling_point", lonely_psu="adjust")


def test_demo__by_region__proportions_sum_to_one_and_counts_add_up(design: Design) -> None:
    result = by_group(design, ["heard_mediation", "age"], by="region")
    table = result.table
    assert table.columns[0] == "region"
    heard = table[table["variable"] == "heard_mediation"]
    sums = heard.groupby("region")["estimate"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0, rtol=1e-12)
    answered = int(design.data["heard_mediation"].notna().sum())
    assert heard.drop_duplicates("region")["n"].sum() == answered
    # only the design effect of a category nobody in a region chose is empty (R: NaN), and named
    empty = table.drop(columns="category").isna()
    assert not empty.drop(columns=["deff", "n_effective"]).any().any()
    unchosen = table[empty["deff"]]
    assert (unchosen["estimate"] == 0).all() and unchosen["n_effective"].isna().all()
    named = {str(n).split(" has ")[0] for n in result.notes}
    assert named == {f"region={r.region}: 'heard_mediation={r.category}'"
                     for r in unchosen.itertuples()}
    assert ((heard["ci_low"] >= 0) & (heard["ci_high"] <= 1)).all()


def test_demo__likert_trust__distribution_top_box_and_mean_consistent(design: Design) -> None:
    # "don't know" and "refused" are not scale points: set missing before scoring.
    scores = pd.to_numeric(design.data["trust_mediators"], errors="coerce")
    assert design.data["trust_mediators"].isin(["dont_know", "refused"]).any()
    recoded = Design.from_frame(design.data.assign(trust_mediators=scores), strata="region",
                                psu="sampling_point", lonely_psu="adjust")
    result = likert(recoded, "trust_mediators", points=[1, 2, 3, 4, 5])
    dist = result.distribution.table.set_index("category")["estimate"]
    assert dist.sum() == pytest.approx(1.0, rel=1e-12)
    top = result.top_box.table.iloc[0]
    assert top["estimate"] == pytest.approx(dist[4] + dist[5], rel=1e-12)
    assert 0 <= top["ci_low"] <= top["estimate"] <= top["ci_high"] <= 1
    mean = result.mean.table.iloc[0]["estimate"]
    assert mean == pytest.approx(sum(p * dist[p] for p in range(1, 6)), rel=1e-12)


def test_demo__info_sources_by_wave__one_row_per_choice_and_wave(design: Design) -> None:
    table = estimates.choices(design, "info_sources", by="wave").table
    waves = sorted(design.data["wave"].dropna().unique())
    choices = table["category"].unique()
    assert len(table) == len(waves) * len(choices)
    assert ((table["estimate"] >= 0) & (table["estimate"] <= 1)).all()


def test_demo__awareness_index__mean_of_yes_counts_and_alpha_defined(design: Design) -> None:
    yes = pd.DataFrame({c: (design.data[c] == "yes").astype(float).where(design.data[c].notna())
                        for c in AWARENESS})
    indexed = design
    for column in AWARENESS:
        indexed = indexed.with_column(f"{column}_yes", yes[column])
    items = [f"{c}_yes" for c in AWARENESS]
    row = index_mean(indexed, items, name="awareness").table.iloc[0]
    complete = yes.notna().all(axis=1)
    assert row["estimate"] == pytest.approx(yes[complete].sum(axis=1).mean(), rel=1e-12)
    alpha = cronbach_alpha(indexed.data, items)
    assert alpha.n == int(complete.sum()) and -1 < alpha.alpha <= 1
