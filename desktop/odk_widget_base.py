"""What the widgets of ODK's question types share."""

from __future__ import annotations

from PySide6.QtWidgets import QSizePolicy, QWidget


def keep_height(widget: QWidget) -> None:
    """Never grow taller than needed: a page with room to spare keeps its questions together
    at the top instead of spreading them out."""
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
