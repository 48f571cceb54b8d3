"""Build ``questionnaires/mediation_awareness.xlsx`` and ``mediation_awareness_versions.json``
from the Python sources next to this file.

Run from the project root after editing a text or a row::

    .venv/bin/python -m questionnaires.source.build_mediation_awareness

and commit both the sources and the rebuilt files (tests check that they agree cell by cell).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from questionnaires.source.mediation_choices import all_choices
from questionnaires.source.mediation_disputes import disputes_section
from questionnaires.source.mediation_knowledge import experience_section, knowledge_section
from questionnaires.source.mediation_opinions import (
    attitudes_section,
    barriers_section,
    closing_section,
)
from questionnaires.source.mediation_survey import (
    awareness_section,
    campaign_section,
    demographics_section,
    interviewer_section,
)
from questionnaires.source.mediation_versions import STEPS, Change
from questionnaires.source.xlsform_rows import LANGUAGES, REQUIRED_DEFAULT, Choice, Row, T

FORM_ID = "kelisim_mediation_kz"
VERSION = "2026.3"
DEFAULT_LANGUAGE = "kk"
#: pyxform accepts one untranslated ``form_title``, so the three titles share that cell (what ODK
#: shows); Kelisim reads the title per language from ``kelisim::form_title::<language>``.
TITLE = T(
    "Қазақстандағы медиация туралы қоғамдық хабардарлық және көзқарас",
    "Осведомлённость населения Казахстана о медиации и отношение к ней",
    "Public awareness of and attitudes to mediation in Kazakhstan",
)
OUTPUT = Path(__file__).resolve().parent.parent / "mediation_awareness.xlsx"
VERSIONS_OUTPUT = OUTPUT.with_name("mediation_awareness_versions.json")

#: Translated columns of the survey sheet, in the order they are written.
TRANSLATED = ("label", "hint", "required_message", "constraint_message")
PII_COLUMN = "kelisim::pii"
#: Declares the choices that record a missing answer (``dont_know``, ``refused``): Kelisim's
#: ``kelisim::missing``, spelt without ``::`` because pyxform reads ``a::b`` on the choices sheet
#: as a translation of ``a`` and cannot convert the workbook.
MISSING_COLUMN = "kelisim_missing"


def language_columns(column: str) -> list[str]:
    """``label`` -> ``label::Kazakh (kk)``, ``label::Russian (ru)``, ``label::English (en)``."""
    return [f"{column}::{name} ({code})" for code, name in LANGUAGES]


def survey_rows() -> list[Row]:
    """Every row of the survey sheet, in order: unaided awareness, then campaign exposure and
    recall, then the definition with knowledge and experience, then attitudes."""
    return [
        *interviewer_section(),
        *demographics_section(),
        *awareness_section(),
        *campaign_section(),
        *knowledge_section(),
        *experience_section(),
        *attitudes_section(),
        *barriers_section(),
        *disputes_section(),
        *closing_section(),
    ]


def survey_header() -> list[str]:
    return [
        "type", "name", *language_columns("label"), *language_columns("hint"), "required",
        *language_columns("required_message"), "relevant", "constraint",
        *language_columns("constraint_message"), "calculation", "choice_filter", "appearance",
        "repeat_count", PII_COLUMN,
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
        row.repeat_count, "yes" if row.pii else "",
    ]
    return [cell or None for cell in cells]


def choice_cells(choice: Choice) -> list[str | None]:
    cells = [choice.list_name, choice.name, *_texts(choice.label), choice.in_city, choice.missing]
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
    choice_header = ["list_name", "name", *language_columns("label"), "in_city", MISSING_COLUMN]
    _append_all(choices, choice_header, [choice_cells(c) for c in all_choices()])
    settings = book.create_sheet("settings")
    title = f"{TITLE.kk} / {TITLE.ru} / {TITLE.en}"
    _append_all(settings, ["form_title", *language_columns("kelisim::form_title"), "form_id",
                           "version", "default_language"],
                [[title, TITLE.kk, TITLE.ru, TITLE.en, FORM_ID, VERSION, DEFAULT_LANGUAGE]])
    return book


def _note(text: T | None) -> dict[str, str] | None:
    return None if text is None else {"kk": text.kk, "ru": text.ru, "en": text.en}


def _change(change: Change) -> dict[str, Any]:
    comparable = change.status == "same" if change.comparable is None else change.comparable
    item: dict[str, Any] = {"name": change.name, "status": change.status,
                            "comparable": comparable}
    if change.previous:
        item["previous"] = change.previous
    if change.note is not None:
        item["note"] = _note(change.note)
    return item


def versions_document() -> dict[str, Any]:
    """The version changes of the questionnaire (read by ``survey.versions``)."""
    steps = [{"from": previous, "to": version, "note": _note(note),
              "items": [_change(c) for c in sorted(changes, key=lambda c: (c.name, c.status))]}
             for previous, version, note, changes in STEPS]
    return {"kelisim_version_changes": 1, "form_id": FORM_ID, "steps": steps}


def versions_text() -> str:
    return json.dumps(versions_document(), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    """Write the workbook to the path given, or to ``questionnaires/mediation_awareness.xlsx``,
    and the version changes beside the bundled workbook."""
    target = Path(argv[1]) if len(argv) > 1 else OUTPUT
    build_workbook().save(target)
    print(f"wrote {target}")
    if target == OUTPUT:
        VERSIONS_OUTPUT.write_text(versions_text(), encoding="utf-8")
        print(f"wrote {VERSIONS_OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
