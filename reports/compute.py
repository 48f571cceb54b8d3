"""Ask the analysis package for every result a report shows (no statistic is computed here).

:func:`compute` returns a :class:`Results` bundle: the weighting, one :class:`IndicatorResult`
per headline indicator (national estimate, regions against the rest, change since the previous
wave, difference-in-differences) and one :class:`QuestionResult` per question (distribution,
cross-tabulations by the spec's breakdowns). An estimate the analysis package refuses (e.g. a
question nobody answered) is kept with the error's messages as the reason (rendered in the
report's language), never dropped silently.

Waves recorded on different questionnaire versions are compared only on the indicators the
version changes mark comparable (:mod:`reports.comparability`); the difference-in-differences
also needs the exposure question to be comparable. The verdicts are kept for the report to say
what was left out and why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd

import analysis
from analysis.errors import AnalysisError
from analysis.reliability import Reliability, assess
from analysis.weighting import Weighting, weighted_design
from reports.comparability import Comparability, comparability
from reports.data import WAVE, Snapshot
from reports.indicators import Indicator, answer_column
from reports.questions import ReportQuestion, report_questions
from reports.repeat_results import RepeatIndicatorResult, repeat_results
from reports.spec import ReportSpec
from survey.messages import Message
from survey.versions import ItemVerdict

Tick = Callable[[str], None]
T = TypeVar("T")
EXPOSED = "campaign_exposed"
#: Design columns of the bundled questionnaire; a form without them is analysed as unstratified
#: and unclustered (and can only be reported unweighted, design weights need the region).
STRATA, PSU = "region", "sampling_point"


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    national: analysis.EstimateTable | None  # the "yes" row only
    regions: analysis.RegionComparison | None
    change: analysis.WaveDifference | None
    did: analysis.DiDResult | None
    problems: tuple[Message, ...] = ()
    national_reliability: Reliability | None = None
    region_reliability: Reliability | None = None  # rows of ``regions.table``
    #: Whether the indicator is compared across the waves' questionnaire versions.
    verdict: ItemVerdict | None = None

    def estimate(self) -> pd.Series | None:
        if self.national is None or self.national.table.empty:
            return None
        return self.national.table.iloc[0]


@dataclass(frozen=True)
class Crosstab:
    breakdown: str
    result: analysis.CrosstabResult | None  # select_one and Likert questions
    groups: analysis.EstimateTable | None  # select_multiple: choices by group
    problem: tuple[Message, ...] | None = None
    reliability: Reliability | None = None  # rows of the result's or the groups' table


@dataclass(frozen=True)
class QuestionResult:
    question: ReportQuestion
    distribution: analysis.EstimateTable | None
    likert: analysis.LikertResult | None
    crosstabs: tuple[Crosstab, ...]
    problem: tuple[Message, ...] | None = None
    reliability: Reliability | None = None  # rows of ``distribution.table`` (proportions)
    top_reliability: Reliability | None = None  # the Likert top-box row


@dataclass(frozen=True)
class Results:
    weighting: Weighting
    campaign_weighting: Weighting | None
    indicators: tuple[IndicatorResult, ...]
    questions: tuple[QuestionResult, ...]
    #: The waves' questionnaire versions (None when the campaign section is not computed).
    versions: Comparability | None = None
    #: Whether the exposure question is compared across them (needed for the DiD).
    exposure: ItemVerdict | None = None
    #: The spec's repeat-level indicators (:mod:`reports.repeat_results`).
    repeats: tuple[RepeatIndicatorResult, ...] = ()

    def indicator(self, key: str) -> IndicatorResult:
        return next(r for r in self.indicators if r.indicator.key == key)


def steps(snapshot: Snapshot, spec: ReportSpec) -> int:
    """How many ticks :func:`compute` reports (for a progress bar)."""
    return 2 + len(snapshot.indicators) + len(report_questions(snapshot.form, spec))


def compute(snapshot: Snapshot, spec: ReportSpec, tick: Tick,
            repeat_frames: Mapping[str, pd.DataFrame] | None = None) -> Results:
    """Every result of the report of ``spec`` on ``snapshot``; ``repeat_frames`` holds the
    repeat-level frames (by repeat name) its repeat indicators are estimated on."""
    strata, psu = (column if column in snapshot.analysed.columns else None
                   for column in (STRATA, PSU))
    weighting = weighted_design(snapshot.analysed, spec.weighting, strata=strata, psu=psu)
    campaign = versions = exposure = None
    if _has_campaign(snapshot):
        campaign = weighted_design(snapshot.all_waves, spec.weighting, within=WAVE,
                                   strata=strata, psu=psu)
        versions = comparability(snapshot.all_waves, snapshot.form.form_id, snapshot.waves)
        exposure = versions.verdict(EXPOSED)
    tick("weights")
    indicators = tuple(_indicator(ind, weighting, campaign, spec, tick, versions, exposure)
                       for ind in snapshot.indicators)
    questions = tuple(_question(q, weighting, spec, tick)
                      for q in report_questions(snapshot.form, spec))
    repeats = repeat_results(weighting.design, repeat_frames or {}, spec, strata)
    tick("done")
    return Results(weighting, campaign, indicators, questions, versions, exposure, repeats)


def _has_campaign(snapshot: Snapshot) -> bool:
    frame = snapshot.all_waves
    return len(snapshot.waves) >= 2 and EXPOSED in frame.columns \
        and frame[EXPOSED].notna().any()


def _indicator(ind: Indicator, weighting: Weighting, campaign: Weighting | None,
               spec: ReportSpec, tick: Tick, versions: Comparability | None = None,
               exposure: ItemVerdict | None = None) -> IndicatorResult:
    design, problems = weighting.design, list[Message]()
    national = regions = change = did = verdict = None
    try:
        table = analysis.proportions(design, ind.column, confidence=spec.confidence)
        rows = table.table[table.table["category"] == ind.category]
        national = analysis.EstimateTable(rows.reset_index(drop=True), table.method, table.kind)
        regions = analysis.region_vs_rest(design, ind.column, category=ind.category,
                                          adjust=spec.adjustment, confidence=spec.confidence)
    except AnalysisError as error:
        problems += error.messages
    if versions is not None:
        verdict = versions.verdict(ind.question)
    if campaign is not None and (verdict is None or verdict.comparable):
        change = _attempt(problems, analysis.wave_difference, campaign.design, ind.column,
                          category=ind.category, confidence=spec.confidence)
        if exposure is None or exposure.comparable:
            did = _attempt(problems, analysis.difference_in_differences, campaign.design,
                           ind.column, category=ind.category, confidence=spec.confidence)
    tick(ind.key)
    return IndicatorResult(ind, national, regions, change, did, tuple(problems),
                           _assess(national.table, "n", "df", spec) if national else None,
                           _assess(regions.table, "n", "domain_df", spec) if regions else None,
                           verdict)


def _assess(frame: pd.DataFrame, n: str, df: str, spec: ReportSpec) -> Reliability:
    """The reliability of every proportion of ``frame`` (NCHS 2017, see analysis.reliability);
    ``n`` names the column of each estimate's base, ``df`` of its design degrees of freedom."""
    return assess(frame["estimate"], frame["se"], frame[n], frame[df],
                  confidence=spec.confidence)


def _attempt(problems: list[Message], fn: Callable[..., T], *args: object, **kwargs: object
             ) -> T | None:
    """``fn(...)``, or None with the analysis package's reason added to ``problems``."""
    try:
        return fn(*args, **kwargs)
    except AnalysisError as error:
        problems += error.messages
        return None


def _question(question: ReportQuestion, weighting: Weighting, spec: ReportSpec,
              tick: Tick) -> QuestionResult:
    design = weighting.design
    distribution = likert = None
    try:
        if question.kind == "likert":
            likert = analysis.likert(design, question.name, points=question.points,
                                     confidence=spec.confidence)
            distribution = likert.distribution
            if question.missing:  # every answer, "don't know" and "refused" included
                distribution = analysis.proportions(design, answer_column(question.name),
                                                    categories=question.categories,
                                                    confidence=spec.confidence)
        elif question.kind == "select_multiple":
            distribution = analysis.choices(design, list(question.columns),
                                            confidence=spec.confidence)
        elif question.kind == "number":
            distribution = analysis.mean(design, question.name, confidence=spec.confidence)
        else:
            distribution = analysis.proportions(design, question.name,
                                                categories=question.categories,
                                                confidence=spec.confidence)
    except AnalysisError as error:
        tick(question.name)
        return QuestionResult(question, None, None, (), error.messages)
    crosstabs = tuple(_crosstab(question, by, weighting, spec) for by in spec.breakdowns
                      if by != question.name and question.kind != "number")
    tick(question.name)
    proportions = question.kind != "number"
    top = likert.top_box.table if likert is not None else None
    return QuestionResult(question, distribution, likert, crosstabs, None,
                          _assess(distribution.table, "n", "df", spec) if proportions else None,
                          _assess(top, "n", "df", spec) if top is not None else None)


def _crosstab(question: ReportQuestion, by: str, weighting: Weighting,
              spec: ReportSpec) -> Crosstab:
    design = weighting.design
    try:
        if question.kind == "select_multiple":
            groups = analysis.choices(design, list(question.columns), by=by,
                                      confidence=spec.confidence)
            return Crosstab(by, None, groups, None, _assess(groups.table, "n", "df", spec))
        result = analysis.crosstab(design, question.name, by, confidence=spec.confidence)
        return Crosstab(by, result, None, None, _assess(result.table, "base", "df", spec))
    except AnalysisError as error:  # e.g. a singular table (an empty cell)
        return Crosstab(by, None, None, error.messages)
