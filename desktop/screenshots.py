"""Render the main screens to PNG files: ``python -m desktop.screenshots OUT_DIR``.

Runs on Qt's offscreen platform unless ``QT_QPA_PLATFORM`` says otherwise (e.g. ``xcb`` under
Xvfb). Uses a temporary database filled by the demo-data generator (``survey.demo``), else a
few interviews made through the store, and temporary settings, so the user's own data and
settings are untouched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from survey.store import Store

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.main_window import MainWindow

SIZE = (1366, 768)
FORM_ID = "kelisim_mediation_kz"


def _fill(store: Store) -> None:
    """Demo interviews when the generator is available, else a handful through the store."""
    from survey.bundled import ensure_bundled_form

    ensure_bundled_form(store)
    try:
        from survey.demo.filling import fill_database
        from survey.demo.generator import DemoOptions
    except ImportError:
        version = next(r.version for r in store.forms() if r.form_id == FORM_ID)
        for region in ("almaty", "astana", "shymkent"):
            uuid = store.start_interview(FORM_ID, version, interviewer="Demo", language="kk")
            store.save_answer(uuid, "region", region)
        return
    fill_database(store, DemoOptions(interviews=600, seed=4))


def _set_quotas(store: Store) -> None:
    for region, done in store.answer_counts(FORM_ID, "region").items():
        store.set_quota(FORM_ID, region, max(40, done + done // 2))


def _settle(app: QApplication, window: MainWindow) -> None:
    """Let background reads arrive and layouts settle (at most a few seconds)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        app.processEvents()
        if not (window.home.is_loading() or window.data.model.is_loading()):
            break
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()


def _target(window: MainWindow) -> QWidget:
    dialog = window.dialog
    return dialog if dialog is not None and dialog.isVisible() else window


def render(out: Path) -> list[Path]:
    """Write the screenshots into ``out`` and return their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop import i18n
    from desktop.fonts import install_fonts
    from desktop.main_window import MainWindow
    from desktop.screenshot_steps import steps
    from desktop.settings import AppSettings

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_fonts(app)
    work = Path(tempfile.mkdtemp(prefix="kelisim-shots-"))
    settings = AppSettings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    settings.interviewer = "Айгерім Т."
    store = Store.open(work / "survey.db")
    _fill(store)
    _set_quotas(store)
    i18n.set_language("en")
    window = MainWindow(store, settings)
    window.resize(*SIZE)
    window.show()
    shots: list[Path] = []
    for name, step in steps(window, work):
        step()
        _settle(app, window)
        path = out / f"{name}.png"
        _target(window).grab().save(str(path))
        print(path)
        shots.append(path)
    window.close()
    window.store.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    render(Path(args[0] if args else "docs/screenshots"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
