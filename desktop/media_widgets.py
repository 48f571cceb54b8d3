"""Media questions (image, audio, video, file): attach a file, or capture one.

A photo or recording made with another program (a phone) is attached as a file; image, audio
and video questions also take a photo or record through the laptop's camera and microphone
(:mod:`desktop.capture`), the button disabled with the reason when there is no such device.
A captured file goes the same way as a chosen one: the session keeps the bytes in the store
(size-limited by the form) and the answer is the stored name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from desktop.capture import button_text, capture_kind, captured_file, unavailable_reason
from desktop.file_dialogs import open_file
from desktop.i18n import _
from desktop.odk_widget_base import keep_height
from desktop.question_widgets import QuestionWidget
from survey.form.model import QuestionType

_FILTERS = {
    QuestionType.IMAGE: "*.jpg *.jpeg *.png *.gif *.bmp *.webp *.heic",
    QuestionType.AUDIO: "*.mp3 *.m4a *.wav *.ogg *.aac *.amr *.3gp",
    QuestionType.VIDEO: "*.mp4 *.mov *.avi *.mkv *.webm *.3gp",
}


class MediaWidget(QuestionWidget):
    """An Attach button, a Take-photo or Record button (image, audio and video questions),
    a Remove button and the attached file's name beside them."""

    def build_editor(self) -> None:
        keep_height(self)
        row = QHBoxLayout()
        self.file_label = QLabel()
        self.file_label.setObjectName("attached")
        self.attach_button = QPushButton(_("Attach a file…"))
        self.attach_button.setObjectName("attach")
        self.attach_button.clicked.connect(self._choose)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setObjectName("remove")
        self.remove_button.clicked.connect(lambda: self._send(None))
        row.addWidget(self.attach_button)  # the buttons first: they stay put as names change
        self.capture_button: QPushButton | None = None
        kind = capture_kind(self.question.type)
        if kind is not None:
            self.capture_button = QPushButton(button_text(kind))
            self.capture_button.setObjectName("capture")
            reason = unavailable_reason(kind)
            self.capture_button.setEnabled(reason is None)
            self.capture_button.setToolTip(reason or "")
            self.capture_button.clicked.connect(self._capture)
            row.addWidget(self.capture_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.file_label, 1)
        self.editor_layout.addLayout(row)
        self._value: Any = None

    def file_filter(self) -> str:
        patterns = _FILTERS.get(self.question.type)
        accept = self.question.parameter("accept")
        if accept:
            patterns = " ".join(f"*{a.strip()}" for a in accept.split(",")
                                if a.strip().startswith("."))
        return f"{_('Files')} ({patterns})" if patterns else ""

    def _choose(self) -> None:
        path = open_file(self, self.label.text(), "", self.file_filter())
        if path:
            self.attach(Path(path))

    def _capture(self) -> None:
        kind = capture_kind(self.question.type)
        assert kind is not None
        with captured_file(self, kind) as path:
            if path is not None:
                self.attach(path)  # the store holds the bytes before the file is deleted

    def attach(self, path: Path) -> None:
        """Attach the file at ``path`` (what the file dialog does)."""
        self._send(path)

    def _send(self, value: Path | None) -> None:
        self._value = value
        self.emit_edited()  # the screen gives it to the session at once
        if not self.has_message():
            self.refresh()  # show the stored name

    def set_value(self, value: Any) -> None:
        self._value = value
        self.file_label.setText(str(value) if value else _("No file attached"))
        self.remove_button.setEnabled(bool(value) and not self.question.read_only)

    def current_value(self) -> Any:
        return self._value

    def focus_editor(self) -> None:
        self.attach_button.setFocus(Qt.FocusReason.OtherFocusReason)
