"""How a result was computed, as data: enumerations and small records, never sentences.

As samplics names its estimation choices with enumerations (``PopParam``, ``SinglePSUEst``),
a :class:`Method` holds the design (:class:`DesignSummary` or :class:`ItemSample`), the
variance method (:class:`Variance`), the confidence intervals (:class:`Interval`: a
:class:`IntervalMethod` and what it applies to, :class:`Scope`), the test
(:class:`HypothesisTest`) and the adjustment (:class:`RegionAdjustment` of p-values or
:class:`Raking` of weights) with their parameters. The enumerations are message codes: each
member's sentence lives in the ``messages`` catalogs, so a report renders a method in its own
language (``survey.messages.render``) and ``Method.describe()`` gives English for logs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from analysis.phrases import joined, names
from survey.messages import Message, MessageCode, render


class LonelyPSU(Enum):
    """What to do with a stratum holding a single PSU (R's ``options(survey.lonely.psu)``)."""

    FAIL = "fail"  #: raise an error (R's default)
    REMOVE = "remove"  #: the stratum contributes nothing to the variance
    CERTAINTY = "certainty"  #: treat the PSU as sampled with certainty: contributes nothing
    ADJUST = "adjust"  #: deviation of the lonely PSU total from zero (the population mean)
    AVERAGE = "average"  #: replace by the average variance of the other strata


class LonelyRule(MessageCode):
    """The lonely-PSU rules as a design description names them."""

    FAIL = ("analysis.method.lonely.fail", ())
    REMOVE = ("analysis.method.lonely.remove", ())
    CERTAINTY = ("analysis.method.lonely.certainty", ())
    ADJUST = ("analysis.method.lonely.adjust", ())
    AVERAGE = ("analysis.method.lonely.average", ())


LONELY_RULES: dict[LonelyPSU, LonelyRule] = {
    LonelyPSU.FAIL: LonelyRule.FAIL, LonelyPSU.REMOVE: LonelyRule.REMOVE,
    LonelyPSU.CERTAINTY: LonelyRule.CERTAINTY, LonelyPSU.ADJUST: LonelyRule.ADJUST,
    LonelyPSU.AVERAGE: LonelyRule.AVERAGE,
}


class DesignPart(MessageCode):
    """Parts of a design description."""

    WEIGHTS = ("analysis.method.design.weights", ("column",))
    UNWEIGHTED = ("analysis.method.design.unweighted", ())
    STRATA = ("analysis.method.design.strata", ("n", "column"))
    PSUS = ("analysis.method.design.psus", ("n", "column"))
    INDEPENDENT = ("analysis.method.design.independent", ())
    FPC = ("analysis.method.design.fpc", ("column",))
    LONELY_PSU = ("analysis.method.design.lonely_psu", ("rule",))
    RAKED = ("analysis.method.design.raked", ())
    LISTWISE = ("analysis.method.design.listwise", ("n",))


class Variance(MessageCode):
    """How standard errors were computed."""

    TAYLOR = ("analysis.method.variance.taylor", ())
    #: Repeat-level estimates (:mod:`analysis.repeat_level`).
    TAYLOR_INSTANCES = ("analysis.method.variance.taylor_instances", ())
    ALPHA_WEIGHTED = ("analysis.method.variance.alpha_weighted", ())
    ALPHA_SAMPLE = ("analysis.method.variance.alpha_sample", ())


class IntervalMethod(MessageCode):
    """Confidence-interval methods (``logit``, ``beta``, ``wald`` of :mod:`analysis.ciprop`)."""

    WALD = ("analysis.method.ci.wald", ())
    LOGIT = ("analysis.method.ci.logit", ())
    BETA = ("analysis.method.ci.beta", ())
    T = ("analysis.method.ci.t", ())


class Scope(MessageCode):
    """Which estimates of a result an interval method applies to, when they differ."""

    MEANS = ("analysis.method.scope.means", ("ci",))
    PROPORTIONS = ("analysis.method.scope.proportions", ("ci",))
    DIFFERENCE = ("analysis.method.scope.difference", ("ci",))
    DISTRIBUTION = ("analysis.method.scope.distribution", ("ci",))
    MEAN_SCORE = ("analysis.method.scope.mean_score", ("ci",))


class HypothesisTest(MessageCode):
    """Tests of :mod:`analysis.regions`, :mod:`analysis.campaign` and :mod:`analysis.crosstab`."""

    REGION_VS_REST = ("analysis.method.test.region_vs_rest", ())
    WAVES = ("analysis.method.test.waves", ())
    DID_LOGIT = ("analysis.method.test.did_logit", ())
    RAO_SCOTT_F = ("analysis.method.test.rao_scott_f", ())
    RAO_SCOTT_CHISQ = ("analysis.method.test.rao_scott_chisq", ())
    PEARSON = ("analysis.method.test.pearson", ())


class PAdjust(MessageCode):
    """Multiple-comparison adjustments of p-values (R's ``p.adjust`` methods)."""

    HOLM = ("analysis.method.adjust.holm", ())
    BH = ("analysis.method.adjust.bh", ())


class AdjustmentPart(MessageCode):
    """Adjustments: of p-values across regions, of weights by raking and trimming."""

    ACROSS_REGIONS = ("analysis.method.adjust.across_regions", ("method", "n"))
    RAKED = ("analysis.method.raking", ("margins", "epsilon", "sweeps"))
    TRIMMED = ("analysis.method.trimming", ("low", "high"))


class MethodPart(MessageCode):
    """The labelled parts of a method, as :meth:`Method.parts` gives them."""

    DESIGN = ("analysis.method.part.design", ("design",))
    VARIANCE = ("analysis.method.part.variance", ("variance",))
    CI = ("analysis.method.part.ci", ("ci", "level"))
    TEST = ("analysis.method.part.test", ("test",))
    ADJUSTMENT = ("analysis.method.part.adjustment", ("adjustment",))


@dataclass(frozen=True, slots=True)
class DesignSummary:
    """A survey design's columns and counts (:meth:`analysis.Design.summary`)."""

    weights: str | None = None
    strata: str | None = None
    n_strata: int = 1
    psu: str | None = None
    n_psu: int = 0
    fpc: str | None = None
    lonely_psu: LonelyPSU = LonelyPSU.FAIL
    raked: bool = False

    def parts(self) -> tuple[Message, ...]:
        found = [DesignPart.WEIGHTS.message(column=self.weights) if self.weights
                 else DesignPart.UNWEIGHTED.message()]
        if self.strata:
            found.append(DesignPart.STRATA.message(n=self.n_strata, column=self.strata))
        if self.psu:
            found.append(DesignPart.PSUS.message(n=self.n_psu, column=self.psu))
        else:
            found.append(DesignPart.INDEPENDENT.message())
        if self.fpc:
            found.append(DesignPart.FPC.message(column=self.fpc))
        if self.psu or self.strata:
            rule = LONELY_RULES[self.lonely_psu].message()
            found.append(DesignPart.LONELY_PSU.message(rule=rule))
        if self.raked:
            found.append(DesignPart.RAKED.message())
        return tuple(found)

    def message(self) -> Message:
        return joined(self.parts())


@dataclass(frozen=True, slots=True)
class ItemSample:
    """The rows behind a scale statistic: complete answers to every item (listwise)."""

    weights: str | None
    rows: int

    def message(self) -> Message:
        weights = (DesignPart.WEIGHTS.message(column=self.weights) if self.weights
                   else DesignPart.UNWEIGHTED.message())
        return joined((weights, DesignPart.LISTWISE.message(n=self.rows)))


@dataclass(frozen=True, slots=True)
class Interval:
    """An interval method, for the estimates ``scope`` names (all of them when None)."""

    method: IntervalMethod
    scope: Scope | None = None

    def message(self) -> Message:
        if self.scope is None:
            return self.method.message()
        return self.scope.message(ci=self.method.message())


@dataclass(frozen=True, slots=True)
class RegionAdjustment:
    """p-values adjusted across the regions compared."""

    method: PAdjust
    regions: int

    def message(self, label: Callable[[str], str] = str) -> Message:
        del label  # names no column
        return AdjustmentPart.ACROSS_REGIONS.message(method=self.method.message(), n=self.regions)


@dataclass(frozen=True, slots=True)
class Raking:
    """Weights raked to ``margins`` (columns) as ``survey::rake``, optionally trimmed."""

    margins: tuple[str, ...]
    epsilon: float
    max_iter: int
    bounds: tuple[float, float] | None = None

    def message(self, label: Callable[[str], str] = str) -> Message:
        """The raking (and trimming); ``label`` names each margin (default: its column)."""
        raked = AdjustmentPart.RAKED.message(margins=names(label(m) for m in self.margins),
                                             epsilon=f"{self.epsilon:g}", sweeps=self.max_iter)
        if self.bounds is None:
            return raked
        low, high = self.bounds
        return joined((raked, AdjustmentPart.TRIMMED.message(low=f"{low:g}", high=f"{high:g}")))


@dataclass(frozen=True, slots=True)
class Method:
    """How a result was computed, for printing beside it."""

    design: DesignSummary | ItemSample
    variance: Variance = Variance.TAYLOR
    ci: tuple[Interval, ...] = ()
    test: HypothesisTest | None = None
    adjustment: RegionAdjustment | Raking | None = None
    confidence: float = 0.95

    def parts(self, label: Callable[[str], str] = str) -> tuple[Message, ...]:
        """Design, variance, CI (with level), test and adjustment, each a labelled message.

        ``label`` names a raking margin (a report passes its own names of the columns).
        """
        found = [MethodPart.DESIGN.message(design=self.design.message()),
                 MethodPart.VARIANCE.message(variance=self.variance.message())]
        if self.ci:
            ci = joined([interval.message() for interval in self.ci])
            found.append(MethodPart.CI.message(ci=ci, level=round(100 * self.confidence, 4)))
        if self.test is not None:
            found.append(MethodPart.TEST.message(test=self.test.message()))
        if self.adjustment is not None:
            adjustment = self.adjustment.message(label)
            found.append(MethodPart.ADJUSTMENT.message(adjustment=adjustment))
        return tuple(found)

    def describe(self) -> str:
        """One English line (for logs): design; variance; CI (with level); test; adjustment."""
        return "; ".join(render(part, "en") for part in self.parts())
