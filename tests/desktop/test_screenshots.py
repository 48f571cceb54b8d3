"""``python -m desktop.screenshots`` renders every main screen as a PNG at 1366x768."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from desktop.screenshots import SIZE, render


@pytest.mark.slow
def test_render__offscreen__one_png_per_screen_window_sized(qapp, tmp_path):
    shots = render(tmp_path / "shots")

    names = [path.stem for path in shots]
    assert names[:2] == ["01_home", "02_interview_kk"]
    assert len(names) == 9 and names[-1] == "09_reports_ru"
    for path in shots:
        image = QImage(str(path))
        assert not image.isNull(), path
        if path.stem not in ("05_navigator", "08_form_errors"):  # dialogs have their own size
            assert (image.width(), image.height()) == SIZE, path
