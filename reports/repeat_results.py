"""Repeat-level indicators of a report, asked of :mod:`analysis.repeat_level`.

:func:`repeat_results` is the report's hook: it takes the report's interview design and one
repeat-level frame per repeat (one row per instance, the interview's UUID in
``_parent_uuid``: the export's per-level tables, or :func:`reports.repeat_frames.repeat_frame`
read from a store) and estimates every ``repeat_indicators`` entry of the spec nationally and
by the region of the interview: shares (of a select_one's answer or a select_multiple's
choice), means, and counts or sums per interview (:mod:`reports.repeat_spec`). Shares get the
NCHS reliability assessment; means have none, as a number question's. An estimate the analysis
refuses is kept with its reasons.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from analysis import repeat_level
from analysis.codes import CategoryProblem
from analysis.design import Design
from analysis.errors import AnalysisError
from analysis.reliability import Reliability, assess
from analysis.results import EstimateTable
from analysis.variables import unknown_category
from reports.repeat_frames import frame_questions
from reports.repeat_spec import RepeatIndicator
from reports.spec import ReportSpec
from survey.export.variable import choice_column
from survey.form.model import Question
from survey.messages import Message, MessageCode


class RepeatReportCode(MessageCode):
    """Why a repeat-level indicator is not estimated."""

    NO_LEVEL = ("report.repeat.no_level", ("level",))


@dataclass(frozen=True)
class RepeatIndicatorResult:
    indicator: RepeatIndicator
    national: EstimateTable | None  # one row: the indicator's category, mean or count
    regions: EstimateTable | None  # the category's row in every region
    interviews: int = 0  # interviews holding the instances analysed
    problems: tuple[Message, ...] = ()
    reliability: Reliability | None = None
    region_reliability: Reliability | None = None
    #: The repeat's questions by name (their labels), when the frame carried them.
    questions: Mapping[str, Question] = field(default_factory=dict)

    def estimate(self) -> pd.Series | None:
        if self.national is None or self.national.table.empty:
            return None
        return self.national.table.iloc[0]


def repeat_results(design: Design, frames: Mapping[str, pd.DataFrame], spec: ReportSpec,
                   region: str | None = "region") -> tuple[RepeatIndicatorResult, ...]:
    """Every repeat indicator of ``spec`` on the repeat-level ``frames`` (by repeat name)."""
    out = []
    for ind in spec.repeat_indicators:
        result = _one(ind, design, frames, spec, region)
        frame = frames.get(ind.level)
        out.append(result if frame is None else replace(result,
                                                        questions=frame_questions(frame)))
    return tuple(out)


def _one(ind: RepeatIndicator, design: Design, frames: Mapping[str, pd.DataFrame],
         spec: ReportSpec, region: str | None) -> RepeatIndicatorResult:
    frame = frames.get(ind.level)
    if frame is None:
        return RepeatIndicatorResult(ind, None, None,
                                     problems=(RepeatReportCode.NO_LEVEL.message(level=ind.level),))
    by = region if region is not None and region in design.data.columns else None
    try:
        level = repeat_level.inherit_design(design, frame, repeat=ind.level,
                                            carry=(by,) if by else ())
        national = _estimate(level, ind, None, spec)
        regions = None if by is None else _estimate(level, ind, by, spec)
    except AnalysisError as error:
        return RepeatIndicatorResult(ind, None, None, problems=tuple(error.messages))
    if not ind.is_proportion:  # means have no NCHS assessment, as a number question's
        return RepeatIndicatorResult(ind, national, regions, level.interviews)
    return RepeatIndicatorResult(ind, national, regions, level.interviews, (),
                                 _assess(national.table, spec),
                                 _assess(regions.table, spec) if regions is not None else None)


def _estimate(level: repeat_level.InstanceDesign, ind: RepeatIndicator, by: str | None,
              spec: ReportSpec) -> EstimateTable:
    """The indicator's estimate, nationally (``by`` None) or in every group of ``by``."""
    confidence = spec.confidence
    if ind.statistic == "mean":
        return repeat_level.mean(level, ind.question, by=by, confidence=confidence)
    if ind.statistic == "per_interview":
        return repeat_level.per_interview(level, ind.question or None, by=by,
                                          confidence=confidence)
    if choice_column(ind.question, ind.category) in level.data.columns:  # a select_multiple
        table = repeat_level.choices(level, ind.question, by=by, confidence=confidence)
    else:
        table = repeat_level.proportions(level, ind.question, by=by, confidence=confidence)
    return _category(table, ind)


def _category(table: EstimateTable, ind: RepeatIndicator) -> EstimateTable:
    rows = table.table[table.table["category"].astype(str) == ind.category]
    if rows.empty:
        raise unknown_category(ind.question, ind.category, CategoryProblem.NOT_ANSWERED)
    return EstimateTable(rows.reset_index(drop=True), table.method, table.kind, table.groups,
                         table.notes)


def _assess(frame: pd.DataFrame, spec: ReportSpec) -> Reliability:
    return assess(frame["estimate"], frame["se"], frame["n"], frame["df"],
                  confidence=spec.confidence)
