"""Errors raised by the reports package."""

from __future__ import annotations

from survey.messages import CodedError


class ReportError(CodedError):
    """Base class of every error the reports package raises."""


class SpecError(ReportError):
    """A report spec (options or spec file) is invalid."""


class ReportCancelled(ReportError):
    """The user cancelled the report while it was being built."""
