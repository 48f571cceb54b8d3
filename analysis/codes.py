"""Message codes of the analysis package's errors (sentences in the ``messages`` catalogs).

``raise VariableError(VariableCode.UNKNOWN_COLUMN, column=name)``: the code string
(``analysis.variable.unknown_column``) is the error's stable ``code``. Where one code covers
several situations, the situation is a nested message (e.g. :class:`FpcProblem`).
"""

from __future__ import annotations

from survey.messages import MessageCode


class DesignCode(MessageCode):
    """Errors of :mod:`analysis.design` and :mod:`analysis.weighting`."""

    EMPTY = ("analysis.design.empty", ())
    UNKNOWN_COLUMN = ("analysis.design.unknown_column", ("column",))
    MISSING_WEIGHT = ("analysis.design.missing_weight", ("column",))
    NONPOSITIVE_WEIGHT = ("analysis.design.nonpositive_weight", ("column",))
    MISSING_STRATUM = ("analysis.design.missing_stratum", ("column",))
    MISSING_PSU = ("analysis.design.missing_psu", ("column",))
    BAD_FPC = ("analysis.design.bad_fpc", ("column", "problem"))
    LONELY_PSU = ("analysis.design.lonely_psu", ("strata",))
    LONELY_PSU_AVERAGE = ("analysis.design.lonely_psu_average", ())
    COLUMN_LENGTH = ("analysis.design.column_length", ("column", "values", "rows"))
    WEIGHT_SHAPE = ("analysis.design.weight_shape", ())
    NO_DEGREES_OF_FREEDOM = ("analysis.design.no_degrees_of_freedom", ("df", "parameters"))
    MISSING_REGION = ("analysis.design.missing_region", ("rows", "column"))
    UNKNOWN_REGION = ("analysis.design.unknown_region", ("region",))
    MISSING_VALUE = ("analysis.design.missing_value", ("column",))
    UNKNOWN_WEIGHTING = ("analysis.design.unknown_weighting", ("scheme", "schemes"))


class FpcProblem(MessageCode):
    """Why a finite population correction column cannot be used."""

    NOT_POSITIVE = ("analysis.design.fpc.not_positive", ())
    TOO_SMALL = ("analysis.design.fpc.too_small", ())
    MIXED = ("analysis.design.fpc.mixed", ())
    VARIES = ("analysis.design.fpc.varies", ())


class VariableCode(MessageCode):
    """Errors about the analysed variables and groups."""

    UNKNOWN_COLUMN = ("analysis.variable.unknown_column", ("column",))
    ALL_MISSING = ("analysis.variable.all_missing", ("columns",))
    NOT_NUMERIC = ("analysis.variable.not_numeric", ("column", "value"))
    UNKNOWN_CATEGORY = ("analysis.variable.unknown_category", ("column", "category", "problem"))
    NO_CHOICES = ("analysis.variable.no_choices", ())
    NOT_ZERO_ONE = ("analysis.variable.not_zero_one", ("column",))
    NO_GROUPS = ("analysis.variable.no_groups", ())
    NO_ANSWERS = ("analysis.variable.no_answers", ("columns",))
    GROUP_NAME_CLASH = ("analysis.variable.group_name_clash", ("column",))
    ZERO_TOTAL = ("analysis.variable.zero_total", ("column",))
    EMPTY_GROUP = ("analysis.variable.empty_group", ("group",))
    SINGLE_CATEGORY = ("analysis.variable.single_category", ("column",))
    CONSTANT = ("analysis.variable.constant", ("column",))
    BAD_ADJUSTMENT = ("analysis.variable.bad_adjustment", ("method",))
    NOT_BINARY = ("analysis.variable.not_binary", ("column",))
    SEPARATION = ("analysis.variable.separation", ("column",))
    SAME_COLUMN = ("analysis.variable.same_column", ("column",))
    BAD_STATISTIC = ("analysis.variable.bad_statistic", ("statistic", "statistics"))
    SINGULAR_TABLE = ("analysis.variable.singular_table", ())
    NONE = ("analysis.variable.none", ())
    BAD_KIND = ("analysis.variable.bad_kind", ("kind", "column", "kinds"))


class CategoryProblem(MessageCode):
    """Why a category of a variable does not match the data."""

    NOT_GIVEN = ("analysis.variable.category.not_given", ())
    NOT_ANSWERED = ("analysis.variable.category.not_answered", ())


class ScaleCode(MessageCode):
    """Errors of Likert items (:mod:`analysis.likert`) and scales (:mod:`analysis.scales`)."""

    OFF_SCALE = ("analysis.likert.off_scale", ("column", "value", "points"))
    BAD_TOP = ("analysis.likert.bad_top", ("top", "points"))
    BAD_MIN_ANSWERED = ("analysis.scale.bad_min_answered", ("value", "items"))
    TOO_FEW_ITEMS = ("analysis.scale.too_few_items", ())
    TOO_FEW_ROWS = ("analysis.scale.too_few_rows", ())
    NO_VARIANCE = ("analysis.scale.no_variance", ())


class IntervalCode(MessageCode):
    """Errors of :mod:`analysis.ciprop`."""

    UNKNOWN_METHOD = ("analysis.ci.unknown_method", ("method",))
    BAD_LEVEL = ("analysis.ci.bad_level", ("level",))


class RakingCode(MessageCode):
    """Errors of :mod:`analysis.raking` and :mod:`analysis.margins`."""

    NO_MARGINS = ("analysis.raking.no_margins", ())
    ALREADY_RAKED = ("analysis.raking.already_raked", ())
    BAD_ARGUMENT = ("analysis.raking.bad_argument", ("argument", "value", "problem"))
    NOT_CONVERGED = ("analysis.raking.not_converged", ("sweeps", "change", "tolerance"))
    BAD_BOUNDS = ("analysis.raking.bad_bounds", ("lower", "upper", "problem"))
    UNKNOWN_COLUMN = ("analysis.raking.unknown_column", ("column",))
    MISSING_VALUES = ("analysis.raking.missing_values", ("column", "rows"))
    BAD_MARGIN = ("analysis.raking.bad_margin", ("column", "problem"))
    CATEGORY_NOT_IN_MARGIN = ("analysis.raking.category_not_in_margin", ("column", "categories"))
    ZERO_TARGET = ("analysis.raking.zero_target", ("column", "categories"))
    EMPTY_CATEGORY = ("analysis.raking.empty_category", ("column", "categories"))
    INCONSISTENT_TOTALS = ("analysis.raking.inconsistent_totals", ("totals",))
    UNKNOWN_MARGIN = ("analysis.raking.unknown_margin", ("dimension", "known"))
    MISSING_FIGURE = ("analysis.raking.missing_figure", ("dimension", "categories"))


class RakingProblem(MessageCode):
    """Why a raking argument, trimming bound or margin cannot be used."""

    AT_LEAST_ONE = ("analysis.raking.problem.at_least_one", ())
    NOT_BOTH = ("analysis.raking.problem.not_both", ())
    NOT_POSITIVE = ("analysis.raking.problem.not_positive", ())
    BOUNDS_ORDER = ("analysis.raking.problem.bounds_order", ())
    ALL_OUTSIDE = ("analysis.raking.problem.all_outside", ())
    NOT_SETTLED = ("analysis.raking.problem.not_settled", ())
    NEGATIVE = ("analysis.raking.problem.negative", ())
    DUPLICATE = ("analysis.raking.problem.duplicate", ())
