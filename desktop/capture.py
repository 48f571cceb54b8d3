"""Taking a photo or making a recording for a media question, through Qt Multimedia.

Qt Multimedia comes with PySide6-Addons: ``QMediaDevices`` lists the laptop's cameras and
microphones, a ``QMediaCaptureSession`` joins the default ``QCamera`` and ``QAudioInput`` to a
preview, a ``QImageCapture`` (photos) or a ``QMediaRecorder`` (audio, video). What is captured
is written to a private temporary folder and handed to the question as if the interviewer had
chosen that file, so the form's size limit and the store treat it exactly the same; the
temporary file is deleted once the store holds it.

``KELISIM_CAPTURE`` names a recorded file that stands in for the device (as ``KELISIM_GPS``
replays a recorded GPS track): each capture copies it. It serves training without a camera,
and the tests. Without a device, or without the module, the capture buttons are disabled and
say why; attaching a file still works.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.i18n import _
from survey.form.model import QuestionType

try:  # PySide6-Addons; a build without it simply has no capture
    from PySide6.QtMultimedia import (
        QAudioInput,
        QCamera,
        QImageCapture,
        QMediaCaptureSession,
        QMediaDevices,
        QMediaRecorder,
    )
    from PySide6.QtMultimediaWidgets import QVideoWidget
except ImportError:  # pragma: no cover - depends on the installed Qt modules
    QMediaDevices = None  # type: ignore[assignment,misc]

#: Environment variable naming a recorded file that stands in for the device.
CAPTURE_VARIABLE = "KELISIM_CAPTURE"


class Kind(Enum):
    """What a media question captures, and the device it needs."""

    PHOTO = "photo"
    AUDIO = "audio"
    VIDEO = "video"


_KINDS = {QuestionType.IMAGE: Kind.PHOTO, QuestionType.AUDIO: Kind.AUDIO,
          QuestionType.VIDEO: Kind.VIDEO}
_SUFFIX = {Kind.PHOTO: ".jpg", Kind.AUDIO: ".m4a", Kind.VIDEO: ".mp4"}


def capture_kind(qtype: QuestionType) -> Kind | None:
    """What a question of ``qtype`` can capture (None: a plain file question)."""
    return _KINDS.get(qtype)


def button_text(kind: Kind) -> str:
    return {Kind.PHOTO: _("Take a photo…"), Kind.AUDIO: _("Record audio…"),
            Kind.VIDEO: _("Record video…")}[kind]


def recorded_stand_in() -> Path | None:
    """The file ``KELISIM_CAPTURE`` names, when it names an existing file."""
    named = os.environ.get(CAPTURE_VARIABLE, "").strip()
    return Path(named) if named and Path(named).is_file() else None


def unavailable_reason(kind: Kind) -> str | None:
    """Why ``kind`` cannot be captured on this laptop (for a tooltip), or None when it can."""
    if recorded_stand_in() is not None:
        return None
    if QMediaDevices is None:
        return _("This installation of Kelisim has no camera or microphone support "
                 "(Qt Multimedia). Attach a file instead.")
    if kind is not Kind.AUDIO and not QMediaDevices.videoInputs():
        return _("No camera was found on this laptop. Attach a file made with "
                 "another device instead.")
    if kind is Kind.AUDIO and not QMediaDevices.audioInputs():
        return _("No microphone was found on this laptop. Attach a file made with "
                 "another device instead.")
    return None


@contextmanager
def captured_file(parent: QWidget, kind: Kind) -> Iterator[Path | None]:
    """Capture ``kind`` into a private temporary folder; yield the file, or None when the
    interviewer cancelled or the device failed; the folder is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="kelisim-capture-") as folder:  # mode 0700
        target = Path(folder) / f"{kind.value}{_SUFFIX[kind]}"
        stand_in = recorded_stand_in()
        if stand_in is not None:
            shutil.copyfile(stand_in, target.with_suffix(stand_in.suffix))
            yield target.with_suffix(stand_in.suffix)
            return
        dialog = CaptureDialog(parent, kind, target)
        dialog.exec()
        yield dialog.result_path


class CaptureDialog(QDialog):
    """A preview with one action: take the photo, or start and then stop the recording;
    ``result_path`` is the file made (None until then); a failing device is said in a line."""

    def __init__(self, parent: QWidget | None, kind: Kind, target: Path) -> None:
        super().__init__(parent)
        self.setObjectName("capture_dialog")
        self.setWindowTitle(button_text(kind).rstrip("…"))
        self.kind = kind
        self.result_path: Path | None = None
        self.session = QMediaCaptureSession(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.action = QPushButton(_("Take the photo") if kind is Kind.PHOTO
                                  else _("Start recording"))
        self.action.setObjectName("capture_action")
        cancel = QPushButton(_("Cancel"))
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        self._devices(layout)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.action)
        row.addWidget(cancel)
        layout.addLayout(row)
        if kind is Kind.PHOTO:
            self._photo(target)
        else:
            self._recorder(target)

    def _devices(self, layout: QVBoxLayout) -> None:
        self.camera: QCamera | None = None
        if self.kind is not Kind.AUDIO:
            self.camera = QCamera(QMediaDevices.defaultVideoInput(), self)
            self.session.setCamera(self.camera)
            preview = QVideoWidget(self)
            preview.setMinimumSize(480, 360)
            self.session.setVideoOutput(preview)
            layout.addWidget(preview, 1)
            self.camera.errorOccurred.connect(lambda _e, text: self._fail(text))
            self.camera.start()
        if self.kind is Kind.AUDIO or (self.kind is Kind.VIDEO and QMediaDevices.audioInputs()):
            self.audio = QAudioInput(QMediaDevices.defaultAudioInput(), self)  # else silent
            self.session.setAudioInput(self.audio)

    def _photo(self, target: Path) -> None:
        self.image = QImageCapture(self)
        self.session.setImageCapture(self.image)
        self.image.imageSaved.connect(lambda _id, path: self._done(Path(path)))
        self.image.errorOccurred.connect(lambda _id, _e, text: self._fail(text))
        self.image.readyForCaptureChanged.connect(self.action.setEnabled)
        self.action.setEnabled(self.image.isReadyForCapture())
        self.action.clicked.connect(lambda: self.image.captureToFile(str(target)))

    def _recorder(self, target: Path) -> None:
        self.recorder = QMediaRecorder(self)
        self.session.setRecorder(self.recorder)
        self.recorder.setOutputLocation(QUrl.fromLocalFile(str(target)))
        self.recorder.errorOccurred.connect(lambda _e, text: self._fail(text))
        self.recorder.recorderStateChanged.connect(self._recorder_state)
        self.action.clicked.connect(self._toggle_recording)

    def _toggle_recording(self) -> None:
        if self.recorder.recorderState() == QMediaRecorder.RecorderState.RecordingState:
            self.recorder.stop()
        else:
            self.recorder.record()

    def _recorder_state(self, state: QMediaRecorder.RecorderState) -> None:
        recording = state == QMediaRecorder.RecorderState.RecordingState
        self.action.setText(_("Stop recording") if recording else _("Start recording"))
        self.status.setText(_("Recording…") if recording else "")
        if state == QMediaRecorder.RecorderState.StoppedState:
            location = Path(self.recorder.actualLocation().toLocalFile())
            if location.is_file():
                self._done(location)

    def _done(self, path: Path) -> None:
        self.result_path = path
        self.accept()

    def _fail(self, text: str) -> None:
        self.status.setText(_("The device failed: {error}", error=text))
