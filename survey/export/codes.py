"""Message codes of the export (templates in ``messages/export.po``).

The file an error is about (the output, or the database read) is the message's
``Location.file``; what the operating system or a file-format library said goes into a
``detail`` field. Notes (what an export could not read, or cut) name the question in
``Location.question``.
"""

from __future__ import annotations

from survey.messages import MessageCode


class ExportCode(MessageCode):
    """What can stop an export, and what an export says it did."""

    SAME_AS_INPUT = ("export.same_as_input", ())
    CANCELLED = ("export.cancelled", ())
    CANNOT_WRITE = ("export.cannot_write", ("detail",))
    FORMAT_LIMIT = ("export.format_limit", ("format", "detail"))
    UNKNOWN_FORMAT = ("export.unknown_format", ("format", "formats"))
    NO_FORM = ("export.no_form", ())
    UNKNOWN_FORM = ("export.unknown_form", ("form",))
    SEVERAL_FORMS = ("export.several_forms", ("forms",))
    DISK_FULL = ("export.disk_full", ())
    NOT_A_FILE = ("export.not_a_file", ("kind",))
    NO_FOLDER = ("export.no_folder", ("folder",))
    FOLDER_NOT_WRITABLE = ("export.folder_not_writable", ("folder",))
    UNKNOWN_LANGUAGE = ("export.unknown_language", ("language", "languages"))
    #: The form has plain labels only (no ``label::<language>`` columns).
    UNTRANSLATED_FORM = ("export.unknown_language.untranslated", ("language",))
    UNKNOWN_TABLE = ("export.unknown_table", ("table", "tables"))
    #: ``repeats`` of an export is neither "long" (a table per repeat) nor "wide".
    UNKNOWN_REPEATS = ("export.unknown_repeats", ("repeats", "choices"))
    #: The wide layout puts a column per instance: refused past ``limit`` instances.
    TOO_MANY_INSTANCES = ("export.too_many_instances", ("repeat", "count", "limit"))
    #: A repeat asked only by some questionnaire versions of the exported interviews.
    REPEAT_NOT_ASKED = ("export.repeat_not_asked", ("repeat", "asked", "versions"))
    #: The size of a repeat's table, in a codebook.
    CODEBOOK_INSTANCES = ("export.codebook.instances", ("repeat", "instances", "interviews"))
    #: The size of the main table, in a codebook.
    CODEBOOK_INTERVIEWS = ("export.codebook.interviews", ("interviews",))
    # What an output path is instead of a regular file (``kind`` of export.not_a_file).
    KIND_LINK = ("export.path.link", ())
    KIND_FOLDER = ("export.path.folder", ())
    KIND_FIFO = ("export.path.fifo", ())
    KIND_DEVICE = ("export.path.device", ())
    KIND_SPECIAL = ("export.path.special", ())

    # Notes: values the database holds that the export cannot use, and what it cut.
    UNREADABLE_VALUES = ("export.unreadable_values", ("count", "kind", "example"))
    UNREADABLE_META = ("export.unreadable_meta", ("count", "column", "example"))
    CONTROL_CHARACTERS = ("export.control_characters", ("count",))
    NOT_A_CHOICE = ("export.not_a_choice", ("count",))
    #: The database holds demo data: said with every export made from it.
    DEMO_DATA = ("export.demo_data", ())
    TEXT_CUT_BYTES = ("export.text_cut.bytes", ("count", "limit", "format"))
    TEXT_CUT_CHARACTERS = ("export.text_cut.characters", ("count", "limit", "format"))
    # The design columns (``analysis.export_design``).
    NO_DESIGN = ("export.no_design", ("columns",))
    NOT_RAKED = ("export.not_raked", ("reason",))
    NO_MARGINS = ("export.not_raked.no_margins", ("columns",))
    RAKING_FAILED = ("export.not_raked.failed", ("detail",))
    UNKNOWN_COLUMN = ("export.unknown_column", ("column", "examples"))
    # What a stored value should have been (``kind`` of export.unreadable_values).
    KIND_INTEGER = ("export.kind.integer", ())
    KIND_DECIMAL = ("export.kind.decimal", ())
    KIND_DATE = ("export.kind.date", ())
    KIND_TEXT = ("export.kind.text", ())
    KIND_CHOICE = ("export.kind.choice", ())


#: The ``kind`` field of export.unreadable_values per slot kind (``survey.export.build``).
KIND_NAMES: dict[str, ExportCode] = {
    "integer": ExportCode.KIND_INTEGER, "decimal": ExportCode.KIND_DECIMAL,
    "date": ExportCode.KIND_DATE, "text": ExportCode.KIND_TEXT, "choice": ExportCode.KIND_CHOICE,
}
