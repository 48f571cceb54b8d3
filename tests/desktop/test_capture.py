"""Taking a photo or recording for media questions (Qt Multimedia), on the real interview
screen: without a device the buttons say why and attaching still works; a capture (a recorded
file standing in for the device, ``KELISIM_CAPTURE``) goes the way of a chosen file."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from desktop import capture
from desktop.i18n import set_language
from desktop.interview_widget import InterviewWidget
from desktop.media_widgets import MediaWidget
from survey.form.xlsform import load_form
from survey.interview.session import InterviewSession
from survey.store import Store
from tests.desktop.helpers import question
from tests.formbuilder import write_xlsform

QtMultimedia = pytest.importorskip("PySide6.QtMultimedia")


def _screen(qtbot: QtBot, tmp_path: Path, limit_mb: float = 10) -> tuple[InterviewWidget, Store]:
    path = write_xlsform(tmp_path / "media.xlsx", [
        {"type": "begin_group", "name": "g", "label": "All", "appearance": "field-list"},
        {"type": "image", "name": "photo", "label": "Photo of the house"},
        {"type": "audio", "name": "voice", "label": "Recorded answer"},
        {"type": "video", "name": "clip", "label": "Walk around the yard"},
        {"type": "file", "name": "doc", "label": "Consent form"},
        {"type": "end_group"},
    ], None, {"form_id": "media", "kelisim::max_file_mb": limit_mb})
    store = Store.open(tmp_path / "s.db")
    store.register_form(load_form(path), path.read_bytes())
    uuid = store.start_interview("media", "", interviewer="Aigerim")
    widget = InterviewWidget(InterviewSession(store, uuid))
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget, store


def _media(widget: InterviewWidget, name: str) -> MediaWidget:
    found = question(widget, name)
    assert isinstance(found, MediaWidget)
    return found


def _picture(path: Path) -> Path:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    assert image.save(str(path))
    return path


def test_no_camera_or_microphone__capture_disabled_with_the_reason__attach_still_works(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if QtMultimedia.QMediaDevices.videoInputs() or QtMultimedia.QMediaDevices.audioInputs():
        pytest.skip("this machine has a camera or microphone")
    monkeypatch.delenv(capture.CAPTURE_VARIABLE, raising=False)
    set_language("kk")
    widget, store = _screen(qtbot, tmp_path)
    photo, voice, clip = (_media(widget, n) for n in ("photo", "voice", "clip"))
    for media in (photo, voice, clip):
        assert media.capture_button is not None and not media.capture_button.isEnabled()
        assert media.attach_button.isEnabled()
    assert photo.capture_button is not None and photo.capture_button.text() == "Суретке түсіру…"
    assert photo.capture_button.toolTip() == (
        "Бұл ноутбукта камера табылмады. Оның орнына басқа құрылғымен түсірілген файлды "
        "тіркеңіз.")
    button = photo.capture_button  # a disabled button still shows its tooltip on hover
    point = QPoint(2, 2)
    QApplication.sendEvent(button, QHelpEvent(QEvent.Type.ToolTip, point, button.mapToGlobal(point)))
    assert QToolTip.isVisible() and QToolTip.text() == button.toolTip()
    assert clip.capture_button is not None and "камера табылмады" in clip.capture_button.toolTip()
    assert voice.capture_button is not None and "микрофон табылмады" in voice.capture_button.toolTip()
    assert _media(widget, "doc").capture_button is None  # a plain file: nothing to capture
    photo.attach(_picture(tmp_path / "house.png"))
    assert store.media_file(widget.session.uuid, "photo").data == (tmp_path / "house.png").read_bytes()
    store.close()


def test_take_photo__captured_file_stored_like_a_chosen_one__temporary_copy_removed(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = _picture(tmp_path / "camera.png")
    monkeypatch.setenv(capture.CAPTURE_VARIABLE, str(recorded))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    widget, store = _screen(qtbot, tmp_path)
    photo = _media(widget, "photo")
    assert photo.capture_button is not None and photo.capture_button.isEnabled()
    assert photo.capture_button.toolTip() == ""
    photo.capture_button.click()
    uuid = widget.session.uuid
    stored = store.answers(uuid)["photo"]
    assert isinstance(stored, str) and stored.startswith("photo-") and stored.endswith(".png")
    assert store.media_file(uuid, "photo").data == recorded.read_bytes()
    assert _media(widget, "photo").file_label.text() == stored
    assert list(temporary.iterdir()) == []  # the capture's private folder is gone
    store.close()


def test_record__file_over_the_form_limit__refused_as_a_chosen_file_would_be(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recording = tmp_path / "voice.m4a"
    recording.write_bytes(b"\0" * 3000)
    monkeypatch.setenv(capture.CAPTURE_VARIABLE, str(recording))
    widget, store = _screen(qtbot, tmp_path, limit_mb=0.001)
    voice = _media(widget, "voice")
    assert voice.capture_button is not None and voice.capture_button.isEnabled()
    voice.capture_button.click()
    assert voice.has_message()
    assert "voice" not in store.answers(widget.session.uuid)
    store.close()


@pytest.mark.parametrize("kind", [capture.Kind.AUDIO, capture.Kind.VIDEO])
def test_capture_dialog__device_failing__says_so_and_makes_no_file(
        qtbot: QtBot, tmp_path: Path, kind: capture.Kind) -> None:
    if QtMultimedia.QMediaDevices.videoInputs() or QtMultimedia.QMediaDevices.audioInputs():
        pytest.skip("this machine has a camera or microphone")
    dialog = capture.CaptureDialog(None, kind, tmp_path / f"{kind.value}.m4a")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.action.text() == "Start recording"
    dialog.action.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("The device failed: "),
                    timeout=10_000)
    assert dialog.result_path is None and dialog.isVisible()


def test_capture_dialog__photo_without_camera__nothing_to_take(qtbot: QtBot, tmp_path: Path) -> None:
    if QtMultimedia.QMediaDevices.videoInputs():
        pytest.skip("this machine has a camera")
    dialog = capture.CaptureDialog(None, capture.Kind.PHOTO, tmp_path / "photo.jpg")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.action.text() == "Take the photo" and not dialog.action.isEnabled()
    assert dialog.result_path is None
