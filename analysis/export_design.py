"""The survey design as columns of an export, so that SPSS, Stata and R reproduce the report.

* ``design_weight``: the report's design weight, adult population of the region over the complete
  interviews of consenting respondents in that region, counted in each wave separately
  (:func:`analysis.weighting.design_weights`); empty for drafts, refusals and rows without a
  region;
* ``raked_weight``: those weights raked to the bundled Kazakhstan margins (region, settlement,
  sex, age group), wave by wave, as the report's "raked" weighting does; left out when the
  table lacks a margin column or raking fails (a note says why);
* ``stratum``: the stratum (region), ``psu``: the primary sampling unit (sampling point),
  numbered within strata;
* ``fpc``: the adult population of the stratum, for software that wants a finite population
  correction (the report assumes sampling with replacement and does not use it).

The weights of the interviews of one wave equal those the report computes for that wave, so a
design declared from these columns gives the report's estimates and standard errors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.adults import adult_counts
from analysis.errors import AnalysisError
from analysis.margins import DIMENSIONS
from analysis.weighting import design_weights, weighted_design
from survey.export import ExportTable, Variable
from survey.export.codes import ExportCode
from survey.i18n import LANGUAGES, translator
from survey.messages import Message

DESIGN_WEIGHT, RAKED_WEIGHT, STRATUM, PSU, FPC = (
    "design_weight", "raked_weight", "stratum", "psu", "fpc")
DESIGN_COLUMNS: tuple[str, ...] = (DESIGN_WEIGHT, RAKED_WEIGHT, STRATUM, PSU, FPC)
LABELS = {
    DESIGN_WEIGHT: "Design weight (region population / interviews in the region and wave)",
    RAKED_WEIGHT: "Raked weight (design weight raked to region, settlement, sex, age group)",
    STRATUM: "Stratum (region)", PSU: "Primary sampling unit (sampling point)",
    FPC: "Population of the stratum (finite population correction)",
}


@dataclass(frozen=True)
class DesignSpec:
    """Which table columns define the design (the bundled questionnaire's by default)."""

    strata: str = "region"
    psu: str = "sampling_point"
    wave: str = "wave"
    consent: str = "consent"


def with_design(table: ExportTable, spec: DesignSpec | None = None) -> ExportTable:
    """``table`` with the design columns added at the end, when its form has a stratum and a
    PSU column; otherwise unchanged, with a note."""
    spec = spec or DesignSpec()
    frame = table.frame
    missing = [c for c in (spec.strata, spec.psu) if c not in frame.columns]
    if missing:
        return table.with_columns([], {}, (ExportCode.NO_DESIGN.message(columns=missing),))
    notes: list[Message] = []
    eligible = _eligible(frame, spec)
    design = _design_weight(frame, eligible, spec)
    raked = _raked_weight(frame, design, spec, notes)
    columns = {DESIGN_WEIGHT: pd.Series(design, dtype="Float64")}
    if raked is not None:
        columns[RAKED_WEIGHT] = pd.Series(raked, dtype="Float64")
    columns[STRATUM] = pd.Series(frame[spec.strata].to_numpy(dtype=object), dtype=object)
    columns[PSU] = pd.Series(frame[spec.psu].to_numpy(dtype=float, na_value=np.nan),
                             dtype="Float64").astype("Int64")
    population = adult_counts("region") if spec.strata == "region" else pd.Series()
    fpc = pd.Series(frame[spec.strata].to_numpy(dtype=object)).map(population)
    columns[FPC] = pd.Series(fpc.to_numpy(dtype=float, na_value=np.nan), dtype="Float64")
    _ = translator("export", table.language if table.language in LANGUAGES else "en")
    variables = [Variable(name, _(LABELS[name]), "design") for name in columns]
    return table.with_columns(variables, columns, tuple(notes))


def _eligible(frame: pd.DataFrame, spec: DesignSpec) -> np.ndarray:
    """Rows the report analyses: complete, consenting, with a known region."""
    rows = (frame["status"] == "complete").to_numpy(dtype=bool).copy()
    if spec.consent in frame.columns:
        rows &= (frame[spec.consent] == "yes").to_numpy(dtype=bool)
    known = set(adult_counts("region").index) if spec.strata == "region" else None
    strata = frame[spec.strata].to_numpy(dtype=object)
    rows &= np.fromiter((s is not None and (known is None or s in known) for s in strata),
                        dtype=bool, count=len(strata))
    return rows


def _waves(frame: pd.DataFrame, eligible: np.ndarray, spec: DesignSpec) -> list[np.ndarray]:
    if spec.wave not in frame.columns:
        return [eligible]
    waves = frame[spec.wave].to_numpy(dtype=object)
    return [eligible & (waves == w) for w in pd.unique(waves[eligible])]


def _design_weight(frame: pd.DataFrame, eligible: np.ndarray, spec: DesignSpec) -> np.ndarray:
    weights = np.full(len(frame), np.nan)
    strata = frame[[spec.strata]]
    for rows in _waves(frame, eligible, spec):
        if rows.any():
            weights[rows] = design_weights(strata[rows], region=spec.strata)
    return weights


def _raked_weight(frame: pd.DataFrame, design: np.ndarray, spec: DesignSpec,
                  notes: list[Message]) -> np.ndarray | None:
    absent = [d for d in DIMENSIONS if d not in frame.columns]
    if absent or spec.strata != "region":
        notes.append(ExportCode.NOT_RAKED.message(reason=ExportCode.NO_MARGINS.message(
            columns=absent or [spec.strata])))
        return None
    raked = np.full(len(frame), np.nan)
    # The columns the raking reads, taken before the rows: not a copy of every column.
    used = frame[list(dict.fromkeys([spec.strata, spec.psu, *DIMENSIONS]))]
    for rows in _waves(frame, ~np.isnan(design), spec):
        subset = used[rows].reset_index(drop=True)
        try:
            weighting = weighted_design(subset, "raked", strata=spec.strata, psu=spec.psu)
        except (AnalysisError, ValueError, KeyError) as error:
            detail = error.messages[0] if isinstance(error, AnalysisError) and error.messages \
                else str(error)
            notes.append(ExportCode.NOT_RAKED.message(
                reason=ExportCode.RAKING_FAILED.message(detail=detail)))
            return None
        raked[rows] = weighting.design.weights
    return raked
