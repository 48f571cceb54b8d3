"""Screenshots of the question kinds of ODK forms, in one language (kk or ru).

Steps for ``desktop.screenshots`` on the sample questionnaire (``desktop.sample_form``), after
the steps of ``desktop.screenshot_kinds`` for the same language: time, datetime, a geopoint read
from a recorded GPS track (``KELISIM_GPS``), a geotrace, a geoshape with its message, attached
files, range, rank and barcode, each in a telling state.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from functools import reduce
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QTime

from desktop.interview_widget import InterviewWidget
from desktop.main_window import MainWindow
from desktop.positioning import GPS_VARIABLE
from desktop.screenshot_kinds import Step, _screen, _start, _typed

#: A walk around a plot near Astana, one point per line.
ROUTE = ("51.160500 71.470400", "51.161200 71.471900", "51.162100 71.472300")


def nmea_sentence(body: str) -> str:
    """One NMEA 0183 sentence: ``$body*checksum`` and CR LF."""
    checksum = reduce(lambda total, char: total ^ ord(char), body, 0)
    return f"${body}*{checksum:02X}\r\n"


def write_nmea_track(path: Path) -> Path:
    """A GPS receiver's output with a fix at Astana (51.1605 N, 71.4704 E, 347.5 m)."""
    lines = [nmea_sentence("GPGGA,083015.00,5109.6300,N,07128.2240,E,1,08,0.9,347.5,M,-30.0,"
                           "M,,"),
             nmea_sentence("GPRMC,083015.00,A,5109.6300,N,07128.2240,E,0.0,0.0,301126,,,A")]
    path.write_text("".join(lines * 20), encoding="ascii")
    return path


def odk_steps(window: MainWindow, work: Path, language: str, first: int) -> list[Step]:
    """The steps for ``language``, numbered from ``first``; the interview of
    ``desktop.screenshot_kinds`` for the language must be finished by then, so a new one
    starts."""
    shots: list[tuple[str, Callable[[], None]]] = [
        ("kind_time", lambda: _odk_start(window, language, "meet_time", "14:30")),
        ("kind_datetime", lambda: _datetime(window)),
        ("kind_geopoint", lambda: _geopoint(window, work)),
        ("kind_geotrace", lambda: _points(window, "route", ROUTE)),
        ("kind_geoshape", lambda: _points(window, "plot", ROUTE[:2], flag=True)),
        ("kind_attach", lambda: _attach(window, work)),
        ("kind_range", lambda: _range(window)),
        ("kind_rank", lambda: _rank(window)),
        ("kind_barcode", lambda: _points(window, "card", ("4870001234567",))),
    ]
    return [(f"{first + index:02d}_{name}_{language}", fn)
            for index, (name, fn) in enumerate(shots)]


def _odk_start(window: MainWindow, language: str, name: str, text: str) -> None:
    if window.dialog is not None:
        window.dialog.close()
        window.dialog = None
    _start(window, language)
    _typed(window, name, text)


def _widget(screen: InterviewWidget, name: str) -> Any:
    return next(w for w in screen.widgets if w.question.name == name)


def _datetime(window: MainWindow) -> None:
    screen = _screen(window)
    screen.jump_to("started")
    widget = _widget(screen, "started")
    widget.edit.setDateTime(QDateTime(QDate(2026, 11, 30), QTime(10, 15)))
    widget.flush()


def _geopoint(window: MainWindow, work: Path) -> None:
    """The position read from a recorded track, as the *Read from GPS* button does."""
    os.environ[GPS_VARIABLE] = str(write_nmea_track(work / "astana.nmea"))
    screen = _screen(window)
    screen.jump_to("home")
    widget = _widget(screen, "home")
    widget.read_position()
    deadline = time.monotonic() + 10
    while not widget.edit.text() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    del os.environ[GPS_VARIABLE]


def _points(window: MainWindow, name: str, points: tuple[str, ...], flag: bool = False
            ) -> None:
    screen = _screen(window)
    screen.jump_to(name)
    widget = _widget(screen, name)
    widget.edit.setPlainText("\n".join(points))
    widget.flush()
    if flag:  # too few points for an area: its message under the box
        widget.show_validation(screen.session.answer(name, widget.current_value()))


def _attach(window: MainWindow, work: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#5b8bd0"))
    path = work / "үй_3.png"
    image.save(str(path))
    screen = _screen(window)
    screen.jump_to("photo")
    _widget(screen, "photo").attach(path)


def _range(window: MainWindow) -> None:
    screen = _screen(window)
    screen.jump_to("trust")
    _widget(screen, "trust").slider.setValue(7)


def _rank(window: MainWindow) -> None:
    screen = _screen(window)
    screen.jump_to("ways")
    widget = _widget(screen, "ways")
    widget.list.setCurrentRow(1)
    widget.move(-1)
    widget.confirm.click()
