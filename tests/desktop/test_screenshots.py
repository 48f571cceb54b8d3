"""``python -m desktop.screenshots`` renders every main screen, every question kind and every
dialog (in Kazakh and Russian) as a PNG at 1366x768."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from desktop.screenshots import SIZE, render

KINDS = ("text", "integer", "decimal", "date", "select_one", "select_multiple", "minimal",
         "acknowledge", "note", "likert_grid", "time", "datetime", "geopoint", "geotrace",
         "geoshape", "attach", "range", "rank", "barcode")
DIALOGS = ("finish", "navigator", "view_complete", "reopen", "resume", "interviewer", "export",
           "file", "form_errors")


@pytest.mark.slow
def test_render__offscreen__every_kind_and_dialog_in_kk_and_ru(qapp, tmp_path):
    shots = render(tmp_path / "shots")

    names = [path.stem for path in shots]
    assert names[:2] == ["01_home", "02_interview_kk"] and "09_reports_ru" in names
    assert "31_kind_time_kk" in names and "69_kind_barcode_ru" in names
    assert len(set(names)) == len(names)
    for language in ("kk", "ru"):
        for kind in KINDS:
            assert any(n.endswith(f"_kind_{kind}_{language}") for n in names), (kind, language)
        for dialog in DIALOGS:
            assert any(n.endswith(f"_dialog_{dialog}_{language}") for n in names), dialog
    for path in shots:
        image = QImage(str(path))
        assert not image.isNull(), path
        if "dialog" not in path.stem and path.stem not in ("05_navigator", "08_form_errors"):
            assert (image.width(), image.height()) == SIZE, path
