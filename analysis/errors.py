"""Errors raised by the analysis package."""

from __future__ import annotations

from survey.messages import CodedError


class AnalysisError(CodedError):
    """Base class of every error the analysis package raises."""


class DesignError(AnalysisError):
    """The survey design is inconsistent (bad weights, missing strata or PSU values, ...)."""


class VariableError(AnalysisError):
    """A variable is unknown, of the wrong kind, or has no usable values."""


class RakingError(AnalysisError):
    """Raking cannot proceed or did not converge."""
