"""Widgets of the ODK question types on the real interview screen, values reaching the store."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.geo_widgets import GeoPointsWidget, GeoPointWidget
from desktop.interview_widget import InterviewWidget
from desktop.media_widgets import MediaWidget
from desktop.range_rank_widgets import RangeWidget, RankWidget
from desktop.time_widgets import DateTimeWidget, TimeWidget
from survey.form.xlsform import load_form
from survey.interview.session import InterviewSession
from survey.store import Store
from tests.desktop.helpers import question
from tests.formbuilder import write_xlsform

CHOICES = [{"list_name": "abc", "name": n, "label": n.upper()} for n in "abc"]


def _screen(qtbot: QtBot, tmp_path: Path) -> tuple[InterviewWidget, Store]:
    path = write_xlsform(tmp_path / "odk.xlsx", [
        {"type": "begin_group", "name": "g", "label": "All", "appearance": "field-list"},
        {"type": "time", "name": "t", "label": "Time"},
        {"type": "datetime", "name": "dt", "label": "When"},
        {"type": "geopoint", "name": "p", "label": "Where"},
        {"type": "geoshape", "name": "s", "label": "Field"},
        {"type": "image", "name": "photo", "label": "Photo"},
        {"type": "range", "name": "r", "label": "Score", "parameters": "start=0 end=10 step=2"},
        {"type": "rank abc", "name": "order", "label": "Order"},
        {"type": "end_group"},
    ], CHOICES, {"form_id": "odk"})
    store = Store.open(tmp_path / "s.db")
    store.register_form(load_form(path), path.read_bytes())
    uuid = store.start_interview("odk", "", interviewer="Aigerim")
    widget = InterviewWidget(InterviewSession(store, uuid))
    qtbot.addWidget(widget)
    widget.resize(1000, 900)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget, store


def test_odk_widgets__typed_and_chosen_values__stored(qtbot: QtBot, tmp_path: Path) -> None:
    widget, store = _screen(qtbot, tmp_path)
    uuid = widget.session.uuid
    time = question(widget, "t")
    assert isinstance(time, TimeWidget) and isinstance(question(widget, "dt"), DateTimeWidget)
    qtbot.keyClicks(time.edit, "14:30")
    time.flush()
    point = question(widget, "p")
    assert isinstance(point, GeoPointWidget)
    qtbot.keyClicks(point.edit, "51.1605 71.4704")
    point.flush()
    shape = question(widget, "s")
    assert isinstance(shape, GeoPointsWidget)
    shape.edit.setPlainText("1 2\n3 4\n5 6")
    shape.flush()
    score = question(widget, "r")
    assert isinstance(score, RangeWidget)
    score.slider.setValue(3)
    rank = question(widget, "order")
    assert isinstance(rank, RankWidget) and rank.order() == ["a", "b", "c"]
    rank.list.setCurrentRow(2)
    rank.move(-1)
    rank.confirm.click()
    photo = question(widget, "photo")
    assert isinstance(photo, MediaWidget)
    picture = tmp_path / "door.png"
    picture.write_bytes(b"png bytes")
    photo.attach(picture)

    answers = store.answers(uuid)
    assert answers["t"].startswith("14:30:00.000")
    assert answers["p"] == "51.1605 71.4704 0 0"
    assert answers["s"] == "1 2 0 0;3 4 0 0;5 6 0 0;1 2 0 0"
    assert answers["r"] == 6
    assert answers["order"] == ("a", "c", "b")
    assert store.media_file(uuid, "photo").data == b"png bytes"
    assert question(widget, "photo").file_label.text() == answers["photo"]
    store.close()


def test_geopoint_widget__outside_the_globe__message_nothing_stored(qtbot: QtBot,
                                                                   tmp_path: Path) -> None:
    widget, store = _screen(qtbot, tmp_path)
    point = question(widget, "p")
    qtbot.keyClicks(point.edit, "95 10")
    point.flush()
    assert point.has_message()
    assert "p" not in store.answers(widget.session.uuid)
    store.close()


def test_label_image__shown_under_the_label_or_said_missing(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QLabel

    from desktop.question_factory import widget_for

    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("green"))
    image.save(str(tmp_path / "house.png"))
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "text", "name": "t", "label": "House", "image": "house.png"},
        {"type": "text", "name": "u", "label": "Roof", "image": "roof.png"}],
        None, {"form_id": "pictures"})
    with Store.open(tmp_path / "s.db") as store:
        store.register_form(load_form(path), path.read_bytes())
        session = InterviewSession(store, store.start_interview("pictures", "", interviewer="A"))
        shown = widget_for(session.form.question("t"), session)
        missing = widget_for(session.form.question("u"), session)
        qtbot.addWidget(shown)
        qtbot.addWidget(missing)
        picture = shown.findChild(QLabel, "label_image")
        assert picture is not None and picture.pixmap().width() == 40
        note = missing.findChild(QLabel, "label_image")
        assert note is not None and "roof.png" in note.text()


def test_label_audio__play_button_with_the_stored_recording_or_said_missing(
        qtbot: QtBot, tmp_path: Path) -> None:
    import wave

    from PySide6.QtMultimedia import QMediaPlayer
    from PySide6.QtWidgets import QLabel

    from desktop.label_media import LabelAudioButton
    from desktop.question_factory import widget_for

    with wave.open(str(tmp_path / "ask.wav"), "wb") as sound:  # half a second of silence
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\0\0" * 4000)
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "text", "name": "t", "label": "Item bought", "audio": "ask.wav"},
        {"type": "text", "name": "u", "label": "Shop", "audio": "shop.m4a"}],
        None, {"form_id": "recordings"})
    with Store.open(tmp_path / "s.db") as store:
        store.register_form(load_form(path), path.read_bytes())
        session = InterviewSession(store, store.start_interview("recordings", "",
                                                                interviewer="A"))
        played = widget_for(session.form.question("t"), session)
        missing = widget_for(session.form.question("u"), session)
        qtbot.addWidget(played)
        qtbot.addWidget(missing)
        button = played.findChild(LabelAudioButton, "label_audio")
        assert button is not None and button.text() == "Play the recording"
        qtbot.waitUntil(lambda: button.player.duration() > 0, timeout=10_000)
        assert abs(button.player.duration() - 500) < 50  # decoded from the stored bytes
        assert button.player.mediaStatus() != QMediaPlayer.MediaStatus.InvalidMedia
        note = missing.findChild(QLabel, "label_audio")
        assert note is not None and "shop.m4a" in note.text()


def test_choice_image__icon_beside_the_choice_or_tooltip_saying_missing(
        qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QComboBox, QRadioButton

    from desktop.question_factory import widget_for

    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("brown"))
    image.save(str(tmp_path / "cow.png"))
    animals = [{"list_name": "animal", "name": "cow", "label": "Cow", "image": "cow.png"},
               {"list_name": "animal", "name": "goat", "label": "Goat", "image": "goat.png"},
               {"list_name": "animal", "name": "horse", "label": "Horse"}]
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "select_one animal", "name": "a", "label": "Animal"},
        {"type": "select_one animal", "name": "b", "label": "Animal", "appearance": "minimal"}],
        animals, {"form_id": "animals"})
    with Store.open(tmp_path / "s.db") as store:
        store.register_form(load_form(path), path.read_bytes())
        session = InterviewSession(store, store.start_interview("animals", "", interviewer="A"))
        buttons = widget_for(session.form.question("a"), session)
        combo = widget_for(session.form.question("b"), session)
        qtbot.addWidget(buttons)
        qtbot.addWidget(combo)
        cow, goat, horse = (buttons.findChild(QRadioButton, f"choice_{n}")
                            for n in ("cow", "goat", "horse"))
        assert cow.icon().availableSizes()[0].width() == 40 and cow.toolTip() == "cow.png"
        assert goat.icon().isNull() and "goat.png" in goat.toolTip()
        assert horse.icon().isNull() and horse.toolTip() == ""
        box = combo.findChild(QComboBox, "combo")
        assert not box.itemIcon(1).isNull() and box.itemIcon(2).isNull()
