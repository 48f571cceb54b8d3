"""Message codes of the export (templates in ``messages/export.po``).

The file an error is about (the output, or the database read) is the message's
``Location.file``; what the operating system or a file-format library said goes into a
``detail`` field.
"""

from __future__ import annotations

from survey.messages import MessageCode


class ExportCode(MessageCode):
    """What can stop an export."""

    SAME_AS_INPUT = ("export.same_as_input", ())
    CANCELLED = ("export.cancelled", ())
    CANNOT_WRITE = ("export.cannot_write", ("detail",))
    FORMAT_LIMIT = ("export.format_limit", ("format", "detail"))
    UNKNOWN_FORMAT = ("export.unknown_format", ("format", "formats"))
    NO_FORM = ("export.no_form", ())
    UNKNOWN_FORM = ("export.unknown_form", ("form",))
    SEVERAL_FORMS = ("export.several_forms", ("forms",))
