"""The question kinds of ODK forms on the interview screen at 1366 pixels: label, hint, input
and message top-down and close together, buttons beside what they act on (not at the far edge
of a wide page)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop import positioning
from desktop.interview_widget import InterviewWidget
from desktop.screenshot_odk import write_nmea_track
from survey.store import Store
from tests.desktop.helpers import question, show_screen
from tests.kinds_form import register_kinds_form
from tests.small_form import start_session

#: The editor of each ODK question of the sample questionnaire.
EDITORS = {"meet_time": "edit", "started": "edit", "home": "edit", "route": "edit",
           "plot": "edit", "photo": "attach_button", "trust": "slider", "ways": "list",
           "card": "edit"}


@pytest.fixture
def screen(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    pytest.importorskip("PySide6.QtPositioning")
    monkeypatch.setenv(positioning.GPS_VARIABLE, str(write_nmea_track(tmp_path / "t.nmea")))
    with Store.open(tmp_path / "kinds.db") as store:
        register_kinds_form(store, tmp_path)
        yield show_screen(qtbot, start_session(store, "kinds", "kk"), (1366, 700))


def _rect(widget: QWidget, page: QWidget) -> tuple[int, int, int, int]:
    """left, top, right, bottom of ``widget`` on ``page``."""
    corner = widget.mapTo(page, QPoint(0, 0))
    return corner.x(), corner.y(), corner.x() + widget.width(), corner.y() + widget.height()


@pytest.mark.parametrize("name", list(EDITORS))
def test_layout__odk_kind__label_hint_input_message_top_down_and_close_together(
        qtbot: QtBot, screen: InterviewWidget, name: str) -> None:
    screen.jump_to(name)
    item = question(screen, name)
    item.show_validation(screen.session.validate(name, "§"))  # a refused value: a message
    item.message.show()
    qtbot.wait(10)
    page = screen.page_area
    editor = getattr(item, EDITORS[name])
    parts = [item.label] + ([item.hint] if item.hint.text() else []) + [editor, item.message]
    tops = [_rect(part, page)[1] for part in parts]
    assert tops == sorted(tops), name
    for upper, lower in itertools.pairwise(parts):
        gap = _rect(lower, page)[1] - _rect(upper, page)[3]
        assert -1 <= gap < 3 * item.fontMetrics().lineSpacing(), (name, upper, lower, gap)
    assert _rect(item.label, page)[0] == _rect(editor, page)[0]  # one left edge


def test_layout__buttons__beside_their_editor_not_at_the_far_edge(
        qtbot: QtBot, screen: InterviewWidget) -> None:
    page = screen.page_area
    half = page.width() // 2
    screen.jump_to("home")
    point = question(screen, "home")
    assert point.gps_button.isVisible()  # type: ignore[attr-defined]
    edit, button = (_rect(w, page) for w in (point.edit, point.gps_button))  # type: ignore[attr-defined]
    assert 0 <= button[0] - edit[2] < 20 and button[2] < half
    screen.jump_to("photo")
    photo = question(screen, "photo")
    attach, remove = (_rect(w, page) for w in (photo.attach_button, photo.remove_button))  # type: ignore[attr-defined]
    assert attach[0] == _rect(photo.label, page)[0] and remove[2] < half
    screen.jump_to("ways")
    rank = question(screen, "ways")
    assert _rect(rank.confirm, page)[2] < half  # type: ignore[attr-defined]
