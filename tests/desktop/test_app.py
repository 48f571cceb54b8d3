"""The gui verb's arguments, the bundled questionnaire and fonts with Kazakh letters."""

from __future__ import annotations

import argparse
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.app import add_arguments, ensure_bundled_form
from desktop.fonts import bundled_font_files, covers_kazakh, install_fonts
from survey.store import Store


def test_add_arguments__db_form_lang__parsed():
    parser = argparse.ArgumentParser()
    add_arguments(parser)

    args = parser.parse_args(["--db", "x.db", "--form", "f.xlsx", "--lang", "kk"])

    assert (args.db, args.form, args.lang) == (Path("x.db"), Path("f.xlsx"), "kk")


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
