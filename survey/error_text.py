"""Error messages in the interface language (Kazakh, Russian or English).

The domain packages write their messages in English and give each a stable ``code``. This
module turns a :class:`~survey.errors.Problem` or an error into text in another language with
the ``errors`` message catalog: one template per code (some codes have a few variants), written
as "what is wrong, how to fix it". The names, numbers and paths in the English message are read
back with a pattern and put into the template; an English detail the template cannot carry
(a parser's reason, an operating-system message) is appended as "(details: ...)". A code
without a template, or a message its patterns do not recognise, is shown in English.

    describe_problem(problem, "kk")   # "«survey» парағы, 12-жол, «relevant» бағаны: ..."

Errors that carry messages (store, export, reports) are rendered from the ``messages`` catalogs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from survey.errors import FormError, Location, Problem
from survey.i18n import DEFAULT_LANGUAGE, Translator, translator
from survey.messages import Message, error_messages, render, render_all

DOMAIN = "errors"
WHOLE = "*"  # ``Template.detail`` value: append the whole English message as the detail


@dataclass(frozen=True, slots=True)
class Template:
    """One translatable text of a code, used when ``pattern`` finds its fields in the English."""

    msgid: str
    #: Regex searched in the English message; its named groups fill the msgid's placeholders.
    pattern: str | None = None
    #: Group appended as "(details: ...)", or ``WHOLE`` for the whole English message.
    detail: str | None = None


T = Template
_SPACES = "letters, digits, '_', '-' or '.', starting with a letter or '_'"

FORM_TEMPLATES: dict[str, tuple[Template, ...]] = {
    "form.unreadable": (T("The file cannot be read as a questionnaire. Save the form as an .xlsx "
                          "workbook and import it again.", r"questionnaire: (?P<detail>.*?)\. "
                          r"Save the form", "detail"),),
    "form.no_survey_sheet": (T("The workbook has no 'survey' sheet (sheets: {sheets}). An XLSForm "
                               "needs a sheet named 'survey'.", r"\(sheets: (?P<sheets>.*)\)\."),),
    "form.unsupported_type": (T("The type '{type}' is not supported by Kelisim. Remove the row or "
                                "change its type.", r"the type '(?P<type>.*?)' is not supported: "
                                r"Kelisim does not implement (?P<feature>.*)\. Remove", "feature"),),
    "form.unknown_type": (
        T("The type '{type}' is not an XLSForm type Kelisim knows. Did you mean '{suggestion}'? "
          "Supported: text, integer, decimal, select_one LIST, select_multiple LIST, note, date, "
          "calculate, acknowledge, begin_group, end_group.",
          r"the type '(?P<type>.*?)' is not an XLSForm type Kelisim knows\. Did you mean "
          r"'(?P<suggestion>.*?)'\?"),
        T("The type '{type}' is not an XLSForm type Kelisim knows. Supported: text, integer, "
          "decimal, select_one LIST, select_multiple LIST, note, date, calculate, acknowledge, "
          "begin_group, end_group.", r"the type '(?P<type>.*?)' is not an XLSForm type")),
    "form.bad_type": (T("The type '{type}' should be the select keyword, one list name without "
                        "spaces and optionally 'or_other' (e.g. 'select_one yes_no').",
                        r"the type '(?P<type>.*?)' should be"),),
    "form.unsupported_column": (T("The column '{column}' is not supported by Kelisim (media, "
                                  "repeats, triggers, parameters and similar ODK features are not "
                                  "implemented). Delete the column or empty its cells.",
                                  r"the column '(?P<column>.*?)' is not supported"),),
    "form.unknown_column": (T("The column '{column}' is not an XLSForm column Kelisim knows. Fix "
                              "its spelling, or start the header with '#' if it only holds notes.",
                              r"the column '(?P<column>.*?)' is not an XLSForm column"),),
    "form.unsupported_sheet": (T("Kelisim does not support this sheet. Delete the sheet.",
                                 r"does not support (?P<feature>.*)\. Delete", "feature"),),
    "form.unsupported_appearance": (T("The appearance 'search()' (choices from an external file) "
                                      "is not supported. Remove it.", r"search\(\)"),),
    "form.duplicate_name": (
        T("The name '{name}' is already used in row {row}. Every question and group needs its "
          "own name; rename one of them.",
          r"the name '(?P<name>.*?)' is already used in row (?P<row>\d+)"),
        T("The name '{name}' is taken by the free-text answer of '{question}' (select … "
          "or_other). Rename the question.",
          r"the name '(?P<name>.*?)' is taken by the free-text answer of '(?P<question>.*?)'")),
    "form.missing_name": (
        T("A choice of list '{list}' has no name. Give every choice a name (the value stored "
          "for it).", r"a choice of list '(?P<list>.*?)' has no name"),
        T("This row has no name. Give it a unique name (" + _SPACES + ").", r"has no name")),
    "form.invalid_name": (T("The name '{name}' is not valid: use " + _SPACES + ", without "
                            "spaces.", r"the name '(?P<name>.*?)' is not a valid name"),),
    "form.missing_list": (T("The choice list '{list}' does not exist on the '{sheet}' sheet. Add "
                            "its choices there or fix the list name.",
                            r"the choice list '(?P<list>.*?)' does not exist on the (?P<sheet>.*?) "
                            r"sheet"),),
    "form.empty_list": (T("The choice list '{list}' has no choices with a name. Add choices to it.",
                          r"the choice list '(?P<list>.*?)' has no choices"),),
    "form.duplicate_choice": (T("The list '{list}' already has a choice named '{name}'. Choice "
                                "names must be unique within a list; rename one.",
                                r"the list '(?P<list>.*?)' already has a choice named "
                                r"'(?P<name>.*?)'\. Choice"),),
    "form.invalid_choice_name": (T("The choice name '{name}' of list '{list}' contains a space, "
                                   "which a select_multiple answer cannot hold. Use '_' instead.",
                                   r"the choice name '(?P<name>.*?)' of list '(?P<list>.*?)' "
                                   r"contains a space"),),
    "form.unmatched_group": (
        T("The group '{name}' is never closed. Add an 'end_group' row after its last question.",
          r"the group '(?P<name>.*?)' is never closed"),
        T("This 'end_group' has no matching 'begin_group' above it. Delete it or add the "
          "'begin_group'.", r"has no matching")),
    "form.missing_label": (
        T("The choice '{name}' of list '{list}' has no label. Add a label (in every language of "
          "the form).", r"the choice '(?P<name>.*?)' of list '(?P<list>.*?)' has no label"),
        T("The {type} question '{name}' has no label. Add a label (in every language of the "
          "form).", r"the (?P<type>\S+) question '(?P<name>.*?)' has no label")),
    "form.missing_calculation": (T("The calculate row '{name}' has no calculation. Fill in the "
                                   "'calculation' column.",
                                   r"the calculate row '(?P<name>.*?)' has no calculation"),),
    "form.missing_type": (T("This row has values but no type. Fill in the type or delete the "
                            "row.", r"no type"),),
    "form.misplaced_column": (
        T("The column '{column}' has no meaning for a {type} question, so Kelisim would ignore "
          "it. Empty the cell.",
          r"the column '(?P<column>.*?)' has no meaning for an? (?P<type>\S+) question"),
        T("The column '{column}' has no meaning in this row, so Kelisim would ignore it. Empty "
          "the cell.", r"the column '(?P<column>.*?)' has no meaning"),
        T("A choice_filter cannot be combined with 'or_other' (ODK does not allow it either). "
          "Remove one of them.", r"cannot be combined with 'or_other'")),
    "form.unknown_reference": (
        T("'{ref}' names a group; only questions have values. Refer to a question.",
          r"'(?P<ref>\$\{.*?\})' names a group"),
        T("'{ref}' does not name a question of this form. Did you mean '{suggestion}'? Fix the "
          "name or add the question.", r"'(?P<ref>\$\{.*?\})' does not name a question of this "
          r"form\. Did you mean '(?P<suggestion>.*?)'\?"),
        T("'{ref}' does not name a question of this form. Fix the name or add the question.",
          r"'(?P<ref>\$\{.*?\})' does not name a question")),
    "form.self_reference": (T("'{column}' of '{owner}' refers to '{name}' itself, so it can never "
                              "be computed. Refer to other questions only.",
                              r"'(?P<column>.*?)' of '(?P<owner>.*?)' refers to '(?P<name>.*?)' "
                              r"itself"),),
    "form.cycle": (T("These values depend on each other in a circle: {path} (through calculations "
                     "and relevance), so none can be computed. Break the circle.",
                     r"in a circle: (?P<path>.*?) \(through"),),
    "form.syntax": (T("The expression in '{column}' is not valid. Correct it: check brackets, "
                      "quotes, operators and ${{name}} references.",
                      r"the expression in '(?P<column>.*?)' is not valid\. (?P<detail>.*)$",
                      "detail"),),
    "form.unknown_function": (T("The expression in '{column}' uses a function Kelisim does not "
                                "know. Check its spelling or use a supported ODK function.",
                                r"the expression in '(?P<column>.*?)' is not valid\. "
                                r"(?P<detail>.*)$", "detail"),),
    "form.bare_name": (T("'{name}' in '{column}' is neither a question reference nor text. Write "
                         "{reference} for the question or '{name}' in quotes for text (bare names "
                         "only name choice columns in a choice_filter).",
                         r"'(?P<name>[^']*)' in '(?P<column>.*?)' is neither"),),
    "form.unknown_choice_column": (T("The choice_filter uses '{name}', which is not a column of "
                                     "the choice list '{list}' (columns: {columns}). Add the "
                                     "column on the '{sheet}' sheet or fix the name.",
                                     r"uses '(?P<name>.*?)', which is not a column of the choice "
                                     r"list '(?P<list>.*?)' \(columns: (?P<columns>.*?)\)\. Add "
                                     r"the column on the (?P<sheet>.*?) sheet"),),
    "form.bad_default": (
        T("The default '{value}' does not fit the question's type or choices. Fix or empty the "
          "default.", r"the default '(?P<value>.*?)' (?P<detail>is .*)\. Fix", "detail"),
        T("Defaults computed from other answers are not supported. Use a plain value, or a "
          "calculate row.", r"defaults computed")),
    "form.bad_value": (T("'{column}' must be yes or no (found '{value}'). Expressions are not "
                         "supported here.",
                         r"'(?P<column>.*?)' must be yes or no \(found '(?P<value>.*?)'\)"),),
    "form.duplicate_column": (T("The column '{column}' repeats column {letter} ('{earlier}'); only "
                                "one can be read. Merge them.",
                                r"the column '(?P<column>.*?)' repeats column (?P<letter>\S+) "
                                r"\('(?P<earlier>.*?)'\)"),),
    "form.unnamed_column": (T("Column {letter} holds values but has no header. Give it a header "
                              "(start it with '#' for notes) or empty it.",
                              r"column (?P<letter>\S+) holds values but has no header"),),
    "form.unknown_language": (T("The default_language '{language}' is not a language of the form "
                                "({languages}). Use one of them, as a code or a name.",
                                r"the default_language '(?P<language>.*?)' is not a language of "
                                r"the form \((?P<languages>.*)\)\. Use"),),
    "form.extra_settings_row": (T("The settings sheet holds values below its first data row; only "
                                  "that row is read. Move the values into it or delete them.",
                                  r"below its first data row"),),
    "form.no_questions": (T("The survey sheet has no questions. Add at least one row with a type "
                            "and a name.", r"has no questions"),),
    "form.missing_column": (
        T("The choices sheet needs the columns 'list_name' and 'name'. Add the missing header in "
          "row 1.", r"needs the columns 'list_name' and 'name'"),
        T("The survey sheet has no 'type' column. Add the headers 'type', 'name' and 'label' in "
          "row 1.", r"has no 'type' column")),
    "form.missing_list_name": (T("This choice has no list name. Fill in 'list_name' so a select "
                                 "question can use it.", r"has no list name"),),
}

TEMPLATES: dict[str, tuple[Template, ...]] = {
    **FORM_TEMPLATES}

DETAILS = " (details: {detail})"
LOCATION_PARTS = ("file '{file}'", "sheet '{sheet}'", "row {row}", "column '{column}'")


def describe_problem(problem: Problem | Message, language: str) -> str:
    """The problem in ``language``: its location, then what is wrong and how to fix it."""
    if isinstance(problem, Message):
        return render(problem, language)
    text = problem_text(problem, language)
    where = describe_location(problem.location, language)
    return f"{where}: {text}" if where else text


def problem_text(problem: Problem | Message, language: str) -> str:
    """What is wrong and how to fix it, in ``language``, without the location."""
    if isinstance(problem, Message):
        return render(problem, language, with_location=False)
    return message_text(problem.code, problem.message, language)


def describe_location(location: Location, language: str) -> str:
    """``location`` in ``language``, e.g. ru: "лист «survey», строка 12, столбец «relevant»"."""
    _ = _translator(language)
    parts = []
    if location.file:
        parts.append(_(LOCATION_PARTS[0], file=location.file))
    if location.sheet:
        parts.append(_(LOCATION_PARTS[1], sheet=location.sheet))
    if location.row is not None:
        parts.append(_(LOCATION_PARTS[2], row=location.row))
    if location.column:
        parts.append(_(LOCATION_PARTS[3], column=location.column))
    return ", ".join(parts)


def describe_error(error: BaseException, language: str) -> str:
    """Any error in ``language``: a coded error by its template, anything else as it reads.

    A ``FormError`` lists each of its problems on its own line.
    """
    if isinstance(error, FormError) and not _is_single_expression(error):
        return "\n".join(describe_problem(p, language) for p in error.problems)
    messages = error_messages(error)
    if messages:
        return render_all(messages, language)
    code = getattr(error, "code", None)
    return message_text(code, str(error), language) if isinstance(code, str) else str(error)


def message_text(code: str, message: str, language: str) -> str:
    """The English ``message`` of ``code`` in ``language`` (English when no template fits)."""
    if language == DEFAULT_LANGUAGE:
        return _sentence(message)
    for template in TEMPLATES.get(code, ()):
        text = _render(template, message, _translator(language))
        if text is not None:
            return text
    return _sentence(message)


def _render(template: Template, message: str, _: Translator) -> str | None:
    fields: dict[str, str] = {}
    if template.pattern is not None:
        found = re.search(template.pattern, message, re.DOTALL)
        if found is None:
            return None
        fields = {k: v for k, v in found.groupdict().items() if v is not None}
    if "name" in fields:
        fields["reference"] = "${" + fields["name"] + "}"
    try:
        text = _(template.msgid, **fields) if fields else _(template.msgid)
    except (KeyError, IndexError, ValueError):  # a translation naming a field the pattern lacks
        return None
    detail = message if template.detail == WHOLE else fields.get(template.detail or "")
    return text + _(DETAILS, detail=detail) if detail else text


def _is_single_expression(error: FormError) -> bool:
    return len(error.problems) == 1 and not error.problems[0].code.startswith("form.")


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


def _translator(language: str) -> Translator:
    return translator(DOMAIN, language if language in ("kk", "ru") else DEFAULT_LANGUAGE)


def msgids() -> list[str]:
    """Every msgid this module looks up, in a stable order (for the catalogs and tests)."""
    ids = [t.msgid for templates in TEMPLATES.values() for t in templates]
    return [*dict.fromkeys([*ids, DETAILS, *LOCATION_PARTS])]
