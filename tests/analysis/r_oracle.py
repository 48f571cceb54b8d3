"""Shared loading of the R ``survey`` oracle fixtures (see tests/reference/r_survey_estimates.R)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd

from analysis.design import Design

FIXTURES = Path(__file__).parent / "fixtures"

#: design name in the fixtures -> (psu column, fpc column, lonely-PSU option, stratified)
DESIGNS: dict[str, tuple[str | None, str | None, str, bool]] = {
    "unweighted": ("psu", None, "fail", True),
    "base": ("psu", None, "fail", True),
    "fpc_n": ("psu", "fpc_n", "fail", True),
    "fpc_f": ("psu", "fpc_f", "fail", True),
    "srs": (None, None, "fail", False),
    "strata_only": (None, None, "fail", True),
    "lonely_remove": ("psu_lonely", None, "remove", True),
    "lonely_certainty": ("psu_lonely", None, "certainty", True),
    "lonely_adjust": ("psu_lonely", None, "adjust", True),
    "lonely_average": ("psu_lonely", None, "average", True),
    "lonely_adjust_fpc": ("psu_lonely", "fpc_n", "adjust", True),
    "lonely_average_fpc": ("psu_lonely", "fpc_n", "average", True),
}


@cache
def sample() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "survey_estimates_data.csv", keep_default_na=False,
                       na_values=["NA"])


@cache
def records() -> tuple[dict, ...]:
    return tuple(json.loads((FIXTURES / "r_survey_estimates.json").read_text()))


def design(name: str) -> Design:
    psu, fpc, lonely, stratified = DESIGNS[name]
    weights = None if name == "unweighted" else "w"
    return Design.from_frame(sample(), weights=weights, strata="stratum" if stratified else None,
                             psu=psu, fpc=fpc, lonely_psu=lonely)


def select(**where: object) -> list[dict]:
    return [r for r in records() if all(r.get(k) == v for k, v in where.items())]
