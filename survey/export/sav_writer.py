"""SPSS system files (.sav) written with numpy, rows in chunks.

The dictionary follows the system file format as PSPP documents it: the file header (record
"$FL2", with the file label and the creation date and time), one variable record per 8-byte
unit of a case (a string wider than 8 bytes continues in records of type -1; a string wider
than 255 bytes is a "very long string", split into segments of 255 bytes, each its own
variable, joined again by the subtype 14 record), variable labels, missing values (up to three
discrete values, or a range and one value), value labels (records 3 and 4), the machine
records (subtypes 3 and 4), measurement level, display width and alignment (subtype 11), names
longer than 8 bytes (subtype 13), the character encoding UTF-8 (subtype 20) and the end of the
dictionary (999).

Cases are written in chunks of rows (``survey.export.sav_data``): each chunk is one byte
matrix (row x case width) filled column by column (numbers as float64, system-missing as
-DBL_MAX; texts as UTF-8 bytes padded with spaces), then written as it is or bytecode-compressed
(``compression=1``: whole numbers -99..151 and blank text units as one byte each). Memory stays
bounded by the chunk, whatever the number of rows.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import numpy as np

from survey.export.sav_data import SYSMIS, Layout, byte_lengths, texts_of, write_cases

HIGHEST = float(np.finfo(np.float64).max)
LOWEST = float(np.nextafter(-HIGHEST, 0.0))
MAX_STRING = 32767
MAX_NAME = 64
#: Bytes of a very long string per segment (each segment but the last is 255 wide).
SEGMENT = 252
MEASURES = {"unknown": 0, "nominal": 1, "ordinal": 2, "scale": 3}
ALIGNMENTS = {"left": 0, "right": 1, "center": 2}
FORMAT_TYPES = {"A": 1, "COMMA": 3, "DOLLAR": 4, "F": 5, "E": 17, "N": 16, "DATE": 20,
                "TIME": 21, "DATETIME": 22, "ADATE": 23, "JDATE": 24, "DTIME": 25,
                "WKDAY": 26, "MONTH": 27, "MOYR": 28, "QYR": 29, "WKYR": 30, "PCT": 31,
                "EDATE": 38, "SDATE": 39}
PRODUCT = b"@(#) SPSS DATA FILE - Kelisim"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
Missing = float | str | tuple[float, float]


@dataclass(frozen=True)
class SavVariable:
    """One column: float64 numbers (NaN: system-missing) or texts (an object array of ``str``,
    None for an empty cell), with what SPSS shows about it."""

    name: str
    values: np.ndarray
    label: str | None = None
    #: Display format of a number ("F8.2", "DATE11", "DATETIME20"; None: F8.2); a text's is
    #: always A<width>.
    format: str | None = None
    measure: str = "unknown"
    display_width: int | None = None
    alignment: str | None = None  # None: right for numbers, left for text
    value_labels: Mapping[float, str] = field(default_factory=dict)
    #: User-missing values: numbers, and at most one (low, high) range.
    missing: Sequence[Missing] = ()

    @property
    def is_text(self) -> bool:
        return self.values.dtype.kind == "O"


def write_sav(path: Path, variables: Sequence[SavVariable], *, file_label: str = "",
              compress: bool = True, now: datetime | None = None) -> None:
    """Write ``variables`` (columns of equal length) as an SPSS system file at ``path``."""
    rows = len(variables[0].values) if variables else 0
    if any(len(v.values) != rows for v in variables):
        raise ValueError("columns of different lengths")
    texts = {v.name: texts_of(v.values) for v in variables if v.is_text}
    layout = Layout.of([(v.name, _width(texts.get(v.name))) for v in variables])
    for v, slot in zip(variables, layout.slots, strict=True):
        _check(v, slot.width)
    with open(path, "wb") as out:
        out.write(_header(layout.units, rows, compress, file_label, now or datetime.now()))
        _dictionary(out, variables, layout)
        write_cases(out, layout, [texts.get(v.name, v.values) for v in variables], compress)


def _width(texts: object) -> int:
    """0 for a number, else the widest text in bytes (at least 1)."""
    if texts is None:
        return 0
    widest = int(byte_lengths(texts).max(initial=0))  # type: ignore[arg-type]
    if widest > MAX_STRING:
        raise ValueError(f"a text longer than {MAX_STRING} bytes")
    return max(widest, 1)


def _check(v: SavVariable, width: int) -> None:
    """Refuse what SPSS cannot hold, or this writer does not write."""
    if not 0 < len(v.name.encode("utf-8")) <= MAX_NAME:
        raise ValueError(f"a variable name of 1 to {MAX_NAME} bytes, not {v.name!r}")
    if v.is_text and ((v.missing and width > 8) or v.value_labels):
        raise ValueError(f"missing values wider than 8 bytes or value labels of the text {v.name!r}")


def _header(units: int, rows: int, compress: bool, label: str, now: datetime) -> bytes:
    date = f"{now.day:02d} {MONTHS[now.month - 1]} {now.year % 100:02d}".encode()
    return b"".join([
        b"$FL2", PRODUCT.ljust(60), struct.pack("<iiiii", 2, units, int(compress), 0, rows),
        struct.pack("<d", 100.0), date, now.strftime("%H:%M:%S").encode(),
        _cut(label.encode("utf-8"), 64).ljust(64), b"\0\0\0"])


def _dictionary(out: BinaryIO, variables: Sequence[SavVariable], layout: Layout) -> None:
    for v, slot in zip(variables, layout.slots, strict=True):
        out.write(_variable_records(v, slot.widths, slot.short_names))
    out.write(_value_labels(variables, layout))
    out.write(_extension(3, 4, struct.pack("<8i", 20, 0, 0, -1, 1, 1, 2, 65001)))
    out.write(_extension(4, 8, struct.pack("<3d", SYSMIS, HIGHEST, LOWEST)))
    out.write(_extension(11, 4, _display(variables, layout)))
    names = "\t".join(f"{s.short_names[0]}={v.name}" for v, s
                      in zip(variables, layout.slots, strict=True))
    out.write(_extension(13, 1, names.encode("utf-8")))
    long = "".join(f"{s.short_names[0]}={s.width:05d}\0\t" for s in layout.slots
                   if len(s.widths) > 1)
    if long:
        out.write(_extension(14, 1, long.encode("utf-8")))
    out.write(_extension(20, 1, b"UTF-8"))
    out.write(struct.pack("<ii", 999, 0))


def _variable_records(v: SavVariable, widths: list[int], short_names: list[str]) -> bytes:
    """The records of one variable: per segment its record and continuations."""
    parts = []
    for k, (width, short) in enumerate(zip(widths, short_names, strict=True)):
        fmt = _format(f"A{width}" if width else v.format or "F8.2", width)
        label = v.label.encode("utf-8") if v.label and k == 0 else b""
        missing = _missing(v.missing, v.is_text) if k == 0 else []
        count = _missing_count(v.missing) if k == 0 else 0
        parts.append(struct.pack("<iiiiii", 2, width, int(bool(label)), count, fmt, fmt))
        parts.append(short.encode("ascii").ljust(8))
        if label:
            parts.append(struct.pack("<i", len(label)) + label.ljust(-(-len(label) // 4) * 4))
        parts += missing
        for _ in range(1, -(-width // 8)):
            parts.append(struct.pack("<iiiiii", 2, -1, 0, 0, 0, 0) + b" " * 8)
    return b"".join(parts)


def _format(text: str, width: int) -> int:
    """A display format as the file holds it: type << 16 | width << 8 | decimals."""
    letters = text.rstrip("0123456789.")
    numbers = text[len(letters):].split(".")
    if letters not in FORMAT_TYPES:
        raise ValueError(f"unknown display format {text!r}")
    size = int(numbers[0]) if numbers[0] else (width or 8)
    if letters == "A":
        size = min(width, 255)
    decimals = int(numbers[1]) if len(numbers) > 1 and numbers[1] else 0
    return FORMAT_TYPES[letters] << 16 | min(size, 255) << 8 | decimals


def _missing_count(missing: Sequence[Missing]) -> int:
    ranges = [m for m in missing if isinstance(m, tuple)]
    discrete = len(missing) - len(ranges)
    if len(ranges) > 1 or discrete > (1 if ranges else 3):
        raise ValueError("at most three missing values, or a range and one value")
    return (-2 - discrete) if ranges else discrete


def _missing(missing: Sequence[Missing], text: bool) -> list[bytes]:
    ranges = [m for m in missing if isinstance(m, tuple)]
    discrete = [m for m in missing if not isinstance(m, tuple)]
    if text:
        return [str(m).encode("utf-8")[:8].ljust(8) for m in discrete]
    values = [x for lo, hi in ranges for x in (lo, hi)] + [float(m) for m in discrete]
    return [struct.pack("<d", x) for x in values]


def _value_labels(variables: Sequence[SavVariable], layout: Layout) -> bytes:
    """Records 3 and 4: each distinct set of labels once, with the variables that use it."""
    sets: dict[tuple[tuple[float, str], ...], list[int]] = {}
    for v, slot in zip(variables, layout.slots, strict=True):
        if v.value_labels:
            key = tuple((float(k), t) for k, t in v.value_labels.items())
            sets.setdefault(key, []).append(slot.index + 1)
    parts = []
    for labels, indexes in sets.items():
        parts.append(struct.pack("<ii", 3, len(labels)))
        for value, text in labels:
            raw = _cut(text.encode("utf-8"), 255)
            parts.append(struct.pack("<dB", value, len(raw)) + raw.ljust(-(-(len(raw) + 1) // 8)
                                                                          * 8 - 1))
        parts.append(struct.pack(f"<ii{len(indexes)}i", 4, len(indexes), *indexes))
    return b"".join(parts)


def _display(variables: Sequence[SavVariable], layout: Layout) -> bytes:
    """Measure, display width and alignment of every segment."""
    values: list[int] = []
    for v, slot in zip(variables, layout.slots, strict=True):
        align = v.alignment or ("left" if v.is_text else "right")
        width = v.display_width if v.display_width is not None else 8
        for k in range(len(slot.widths)):
            values += [MEASURES[v.measure], width if k == 0 else 8, ALIGNMENTS[align]]
    return struct.pack(f"<{len(values)}i", *values)


def _extension(subtype: int, size: int, body: bytes) -> bytes:
    return struct.pack("<iiii", 7, subtype, size, len(body) // size) + body


def _cut(raw: bytes, limit: int) -> bytes:
    """At most ``limit`` bytes, never half a UTF-8 character."""
    return raw[:limit].decode("utf-8", "ignore").encode("utf-8") if len(raw) > limit else raw
