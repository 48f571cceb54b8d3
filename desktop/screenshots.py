"""Render the main screens to PNG files: ``python -m desktop.screenshots OUT_DIR``.

Runs on Qt's offscreen platform unless a display is set (e.g. under Xvfb). Uses a temporary
database filled by the demo-data generator (``survey.demo``), else a few interviews made
through the store, and temporary settings, so the user's own data and settings are untouched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

SIZE = (1366, 768)


def _fill(store: object) -> None:
    """Demo interviews when the generator is available, else a handful through the store."""
    from desktop.app import ensure_bundled_form

    ensure_bundled_form(store)  # type: ignore[arg-type]
    try:
        from survey.demo.filling import fill_database
        from survey.demo.generator import DemoOptions
    except ImportError:
        for region in ("almaty", "astana", "shymkent"):
            uuid = store.start_interview("kelisim_mediation_kz", _version(store),  # type: ignore[attr-defined]
                                         interviewer="Demo", language="kk")
            store.save_answer(uuid, "region", region)  # type: ignore[attr-defined]
        return
    fill_database(store, DemoOptions(interviews=600, seed=4))  # type: ignore[arg-type]


def _version(store: object) -> str:
    return next(r.version for r in store.forms()  # type: ignore[attr-defined]
                if r.form_id == "kelisim_mediation_kz")


def _set_quotas(store: object) -> None:
    counts = store.answer_counts("kelisim_mediation_kz", "region")  # type: ignore[attr-defined]
    for region, done in counts.items():
        store.set_quota("kelisim_mediation_kz", region, max(40, done + done // 2))  # type: ignore[attr-defined]


def _settle(app: object, window: object) -> None:
    """Let background reads arrive and layouts settle (at most a few seconds)."""
    import time

    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        app.processEvents()  # type: ignore[attr-defined]
        busy = window.home.is_loading() or window.data.model.is_loading()  # type: ignore[attr-defined]
        if not busy:
            break
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()  # type: ignore[attr-defined]


def _save(widget: object, path: Path, app: object, window: object) -> None:
    _settle(app, window)
    widget.grab().save(str(path))  # type: ignore[attr-defined]
    print(path)


def render(out: Path) -> list[Path]:
    """Write the screenshots into ``out`` and return their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop import i18n
    from desktop.fonts import install_fonts
    from desktop.main_window import MainWindow
    from desktop.settings import AppSettings
    from survey.store import Store

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_fonts(app)  # type: ignore[arg-type]
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
    for name, step in _steps(window, work):
        step()
        _save(_target(window), out / f"{name}.png", app, window)
        shots.append(out / f"{name}.png")
    window.close()
    store.close()
    return shots


def _target(window: object) -> object:
    dialog = getattr(window, "dialog", None)
    return dialog if dialog is not None and dialog.isVisible() else window  # type: ignore[attr-defined]


def _steps(window: object, work: Path) -> list[tuple[str, Callable[[], None]]]:
    from desktop.screenshot_steps import steps

    return steps(window, work)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    render(Path(args[0] if args else "docs/screenshots"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
