"""Editors for time and datetime questions.

Values go to the session in ODK's text form with the laptop's UTC offset (``14:30:00.000+05:00``,
``2026-05-17T14:30:00.000+05:00``), as ODK Collect writes them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QRegularExpression, Qt, QTime
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDateTimeEdit, QLineEdit

from desktop.odk_widget_base import keep_height
from desktop.question_widgets import DebouncedMixin, QuestionWidget

_TIME = r"\d{0,2}(:\d{0,2})?"
_NO_DATETIME = QDateTime(QDate(1900, 1, 1), QTime(0, 0))


def _local_offset() -> dt.tzinfo | None:
    return dt.datetime.now().astimezone().tzinfo


class TimeWidget(DebouncedMixin, QuestionWidget):
    """time: typed as HH:MM (the engine checks it); the laptop's UTC offset is added."""

    def build_editor(self) -> None:
        keep_height(self)
        self.setup_debounce()
        self.edit = QLineEdit()
        self.edit.setObjectName("time")
        self.edit.setPlaceholderText("HH:MM")
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(_TIME), self.edit))
        self.edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 10)
        self.edit.textEdited.connect(lambda _t: self.typed())
        self.edit.editingFinished.connect(self.flush)
        self.editor_layout.addWidget(self.edit)

    def set_value(self, value: Any) -> None:
        if not self.edit.hasFocus() or value is not None:
            self.edit.setText(str(value)[:5] if value else "")

    def current_value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        offset = dt.datetime.now().astimezone().strftime("%z")
        return f"{text}{offset[:3]}:{offset[3:]}" if len(text) >= 4 else text

    def focus_editor(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)


class DateTimeWidget(DebouncedMixin, QuestionWidget):
    """datetime: a date-and-time editor; its lowest value means 'not answered'."""

    def build_editor(self) -> None:
        keep_height(self)
        self.setup_debounce()
        self.edit = QDateTimeEdit()
        self.edit.setObjectName("datetime")
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.edit.setMinimumDateTime(_NO_DATETIME)
        self.edit.setSpecialValueText("—")
        self.edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 22)
        self.edit.dateTimeChanged.connect(lambda _d: self.typed())
        self.edit.editingFinished.connect(self.flush)
        self.editor_layout.addWidget(self.edit)

    def set_value(self, value: Any) -> None:
        if isinstance(value, str) and len(value) >= 16:
            day = QDate(int(value[:4]), int(value[5:7]), int(value[8:10]))
            self.edit.setDateTime(QDateTime(day, QTime(int(value[11:13]), int(value[14:16]))))
        else:
            self.edit.setDateTime(_NO_DATETIME)

    def current_value(self) -> Any:
        moment = self.edit.dateTime()
        if moment == _NO_DATETIME:
            return None
        day, time = moment.date(), moment.time()
        return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(),
                           tzinfo=_local_offset())

    def focus_editor(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
