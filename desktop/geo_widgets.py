"""Editors for locations: coordinates in decimal degrees, typed or read from a GPS receiver.

A geopoint is ``latitude longitude`` with altitude and accuracy optional, typed (read off a
phone or a handheld GPS) or, where the laptop has a position source (a GPS receiver, the
system's location service: :mod:`desktop.positioning`), read with *Read from GPS* (Ctrl+G).
A geotrace or geoshape is typed as one point per line. The engine checks the values (range,
number of points) and closes a shape.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton

from desktop.i18n import _
from desktop.input_widgets import MultilineEditWidget
from desktop.odk_widget_base import keep_height
from desktop.positioning import PositionReader
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
        digits = self.fontMetrics().horizontalAdvance("0")
        self.edit.setMaximumWidth(max(digits * 44, self.edit.fontMetrics().horizontalAdvance(
            self.edit.placeholderText()) + 3 * digits))  # a point, not the page's width
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        self.gps = PositionReader(self)
        self.gps.read.connect(self._position_read)
        self.gps.failed.connect(self._position_failed)
        self.gps_button = QPushButton(_("Read from GPS"))
        self.gps_button.setObjectName("read_gps")
        self.gps_button.setToolTip(_("Ctrl+G: read the position from the laptop's GPS"))
        self.gps_button.clicked.connect(self.read_position)
        self.gps_button.setVisible(self.gps.available)
        shortcut = QShortcut(QKeySequence("Ctrl+G"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.read_position)
        row.addWidget(self.gps_button)
        row.addStretch(1)  # the button beside the coordinates
        self.editor_layout.addLayout(row)

    def read_position(self) -> None:
        """Ask the position source for the current position (the answer follows)."""
        if not self.gps.available or self.gps.busy or self.question.read_only:
            return
        self.gps_button.setEnabled(False)
        self.gps_button.setText(_("Reading position…"))
        self.gps.request()

    def _gps_done(self) -> None:
        self.gps_button.setEnabled(not self.question.read_only)
        self.gps_button.setText(_("Read from GPS"))

    def _position_read(self, text: str) -> None:
        self._gps_done()
        self.edit.setText(text)
        self.emit_edited()  # saved at once, as a typed point when editing finishes

    def _position_failed(self, reason: str) -> None:
        self._gps_done()
        texts = {
            "no_fix": _("No position yet: the GPS receiver found no satellites in time. "
                        "Try again outdoors, or type the coordinates."),
            "denied": _("The system does not let Kelisim read the position. Allow location "
                        "access in the system settings, or type the coordinates."),
        }
        self.message.setText(texts.get(reason, _("No position source answered. Type the "
                                                 "coordinates.")))
        self.message.show()

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
