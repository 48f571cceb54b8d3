"""Write the synthetic survey used by the R oracle ``r_survey_comparisons.R``.

Deterministic (numpy seed). The CSV it writes is stored in ``tests/analysis/fixtures/`` and the
tests read that file, so regenerating is only needed when the oracle changes:

    .venv/bin/python tests/reference/make_comparisons_data.py
    Rscript tests/reference/r_survey_comparisons.R
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

FIXTURES = Path(__file__).resolve().parents[1] / "analysis" / "fixtures"
REGIONS = ("abai", "akmola", "almaty", "astana", "karaganda", "shymkent", "turkistan", "ulytau")


def make_survey(seed: int = 20261125) -> pd.DataFrame:
    """About 1,700 interviews: 8 regions as strata, 5-9 clusters each, unequal weights."""
    rng = np.random.default_rng(seed)
    frames = []
    for h, region in enumerate(REGIONS):
        for j in range(int(rng.integers(5, 10))):
            m = int(rng.integers(15, 40))
            cluster_effect = rng.normal(0, 0.6)
            frames.append(pd.DataFrame({
                "region": region, "stratum": h + 1, "psu": j + 1,
                "weight": np.round(rng.lognormal(np.log(100 + 40 * h), 0.35, m), 3),
                "u": cluster_effect + rng.normal(0, 1, m) + 0.15 * h,
            }))
    df = pd.concat(frames, ignore_index=True)
    n = len(df)
    df["settlement"] = np.where(rng.random(n) < 0.6, "urban", "rural")
    df["sex"] = np.where(rng.random(n) < 0.48, "male", "female")
    df["age_group"] = rng.choice(["18-44", "45-59", "60+"], n, p=[0.5, 0.3, 0.2])
    df["wave"] = np.where(rng.random(n) < 0.5, "baseline", "followup")
    df["campaign_exposed"] = rng.choice(["yes", "no", "dont_know"], n, p=[0.4, 0.5, 0.1])
    follow = (df["wave"] == "followup").to_numpy()
    exposed = (df["campaign_exposed"] == "yes").to_numpy()
    lin = -0.3 + 0.5 * df["u"] + 0.2 * follow + 0.1 * exposed + 0.6 * follow * exposed
    heard = rng.random(n) < 1 / (1 + np.exp(-lin))
    other = rng.random(n) < 0.15
    df["heard_mediation"] = np.where(other, "dont_know", np.where(heard, "yes", "no"))
    df.loc[rng.random(n) < 0.04, "heard_mediation"] = np.nan
    df["trust_mediators"] = np.clip(np.round(3 + df["u"] + rng.normal(0, 1, n)), 1, 5)
    df.loc[rng.random(n) < 0.05, "trust_mediators"] = np.nan
    df["knows_law"] = np.where(rng.random(n) < 1 / (1 + np.exp(-(lin - 0.5))), 1.0, 0.0)
    df.loc[rng.random(n) < 0.03, "knows_law"] = np.nan
    return df.drop(columns="u")


if __name__ == "__main__":
    FIXTURES.mkdir(parents=True, exist_ok=True)
    make_survey().to_csv(FIXTURES / "comparisons_survey.csv", index=False)
