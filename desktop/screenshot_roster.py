"""Screenshots of the roster page and an instance page of a household roster, in kk and ru:
``python -m desktop.screenshot_roster OUT_DIR`` (offscreen unless ``QT_QPA_PLATFORM`` says
otherwise), at 1366x768, in a temporary database with temporary settings."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

SIZE = (1366, 768)
FORM_ID = "household_roster"
LANGUAGES = (("kk", "Қазақша (kk)"), ("ru", "Русский (ru)"), ("en", "English (en)"))


def _labels(kk: str, ru: str, en: str) -> dict[str, str]:
    return {f"label::{name}": text for (_code, name), text in zip(LANGUAGES, (kk, ru, en),
                                                                    strict=True)}


ROWS = [
    {"type": "text", "name": "village", **_labels("Ауыл", "Село", "Village")},
    {"type": "begin_repeat", "name": "members",
     **_labels("Үй шаруашылығының мүшесі", "Член домохозяйства", "Household member")},
    {"type": "begin_group", "name": "member", "appearance": "field-list",
     **_labels("Мүше туралы", "О члене домохозяйства", "About the member")},
    {"type": "text", "name": "member_name", **_labels("Аты-жөні", "Имя", "Name")},
    {"type": "integer", "name": "age", **_labels("Жасы", "Возраст", "Age")},
    {"type": "select_one relation", "name": "relation",
     **_labels("Респондентке кім болып келеді?", "Кем приходится респонденту?",
               "Relation to the respondent")},
    {"type": "end_group"},
    {"type": "end_repeat"},
    {"type": "text", "name": "remark", **_labels("Ескертпе", "Примечание", "Remark")},
]
CHOICES = [
    {"list_name": "relation", "name": "self", **_labels("Өзі", "Сам(а)", "Self")},
    {"list_name": "relation", "name": "spouse", **_labels("Жұбайы", "Супруг(а)", "Spouse")},
    {"list_name": "relation", "name": "child", **_labels("Баласы", "Ребёнок", "Child")},
    {"list_name": "relation", "name": "parent", **_labels("Ата-анасы", "Родитель", "Parent")},
]
MEMBERS = {"kk": (("Айгерім Сейітова", 34, "self"), ("Дәулет Сейітов", 37, "spouse"),
                  ("Әлия Дәулетқызы", 12, "child"), ("Нұрғали Сейітов", 70, "parent")),
           "ru": (("Айгерим Сеитова", 34, "self"), ("Даулет Сеитов", 37, "spouse"),
                  ("Алия Даулеткызы", 12, "child"), ("Нургали Сеитов", 70, "parent"))}


def windows(work: Path, rows: list[dict[str, str]], choices: list[dict[str, str]],
            form_id: str, title: str) -> Iterator[tuple[str, Any]]:
    """For kk then ru: the language and a shown main window (interface and form in that
    language, at ``SIZE``) over a database in ``work`` holding the form of ``rows``; the
    window is closed when the caller moves on."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop import i18n
    from desktop.main_window import MainWindow
    from desktop.sample_form import write_workbook
    from desktop.settings import AppSettings
    from survey.form.xlsform import load_form
    from survey.store import Store

    app = QApplication.instance() or QApplication(sys.argv[:1])
    path = write_workbook(work / f"{form_id}.xlsx", [
        ("survey", rows), ("choices", choices),
        ("settings", [{"form_id": form_id, "version": "1", "default_language": "kk",
                       "form_title": title}])])
    data = path.read_bytes()
    with Store.open(work / "survey.db") as store:
        store.register_form(load_form(data, filename=path.name, repeats=True), data)
        for language in ("kk", "ru"):
            i18n.set_language(language)
            settings = AppSettings(QSettings(str(work / f"{language}.ini"),
                                             QSettings.Format.IniFormat))
            settings.interviewer = "Dana"
            settings.form_language = language
            window = MainWindow(store, settings)
            window.resize(*SIZE)
            window.show()
            yield language, window
            window.close()
            window.deleteLater()
            app.processEvents()
    i18n.set_language("en")


def grab(window: Any, target: Path) -> Path:
    """Save ``window`` as drawn once pending events are done."""
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()
    window.grab().save(str(target))
    return target


def render(out: Path) -> list[Path]:
    """The PNG files written to ``out``: the roster and member 2 in each of kk and ru."""
    from desktop.roster_pages import Roster

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as work:
        for language, window in windows(Path(work), ROWS, CHOICES, FORM_ID,
                                        "Үй шаруашылығы / Домохозяйство"):
            window.start_interview(FORM_ID, "1")
            screen = window.interview_widget
            assert screen is not None
            session = screen.session
            for number, (name, age, relation) in enumerate(MEMBERS[language], 1):
                session.add_instance("members")
                session.answer(f"members[{number}]/member_name", name)
                session.answer(f"members[{number}]/age", age)
                session.answer(f"members[{number}]/relation", relation)
            session.answer("village", "Қосшы" if language == "kk" else "Косшы")
            screen.show_page(screen.screens().index(Roster("members")))
            screen.roster.list.setCurrentRow(1)
            for name, act in (("roster", lambda: None),
                              ("instance", screen.roster.open_selected)):
                act()
                written.append(grab(window, out / f"roster_{language}_{name}.png"))
    return written


def main(draw: Callable[[Path], list[Path]] = render) -> None:
    """Write the screenshots of ``draw`` to the folder named on the command line."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in draw(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")):
        print(path)


if __name__ == "__main__":
    main()
