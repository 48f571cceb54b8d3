"""Errors raised by the reports package."""

from __future__ import annotations


class ReportError(Exception):
    """Base class of every error the reports package raises; ``code`` is stable for tests."""

    code = "report"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        super().__init__(message)


class SpecError(ReportError):
    """A report spec (options or spec file) is invalid."""

    code = "report.spec"


class ReportCancelled(ReportError):
    """The user cancelled the report while it was being built."""

    code = "report.cancelled"
