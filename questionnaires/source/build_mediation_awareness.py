"""Build ``questionnaires/mediation_awareness.xlsx`` from the Python sources next to this file.

Run from the project root after editing a text or a row::

    .venv/bin/python -m questionnaires.source.build_mediation_awareness

and commit both the sources and the rebuilt workbook (a test checks that they agree cell by cell).
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from questionnaires.source.mediation_choices import all_choices
from questionnaires.source.mediation_opinions import (
    attitudes_section,
    barriers_section,
    campaign_section,
    closing_section,
)
from questionnaires.source.mediation_survey import (
    awareness_section,
    demographics_section,
    experience_section,
    interviewer_section,
)
from questionnaires.source.xlsform_rows import LANGUAGES, REQUIRED_DEFAULT, Choice, Row, T

FORM_ID = "kelisim_mediation_kz"
VERSION = "2026.2"
DEFAULT_LANGUAGE = "kk"
#: pyxform accepts one untranslated ``form_title``, so the three titles share that cell (what ODK
#: shows); Kelisim reads the title per language from ``kelisim::form_title::<language>``.
TITLE = T(
    "Қазақстандағы медиация туралы қоғамдық хабардарлық және көзқарас",
    "Осведомлённость населения Казахстана о медиации и отношение к ней",
    "Public awareness of and attitudes to mediation in Kazakhstan",
)
OUTPUT = Path(__file__).resolve().parent.parent / "mediation_awareness.xlsx"

#: Translated columns of the survey sheet, in the order they are written.
TRANSLATED = ("label", "hint", "required_message", "constraint_message")
PII_COLUMN = "kelisim::pii"


def language_columns(column: str) -> list[str]:
    """``label`` -> ``label::Kazakh (kk)``, ``label::Russian (ru)``, ``label::English (en)``."""
    return [f"{column}::{name} ({code})" for code, name in LANGUAGES]


def survey_rows() -> list[Row]:
    """Every row of the survey sheet, in order."""
    return [
        *interviewer_section(),
        *demographics_section(),
        *awareness_section(),
        *experience_section(),
        *attitudes_section(),
        *barriers_section(),
        *campaign_section(),
        *closing_section(),
    ]


def survey_header() -> list[str]:
    return [
        "type", "name", *language_columns("label"), *language_columns("hint"), "required",
        *language_columns("required_message"), "relevant", "constraint",
        *language_columns("constraint_message"), "calculation", "choice_filter", "appearance",
        PII_COLUMN,
    ]


def _texts(text: T | None) -> list[str | None]:
    return [None, None, None] if text is None else [text.kk, text.ru, text.en]


def survey_cells(row: Row) -> list[str | None]:
    """The cells of one survey row, matching ``survey_header``; empty cells are None."""
    message = row.required_message or (REQUIRED_DEFAULT if row.required else None)
    cells: list[str | None] = [
        row.type, row.name, *_texts(row.label), *_texts(row.hint),
        "yes" if row.required else "", *_texts(message), row.relevant, row.constraint,
        *_texts(row.constraint_message), row.calculation, row.choice_filter, row.appearance,
        "yes" if row.pii else "",
    ]
    return [cell or None for cell in cells]


def choice_cells(choice: Choice) -> list[str | None]:
    cells = [choice.list_name, choice.name, *_texts(choice.label), choice.in_city]
    return [cell or None for cell in cells]


def _append_all(sheet: Worksheet, header: list[str], rows: list[list[str | None]]) -> None:
    sheet.append(header)
    for cells in rows:
        sheet.append(cells)


def build_workbook() -> Workbook:
    """The questionnaire as an openpyxl workbook with sheets survey, choices and settings."""
    book = Workbook()
    survey = book.active
    assert survey is not None  # a new Workbook always has one sheet
    survey.title = "survey"
    _append_all(survey, survey_header(), [survey_cells(r) for r in survey_rows()])
    choices = book.create_sheet("choices")
    choice_header = ["list_name", "name", *language_columns("label"), "in_city"]
    _append_all(choices, choice_header, [choice_cells(c) for c in all_choices()])
    settings = book.create_sheet("settings")
    title = f"{TITLE.kk} / {TITLE.ru} / {TITLE.en}"
    _append_all(settings, ["form_title", *language_columns("kelisim::form_title"), "form_id",
                           "version", "default_language"],
                [[title, TITLE.kk, TITLE.ru, TITLE.en, FORM_ID, VERSION, DEFAULT_LANGUAGE]])
    return book


def main(argv: list[str]) -> int:
    """Write the workbook to the path given, or to ``questionnaires/mediation_awareness.xlsx``."""
    target = Path(argv[1]) if len(argv) > 1 else OUTPUT
    build_workbook().save(target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
