"""The small questionnaire the desktop and session tests share (rows for tests/formbuilder).

A consent question opens a field-list group (age with a constraint and its own message,
married), a likert scale, a select_multiple, a minimal select, a date, a text, a calculation
and a note, with labels in English, Russian and Kazakh.
"""

from __future__ import annotations

from pathlib import Path

from survey.form.xlsform import load_form
from survey.interview.session import InterviewSession
from survey.store import Store
from tests.formbuilder import write_xlsform

SMALL_SURVEY = [
    {"type": "select_one yn", "name": "consent", "label::en": "Do you agree?",
     "label::ru": "Вы согласны?", "label::kk": "Келісесіз бе?", "required": "yes"},
    {"type": "begin_group", "name": "person", "appearance": "field-list",
     "relevant": "${consent} = 'yes'", "label::en": "About you"},
    {"type": "integer", "name": "age", "label::en": "Age", "label::ru": "Возраст",
     "label::kk": "Жасы", "required": "yes", "constraint": ". >= 18 and . <= 100",
     "constraint_message::en": "Age must be 18 to 100", "hint::en": "In full years"},
    {"type": "select_one yn", "name": "married", "label::en": "Married?",
     "label::ru": "В браке?", "label::kk": "Үйленген бе?"},
    {"type": "end_group"},
    {"type": "select_one scale", "name": "trust", "label::en": "Trust in courts",
     "label::ru": "Доверие судам", "label::kk": "Сотқа сенім", "appearance": "likert",
     "relevant": "${consent} = 'yes'", "required": "yes"},
    {"type": "select_multiple src", "name": "sources", "label::en": "Sources",
     "label::ru": "Источники", "label::kk": "Дереккөздер", "relevant": "${consent} = 'yes'"},
    {"type": "select_one city", "name": "city", "label::en": "City", "label::ru": "Город",
     "label::kk": "Қала", "appearance": "minimal", "relevant": "${consent} = 'yes'"},
    {"type": "date", "name": "visit", "label::en": "Visit date", "label::ru": "Дата",
     "label::kk": "Күні", "relevant": "${consent} = 'yes'"},
    {"type": "text", "name": "comment", "label::en": "Comment", "label::ru": "Комментарий",
     "label::kk": "Пікір", "relevant": "${consent} = 'yes'"},
    {"type": "calculate", "name": "adult", "calculation": "if(${age} >= 60, 'senior', 'adult')"},
    {"type": "note", "name": "bye", "label::en": "Thank you, ${age}",
     "label::ru": "Спасибо, ${age}", "label::kk": "Рақмет, ${age}"},
]


def _choices(list_name: str, names: list[str]) -> list[dict[str, str]]:
    return [{"list_name": list_name, "name": n, "label::en": f"{n} en",
             "label::ru": f"{n} ru", "label::kk": f"{n} қаз"} for n in names]


SMALL_CHOICES = (_choices("yn", ["yes", "no"]) + _choices("scale", ["1", "2", "3", "4", "5"])
                 + _choices("src", ["tv", "radio", "web"]) + _choices("city", ["astana", "almaty"]))


def write_small_form(path: Path) -> Path:
    """The small questionnaire as a real XLSForm file at ``path``."""
    return write_xlsform(path, SMALL_SURVEY, SMALL_CHOICES,
                         {"form_id": "small", "version": "1", "form_title": "Small",
                          "default_language": "en"})


def register_small_form(store: Store, path: Path) -> None:
    """Write the small questionnaire to ``path`` and register it in ``store``."""
    data = write_small_form(path).read_bytes()
    store.register_form(load_form(data, filename=path.name), data)


def start_session(store: Store, form_id: str = "small", language: str = "en") -> InterviewSession:
    """A new draft of ``form_id`` (first registered version) as an open session."""
    record = next(r for r in store.forms() if r.form_id == form_id)
    uuid = store.start_interview(record.form_id, record.version, interviewer="Aigerim T.",
                                 language=language)
    return InterviewSession(store, uuid)
