"""Qt's own texts (file dialogs, standard buttons, context menus) in the interface language.

PySide6 ships ``qtbase_kk.qm`` and ``qtbase_ru.qm``; one translator is installed at a time.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

_installed: list[QTranslator] = []


def install_qt_translations(language: str) -> bool:
    """Replace Qt's translator with the one for ``language``; False when none (English)."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "en":
        return False
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
