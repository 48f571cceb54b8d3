"""Errors raised by the analysis package."""

from __future__ import annotations

from survey.messages import CodedError


class AnalysisError(CodedError):
    """Base class of every error the analysis package raises; ``code`` is stable for tests."""

    code = "analysis"


class DesignError(AnalysisError):
    """The survey design is inconsistent (bad weights, missing strata or PSU values, ...)."""

    code = "analysis.design"


class VariableError(AnalysisError):
    """A variable is unknown, of the wrong kind, or has no usable values."""

    code = "analysis.variable"


class RakingError(AnalysisError):
    """Raking cannot proceed or did not converge."""

    code = "analysis.raking"
