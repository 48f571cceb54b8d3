"""The main window's first size: it fits the screen, so nothing is cut off on a 1366×768
laptop; small screens get the window maximised."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: The size the window opens at when the screen has room for it.
PREFERRED = QSize(1280, 800)
#: Screens up to this size (available area) get the window maximised.
SMALL = QSize(1440, 900)


def opening_size(available: QSize) -> tuple[QSize, bool]:
    """(size, maximise) for a screen whose free area is ``available``."""
    maximise = available.width() <= SMALL.width() or available.height() <= SMALL.height()
    return PREFERRED.boundedTo(available), maximise


def show_fitted(window: QWidget) -> None:
    """Show ``window`` at a size that fits its screen (maximised on small screens)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    size, maximise = opening_size(available.size())
    window.resize(size)
    if maximise:
        window.setGeometry(available)  # also where no window manager maximises
        window.showMaximized()
    else:
        window.show()
