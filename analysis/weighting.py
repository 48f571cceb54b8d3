"""Survey weights for reports: none, design weights, or design weights raked to margins.

* ``"none"``: every respondent weighs 1 (strata and clusters still enter the variance).
* ``"design"``: the weight of a respondent in region ``r`` is the region's population divided by
  the number of respondents in ``r`` (``N_r / n_r``): the inverse of the selection probability
  of a sample stratified by region with equal-probability selection inside each region. With
  ``within=`` (e.g. ``"wave"``) the ratio is taken in every wave separately, so each wave
  represents the whole population.
* ``"raked"``: the design weights raked (:func:`analysis.raking.rake`) to the bundled
  Kazakhstan margins (:mod:`analysis.margins`) scaled to the sum of the design weights; with
  ``within=`` the column itself is one more margin, each of its values keeping the share of the
  design weights it had, so the waves stay balanced.

Population counts come from :func:`analysis.margins.population_counts` (BNS, 1 January 2023);
their sources are returned with the weighting so reports can cite them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.codes import DesignCode
from analysis.design import Design, LonelyPSU
from analysis.errors import DesignError
from analysis.margins import DIMENSIONS, MarginSource, margin, population_counts, source_of
from analysis.phrases import joined
from analysis.raking import RakingResult, rake
from survey.messages import Message, MessageCode


class WeightingCode(MessageCode):
    """How the weights of a report were made."""

    NONE = ("analysis.weighting.none", ())
    DESIGN = ("analysis.weighting.design", ())

SCHEMES: tuple[str, ...] = ("none", "design", "raked")
#: Column the design and raked weights are stored in.
WEIGHT_COLUMN = "design_weight"
#: Raking tolerance as a fraction of the sum of the design weights (weights are population
#: counts, so R's absolute default of 1 would ask for agreement to one person in millions).
RAKE_EPSILON = 1e-7
RAKE_MAX_ITER = 100


@dataclass(frozen=True)
class Weighting:
    """A design built under one weighting scheme, with what a report says about it."""

    scheme: str
    design: Design
    raking: RakingResult | None
    sources: tuple[MarginSource, ...]
    margins: tuple[str, ...]

    def message(self, label: Callable[[str], str] = str) -> Message:
        """The scheme and, when raked, how; ``label`` names a margin (default: its column)."""
        if self.scheme == "none":
            return WeightingCode.NONE.message()
        parts = [WeightingCode.DESIGN.message()]
        if self.raking is not None and self.raking.method.adjustment is not None:
            parts.append(self.raking.method.adjustment.message(label))
        return joined(parts)

    def describe(self) -> str:
        """The scheme in one English line (for logs)."""
        return str(self.message())


def design_weights(frame: pd.DataFrame, *, region: str = "region",
                   within: str | None = None) -> np.ndarray:
    """``N_r / n_r`` per row: population of the row's region over respondents in it.

    With ``within`` the respondent count is taken in each value of that column separately.
    Raises :class:`DesignError` for a missing region, or a region without a bundled population.
    """
    if region not in frame.columns:
        raise DesignError(DesignCode.UNKNOWN_COLUMN, column=region)
    values = frame[region]
    if values.isna().any():
        raise DesignError(DesignCode.MISSING_REGION, rows=int(values.isna().sum()), column=region)
    population = population_counts("region")
    unknown = sorted(set(values.astype(str)) - set(population.index))
    if unknown:
        raise DesignError(DesignCode.UNKNOWN_REGION, region=unknown[0])
    keys = [region] if within is None else [region, within]
    if within is not None and frame[within].isna().any():
        raise DesignError(DesignCode.MISSING_VALUE, column=within)
    counts = frame.groupby(keys, sort=False)[region].transform("size").to_numpy(dtype=float)
    return population.reindex(values.astype(str)).to_numpy(dtype=float) / counts


def weighted_design(frame: pd.DataFrame, scheme: str, *, strata: str | None = "region",
                    psu: str | None = "sampling_point", within: str | None = None,
                    margins: Sequence[str] = DIMENSIONS,
                    lonely_psu: LonelyPSU | str = LonelyPSU.ADJUST) -> Weighting:
    """The design of ``frame`` under ``scheme`` (one of :data:`SCHEMES`)."""
    if scheme not in SCHEMES:
        raise DesignError(DesignCode.UNKNOWN_WEIGHTING, scheme=scheme, schemes=SCHEMES)
    if scheme == "none":
        design = Design.from_frame(frame, strata=strata, psu=psu, lonely_psu=lonely_psu)
        return Weighting(scheme, design, None, (), ())
    data = frame.copy(deep=False)
    data[WEIGHT_COLUMN] = design_weights(frame, within=within)
    design = Design.from_frame(data, weights=WEIGHT_COLUMN, strata=strata, psu=psu,
                               lonely_psu=lonely_psu)
    if scheme == "design":
        return Weighting(scheme, design, None, (source_of("region"),), ("region",))
    total = float(design.weights.sum())
    targets: dict[str, pd.Series] = {name: margin(name, total=total) for name in margins}
    if within is not None:
        shares = data.groupby(within)[WEIGHT_COLUMN].sum()
        targets[within] = shares
    result = rake(design, targets, epsilon=RAKE_EPSILON, max_iter=RAKE_MAX_ITER)
    return Weighting(scheme, result.design, result, tuple(source_of(m) for m in margins),
                     tuple(targets))
