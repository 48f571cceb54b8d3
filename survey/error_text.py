"""Error messages in the interface language (Kazakh, Russian or English).

The domain packages write their messages in English and give each a stable ``code``. This
module turns an error into text in another language with the ``errors`` message catalog
(codes of the store, export and reports; questionnaire and expression errors are messages
rendered from the ``messages`` catalogs): one template per code (some codes have a few
variants), written as "what is wrong, how to fix it". The names, numbers and paths in the English message are read
back with a pattern and put into the template; an English detail the template cannot carry
(a parser's reason, an operating-system message) is appended as "(details: ...)". A code
without a template, or a message its patterns do not recognise, is shown in English.

    describe_error(store_error, "ru") # "Файл «/tmp/x.db» не является базой данных Kelisim. ..."
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from survey.i18n import DEFAULT_LANGUAGE, Translator, translator
from survey.messages import error_messages, render_all

DOMAIN = "errors"
WHOLE = "*"  # ``Template.detail`` value: append the whole English message as the detail
_PATH = r"^(?P<path>.+?): "
_CODE_SUFFIX = re.compile(r"\s*\[[a-z_.]+\]\s*$")


@dataclass(frozen=True, slots=True)
class Template:
    """One translatable text of a code, used when ``pattern`` finds its fields in the English."""

    msgid: str
    #: Regex searched in the English message; its named groups fill the msgid's placeholders.
    pattern: str | None = None
    #: Group appended as "(details: ...)", or ``WHOLE`` for the whole English message.
    detail: str | None = None


T = Template
STORE_TEMPLATES: dict[str, tuple[Template, ...]] = {
    "store.corrupt": (
        T("The file {path} is damaged or is not a database. Restore it from a backup or copy it "
          "again from the laptop.", _PATH + r"the file is damaged or not a database "
          r"\((?P<detail>.*)\);", "detail"),
        T("The database was changed by another program and cannot be read. Restore it from a "
          "backup.", None, WHOLE)),
    "store.not_kelisim": (T("The file {path} is not a Kelisim database. Choose a database file "
                            "created by Kelisim.", _PATH),),
    "store.newer_schema": (T("The database {path} was written by a newer Kelisim (schema "
                             "{version}; this program knows up to {known}). Update Kelisim on "
                             "this computer. The file was not changed.",
                             _PATH + r"the database was written by a newer Kelisim \(schema "
                             r"(?P<version>\d+), this program knows up to (?P<known>\d+)\)"),),
    "store.not_found": (T("The database file {path} does not exist. Check the path.",
                          _PATH + "no such database file"),),
    "store.same_file": (T("{path} is the main database itself. Choose the laptop files to merge.",
                          _PATH + "this is the master database"),),
    "store.read_only": (T("Interview {uuid} is complete and read-only. Reopen it with a reason to "
                          "change it.", r"interview (?P<uuid>\S+) is complete"),),
    "store.form_conflict": (T("The form '{form}' version '{version}' is already stored with a "
                              "different file. Give the changed questionnaire a new version in "
                              "its settings sheet.",
                              r"form '(?P<form>.*?)' version '(?P<version>.*?)':"),),
    "store.unknown_form": (T("The form '{form}' version '{version}' is not registered in this "
                             "database. Import the questionnaire file first.",
                             r"form '(?P<form>.*?)' version '(?P<version>.*?)' is not registered"),),
    "store.unknown_interview": (T("Interview {uuid} is not in this database. Check the interview "
                                  "ID.", r"interview (?P<uuid>\S+) is not in"),),
    "store.bad_value": (T("This answer cannot be stored: its type of value is not supported.",
                          None, WHOLE),),
    "store.reason_required": (T("A completed interview is reopened only with a reason. Write why "
                                "it must change."),),
    "store.who_required": (T("Say who reopens the interview: a name is required."),),
    "store.not_complete": (T("Interview {uuid} is a draft, not complete; it can be edited as it "
                             "is.", r"interview (?P<uuid>\S+) is a draft"),),
    "store.bad_event": (T("The paradata event '{event}' is unknown. Use 'shown' or 'answered'.",
                          r"paradata event '(?P<event>.*?)'"),),
    "store.bad_quota": (T("The quota for '{region}' must be a whole number of 0 or more.",
                          r"quota for '(?P<region>.*?)':"),),
    "store.bad_record": (T("An imported interview has unknown fields. Use only the fields the "
                           "store knows.", None, WHOLE),),
    "store.locked": (T("The database {path} is busy in another program. Close it there and try "
                       "again.", _PATH + r"the database is busy in another program "
                       r"\((?P<detail>.*)\);", "detail"),),
    "store.integrity": (T("A rule of the database {path} was broken; the change was not saved.",
                          _PATH + r"a rule of the database was broken \((?P<detail>.*)\)$",
                          "detail"),),
    "store.cannot_open": (
        T("Cannot open the file {path}. Check that it exists and that you may read and write it.",
          _PATH + r"cannot open the file \((?P<detail>.*)\);", "detail"),
        T("{path} is a folder. Choose a database file.", r"^(?P<path>.+?) is a folder"),
        T("The file {path} cannot be used as a database on this disk. Put the database on a "
          "local disk.", _PATH + "cannot switch the file to WAL mode")),
    "store.cannot_write": (T("The file {path} cannot be written. Check its permissions.",
                             _PATH + r"the file cannot be written \((?P<detail>.*)\)",
                             "detail"),),
    "store.sqlite": (T("Database error in {path}.", _PATH + r"database error \((?P<detail>.*)\)",
                       "detail"),),
    "store.nested_transaction": (T("Internal error of the store (a write inside another write). "
                                   "Please report this bug."),),
}

EXPORT_TEMPLATES: dict[str, tuple[Template, ...]] = {
    "export.same_as_input": (T("{path} is the database being exported. Choose another output "
                               "file.", _PATH + "this is the database being exported"),),
    "export.cancelled": (T("The export was cancelled; nothing was written."),),
    "export.cannot_write": (T("Cannot write the file {path}. Check that the folder exists and that "
                              "the file is not open in another program.",
                              _PATH + r"cannot write the file \((?P<detail>.*)\)", "detail"),),
    "export.format_limit": (T("The {format} format cannot hold this table ({path}). Choose another "
                              "format, for example xlsx or csv.",
                              _PATH + r"the (?P<format>\S+) format cannot hold this table "
                              r"\((?P<detail>.*)\)", "detail"),),
}

REPORT_TEMPLATES: dict[str, tuple[Template, ...]] = {
    "report.analysis": (T("The data of {path} cannot be analysed with these settings. Choose "
                          "weighting 'none' or check the data.",
                          _PATH + r"(?P<detail>.*); choose --weighting none", "detail"),),
    "report.no_database": (T("The database file {path} does not exist. Check the path or create "
                             "one with 'kelisim demo'.", _PATH + "no such database file"),),
    "report.data": (T("The data of {path} cannot be read.", _PATH + r"(?P<detail>.*)$",
                      "detail"),),
    "report.no_interviews": (
        T("{path} has no interviews of '{form}' with the chosen status to report on. Finish some "
          "interviews or choose status 'all'.",
          _PATH + r"no \S+ interviews of '(?P<form>.*?)'"),
        T("There are no consenting respondents to analyse.", "no consenting respondents")),
    "report.unknown_wave": (T("Wave '{wave}' has no interviews in the data (waves present: "
                              "{waves}). Choose one of them.",
                              r"wave '(?P<wave>.*?)' has no interviews in the data \(waves "
                              r"present: (?P<waves>.*?)\)"),),
    "report.font_missing": (T("The font file {path} is missing from matplotlib's data folder. "
                              "Reinstall matplotlib.", _PATH + "font file missing"),),
    "report.cancelled": (T("The report was cancelled."),),
    "report.same_as_input": (T("{path} is the database the report reads. Choose another output "
                               "file.", _PATH + "this is the database the report reads"),),
    "report.same_output": (T("{path} is chosen for both the Excel and the PDF report. Give each "
                             "its own file.", _PATH + "given for both"),),
    "report.cannot_write": (T("Cannot write the file {path}. Choose a folder you can write to.",
                              _PATH + r"cannot write the file \((?P<detail>.*)\)", "detail"),),
    "report.spec.bad_indicator": (T("The indicator '{name}' is neither a yes/no question nor a 1–5 "
                                    "scale. Choose another question.",
                                    r"indicator '(?P<name>.*?)' is neither"),),
    "report.spec.unknown_indicator": (T("The indicator '{name}' is not a question of '{form}'. Use "
                                        "one of its yes/no or 1–5 agreement questions.",
                                        r"indicator '(?P<name>.*?)' is not a question of "
                                        r"'(?P<form>.*?)'"),),
    "report.spec.unknown_question": (T("The question '{name}' is not in '{form}'. Check the "
                                       "spec's question list.",
                                       r"question '(?P<name>.*?)' is not in '(?P<form>.*?)'"),),
    "report.spec.unknown_breakdown": (T("The breakdown '{name}' is not a column of the data. Use "
                                        "question names such as {examples}.",
                                        r"breakdown '(?P<name>.*?)' is not a column of the data; "
                                        r"use question names such as (?P<examples>.*)$"),),
    "report.spec.unknown_option": (T("The report spec has an unknown option '{name}'. Known "
                                     "options: {known}.", r"unknown option '(?P<name>.*?)'; "
                                     r"known options: (?P<known>.*)$"),),
    "report.spec.bad_value": (
        T("The confidence level {value} must be at least 0.5 and below 1 (e.g. 0.95).",
          r"confidence (?P<value>\S+) must be at least"),
        T("The report names no headline indicator. Choose at least one.",
          "names no headline indicator"),
        T("A setting of the report is not valid. Correct it.", None, WHOLE)),
    "report.spec.missing": (T("The spec file {path} does not exist. Check the path.",
                              _PATH + "no such spec file"),),
    "report.spec.unreadable": (T("The file {path} is not a JSON report spec. Save one with "
                                 "'Save spec…'.", _PATH),),
    "report.spec": (T("The report settings are not valid. Correct them.", None, WHOLE),),
    "report.pdf_layout": (T("The PDF report could not be laid out (its table of contents kept "
                            "changing). Try again; if it happens again, report it as a bug.",
                            None, WHOLE),),
}

TEMPLATES: dict[str, tuple[Template, ...]] = {
    **STORE_TEMPLATES, **EXPORT_TEMPLATES, **REPORT_TEMPLATES}

DETAILS = " (details: {detail})"
LOCATION_PARTS = ("file '{file}'", "sheet '{sheet}'", "row {row}", "column '{column}'")


def describe_error(error: BaseException, language: str) -> str:
    """Any error in ``language``: a coded error by its template, anything else as it reads.

    An error made of messages (a ``FormError`` lists every problem) is rendered one message a
    line; a ``report.data`` error that wraps a coded error from the store is described by that
    error.
    """
    messages = error_messages(error)
    if messages:
        return render_all(messages, language)
    code = getattr(error, "code", None)
    cause = error.__cause__
    if code == "report.data" and cause is not None and isinstance(getattr(cause, "code", None), str):
        return describe_error(cause, language)
    return message_text(code, str(error), language) if isinstance(code, str) else str(error)


def message_text(code: str, message: str, language: str) -> str:
    """The English ``message`` of ``code`` in ``language`` (English when no template fits).

    A trailing ``[code]`` (as the store appends) is left out.
    """
    message = _CODE_SUFFIX.sub("", message)
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


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


def _translator(language: str) -> Translator:
    return translator(DOMAIN, language if language in ("kk", "ru") else DEFAULT_LANGUAGE)


def msgids() -> list[str]:
    """Every msgid this module looks up, in a stable order (for the catalogs and tests)."""
    ids = [t.msgid for templates in TEMPLATES.values() for t in templates]
    return [*dict.fromkeys([*ids, DETAILS, *LOCATION_PARTS])]
