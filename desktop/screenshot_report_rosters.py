"""Screenshots of the Reports tab of a database whose questionnaire has a roster of disputes,
one roster indicator ticked, in kk and ru: ``python -m desktop.screenshot_report_rosters
OUT_DIR`` (offscreen unless ``QT_QPA_PLATFORM`` says otherwise), at 1366x768, in a temporary
database with temporary settings."""

from __future__ import annotations

import tempfile
from pathlib import Path

from desktop.screenshot_roster import _labels, grab, main, windows

FORM_ID = "household_disputes"
ROWS = [
    {"type": "select_one settlement", "name": "settlement",
     **_labels("Елді мекен түрі", "Тип населённого пункта", "Settlement")},
    {"type": "begin_repeat", "name": "disputes",
     **_labels("Отбасындағы дау", "Спор в семье", "Household dispute")},
    {"type": "select_one kind", "name": "kind", **_labels("Дау түрі", "Вид спора", "Kind")},
    {"type": "select_one yn", "name": "mediator",
     **_labels("Медиатор қатысты ма?", "Участвовал ли медиатор?", "Was a mediator involved?")},
    {"type": "end_repeat"},
]
CHOICES = [
    {"list_name": "settlement", "name": "urban", **_labels("Қала", "Город", "Urban")},
    {"list_name": "settlement", "name": "rural", **_labels("Ауыл", "Село", "Rural")},
    {"list_name": "kind", "name": "family", **_labels("Отбасылық", "Семейный", "Family")},
    {"list_name": "kind", "name": "land", **_labels("Жер дауы", "Земельный", "Land")},
    {"list_name": "yn", "name": "yes", **_labels("Иә", "Да", "Yes")},
    {"list_name": "yn", "name": "no", **_labels("Жоқ", "Нет", "No")},
    {"list_name": "yn", "name": "dont_know", "kelisim_missing": "dont_know",
     **_labels("Білмеймін", "Не знаю", "Don't know")},
]


def render(out: Path) -> list[Path]:
    """The PNG files written to ``out``: the Reports tab in kk and in ru."""
    from PySide6.QtCore import Qt

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as work:
        for language, window in windows(Path(work), ROWS, CHOICES, FORM_ID, "Даулар / Споры"):
            window.tabs.setCurrentWidget(window.reports)
            reports = window.reports
            reports.language.setCurrentIndex(reports.language.findData(language))
            reports.rosters.item(2).setCheckState(Qt.CheckState.Checked)
            written.append(grab(window, out / f"report_rosters_{language}.png"))
    return written


if __name__ == "__main__":
    main(render)
