"""Write the raking margins of the roster survey used by ``r_survey_repeat_raked.R``.

The households of ``repeat_households.csv`` (written by ``make_repeat_level_data.py``) get a
settlement type and the sex of the household head (``repeat_rake_households.csv``, one row per
household), and the population margins the households are raked to: region, settlement and
head's sex (``repeat_rake_margins.json``, each summing to the same population of households).
Deterministic (numpy seed); the tests read the stored files, so regenerating is only needed
when the oracle changes:

    .venv/bin/python tests/reference/make_repeat_raked_data.py
    Rscript tests/reference/r_survey_repeat_raked.R
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

FIXTURES = Path(__file__).resolve().parents[1] / "analysis" / "fixtures"
#: Population households per household in the weighted sample.
SCALE = 1.15
SETTLEMENT_SHARES = {"urban": 0.58, "rural": 0.42}
HEAD_SEX_SHARES = {"female": 0.31, "male": 0.69}


def attributes(rng: np.random.Generator, households: pd.DataFrame) -> pd.DataFrame:
    urban = rng.random(len(households)) < np.where(households["stratum"] % 2 == 0, 0.7, 0.45)
    female = rng.random(len(households)) < 0.3
    return pd.DataFrame({"uuid": households["uuid"],
                         "settlement": np.where(urban, "urban", "rural"),
                         "head_sex": np.where(female, "female", "male")})


def margins(rng: np.random.Generator, households: pd.DataFrame) -> dict[str, dict[str, float]]:
    population = round(float(households["w"].sum()) * SCALE)
    sample = households.groupby("region")["w"].sum()
    shares = sample * rng.uniform(0.85, 1.15, len(sample))
    region = (shares / shares.sum() * population).round(0)
    region.iloc[-1] = population - region.iloc[:-1].sum()
    return {"region": {str(k): float(v) for k, v in region.items()},
            "settlement": {k: population * s for k, s in SETTLEMENT_SHARES.items()},
            "head_sex": {k: population * s for k, s in HEAD_SEX_SHARES.items()}}


def main() -> None:
    rng = np.random.default_rng(20261202)
    households = pd.read_csv(FIXTURES / "repeat_households.csv")
    attributes(rng, households).to_csv(FIXTURES / "repeat_rake_households.csv", index=False)
    (FIXTURES / "repeat_rake_margins.json").write_text(
        json.dumps(margins(rng, households), indent=2) + "\n")


if __name__ == "__main__":
    main()
