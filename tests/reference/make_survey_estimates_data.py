"""Write the deterministic sample that ``r_survey_estimates.R`` and the analysis tests share.

Missing values are written as ``NA``; an empty ``sm`` is an answer with no choice ticked.

Run: ``.venv/bin/python tests/reference/make_survey_estimates_data.py`` (writes
``tests/analysis/fixtures/survey_estimates_data.csv``). The sample has 8 strata with 2-7 PSUs
of unequal size, unequal weights, a population PSU count (``fpc_n``) and a sampling fraction
with one completely sampled stratum (``fpc_f``), a PSU column where strata s7 and s8 hold a
single PSU (``psu_lonely``), regions that reach only some strata, and numeric, binary,
categorical, Likert and select_multiple answers with missing values.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parents[1] / "analysis" / "fixtures" / "survey_estimates_data.csv"


def make(seed: int = 20261125) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frames = []
    for h in range(8):
        n_psu = int(rng.integers(2, 8))
        pop_psu = n_psu * int(rng.integers(3, 20))
        frac = 1.0 if h == 2 else round(float(rng.uniform(0.05, 0.5)), 4)
        for j in range(n_psu):
            size = int(rng.integers(5, 21))
            psu_effect = rng.normal(0, 1)
            frames.append(pd.DataFrame({
                "stratum": f"s{h + 1}", "psu": j + 1, "psu_lonely": 1 if h >= 6 else j + 1,
                "fpc_n": pop_psu, "fpc_f": frac,
                "w": np.round(rng.gamma(4.0, 40.0, size) + 20 * h, 3),
                "region": rng.choice([f"r{h // 2 + 1}", f"r{(h + 1) // 2 % 4 + 1}"], size),
                "latent": psu_effect + rng.normal(0, 1, size),
            }))
    df = pd.concat(frames, ignore_index=True)
    n = len(df)
    df["sex"] = rng.choice(["f", "m"], n)
    df["x"] = np.round(30 + 8 * df["latent"] + rng.normal(0, 5, n), 2)
    df.loc[rng.random(n) < 0.06, "x"] = np.nan
    df["bin"] = (df["latent"] + rng.normal(0, 1, n) > 0.3).astype(float)
    df.loc[rng.random(n) < 0.05, "bin"] = np.nan
    cut = np.digitize(df["latent"] + rng.normal(0, 1, n), [-1.2, 0.0, 1.1])
    df["cat"] = np.array(["a", "b", "c", "d"])[cut]
    df.loc[rng.random(n) < 0.07, "cat"] = None
    df["lk"] = np.clip(np.round(3 + df["latent"] + rng.normal(0, 0.8, n)), 1, 5)
    df.loc[rng.random(n) < 0.04, "lk"] = np.nan
    items = (rng.random((n, 3)) < (0.3 + 0.1 * np.arange(3))).astype(int)
    df["k1"], df["k2"], df["k3"] = items.T.astype(float)
    df.loc[rng.random(n) < 0.03, "k2"] = np.nan
    df["sm"] = [" ".join(c for c, on in zip("abc", row, strict=True) if on) for row in items]
    df.loc[rng.random(n) < 0.05, "sm"] = None
    return df.drop(columns="latent")


if __name__ == "__main__":
    make().to_csv(OUT, index=False, na_rep="NA")
    print(f"wrote {OUT}")
