"""The gui verb's arguments, the bundled questionnaire and fonts with Kazakh letters."""

from __future__ import annotations

import argparse
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.app import add_arguments
from desktop.fonts import bundled_font_files, covers_kazakh, install_fonts
from survey.bundled import ensure_bundled_form
from survey.store import Store


def test_add_arguments__db_form_lang__parsed():
    parser = argparse.ArgumentParser()
    add_arguments(parser)

    args = parser.parse_args(["--db", "x.db", "--form", "f.xlsx", "--lang", "kk"])

    assert (Path(args.db), args.form, args.lang) == (Path("x.db"), Path("f.xlsx"), "kk")


def test_ensure_bundled_form__new_database_twice__registered_once(tmp_path):
    with Store.open(tmp_path / "new.db") as store:
        ensure_bundled_form(store)
        ensure_bundled_form(store)

        forms = store.forms()
    assert [(f.form_id, f.languages) for f in forms] == [("kelisim_mediation_kz", ("kk", "ru", "en"))]


def test_install_fonts__application__font_renders_every_kazakh_letter(qapp: QApplication):
    assert bundled_font_files(), "matplotlib ships DejaVu Sans"

    install_fonts(qapp)

    assert covers_kazakh(qapp.font())


def test_install_qt_translations__kazakh_then_english__qt_texts_follow(qapp: QApplication):
    from PySide6.QtCore import QCoreApplication

    from desktop.qt_translations import install_qt_translations

    assert install_qt_translations("kk")
    kazakh_cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    assert kazakh_cancel != "Cancel"
    assert not install_qt_translations("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
