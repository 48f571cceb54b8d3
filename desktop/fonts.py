"""Fonts that render Kazakh letters on any machine.

Field laptops and CI machines may lack a font with the Kazakh Cyrillic letters
(ә ғ қ ң ө ұ ү һ і). matplotlib, a dependency, ships DejaVu Sans, which has them all; it is
registered with Qt at start-up and used as the application font family when the system
default lacks the letters.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication

KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"


def bundled_font_files() -> list[Path]:
    """The DejaVu Sans files inside matplotlib's data folder (regular and bold)."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return [folder / name for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
            if (folder / name).is_file()]


def covers_kazakh(font: QFont) -> bool:
    """Whether ``font`` has a glyph for every Kazakh-specific letter."""
    metrics = QFontMetrics(font)
    return all(metrics.inFontUcs4(ord(ch)) for ch in KAZAKH_LETTERS)


def install_fonts(app: QApplication) -> str:
    """Register the bundled fonts; switch the application font if it lacks Kazakh letters.

    Keeps the system font size (so the window scales with the user's setting) and returns the
    family in use.
    """
    families: list[str] = []
    for path in bundled_font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    font = app.font()
    if not covers_kazakh(font) and families:
        replacement = QFont(font)
        replacement.setFamily(families[0])
        app.setFont(replacement)
    return app.font().family()
