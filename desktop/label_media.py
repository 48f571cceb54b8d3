"""The picture of a question's label (XLSForm column ``image``), shown under the label, and
its recording (column ``audio``), played with a button under it through Qt Multimedia; the
picture of a choice (``image`` on the choices sheet), shown as the choice's icon.

The file comes with the form (stored with it); when the form came without it, a line says so,
as ODK Collect does, instead of leaving a silent gap.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QWidget

from desktop.i18n import _
from desktop.question_widgets import QuestionWidget
from survey.form.model import Choice
from survey.interview.session import InterviewSession

try:  # PySide6-Addons; a build without it says the recording cannot be played
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
except ImportError:  # pragma: no cover - depends on the installed Qt modules
    QMediaPlayer = None  # type: ignore[assignment,misc]

#: The largest size a label picture is shown at (pixels); larger pictures are scaled down.
MAX_WIDTH, MAX_HEIGHT = 640, 360
#: The size of a choice's picture beside its text (pixels).
CHOICE_ICON = 96


def add_label_image(widget: QuestionWidget) -> QLabel | None:
    """Put the question's picture under its label; None when the question has none."""
    name, data = widget.session.label_image(widget.question)
    if not name:
        return None
    picture = QLabel()
    picture.setObjectName("label_image")
    pixmap = QPixmap()
    if data is not None and pixmap.loadFromData(data):
        if pixmap.width() > MAX_WIDTH or pixmap.height() > MAX_HEIGHT:
            pixmap = pixmap.scaled(MAX_WIDTH, MAX_HEIGHT, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        picture.setPixmap(pixmap)
    else:
        picture.setText(_("The picture {name} did not come with the questionnaire.", name=name))
        picture.setStyleSheet("color: palette(mid); font-style: italic;")
    _under_label(widget, picture)
    return picture


def add_label_audio(widget: QuestionWidget) -> QWidget | None:
    """Put a button playing the question's recording under its label (a line saying the file
    did not come with the form when it did not); None when the question has none."""
    name, data = widget.session.label_audio(widget.question)
    if not name:
        return None
    if data is None or QMediaPlayer is None:
        missing = QLabel(_("The recording {name} did not come with the questionnaire.",
                           name=name))
        missing.setObjectName("label_audio")
        missing.setStyleSheet("color: palette(mid); font-style: italic;")
        _under_label(widget, missing)
        return missing
    button = LabelAudioButton(name, data, widget)
    _under_label(widget, button)
    widget.layout().setAlignment(button, Qt.AlignmentFlag.AlignLeft)  # type: ignore[union-attr]
    return button


def choice_picture(session: InterviewSession, choice: Choice) -> tuple[QIcon | None, str]:
    """The icon of a choice's picture and a tooltip: (None, "") without a picture, (None, a
    line saying so) when the form came without the file."""
    name, data = session.choice_image(choice)
    if not name:
        return None, ""
    pixmap = QPixmap()
    if data is None or not pixmap.loadFromData(data):
        return None, _("The picture {name} did not come with the questionnaire.", name=name)
    return QIcon(pixmap), name


def _under_label(widget: QuestionWidget, shown: QWidget) -> None:
    layout = widget.layout()
    assert isinstance(layout, QBoxLayout)
    layout.insertWidget(layout.indexOf(widget.label) + 1, shown)


class LabelAudioButton(QPushButton):
    """Plays the recording from the bytes stored with the form; a second click stops it."""

    def __init__(self, name: str, data: bytes, parent: QWidget) -> None:
        super().__init__(_("Play the recording"), parent)
        self.setObjectName("label_audio")
        self.setToolTip(name)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.player = QMediaPlayer(self)
        self.player.setAudioOutput(QAudioOutput(self))
        self.player.setSourceDevice(self._buffer, QUrl(name))  # the name tells the format
        self.player.playbackStateChanged.connect(self._state)
        self.clicked.connect(self._toggle)

    def _toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.stop()
        else:
            self.player.play()

    def _state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.setText(_("Stop the recording") if playing else _("Play the recording"))
