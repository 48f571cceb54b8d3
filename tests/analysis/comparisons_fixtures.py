"""Shared loaders for the R ``survey`` reference figures of cross-tabs, regions, raking, DiD."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.design import Design

FIXTURES = Path(__file__).parent / "fixtures"
RTOL = 1e-7  # 6 significant digits with a margin


def survey_data() -> pd.DataFrame:
    """The stored synthetic survey (written by tests/reference/make_comparisons_data.py)."""
    return pd.read_csv(FIXTURES / "comparisons_survey.csv")


@cache
def reference() -> dict[str, Any]:
    """R's figures (tests/reference/r_survey_comparisons.R)."""
    return json.loads((FIXTURES / "comparisons_r_reference.json").read_text(encoding="utf-8"))


def stratified_design(data: pd.DataFrame | None = None) -> Design:
    """svydesign(ids=~psu, strata=~stratum, weights=~weight, nest=TRUE)."""
    frame = survey_data() if data is None else data
    return Design.from_frame(frame, weights="weight", strata="stratum", psu="psu")


def assert_close(actual: object, expected: object, rtol: float = RTOL) -> None:
    np.testing.assert_allclose(np.asarray(actual, dtype=float),
                               np.asarray(expected, dtype=float), rtol=rtol, atol=0)
