"""Reading a geopoint from a GPS receiver: Qt Positioning's NMEA source replaying a recorded
track (what ``KELISIM_GPS`` names), on the real interview screen, the answer in the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop import positioning
from desktop.geo_widgets import GeoPointWidget
from desktop.i18n import set_language
from desktop.interview_widget import InterviewWidget
from desktop.screenshot_odk import nmea_sentence as _sentence
from survey.form.xlsform import load_form
from survey.interview.session import InterviewSession
from survey.store import Store
from tests.desktop.helpers import question
from tests.formbuilder import write_xlsform

pytest.importorskip("PySide6.QtPositioning")


def _track(path: Path, *, fix: bool) -> Path:
    """A receiver's NMEA output at Astana (51.1605 N, 71.4704 E, 347.5 m), or searching."""
    if fix:
        lines = [_sentence("GPGGA,083015.00,5109.6300,N,07128.2240,E,1,08,0.9,347.5,M,-30.0,M,,"),
                 _sentence("GPRMC,083015.00,A,5109.6300,N,07128.2240,E,0.0,0.0,301126,,,A")]
    else:
        lines = [_sentence("GPGGA,083015.00,,,,,0,00,99.9,,M,,M,,"),
                 _sentence("GPRMC,083015.00,V,,,,,,,301126,,,N")]
    path.write_text("".join(lines * 20), encoding="ascii")
    return path


def _screen(qtbot: QtBot, tmp_path: Path) -> tuple[InterviewWidget, Store]:
    path = write_xlsform(tmp_path / "geo.xlsx", [
        {"type": "geopoint", "name": "p", "label": "Where is the household?"},
        {"type": "text", "name": "t", "label": "Note"},
    ], None, {"form_id": "geo"})
    store = Store.open(tmp_path / "s.db")
    store.register_form(load_form(path), path.read_bytes())
    uuid = store.start_interview("geo", "", interviewer="Aigerim")
    widget = InterviewWidget(InterviewSession(store, uuid))
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget, store


def test_read_from_gps__position_of_the_receiver__stored_as_odk_geopoint(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(positioning.GPS_VARIABLE, str(_track(tmp_path / "fix.nmea", fix=True)))
    widget, store = _screen(qtbot, tmp_path)
    point = question(widget, "p")
    assert isinstance(point, GeoPointWidget) and point.gps_button.isVisible()
    point.gps_button.click()
    qtbot.waitUntil(lambda: "p" in store.answers(widget.session.uuid), timeout=10_000)
    assert store.answers(widget.session.uuid)["p"] == "51.1605 71.4704 347.5 0"
    assert point.edit.text() == "51.1605 71.4704 347.5 0"  # as stored
    assert point.gps_button.isEnabled() and not point.has_message()
    store.close()


def test_read_from_gps__keyboard_ctrl_g__reads_the_position(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(positioning.GPS_VARIABLE, str(_track(tmp_path / "fix.nmea", fix=True)))
    widget, store = _screen(qtbot, tmp_path)
    point = question(widget, "p")
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    point.edit.setFocus()
    qtbot.waitUntil(point.edit.hasFocus)
    qtbot.keyClick(point.edit, "g", Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "p" in store.answers(widget.session.uuid), timeout=10_000)
    store.close()


@pytest.mark.slow
def test_read_from_gps__no_fix_in_time__says_so_in_kazakh_nothing_stored(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(positioning.GPS_VARIABLE, str(_track(tmp_path / "nofix.nmea",
                                                           fix=False)))
    monkeypatch.setattr(positioning, "TIMEOUT_MS", 1500)
    set_language("kk")
    try:
        widget, store = _screen(qtbot, tmp_path)
        point = question(widget, "p")
        point.gps_button.click()
        assert not point.gps_button.isEnabled()
        qtbot.waitUntil(point.has_message, timeout=10_000)
        assert "спутник" in point.message.text()
        assert point.gps_button.isEnabled()
        assert "p" not in store.answers(widget.session.uuid)
        store.close()
    finally:
        set_language("en")


def test_no_position_source__button_hidden_typing_still_works(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(positioning, "QGeoPositionInfoSource", None)
    widget, store = _screen(qtbot, tmp_path)
    point = question(widget, "p")
    assert not point.gps_button.isVisible()
    qtbot.keyClicks(point.edit, "43.2567 76.9286")
    point.flush()
    assert store.answers(widget.session.uuid)["p"] == "43.2567 76.9286 0 0"
    store.close()
