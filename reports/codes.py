"""Message codes of report errors (templates in ``messages/reports.po``).

The file an error is about (the database, an output, a spec file) is the message's
``Location.file``. Codes with several cases keep one code and give the case as a nested
message (``reason`` / ``problem``), rendered in the same language.
"""

from __future__ import annotations

from survey.messages import CodedError, Field, MessageCode


class ReportCode(MessageCode):
    """Why a report cannot be built."""

    NO_DATABASE = ("report.no_database", ())
    DATA = ("report.data", ("error",))
    #: ``reason``: NONE_OF_FORM or NONE_CONSENTING.
    NO_INTERVIEWS = ("report.no_interviews", ("reason",))
    NONE_OF_FORM = ("report.no_interviews.form", ("form", "status"))
    NONE_CONSENTING = ("report.no_interviews.consent", ())
    UNKNOWN_WAVE = ("report.unknown_wave", ("wave", "waves"))
    NO_WAVES = ("report.unknown_wave.none", ())
    ANALYSIS = ("report.analysis", ("error",))
    FONT_MISSING = ("report.font_missing", ())
    CANCELLED = ("report.cancelled", ())
    SAME_AS_INPUT = ("report.same_as_input", ())
    SAME_OUTPUT = ("report.same_output", ())
    CANNOT_WRITE = ("report.cannot_write", ("detail",))
    PDF_LAYOUT = ("report.pdf_layout", ("passes",))
    CHART_UNDRAWABLE = ("report.chart_undrawable", ("chart",))
    NOTHING_TO_WRITE = ("report.nothing_to_write", ())


class SpecCode(MessageCode):
    """What is wrong with a report spec (its options or its file)."""

    BAD_INDICATOR = ("report.spec.bad_indicator", ("name",))
    UNKNOWN_INDICATOR = ("report.spec.unknown_indicator", ("name", "form"))
    UNKNOWN_QUESTION = ("report.spec.unknown_question", ("name", "form"))
    UNKNOWN_BREAKDOWN = ("report.spec.unknown_breakdown", ("name", "examples"))
    UNKNOWN_OPTION = ("report.spec.unknown_option", ("name", "known"))
    #: ``problem``: one of the messages below.
    BAD_VALUE = ("report.spec.bad_value", ("problem",))
    BAD_CONFIDENCE = ("report.spec.bad_value.confidence", ("value",))
    NO_INDICATOR = ("report.spec.bad_value.no_indicator", ())
    NOT_A_LIST = ("report.spec.bad_value.not_a_list", ("option",))
    NOT_ONE_OF = ("report.spec.bad_value.not_one_of", ("option", "value", "allowed"))
    WRONG_TYPE = ("report.spec.bad_value.wrong_type", ("detail",))
    MISSING = ("report.spec.missing", ())
    #: ``problem``: NOT_JSON or NOT_AN_OBJECT.
    UNREADABLE = ("report.spec.unreadable", ("problem",))
    NOT_JSON = ("report.spec.unreadable.json", ("detail",))
    NOT_AN_OBJECT = ("report.spec.unreadable.object", ())


def cause(error: BaseException) -> Field:
    """An underlying error as a field of a report message: its own messages (rendered in the
    report's language), or, for an exception that is not ours (e.g. an OSError), its text."""
    if isinstance(error, CodedError):
        return list(error.messages)
    return str(error)
