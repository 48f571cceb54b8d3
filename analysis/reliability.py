"""Whether an estimated proportion is reliable enough to publish, by a published standard.

The rules are those of the NCHS Data Presentation Standards for Proportions (Parker et al.,
National Center for Health Statistics, Vital Health Stat 2(175), 2017), applied to every
proportion with its design-based standard error, sample size and design degrees of freedom:

1. effective sample size ``n_eff = p (1 - p) / se^2`` (at most ``n``; ``n`` when ``p`` is 0
   or 1) below 30: **suppress**;
2. else a Korn-Graubard interval (:func:`analysis.ciprop.beta_ci`, width 0 when ``p`` is 0 or
   1) at most 5 percentage points wide: **present**;
3. else an interval 30 points wide or more: **suppress**;
4. else a relative width (width / p) above 130%: **suppress**; otherwise **present**.

A presented proportion is marked for **statistical review** when the relative width of its
complement (width / (1 - p)) is above 130%, when its design degrees of freedom are fewer than
8, or when it is 0% or 100%. Each decision carries its reasons as :class:`ReliabilityCode`
messages, rendered in the report's language at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.ciprop import beta_ci
from survey.messages import Message, MessageCode

#: Decisions, from best to worst.
PRESENT, REVIEW, SUPPRESS = "present", "review", "suppress"


class ReliabilityCode(MessageCode):
    """Why a proportion is suppressed or marked for review (fields: the figures compared)."""

    SMALL_EFFECTIVE_N = ("reliability.small_effective_n", ("n_effective", "minimum"))
    WIDE_INTERVAL = ("reliability.wide_interval", ("width", "maximum"))
    WIDE_RELATIVE = ("reliability.wide_relative", ("relative", "maximum"))
    WIDE_COMPLEMENT = ("reliability.wide_complement", ("relative", "maximum"))
    FEW_DEGREES = ("reliability.few_degrees", ("df", "minimum"))
    ALL_OR_NONE = ("reliability.all_or_none", ())
    STANDARD = ("reliability.standard", ())


@dataclass(frozen=True, slots=True)
class Standard:
    """Thresholds of a presentation standard (defaults: NCHS 2017, proportions)."""

    min_effective_n: float = 30.0
    width_present: float = 0.05
    width_max: float = 0.30
    relative_max: float = 1.30
    min_df: int = 8

    def name(self) -> Message:
        return ReliabilityCode.STANDARD.message()


NCHS_2017 = Standard()


@dataclass(frozen=True)
class Reliability:
    """Per-estimate arrays of one assessment (same order as the inputs)."""

    decision: np.ndarray  # PRESENT, REVIEW or SUPPRESS
    n_effective: np.ndarray
    kg_low: np.ndarray
    kg_high: np.ndarray
    width: np.ndarray
    reasons: tuple[tuple[Message, ...], ...]

    @property
    def suppressed(self) -> np.ndarray:
        return self.decision == SUPPRESS

    @property
    def reliable(self) -> np.ndarray:
        """Estimates that pass the standard without any mark."""
        return self.decision == PRESENT


def assess(p: object, se: object, n: object, df: object, *, confidence: float = 0.95,
           standard: Standard = NCHS_2017) -> Reliability:
    """Assess proportions ``p`` with standard errors ``se``, domain sizes ``n`` and design
    degrees of freedom ``df`` (array-likes of one length)."""
    arrays = [np.atleast_1d(np.asarray(a, dtype=float)) for a in (p, se, n, df)]
    return _assess(*arrays, confidence=confidence, standard=standard)


def _assess(p: np.ndarray, se: np.ndarray, n: np.ndarray, df: np.ndarray, *,
            confidence: float, standard: Standard) -> Reliability:
    edge = (p <= 0) | (p >= 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        n_eff = np.where(edge, n, np.minimum(p * (1 - p) / (se * se), n))
        low, high = beta_ci(p, se, df, n, confidence)
        width = np.where(edge, 0.0, high - low)
        relative = width / p
        complement = width / (1 - p)
    decision, reasons = [], []
    for i in range(len(p)):
        verdict, why = _one(float(n_eff[i]), float(width[i]), float(relative[i]),
                            float(complement[i]), float(df[i]), bool(edge[i]), standard)
        decision.append(verdict)
        reasons.append(why)
    return Reliability(np.array(decision, dtype=object), n_eff, low, high, width,
                       tuple(reasons))


def _one(n_eff: float, width: float, relative: float, complement: float, df: float,
         edge: bool, s: Standard) -> tuple[str, tuple[Message, ...]]:
    if not n_eff >= s.min_effective_n:  # NaN (no variance known) fails too
        return SUPPRESS, (ReliabilityCode.SMALL_EFFECTIVE_N.message(
            n_effective=_round(n_eff), minimum=_round(s.min_effective_n)),)
    if not width <= s.width_present:
        if not width < s.width_max:
            return SUPPRESS, (ReliabilityCode.WIDE_INTERVAL.message(
                width=_points(width), maximum=_points(s.width_max)),)
        if relative > s.relative_max:
            return SUPPRESS, (ReliabilityCode.WIDE_RELATIVE.message(
                relative=_percent(relative), maximum=_percent(s.relative_max)),)
    review: list[Message] = []
    if s.width_present < width < s.width_max and complement > s.relative_max:
        review.append(ReliabilityCode.WIDE_COMPLEMENT.message(
            relative=_percent(complement), maximum=_percent(s.relative_max)))
    if not df >= s.min_df:
        review.append(ReliabilityCode.FEW_DEGREES.message(df=_round(df), minimum=s.min_df))
    if edge:
        review.append(ReliabilityCode.ALL_OR_NONE.message())
    return (REVIEW if review else PRESENT), tuple(review)


def _round(value: float) -> float | int:
    if not np.isfinite(value):
        return 0
    return int(value) if value == int(value) else round(value, 1)


def _points(value: float) -> float:
    return round(100 * value, 1)


def _percent(value: float) -> float:
    return round(100 * value, 0)
