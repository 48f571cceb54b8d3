"""Message codes of the XLSForm reader (templates: ``locale/<lang>/messages/form.po``).

A problem of a questionnaire is a :class:`~survey.messages.Message` of one of these codes, with
named fields and the location of the cell (file, sheet, row, column). The codes of
``docs/architecture.md`` (``form.unknown_type`` ...) are the problem families; a family whose
variants say different things has a code per variant (``form.missing_name.choice``). Parts
that change inside one sentence are nested messages: the reason (``form.reason.*``), the
unsupported feature (``form.feature.*``) and the advice that ends a sentence
(``form.advice.*``, e.g. "Did you mean 'age'?").
"""

from __future__ import annotations

from survey.messages import MessageCode


class FormCode(MessageCode):
    """Codes of the problems of an XLSForm workbook."""

    UNREADABLE = ("form.unreadable", ("reason",))
    TOO_LARGE = ("form.too_large", ("limit",))
    TOO_DEEP = ("form.too_deep", ("limit",))
    NO_SURVEY_SHEET = ("form.no_survey_sheet", ("sheets",))
    UNSUPPORTED_TYPE = ("form.unsupported_type", ("type", "feature"))
    UNKNOWN_TYPE = ("form.unknown_type", ("type", "advice"))
    BAD_TYPE = ("form.bad_type", ("type",))
    UNSUPPORTED_COLUMN = ("form.unsupported_column", ("column",))
    UNKNOWN_COLUMN = ("form.unknown_column", ("column",))
    UNSUPPORTED_SHEET = ("form.unsupported_sheet", ("sheet", "feature"))
    UNSUPPORTED_APPEARANCE = ("form.unsupported_appearance", ())
    DUPLICATE_NAME = ("form.duplicate_name", ("name", "row"))
    NAME_OF_OTHER_TEXT = ("form.duplicate_name.or_other", ("name", "question"))
    DUPLICATE_GROUP_NAME = ("form.duplicate_name.group", ("name", "row"))
    MISSING_NAME = ("form.missing_name", ())
    MISSING_CHOICE_NAME = ("form.missing_name.choice", ("list",))
    INVALID_NAME = ("form.invalid_name", ("name",))
    MISSING_LIST = ("form.missing_list", ("list", "sheet"))
    EMPTY_LIST = ("form.empty_list", ("list",))
    DUPLICATE_CHOICE = ("form.duplicate_choice", ("list", "name"))
    INVALID_CHOICE_NAME = ("form.invalid_choice_name", ("name", "list"))
    UNMATCHED_GROUP = ("form.unmatched_group", ("name",))
    UNMATCHED_END_GROUP = ("form.unmatched_group.end", ())
    MISSING_LABEL = ("form.missing_label", ("type", "name"))
    MISSING_CHOICE_LABEL = ("form.missing_label.choice", ("name", "list"))
    MISSING_CALCULATION = ("form.missing_calculation", ("name",))
    MISSING_TYPE = ("form.missing_type", ())
    MISPLACED_COLUMN = ("form.misplaced_column", ("column", "type", "advice"))
    MISPLACED_GROUP_COLUMN = ("form.misplaced_column.group", ("column", "advice"))
    FILTER_WITH_OTHER = ("form.misplaced_column.or_other", ())
    UNKNOWN_REFERENCE = ("form.unknown_reference", ("name", "advice"))
    GROUP_REFERENCE = ("form.unknown_reference.group", ("name",))
    #: ``rows``: the rows of the questions and groups of that name.
    AMBIGUOUS_REFERENCE = ("form.unknown_reference.ambiguous", ("name", "rows"))
    SELF_REFERENCE = ("form.self_reference", ("column", "owner", "name"))
    CYCLE = ("form.cycle", ("path",))
    SYNTAX = ("form.syntax", ("column", "error"))
    #: ``instance('list')/root/item[...]``: a path into a choice list or another instance.
    INSTANCE_PATH = ("form.instance_path", ("column", "instance"))
    UNKNOWN_FUNCTION = ("form.unknown_function", ("column", "error"))
    BARE_NAME = ("form.bare_name", ("name", "column"))
    UNKNOWN_CHOICE_COLUMN = ("form.unknown_choice_column",
                             ("name", "list", "columns", "sheet"))
    BAD_DEFAULT = ("form.bad_default", ("value", "reason"))
    #: ``expected`` says what the column takes: a nested ``form.expected.*`` message.
    BAD_VALUE = ("form.bad_value", ("column", "value", "expected"))
    BAD_MISSING = ("form.bad_missing", ("value", "name", "list", "kinds"))
    DUPLICATE_COLUMN = ("form.duplicate_column", ("column", "letter", "earlier"))
    UNNAMED_COLUMN = ("form.unnamed_column", ("letter",))
    UNKNOWN_LANGUAGE = ("form.unknown_language", ("language", "languages"))
    EXTRA_SETTINGS_ROW = ("form.extra_settings_row", ())
    NO_QUESTIONS = ("form.no_questions", ())
    MISSING_TYPE_COLUMN = ("form.missing_column", ())
    MISSING_CHOICES_COLUMNS = ("form.missing_column.choices", ())
    MISSING_LIST_NAME = ("form.missing_list_name", ())
    BAD_PARAMETERS = ("form.bad_parameters", ("text",))
    MISSING_FILE = ("form.missing_file", ("file",))
    BAD_FILE = ("form.bad_file", ("file", "detail"))
    FILE_COLUMNS = ("form.bad_file.columns", ("file", "columns", "found"))
    BAD_PARAMETER = ("form.bad_parameter", ("parameter", "value"))
    UNKNOWN_PARAMETER = ("form.unknown_parameter", ("parameter", "type", "known"))
    UNSUPPORTED_PARAMETER = ("form.unsupported_parameter", ("parameter",))
    SEED_WITHOUT_RANDOMIZE = ("form.bad_parameter.seed", ())

    # Limits (``limit`` of form.too_large).
    LIMIT_SIZE = ("form.limit.size", ("limit",))
    LIMIT_ROWS = ("form.limit.rows", ("limit",))
    LIMIT_COLUMNS = ("form.limit.columns", ("limit",))
    LIMIT_CELLS = ("form.limit.cells", ("limit",))

    # Reasons (``reason`` of form.unreadable and form.bad_default).
    CANNOT_OPEN = ("form.reason.cannot_open", ("detail",))
    EMPTY_FILE = ("form.reason.empty_file", ())
    OLD_WORKBOOK = ("form.reason.old_workbook", ())
    NOT_XLSX = ("form.reason.not_xlsx", ())
    DAMAGED_XLSX = ("form.reason.damaged_xlsx", ("error",))
    NOT_WHOLE_NUMBER = ("form.reason.not_whole_number", ())
    NOT_NUMBER = ("form.reason.not_number", ())
    NOT_DATE = ("form.reason.not_date", ())
    NOT_TIME = ("form.reason.not_time", ())
    NOT_DATETIME = ("form.reason.not_datetime", ())
    NOT_LOCATION = ("form.reason.not_location", ())
    NOT_CHOICE = ("form.reason.not_choice", ("list", "values"))

    # Features Kelisim does not implement (``feature`` of unsupported types and sheets).
    REPEATS = ("form.feature.repeats", ())
    FILE_CHOICES = ("form.feature.file_choices", ())
    METADATA = ("form.feature.metadata", ())
    BACKGROUND = ("form.feature.background", ())
    EXTERNAL_INSTANCES = ("form.feature.external_instances", ())
    OSM = ("form.feature.osm", ())
    ENTITIES_SHEET = ("form.feature.entities_sheet", ())

    # Advice that ends a sentence (``advice``).
    SUPPORTED_TYPES = ("form.advice.supported_types", ())
    SUGGEST_TYPE = ("form.advice.suggest_type", ("suggestion",))
    FIX_REFERENCE = ("form.advice.fix_reference", ())
    SUGGEST_QUESTION = ("form.advice.suggest_question", ("suggestion",))
    EMPTY_CELL = ("form.advice.empty_cell", ())

    # What a column takes (``expected`` of form.bad_value).
    EXPECT_YES_NO = ("form.expected.yes_no", ())
    EXPECT_NUMBER = ("form.expected.number", ("low", "high"))

    # Terms.
    NONE = ("form.term.none", ())

