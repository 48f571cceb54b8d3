"""Survey weights for reports: none, design weights, or design weights raked to margins.

* ``"none"``: every respondent weighs 1 (strata and clusters still enter the variance).
* ``"design"``: the weight of a respondent in region ``r`` is the region's adult population
  divided by the number of respondents in ``r`` (``N_r / n_r``): the inverse of the selection
  probability of a sample stratified by region with equal-probability selection inside each
  region. With ``within=`` (e.g. ``"wave"``) the ratio is taken in every wave separately, so
  each wave represents the whole population.
* ``"raked"``: the design weights raked (:func:`analysis.raking.rake`) to the bundled adult
  margins (:mod:`analysis.adults`) scaled to the sum of the design weights. With ``within=``
  every wave is raked to the margins on its own: each margin is crossed with the wave
  (R: ``rake(design, list(~wave + sex, ...), ...)`` with every wave's population table the
  margin scaled to that wave's design weights), which is raking each wave separately in one
  calibrated design, so each wave meets every margin and the variance of a comparison between
  waves uses the raking residuals of both.

Adult figures come from :mod:`analysis.adults` (BNS, 1 January 2023; regions and settlement
types approximated); their sources are returned with the weighting so reports can cite them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.adults import adult_counts, adult_margin, adult_source
from analysis.codes import DesignCode
from analysis.design import Design, LonelyPSU
from analysis.errors import DesignError
from analysis.margins import DIMENSIONS, MarginSource
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
#: Joins a margin's category and the group's value in a crossed raking column.
SEPARATOR = "|"


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
    population = adult_counts("region")
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
        return Weighting(scheme, design, None, (adult_source("region"),), ("region",))
    if within is None:
        targets = {name: adult_margin(name, total=float(design.weights.sum()))
                   for name in margins}
    else:
        data, targets = _per_group_margins(data, margins, within)
        design = Design.from_frame(data, weights=WEIGHT_COLUMN, strata=strata, psu=psu,
                                   lonely_psu=lonely_psu)
    result = rake(design, targets, epsilon=RAKE_EPSILON, max_iter=RAKE_MAX_ITER)
    return Weighting(scheme, result.design, result, tuple(adult_source(m) for m in margins),
                     tuple(margins))


def crossed(margin: str, within: str) -> str:
    """Name of the column crossing a margin with the ``within`` column (e.g. ``sex|wave``)."""
    return f"{margin}|{within}"


def _per_group_margins(data: pd.DataFrame, margins: Sequence[str], within: str
                       ) -> tuple[pd.DataFrame, dict[str, pd.Series]]:
    """Every margin crossed with ``within``: each group's targets are the adult shares scaled
    to that group's sum of design weights, so each group is raked to the margins on its own."""
    if data[within].isna().any():
        raise DesignError(DesignCode.MISSING_VALUE, column=within)
    group = data[within].astype(str)
    totals = data.groupby(group)[WEIGHT_COLUMN].sum()
    out = data.copy(deep=False)
    targets: dict[str, pd.Series] = {}
    for name in margins:
        column = crossed(name, within)
        out[column] = (data[name].astype(str) + SEPARATOR + group).where(data[name].notna())
        parts = [adult_margin(name, total=float(total)) for total in totals]
        targets[column] = pd.concat([
            pd.Series(part.to_numpy(), index=[f"{c}{SEPARATOR}{g}" for c in part.index])
            for part, g in zip(parts, totals.index, strict=True)])
    return out, targets
