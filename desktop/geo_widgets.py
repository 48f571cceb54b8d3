"""Editors for locations: typed coordinates in decimal degrees.

A laptop rarely has a GPS receiver, and the Qt Positioning module is not part of
PySide6-Essentials, so locations are typed (read off a phone or a handheld GPS): a geopoint as
``latitude longitude`` with altitude and accuracy optional; a geotrace or geoshape as one
point per line. The engine checks the values (range, number of points) and closes a shape.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.i18n import _
from desktop.input_widgets import MultilineEditWidget
from desktop.odk_widget_base import keep_height
from desktop.question_widgets import DebouncedMixin, QuestionWidget
from survey.form.model import QuestionType


class GeoPointWidget(DebouncedMixin, QuestionWidget):
    """geopoint: ``latitude longitude [altitude accuracy]`` in one line."""

    def build_editor(self) -> None:
        keep_height(self)
        self.setup_debounce()
        self.edit = QLineEdit()
        self.edit.setObjectName("geopoint")
        self.edit.setPlaceholderText(_("latitude longitude, e.g. 51.1605 71.4704"))
        self.edit.textEdited.connect(lambda _t: self.typed())
        self.edit.editingFinished.connect(self.flush)
        self.editor_layout.addWidget(self.edit)

    def set_value(self, value: Any) -> None:
        if not self.edit.hasFocus() or value is not None:
            self.edit.setText("" if value is None else str(value))

    def current_value(self) -> Any:
        return self.edit.text().strip() or None

    def focus_editor(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)


class GeoPointsWidget(DebouncedMixin, QuestionWidget):
    """geotrace / geoshape: one ``latitude longitude`` point per line."""

    def build_editor(self) -> None:
        keep_height(self)
        self.setup_debounce()
        self.edit = MultilineEditWidget()
        self.edit.setObjectName(self.question.type.value)
        shape = self.question.type is QuestionType.GEOSHAPE
        self.edit.setPlaceholderText(
            _("One point per line (latitude longitude); at least three for an area")
            if shape else _("One point per line (latitude longitude); at least two for a line"))
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.fontMetrics().lineSpacing() * 6)
        self.edit.textChanged.connect(self.typed)
        self.editor_layout.addWidget(self.edit)

    def set_value(self, value: Any) -> None:
        text = "" if value is None else "\n".join(p.strip() for p in str(value).split(";"))
        if self.edit.toPlainText().strip() != text:
            self.edit.setPlainText(text)

    def current_value(self) -> Any:
        lines = [line.strip() for line in self.edit.toPlainText().splitlines() if line.strip()]
        return ";".join(lines) or None

    def focus_editor(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
