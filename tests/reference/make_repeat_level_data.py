"""Write the synthetic household survey with rosters used by ``r_survey_repeat_level.R``.

Households are the interviews: a stratum (region), a PSU (sampling point) and a weight each.
Every household has one to six members (``repeat_members.csv``: one row per member, its
household in ``_parent_uuid``) and zero to three disputes (``repeat_disputes.csv``); no
household of one PSU had a dispute, so that PSU holds no instance of the disputes repeat.
Deterministic (numpy seed); the tests read the stored files, so regenerating is only needed
when the oracle changes:

    .venv/bin/python tests/reference/make_repeat_level_data.py
    Rscript tests/reference/r_survey_repeat_level.R
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

FIXTURES = Path(__file__).resolve().parents[1] / "analysis" / "fixtures"
REGIONS = ("abai", "akmola", "almaty", "astana", "shymkent", "ulytau")
#: Population number of PSUs per stratum (the finite population correction).
POPULATION_PSUS = (30, 25, 60, 40, 35, 12)


def make_households(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for h, region in enumerate(REGIONS):
        for j in range(int(rng.integers(3, 7))):
            for _ in range(int(rng.integers(4, 11))):
                rows.append({"uuid": f"hh-{len(rows) + 1:04d}", "region": region,
                             "stratum": h + 1, "psu": j + 1, "fpc": POPULATION_PSUS[h],
                             "w": round(float(rng.lognormal(np.log(200 + 50 * h), 0.4)), 3),
                             "cluster": float(rng.normal(0, 0.7))})
    return pd.DataFrame(rows)


def make_members(rng: np.random.Generator, households: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for hh in households.itertuples():
        for index in range(1, int(rng.integers(1, 7)) + 1):
            age = int(np.clip(rng.normal(38 + 6 * hh.cluster, 18), 0, 95))
            employed = rng.random() < 1 / (1 + np.exp(-(0.3 + hh.cluster)))
            hours = float(np.round(rng.uniform(10, 50), 1)) if employed else 0.0
            rows.append({"_parent_uuid": hh.uuid, "_index": index, "age": age,
                         "sex": "female" if rng.random() < 0.52 else "male",
                         "employed": "yes" if employed else "no", "hours": hours,
                         "income": round(hours * float(rng.lognormal(np.log(9), 0.3)), 2)})
    members = pd.DataFrame(rows)
    members.loc[rng.random(len(members)) < 0.06, "age"] = np.nan
    return members


def make_disputes(rng: np.random.Generator, households: pd.DataFrame) -> pd.DataFrame:
    rows = []
    quiet = (households["stratum"] == 2) & (households["psu"] == 1)
    for hh, none in zip(households.itertuples(), quiet, strict=True):
        count = 0 if none else int(rng.choice([0, 0, 1, 1, 2, 3]))
        for index in range(1, count + 1):
            mediated = rng.random() < 1 / (1 + np.exp(-(-0.5 + hh.cluster)))
            rows.append({"_parent_uuid": hh.uuid, "_index": index,
                         "kind": str(rng.choice(["family", "labour", "land"])),
                         "mediator": "yes" if mediated else "no",
                         "cost": round(float(rng.lognormal(np.log(40000), 0.8)), 0)})
    return pd.DataFrame(rows)


def main() -> None:
    rng = np.random.default_rng(20261201)
    households = make_households(rng)
    members = make_members(rng, households)
    disputes = make_disputes(rng, households)
    households.drop(columns="cluster").to_csv(FIXTURES / "repeat_households.csv", index=False)
    members.to_csv(FIXTURES / "repeat_members.csv", index=False)
    disputes.to_csv(FIXTURES / "repeat_disputes.csv", index=False)


if __name__ == "__main__":
    main()
