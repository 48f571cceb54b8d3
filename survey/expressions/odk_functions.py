"""ODK's functions beyond XPath 1.0's core: maths, geo, checklists, digests, nodes without
repeats (as Enketo's openrosa-xpath-evaluator computes them; checked against its outputs).

Without repeats a ``${name}`` is one node, so ``sum(${x})`` is its number, ``count(${x})`` is 1
and ``count-non-empty(${x})`` is 1 when it holds text. ``area()`` and ``distance()`` read a
geoshape/geotrace (points joined by ``;``) and give square metres and metres on a sphere of
Earth's equatorial radius, rounded to centimetres, as Enketo and Collect do.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import math
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from survey.expressions.values import BOOL, NUM, STR, js_string_to_number

_EARTH_RADIUS = 6378100.0


def _math(function: Callable[..., float]) -> Callable[..., float]:
    def apply(*values: float) -> float:
        try:
            return float(function(*values))
        except (ValueError, OverflowError):
            return math.nan if not any(math.isinf(v) for v in values) else math.inf
    return apply


def _points(text: str) -> list[tuple[float, float]] | None:
    points = []
    for part in text.split(";"):
        fields = part.strip().split(" ")
        if len(fields) < 2:
            return None
        lat, lon = js_string_to_number(fields[0]), js_string_to_number(fields[1])
        extra = [js_string_to_number(f) for f in fields[2:4]]
        if fields[0] == "" or fields[1] == "" or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        if any(v != v for v in extra) or (len(extra) > 1 and extra[1] < 0):
            return None
        points.append((math.radians(lat), math.radians(lon)))
    return points


def _rounded(value: float) -> float:
    return abs(math.floor(value * 100 + 0.5)) / 100


def area(text: str) -> float:
    points = _points(text)
    if points is None:
        return math.nan
    total = 0.0
    if len(points) > 2:
        for i, (lat1, lon1) in enumerate(points):
            lat2, lon2 = points[(i + 1) % len(points)]
            total += (lon2 - lon1) * (2 + math.sin(lat1) + math.sin(lat2))
        total = total * _EARTH_RADIUS * _EARTH_RADIUS / 2.0
    return _rounded(total)


def distance(text: str) -> float:
    points = _points(text)
    if points is None:
        return math.nan
    total = 0.0
    for (lat1, lon1), (lat2, lon2) in itertools.pairwise(points):
        cosine = (math.sin(lat1) * math.sin(lat2)
                  + math.cos(lat1) * math.cos(lat2) * math.cos(lon1 - lon2))
        total += math.acos(max(-1.0, min(1.0, cosine))) * _EARTH_RADIUS
    return _rounded(total)


def _checklist(low: float, high: float, *answers: str) -> bool:
    trues = sum(1 for answer in answers if answer not in ("", "false"))
    return (low < 0 or trues >= low) and (high < 0 or trues <= high)


def _boolean_from_string(text: str) -> bool:
    return text in ("1", "true")


_ALGORITHMS = {"md5": "md5", "sha-1": "sha1", "sha-256": "sha256", "sha-384": "sha384",
               "sha-512": "sha512"}


def digest(message: str, algorithm: str, encoding: str = "base64") -> str:
    """XForms' digest(): the hash of the text (UTF-8) in base64 or hex; '' for an unknown
    algorithm or encoding (Collect refuses the form; a laptop must not stop an interview)."""
    name = _ALGORITHMS.get(algorithm.lower())
    encoding = encoding.lower() or "base64"
    if name is None or encoding not in ("base64", "hex"):
        return ""
    hashed = hashlib.new(name, message.encode("utf-8")).digest()
    return hashed.hex() if encoding == "hex" else base64.b64encode(hashed).decode("ascii")


_TIME = re.compile(r"(\d\d):(\d\d):(\d\d)(\.\d{1,3})?([+-])(\d\d):(\d\d)\Z")


def decimal_time(text: str, now: datetime) -> float:
    """decimal-time(): a time with its offset as the fraction of a day on the clock of ``now``
    (Enketo reads it in the device's zone), seconds kept, milliseconds dropped."""
    match = _TIME.match(text)
    if not match:
        return math.nan
    hour, minute, second, _ms, sign, zone_hour, zone_minute = match.groups()
    if int(hour) > 23 or int(minute) > 59 or int(second) > 59 or int(zone_hour) > 23 \
            or int(zone_minute) > 59:
        return math.nan
    zone = (int(zone_hour) * 60 + int(zone_minute)) * (1 if sign == "+" else -1)
    local = (now.utcoffset() or timedelta(0)).total_seconds() / 60
    minutes = (int(hour) * 60 + int(minute) - zone + local) % (24 * 60)
    return (int(second) / 3600 + (minutes % 60) / 60 + minutes // 60) / 24


# name: (min args, max args, parameter kinds, result kind, implementation)
ODK_FUNCTIONS: dict[str, tuple[int, int, str, str, Callable[..., Any] | None]] = {
    "exp": (1, 1, "n", NUM, _math(math.exp)),
    "exp10": (1, 1, "n", NUM, _math(lambda v: 10.0 ** v)),
    "log": (1, 1, "n", NUM, _math(lambda v: math.log(v) if v > 0 else (-math.inf if v == 0
                                                                         else math.nan))),
    "log10": (1, 1, "n", NUM, _math(lambda v: math.log10(v) if v > 0 else (
        -math.inf if v == 0 else math.nan))),
    "sqrt": (1, 1, "n", NUM, _math(lambda v: math.sqrt(v) if v >= 0 else math.nan)),
    "sin": (1, 1, "n", NUM, _math(math.sin)),
    "cos": (1, 1, "n", NUM, _math(math.cos)),
    "tan": (1, 1, "n", NUM, _math(math.tan)),
    "asin": (1, 1, "n", NUM, _math(lambda v: math.asin(v) if -1 <= v <= 1 else math.nan)),
    "acos": (1, 1, "n", NUM, _math(lambda v: math.acos(v) if -1 <= v <= 1 else math.nan)),
    "atan": (1, 1, "n", NUM, _math(math.atan)),
    "atan2": (2, 2, "nn", NUM, _math(math.atan2)),
    "pi": (0, 0, "", NUM, lambda: math.pi),
    "area": (1, 1, "s", NUM, area),
    "distance": (1, 1, "s", NUM, distance),
    "boolean-from-string": (1, 1, "s", BOOL, _boolean_from_string),
    "checklist": (3, 1000, "nns", BOOL, _checklist),
    "count": (1, 1, "s", NUM, lambda _node: 1.0),
    "count-non-empty": (1, 1, "s", NUM, lambda text: 1.0 if text else 0.0),
    "sum": (1, 1, "n", NUM, lambda value: value),
    "digest": (2, 3, "sss", STR, digest),
    "decimal-time": (1, 1, "s", NUM, None),  # compiled by the evaluator (it needs the clock)
}
