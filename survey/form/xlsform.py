"""Reading an XLSForm workbook into a ``Form``.

    form = load_form("questionnaires/mediation_awareness.xlsx")
    form = load_form(data, filename="upload.xlsx")        # bytes, named for messages

Every problem of the form is collected and raised together as one ``FormError`` (sorted by
sheet and row), so an author fixes a form in one pass. The steps live in helper modules:
``workbook`` (cells), ``columns``/``table`` (headers, languages), ``choices``,
``survey_sheet`` (rows), ``checks`` (names, references, cycles).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from survey.errors import FormError, Location
from survey.form.checks import check_survey
from survey.form.choices import read_choices
from survey.form.codes import FormCode
from survey.form.columns import CHOICES, MAX_FILE_COLUMN, SETTINGS, SURVEY, SheetSpec
from survey.form.expr import YES
from survey.form.files import FileChoices, find_files, needed_files
from survey.form.model import Form, FormFile, Settings, Text
from survey.form.paths import SheetPaths
from survey.form.problems import Problems
from survey.form.summary import form_summary
from survey.form.survey_sheet import SurveyReader
from survey.form.table import Languages, Row, Table
from survey.form.workbook import RawWorkbook, read_workbook
from survey.sealing import SealingError, parse_public_key

__all__ = ["form_summary", "load_form"]

PUBLIC_KEY_COLUMN = "public_key"
#: form_id pyxform uses when there is neither a settings value nor a file name.
DEFAULT_FORM_ID = "data"
#: The largest file size a form may allow for attachments (MB): the whole store is one file.
MAX_FILE_MB = 500.0
DEFAULT_MAX_FILE_MB = 10.0
_UNSUPPORTED_SHEETS = {"entities": FormCode.ENTITIES_SHEET}


def load_form(source: Path | str | bytes, *, filename: str | None = None,
              files: Mapping[str, bytes] | None = None, repeats: bool = False) -> Form:
    """Read an XLSForm (.xlsx path or bytes) into a ``Form``.

    ``filename`` names the file in messages and gives the form_id when the settings sheet has
    none (defaults to the name of the path). ``files`` are the files that come with the form
    (csv/xml choice lists, pulldata() tables) by name; without them, the files the form uses
    are read from the folder of the path or its ``<form>-media`` folder. Raises ``FormError``
    holding every problem. ``repeats`` reads ``begin_repeat`` blocks (``survey.form.repeats``);
    without it they are refused as a feature not implemented, for callers whose interview
    cannot ask them yet.
    """
    name = filename or (None if isinstance(source, bytes) else Path(source).name)
    book = read_workbook(source, name or "the questionnaire")
    problems = Problems(name)
    tables = _tables(book, problems)
    survey, choices_table, settings_table = tables
    settings_row = _settings_row(settings_table, problems)
    languages = _languages(tables, settings_row, problems)
    duplicates = bool(settings_row) and settings_row.value(  # type: ignore[union-attr]
        "allow_choice_duplicates").lower() in YES
    choices = read_choices(choices_table, languages, problems, allow_duplicates=duplicates)
    # pyxform checks choice names only on the choices sheet: external lists repeat a name
    # under different filter values (a county 'king' in two states), as cascading lists do.
    external = read_choices(_table(book, "external_choices", CHOICES, problems), languages,
                            problems, allow_duplicates=True)
    form_files = _form_files(source, files, survey, problems, choices_table)
    paths = SheetPaths.of_rows(((row.number, row.value("type"), row.value("name"))
                                for row in survey.rows),
                               _root_name(settings_row))
    sheet = SurveyReader(survey, languages, choices, problems, external=external,
                         files=FileChoices(form_files, languages.plain_key), paths=paths,
                         repeats=repeats).read()
    check_survey(sheet, survey.title, problems, choices.references, paths)
    if not sheet.questions and not problems:
        problems.add(FormCode.NO_QUESTIONS, survey.title, 1)
    settings = _settings(settings_row, languages, name, problems,
                         settings_table.title if settings_table else "settings")
    problems.raise_if_any()
    return Form(
        settings=settings,
        questions=tuple(sheet.questions),
        groups=tuple(sheet.groups),
        languages=languages.keys,
        language_names=languages.names(),
        source=str(source) if not isinstance(source, bytes) else filename,
        files=form_files,
    )


def _root_name(row: Row | None) -> str:
    """The settings' ``name``: the root node of the data that absolute paths start from."""
    return next((value for column, value in row.cells if column.base == "name"), "") if row else ""


def _form_files(source: Path | str | bytes, given: Mapping[str, bytes] | None, survey: Table,
                problems: Problems, choices: Table | None = None) -> tuple[FormFile, ...]:
    """The files the form uses, given or found beside the path; pulldata() of a missing file
    is reported at its cell (choices from a missing file are reported by the reader)."""
    rows = [(row.number, [(c.header, v) for c, v in row.cells]) for row in survey.rows]
    rows += [(row.number, [(c.header, v) for c, v in row.translations("image")])  # pictures
             for row in (choices.rows if choices is not None else ())]
    names, pulls = needed_files(rows)
    if given is None and not isinstance(source, bytes):
        path = Path(source)
        given = find_files(path.parent, path.stem, names)
    found = dict(given or {})
    for name, row, header in pulls:
        if name not in found:
            problems.add(FormCode.MISSING_FILE, survey.title, row, header, file=name)
    return tuple(FormFile(name, data) for name, data in sorted(found.items()))


def _table(book: RawWorkbook, key: str, spec: SheetSpec, problems: Problems) -> Table | None:
    raw = book.sheet(key)
    if raw is None:
        return None
    table = Table.of(raw, spec)
    table.check_columns(problems, raw)
    return table


def _tables(book: RawWorkbook, problems: Problems) -> tuple[Table, Table | None, Table | None]:
    raw_survey = book.sheet("survey")
    if raw_survey is None:
        sheets = list(book.titles) or FormCode.NONE.message()
        raise FormError(FormCode.NO_SURVEY_SHEET, Location(file=problems.file), sheets=sheets)
    for key, feature in _UNSUPPORTED_SHEETS.items():
        raw = book.sheet(key)
        if raw is not None and raw.rows:
            problems.add(FormCode.UNSUPPORTED_SHEET, raw.title, raw.header_row,
                         sheet=raw.title, feature=feature.message())
    result: list[Table | None] = []
    for key, spec in (("survey", SURVEY), ("choices", CHOICES), ("settings", SETTINGS)):
        result.append(_table(book, key, spec, problems))
    survey, choices, settings = result
    assert survey is not None
    return survey, choices, settings


def _settings_row(table: Table | None, problems: Problems) -> Row | None:
    if table is None or not table.rows:
        return None
    for extra in table.rows[1:]:
        problems.add(FormCode.EXTRA_SETTINGS_ROW, table.title, extra.number)
    return table.rows[0]


def _languages(tables: tuple[Table, Table | None, Table | None], settings_row: Row | None,
               problems: Problems) -> Languages:
    tokens = [token for table in tables if table is not None for token in table.language_tokens()]
    default = settings_row.value("default_language") if settings_row else ""
    languages = Languages(tokens, default)
    if languages.unknown_default and settings_row is not None and tables[2] is not None:
        problems.add(FormCode.UNKNOWN_LANGUAGE, tables[2].title, settings_row.number,
                     settings_row.header("default_language"), language=default,
                     languages=languages.described() or FormCode.NONE.message())
    return languages


def _settings(row: Row | None, languages: Languages, filename: str | None,
              problems: Problems, sheet: str) -> Settings:
    form_id = row.value("form_id") if row else ""
    if not form_id:
        form_id = Path(filename).stem if filename else DEFAULT_FORM_ID
    title = languages.text(row, "form_title") if row else Text()
    if not title:
        title = Text.of({languages.plain_key: form_id})
    version = row.value("version") if row else ""
    return Settings(form_id=form_id, title=title, version=version,
                    default_language=languages.default,
                    max_file_mb=_max_file_mb(row, problems, sheet),
                    public_key=_public_key(row, problems, sheet))


def _public_key(row: Row | None, problems: Problems, sheet: str) -> str:
    """The ``public_key`` setting, checked to be an RSA public key of a usable size."""
    text = row.value(PUBLIC_KEY_COLUMN).strip() if row else ""
    if not text:
        return ""
    try:
        parse_public_key(text)
    except SealingError as error:  # sealing.bad_public_key or sealing.weak_public_key
        assert row is not None
        for message in error.messages:
            problems.report(message, sheet, row.number, PUBLIC_KEY_COLUMN)
        return ""
    return "".join(text.split())


def _max_file_mb(row: Row | None, problems: Problems, sheet: str) -> float:
    text = row.value(MAX_FILE_COLUMN) if row else ""
    if not text:
        return DEFAULT_MAX_FILE_MB
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= MAX_FILE_MB:
        assert row is not None
        problems.add(FormCode.BAD_VALUE, sheet, row.number,
                     MAX_FILE_COLUMN, column=MAX_FILE_COLUMN, value=text,
                     expected=FormCode.EXPECT_NUMBER.message(low=0, high=MAX_FILE_MB))
        return DEFAULT_MAX_FILE_MB
    return value
