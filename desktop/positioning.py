"""Reading the laptop's position for geopoint questions, through Qt Positioning.

Qt Positioning comes with PySide6-Addons and talks to the system's location service (GeoClue
on Linux, the Windows and macOS location services) or reads a GPS receiver's NMEA sentences
from a serial port. ``KELISIM_GPS`` chooses a receiver explicitly, as Qt's ``nmea`` plugin
names it: ``serial:/dev/ttyACM0`` (``serial:COM3`` on Windows; ``serial:`` alone takes the
first port that looks like a GPS) or the path of a recorded NMEA track (replayed: for
training, and for the tests). Without a source, or without the module, the question is typed as before.

One reading is asked for at a time (``PositionReader.request``); it ends in ``read`` with the
position as ODK writes a geopoint (``latitude longitude altitude accuracy``, degrees and
metres; altitude and accuracy 0 when the receiver does not give them) or in ``failed`` with a
reason for the interviewer: ``no_fix`` (no answer in time: indoors, or the receiver still
searching), ``denied`` (the system refuses location to applications), ``unavailable``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

try:  # PySide6-Addons; a build without it simply has no GPS reading
    from PySide6.QtPositioning import (
        QGeoCoordinate,
        QGeoPositionInfo,
        QGeoPositionInfoSource,
    )
except ImportError:  # pragma: no cover - depends on the installed Qt modules
    QGeoPositionInfoSource = None  # type: ignore[assignment,misc]

#: Environment variable naming an NMEA receiver (see the module docstring).
GPS_VARIABLE = "KELISIM_GPS"
#: How long one reading may take: a receiver's first fix outdoors takes up to half a minute.
TIMEOUT_MS = 45_000

SourceFactory = Callable[[QObject], "QGeoPositionInfoSource | None"]


def default_source(parent: QObject) -> QGeoPositionInfoSource | None:
    """The receiver ``KELISIM_GPS`` names, else the system's location service, else None."""
    if QGeoPositionInfoSource is None:
        return None
    named = os.environ.get(GPS_VARIABLE, "").strip()
    if named:
        return QGeoPositionInfoSource.createSource("nmea", {"nmea.source": named}, parent)
    return QGeoPositionInfoSource.createDefaultSource(parent)


def geopoint_text(info: QGeoPositionInfo) -> str:
    """A position as ODK writes a geopoint: ``latitude longitude altitude accuracy``."""
    coordinate = info.coordinate()
    altitude = coordinate.altitude()
    if coordinate.type() != QGeoCoordinate.CoordinateType.Coordinate3D or math.isnan(altitude):
        altitude = 0.0
    accuracy = 0.0
    if info.hasAttribute(QGeoPositionInfo.Attribute.HorizontalAccuracy):
        accuracy = info.attribute(QGeoPositionInfo.Attribute.HorizontalAccuracy)
        if math.isnan(accuracy):  # an NMEA receiver gives HDOP, not metres
            accuracy = 0.0
    return (f"{coordinate.latitude():.6f} {coordinate.longitude():.6f} {altitude:.1f} "
            f"{accuracy:.1f}")


class PositionReader(QObject):
    """Reads one position at a time from a position source (see the module docstring)."""

    read = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None,
                 source_factory: SourceFactory = default_source) -> None:
        super().__init__(parent)
        self._source = source_factory(self)
        self._busy = False
        if self._source is not None:
            self._source.positionUpdated.connect(self._position)
            self._source.errorOccurred.connect(self._error)

    @property
    def available(self) -> bool:
        """Whether a position source exists (a reading may still fail)."""
        return self._source is not None

    @property
    def busy(self) -> bool:
        return self._busy

    def request(self, timeout_ms: int | None = None) -> None:
        """Ask for one position (waiting at most ``timeout_ms``, by default
        :data:`TIMEOUT_MS`); ``read`` or ``failed`` follows."""
        if self._source is None:
            self.failed.emit("unavailable")
            return
        self._busy = True
        self._source.requestUpdate(TIMEOUT_MS if timeout_ms is None else timeout_ms)

    def _position(self, info: QGeoPositionInfo) -> None:
        if not self._busy or not info.isValid():
            return
        self._busy = False
        self.read.emit(geopoint_text(info))

    def _error(self, error: QGeoPositionInfoSource.Error) -> None:
        if not self._busy:
            return
        self._busy = False
        reasons = {QGeoPositionInfoSource.Error.UpdateTimeoutError: "no_fix",
                   QGeoPositionInfoSource.Error.AccessError: "denied"}
        self.failed.emit(reasons.get(error, "unavailable"))
