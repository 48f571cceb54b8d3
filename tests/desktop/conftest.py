"""Fixtures for the desktop tests: isolated settings, real stores, real XLSForm files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop import i18n
from desktop.qt_translations import install_qt_translations
from desktop.settings import AppSettings
from survey.form.xlsform import load_form
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


@pytest.fixture(autouse=True)
def english_interface() -> Iterator[None]:
    """Every test starts with the English interface and leaves it so."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")
    install_qt_translations("en")


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    """Settings in an ini file of the test's own folder, with an interviewer already set."""
    qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app_settings = AppSettings(qsettings)
    app_settings.interviewer = "Aigerim T."
    return app_settings


@pytest.fixture
def small_form_path(tmp_path: Path) -> Path:
    return write_xlsform(tmp_path / "small.xlsx", SMALL_SURVEY, SMALL_CHOICES,
                         {"form_id": "small", "version": "1", "form_title": "Small",
                          "default_language": "en"})


@pytest.fixture
def store(tmp_path: Path, small_form_path: Path) -> Iterator[Store]:
    """A real store in ``tmp_path`` with the small form registered."""
    data = small_form_path.read_bytes()
    with Store.open(tmp_path / "survey.db") as opened:
        opened.register_form(load_form(data, filename="small.xlsx"), data)
        yield opened
