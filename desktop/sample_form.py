"""A questionnaire with one question of every kind the interview screen shows, in kk/ru/en.

For the screenshots (``desktop.screenshots``) and the interview-screen tests: hints that carry
instructions, a list of 12 options (two-digit entry), a 20-entry ``minimal`` list, a Likert
battery on one page, a date, a decimal, an acknowledgement and a note, and the kinds of ODK
forms (before the battery): time, datetime, geopoint, geotrace, geoshape, image/audio/file on
one page, range, rank and barcode. The XLSForm file is written with openpyxl and registered like any questionnaire.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from survey.form.xlsform import load_form
from survey.store import Store

FORM_ID = "kinds"


def _t(name: str, kk: str, ru: str, en: str, **more: str) -> dict[str, str]:
    return {"name": name, "label::kk": kk, "label::ru": ru, "label::en": en, **more}


#: The question kinds of ODK forms: time, datetime, places, attached files, range, rank, barcode.
ODK_SURVEY = [
    {"type": "time", **_t("meet_time", "Кездесу уақыты", "Время встречи", "Meeting time")},
    {"type": "datetime", **_t("started", "Сұхбаттың басталуы", "Начало интервью",
                              "Interview started")},
    {"type": "geopoint", **_t("home", "Үйдің орналасқан жері", "Местоположение дома",
                              "Household location"),
     "hint::en": "Stand at the door of the house.", "hint::ru": "Встаньте у двери дома.",
     "hint::kk": "Үйдің есігінің алдында тұрыңыз."},
    {"type": "geotrace", **_t("route", "Жүрген жолыңыз", "Пройденный маршрут",
                              "Route walked")},
    {"type": "geoshape", **_t("plot", "Жер телімінің шекарасы", "Граница участка",
                              "Plot boundary")},
    {"type": "begin_group", **_t("files", "Файлдар", "Файлы", "Files"),
     "appearance": "field-list"},
    {"type": "image", **_t("photo", "Ғимараттың суреті", "Фото здания",
                           "Photo of the building")},
    {"type": "audio", **_t("recording", "Сұхбаттың жазбасы", "Запись интервью",
                           "Interview recording")},
    {"type": "file", **_t("document", "Құжат", "Документ", "Document")},
    {"type": "end_group"},
    {"type": "range", **_t("trust", "Сенім деңгейі", "Уровень доверия", "Level of trust"),
     "hint::en": "0: no trust at all, 10: full trust.",
     "hint::ru": "0 — совсем не доверяю, 10 — полностью доверяю.",
     "hint::kk": "0 — мүлдем сенбеймін, 10 — толық сенемін.",
     "parameters": "start=0 end=10 step=1"},
    {"type": "rank ways", **_t("ways", "Дауды шешу жолдарын ретімен қойыңыз",
                                "Расставьте способы решения споров по порядку",
                                "Put the ways of settling a dispute in order")},
    {"type": "barcode", **_t("card", "Респондент карточкасының штрих-коды",
                             "Штрихкод карточки респондента", "Respondent card barcode")},
]

KINDS_SURVEY = [
    {"type": "text", **_t("comment", "Пікіріңіз", "Ваш комментарий", "Your comment"),
     "hint::en": "Write what the respondent says, in their words.",
     "hint::ru": "Запишите слова респондента.", "hint::kk": "Респонденттің сөзін жазыңыз.",
     "required": "yes"},
    {"type": "integer", **_t("people", "Отбасы мүшелері", "Членов семьи", "Household members"),
     "hint::en": "Count everyone who lives here.", "hint::ru": "Считайте всех, кто живёт здесь.",
     "hint::kk": "Осында тұратындардың бәрін санаңыз.", "required": "yes",
     "constraint": ". >= 1 and . <= 30"},
    {"type": "decimal", **_t("income", "Табыс", "Доход", "Income")},
    {"type": "date", **_t("visit", "Келген күні", "Дата визита", "Visit date"),
     "required": "yes"},
    {"type": "select_one twelve", **_t("month", "Ай", "Месяц", "Month"), "required": "yes"},
    {"type": "select_multiple media", **_t("media", "Ақпарат көздері", "Источники",
                                           "Sources"),
     "hint::en": "Several answers are possible.", "hint::ru": "Можно несколько ответов.",
     "hint::kk": "Бірнеше жауап болуы мүмкін."},
    {"type": "select_one place", **_t("place", "Өңір", "Регион", "Region"),
     "appearance": "minimal"},
    {"type": "acknowledge", **_t("read", "Келісімді оқыдым", "Согласие зачитано",
                                 "Consent read out")},
    {"type": "note", **_t("thanks", "Рақмет!", "Спасибо!", "Thank you!")},
    *ODK_SURVEY,
    {"type": "begin_group", **_t("views", "Қаншалықты келісесіз?", "Насколько вы согласны?",
                                 "How much do you agree?"), "appearance": "field-list"},
    {"type": "select_one agree", **_t("fast", "Медиация тез", "Медиация быстрая",
                                      "Mediation is quick"), "appearance": "likert"},
    {"type": "select_one agree", **_t("cheap", "Медиация арзан", "Медиация дешёвая",
                                      "Mediation is cheap"), "appearance": "likert"},
    {"type": "select_one agree", **_t("fair", "Медиация әділ", "Медиация справедливая",
                                      "Mediation is fair"), "appearance": "likert"},
    {"type": "end_group"},
    {"type": "text", **_t("last", "Соңғы сұрақ", "Последний вопрос", "Last question")},
]

AGREE = [("1", "Мүлдем келіспеймін", "Совсем не согласен", "Strongly disagree"),
         ("2", "Келіспеймін", "Не согласен", "Disagree"),
         ("3", "Бейтараппын", "Нейтрально", "Neutral"),
         ("4", "Келісемін", "Согласен", "Agree"),
         ("5", "Толық келісемін", "Полностью согласен", "Strongly agree")]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
PLACES = [f"p{n:02d}" for n in range(1, 21)]
WAYS = [("court", "Сот", "Суд", "Court"), ("mediator", "Медиатор", "Медиатор", "Mediator"),
        ("elders", "Ақсақалдар", "Аксакалы", "Elders"),
        ("police", "Полиция", "Полиция", "Police")]


def _choice(list_name: str, name: str, kk: str, ru: str, en: str) -> dict[str, str]:
    return {"list_name": list_name, "name": name, "label::kk": kk, "label::ru": ru,
            "label::en": en}


KINDS_CHOICES = (
    [_choice("agree", *row) for row in AGREE]
    + [_choice("twelve", m, f"{m} ай", f"{m} месяц", m.capitalize()) for m in MONTHS]
    + [_choice("media", n, f"{n} қаз", f"{n} рус", n) for n in ("tv", "radio", "web")]
    + [_choice("place", p, f"Өңір {p}", f"Регион {p}", f"Region {p}") for p in PLACES[:-1]]
    + [_choice("place", "p20", "Шымкент", "Шымкент", "Shymkent")]
    + [_choice("ways", *row) for row in WAYS]
)


def write_workbook(path: Path, sheets: Sequence[tuple[str, Sequence[Mapping[str, Any]]]]
                   ) -> Path:
    """An .xlsx file with one sheet per (title, rows); each sheet's header row is the union
    of its rows' keys in order of first appearance (a missing key leaves the cell empty)."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        header: list[str] = []
        for row in rows:
            header.extend(key for key in row if key not in header)
        sheet.append(header)
        for row in rows:
            sheet.append([row.get(key) for key in header])
    book.save(path)
    return path


def write_kinds_form(path: Path) -> Path:
    """The questionnaire as an XLSForm file at ``path``."""
    settings = [{"form_id": FORM_ID, "version": "1", "form_title": "Kinds",
                 "kelisim::form_title::kk": "Сұрақ түрлері",
                 "kelisim::form_title::ru": "Виды вопросов",
                 "kelisim::form_title::en": "Question kinds", "default_language": "en"}]
    return write_workbook(path, [("survey", KINDS_SURVEY), ("choices", KINDS_CHOICES),
                                 ("settings", settings)])


def register_kinds_form(store: Store, folder: Path) -> None:
    """Write the questionnaire into ``folder`` and register it in ``store``."""
    data = write_kinds_form(folder / "kinds.xlsx").read_bytes()
    store.register_form(load_form(data, filename="kinds.xlsx"), data)
