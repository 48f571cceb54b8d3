"""Estimates on a repeat level (household members, disputes): the design of the interviews.

A repeat-level frame has one row per instance of a repeat and the UUID of its interview in
``_parent_uuid`` (the export's per-level tables, ODK Central's and Kobo's layout). Its rows are
not sampled themselves: an instance is in the sample because its interview is. So every
instance inherits its interview's weight, stratum, PSU and finite population correction, and
instances are clustered within their interview's PSU (nested); when the interview design has
no PSUs, the interview itself is the cluster. This is R's

    persons <- merge(members, households, by.x = "_parent_uuid", by.y = "uuid")
    svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = persons, nest = TRUE)
    # without PSUs: ids = ~household

A mean or a proportion over instances is then a ratio estimator (the weighted sum of the
values over the weighted number of instances, ``svymean`` on that design, or ``svyratio`` of
the interviews' sums over their counts of instances), a total is the weighted sum.

The inherited design keeps the PSUs and strata of the whole interview design: a PSU whose
interviews have no instance (no household dispute in a sampling point) still counts as a
sampled PSU with a zero total, as in ``svyratio(~disputes_mediated, ~disputes, households)``
on the interview design. When every PSU holds an instance (a roster of household members)
this equals R's design on the merged frame above.

Weights raked at the interview level keep the raking in the variance. The raking calibrates
the interviews, so the instance-level estimator is linearized on the instances, its influence
values are summed per interview (interviews without an instance score 0), and those
interview-level scores are replaced by their raking residuals exactly as the interview-level
raked variance does (:class:`~analysis.raking.RakedDesign`). An instance-level mean is the
ratio of two interview-level totals (the interview's sum of y over its instances, and its
number of instances answering y), so this is R's

    households$y_sum <- ...; households$n_inst <- ...      # 0 without instances
    raked <- rake(household_design, list(~region, ~settlement), population_margins)
    svyratio(~y_sum, ~n_inst, raked); svytotal(~y_sum, raked)
    svyby(~y_sum, ~region, raked, svyratio, denominator = ~n_inst)

Raking is the only calibration of the interview weights the package does (design weights
``N_r / n_r`` are design weights, not a calibration), so every calibrated interview design is
a :class:`RakedDesign` and its instances get a :class:`RakedInstanceDesign`.

Every estimator of the package runs on the inherited design; :func:`mean`, :func:`total`,
:func:`proportions`, :func:`choices`, :func:`ratio` and :func:`by_group` here name the
variance "Taylor linearization, instances clustered within interviews" in their method.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

import analysis.estimates as estimates
from analysis import variables
from analysis.codes import DesignCode
from analysis.design import Design, _declared
from analysis.errors import DesignError
from analysis.groups import by_group as _by_group
from analysis.methods import DesignPart, DesignSummary, Variance
from analysis.raking import RakedDesign, _RakeOperator
from analysis.results import EstimateTable
from survey.messages import Message, MessageCode

#: The column of a repeat-level frame naming the interview of each instance.
PARENT = "_parent_uuid"
#: The column of the interview frame holding its UUID.
UUID = "uuid"


class InstanceCode(MessageCode):
    """Errors of a repeat-level design."""

    DUPLICATE_INTERVIEW = ("analysis.design.duplicate_interview", ("column",))
    NO_INSTANCES = ("analysis.design.no_instances", ("repeat",))


class InstancePart(MessageCode):
    """How a repeat-level design describes its rows and clusters."""

    INSTANCES = ("analysis.method.design.instances", ("n", "repeat", "interviews"))
    BY_INTERVIEW = ("analysis.method.design.instances_by_interview", ())
    IN_PSUS = ("analysis.method.design.instances_in_psus", ())
    RAKED = ("analysis.method.design.instances_raked", ())


@dataclass(frozen=True, slots=True)
class InstanceDesignSummary(DesignSummary):
    """The interview design's summary, and the repeat whose instances are the rows."""

    repeat: str = ""
    instances: int = 0
    interviews: int = 0
    raked_interviews: bool = False

    def parts(self) -> tuple[Message, ...]:
        found = [InstancePart.INSTANCES.message(n=self.instances, repeat=self.repeat,
                                                interviews=self.interviews)]
        independent = DesignPart.INDEPENDENT.message()  # instances of an interview are not
        found += [part for part in DesignSummary.parts(self) if part != independent]
        found.append(InstancePart.IN_PSUS.message() if self.psu
                     else InstancePart.BY_INTERVIEW.message())
        if self.raked_interviews:
            found.append(InstancePart.RAKED.message())
        return tuple(found)


@dataclass(frozen=True)
class InstanceDesign(Design):
    """A design over the instances of a repeat, inherited from the interviews' design.

    The arrays follow the instance rows; the PSUs and strata (their counts included) are the
    interview design's, so PSUs without any instance count as sampled with a zero total.
    """

    repeat: str = ""
    interviews: int = 0  # interviews holding at least one instance of the analysed rows
    #: Instances whose interview is not in the interview design (left out).
    unmatched: int = 0
    #: The interview design the instances inherit from, and the row in it of each instance.
    parent: Design | None = field(default=None, repr=False)
    interview_row: np.ndarray | None = field(default=None, repr=False)

    def summary(self) -> InstanceDesignSummary:
        base = Design.summary(self)
        return InstanceDesignSummary(
            weights=base.weights, strata=base.strata, n_strata=base.n_strata, psu=base.psu,
            n_psu=base.n_psu, fpc=base.fpc, lonely_psu=base.lonely_psu, raked=False,
            repeat=self.repeat, instances=self.n, interviews=self.interviews,
            raked_interviews=self.is_calibrated)

    def per_interview(self, scores: np.ndarray) -> np.ndarray:
        """The instances' values (n, or n x p) summed per interview of the parent design:
        (interviews x p), 0 for an interview without instances."""
        assert self.parent is not None and self.interview_row is not None
        summed = sparse.csr_matrix(
            (np.ones(self.n), (self.interview_row, np.arange(self.n))),
            shape=(self.parent.n, self.n))
        x = np.asarray(scores, dtype=float)
        return np.asarray(summed @ (x[:, None] if x.ndim == 1 else x))


@dataclass(frozen=True)
class RakedInstanceDesign(InstanceDesign, RakedDesign):
    """Instances of interviews whose weights were raked: the variance takes the raking
    residuals of the instances' influence values summed per interview.

    ``rake_codes`` and ``rake_weights`` hold each instance's interview's raking category and
    weight after that margin, so per-category sums of ``scores / psw_j`` over instances are the
    interviews' sums (what :mod:`analysis.linearize` forms for domains); the backfitting and
    the PSU-by-category weights are the interview design's (``parent``), which counts every
    interview, those without an instance included.
    """

    @property
    def interview_design(self) -> RakedDesign:
        assert isinstance(self.parent, RakedDesign)
        return self.parent

    def residuals(self, scores: np.ndarray) -> np.ndarray:
        """Raking residuals of the instances' scores summed per interview: one row per
        interview of the parent design (not per instance)."""
        return self.interview_design.residuals(self.per_interview(scores))

    @property
    def operator(self) -> _RakeOperator:
        return self.interview_design.operator

    @property
    def psu_category_weights(self) -> tuple[np.ndarray, ...]:  # type: ignore[override]
        return self.interview_design.psu_category_weights

    def influence_psu_totals(self, scores: np.ndarray) -> np.ndarray:
        return self.interview_design.influence_psu_totals(self.per_interview(scores))

    def variance(self, scores: np.ndarray, domain: np.ndarray | None = None) -> np.ndarray:
        """The interview design's raked variance of the instances' scores summed per
        interview (``domain`` does not narrow the strata of a calibrated design)."""
        return self.interview_design.variance(self.per_interview(scores), domain)


def inherit_design(interviews: Design, instances: pd.DataFrame, *, repeat: str,
                   carry: Iterable[str] = (), uuid: str = UUID, parent: str = PARENT,
                   missing_values: Mapping[str, Iterable[object]] | None = None
                   ) -> InstanceDesign:
    """The design of ``instances`` (one row per instance, ``parent`` naming its interview)
    inherited from ``interviews`` (a design over one row per interview, ``uuid`` column).

    ``carry`` names interview columns copied onto every instance (e.g. the household's
    region, for domains by region). Instances whose interview is not in the design (another
    wave, no consent) are left out and counted in ``unmatched``.
    """
    for frame, column in ((interviews.data, uuid), (instances, parent)):
        if column not in frame.columns:
            raise DesignError(DesignCode.UNKNOWN_COLUMN, column=column)
    keys = pd.Index(interviews.data[uuid].astype(str))
    if keys.has_duplicates:
        raise DesignError(InstanceCode.DUPLICATE_INTERVIEW, column=uuid)
    row = keys.get_indexer(instances[parent].astype(str).where(instances[parent].notna()))
    matched = row >= 0
    if not matched.any():
        raise DesignError(InstanceCode.NO_INSTANCES, repeat=repeat)
    row = row[matched]
    data = instances[matched].reset_index(drop=True)
    for name in carry:
        if name not in interviews.data.columns:
            raise DesignError(DesignCode.UNKNOWN_COLUMN, column=name)
        data[name] = interviews.data[name].to_numpy()[row]
    cls: type[InstanceDesign] = InstanceDesign
    raked: dict[str, Any] = {}
    if isinstance(interviews, RakedDesign):
        cls = RakedInstanceDesign
        raked = {"rake_codes": tuple(codes[row] for codes in interviews.rake_codes),
                 "rake_weights": tuple(psw[row] for psw in interviews.rake_weights)}
    return cls(
        data=data, weights=interviews.weights[row], strata=interviews.strata[row],
        psu=interviews.psu[row], fpc=None if interviews.fpc is None else interviews.fpc[row],
        lonely_psu=interviews.lonely_psu, weight_column=interviews.weight_column,
        strata_column=interviews.strata_column, psu_column=interviews.psu_column,
        fpc_column=interviews.fpc_column, _psu_stratum=interviews.psu_stratum,
        _psu_count=interviews.psu_count,
        missing_values=_declared(instances, missing_values),
        repeat=repeat, interviews=len(np.unique(row)), unmatched=int((~matched).sum()),
        parent=interviews, interview_row=row, **raked)


def _named(fn: Callable[..., EstimateTable]) -> Callable[..., EstimateTable]:
    def run(design: InstanceDesign, *args: Any, **kwargs: Any) -> EstimateTable:
        return fn(design, *args, **kwargs).with_method(variance=Variance.TAYLOR_INSTANCES)
    run.__name__ = fn.__name__
    run.__doc__ = f"{fn.__name__} on a repeat level: the instances' weighted estimate, with " \
                  "the variance named as instances clustered within interviews."
    return run


mean = _named(estimates.mean)
total = _named(estimates.total)
proportions = _named(estimates.proportions)
choices = _named(estimates.choices)
ratio = _named(estimates.ratio)
by_group = _named(_by_group)



#: Column of the interview frame holding the per-interview sums of :func:`per_interview`.
PER_INTERVIEW = "_per_interview"


def per_interview(design: InstanceDesign, variable: str | None = None, *, by: str | None = None,
                  confidence: float = 0.95) -> EstimateTable:
    """Instances per interview (``variable`` None), or the interview's sum of ``variable``
    over its instances, averaged over every interview of the parent design: an interview
    without instances counts 0 (the number of disputes per household). R's ``svymean(~n_inst,
    households)`` on the interview design (raked included); ``by`` is an interview column.
    """
    assert design.parent is not None  # set by inherit_design
    values = np.ones(design.n) if variable is None else np.nan_to_num(
        variables.numeric(design, variable).matrix[:, 0])
    sums = design.per_interview(values)[:, 0]
    name = variable or design.repeat
    table = estimates.mean(design.parent.with_column(PER_INTERVIEW, sums), PER_INTERVIEW,
                           by=by, confidence=confidence)
    frame = table.table.assign(variable=name)
    return EstimateTable(frame, table.method, table.kind, table.groups, table.notes)
