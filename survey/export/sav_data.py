"""The cases of an SPSS system file: where each variable lies in a case, and the rows written
in chunks (``survey.export.sav_writer`` writes the dictionary before them).

A case is a row of 8-byte units: a number takes one (float64, system-missing -DBL_MAX), a
text of width w takes ceil(w / 8), space-padded; a text wider than 255 bytes is cut into
segments of 255 bytes, each in a 256-byte slot. A chunk of rows is one byte matrix filled
column by column with numpy (texts scattered from their UTF-8 buffer, never cell by cell).
Bytecode compression (PSPP's "simple compression", bias 100) writes per block of 8 units
one command byte each, then the units that need their 8 bytes: a whole number -99..151 is its
command byte (value + 100), system-missing 255, eight spaces 254, anything else 253 + the unit.
Each row's last block is padded with no-op commands (0), so a chunk is compressed at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

SYSMIS = -float(np.finfo(np.float64).max)
#: Bytes of case data per chunk of rows (the compressed copy takes about as much again).
CHUNK_BYTES = 8 << 20
_SEGMENT = 252
_SPACES = np.frombuffer(b" " * 8, dtype="<u8")[0]
_RESERVED = frozenset({"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR",
                       "TO", "WITH"})


@dataclass(frozen=True)
class Slot:
    """Where one variable lies: its first dictionary index, byte offset in a case, the widths
    of its segments (``[0]`` for a number) and their 8-byte names."""

    index: int
    offset: int
    width: int
    widths: list[int]
    short_names: list[str]


@dataclass(frozen=True)
class Layout:
    slots: list[Slot]
    units: int

    @classmethod
    def of(cls, columns: Sequence[tuple[str, int]]) -> Layout:
        """The layout of ``(name, width)`` columns (width 0: a number)."""
        slots: list[Slot] = []
        units = 0
        used: set[str] = set()
        for name, width in columns:
            widths = _segments(width)
            shorts = [_short_name(name if k == 0 else "", used) for k in range(len(widths))]
            slots.append(Slot(units, units * 8, width, widths, shorts))
            units += sum(max(1, -(-w // 8)) for w in widths)
        return cls(slots, units)


def _segments(width: int) -> list[int]:
    if width <= 255:
        return [width]
    n = -(-width // _SEGMENT)
    return [255] * (n - 1) + [width - (n - 1) * _SEGMENT]


def _short_name(name: str, used: set[str]) -> str:
    """An unused 8-byte name: the name's letters when they make one, else V1, V2, …"""
    base = re.sub(r"[^A-Z0-9_]", "", name.upper())[:8]
    if base and base[0].isalpha() and base not in used and base not in _RESERVED:
        used.add(base)
        return base
    k = len(used) + 1
    while f"V{k}" in used:
        k += 1
    used.add(f"V{k}")
    return f"V{k}"


def texts_of(values: np.ndarray) -> pa.Array:
    """Texts (``str``; None or NaN: empty) as one UTF-8 buffer."""
    array = pa.array(values, type=pa.large_string(), from_pandas=True)
    return pc.fill_null(array, "") if array.null_count else array


def byte_lengths(texts: pa.Array) -> np.ndarray:
    return np.asarray(pc.binary_length(texts).to_numpy(zero_copy_only=False), dtype=np.int64)


def write_cases(out: BinaryIO, layout: Layout, columns: Sequence[object],
                compress: bool) -> None:
    """Write every row of ``columns`` (float arrays, or texts from :func:`texts_of`)."""
    rows = len(columns[0]) if columns else 0  # type: ignore[arg-type]
    width = layout.units * 8
    numeric = np.zeros(layout.units, dtype=bool)
    for slot in layout.slots:
        if not slot.width:
            numeric[slot.index] = True
    step = max(1, CHUNK_BYTES // max(width, 1))
    for start in range(0, rows, step):
        stop = min(start + step, rows)
        block = _chunk(layout, columns, start, stop)
        out.write((_compressed(block, numeric) if compress else block).data)


def _chunk(layout: Layout, columns: Sequence[object], start: int, stop: int) -> np.ndarray:
    """Rows ``start:stop`` as a byte matrix (row x case width)."""
    block = np.full((stop - start, layout.units * 8), 0x20, dtype=np.uint8)
    floats = block.view("<f8")
    for slot, column in zip(layout.slots, columns, strict=True):
        if isinstance(column, pa.Array):
            _scatter(block, slot.offset, column.slice(start, stop - start))
        else:
            values = np.asarray(column[start:stop], dtype=np.float64)  # type: ignore[index]
            floats[:, slot.index] = np.where(np.isnan(values), SYSMIS, values)
    return block


def _scatter(block: np.ndarray, offset: int, texts: pa.Array) -> None:
    """Each text's bytes into its row: byte j at ``offset + j // 255 * 256 + j % 255`` (the
    segments of a very long string; a shorter one is its first segment)."""
    buffers = texts.buffers()
    ends = np.frombuffer(buffers[1], dtype=np.int64)[texts.offset:texts.offset + len(texts) + 1]
    lengths = np.diff(ends)
    total = int(ends[-1] - ends[0])
    if not total:
        return
    data = np.frombuffer(buffers[2], dtype=np.uint8)[ends[0]:ends[-1]]
    bases = np.arange(len(texts), dtype=np.int64) * block.shape[1] + offset
    flat = np.arange(total, dtype=np.int64) + np.repeat(bases - (ends[:-1] - ends[0]), lengths)
    if lengths.max() > 255:  # a very long string: 255 bytes per 256-byte segment
        flat += (flat - np.repeat(bases, lengths)) // 255
    block.reshape(-1)[flat] = data


def _compressed(block: np.ndarray, numeric: np.ndarray) -> np.ndarray:
    """The rows of ``block`` bytecode-compressed, each row's last block padded with 0."""
    rows, units = block.shape[0], numeric.size
    words, floats = block.view("<u8"), block.view("<f8")
    codes = np.zeros((rows, -(-units // 8) * 8), dtype=np.uint8)
    numbers = floats[:, numeric]  # the numbers' codes from the numeric slots alone
    small = (numbers >= -99) & (numbers <= 151) & (numbers == np.floor(numbers))
    code = np.full(numbers.shape, 253, dtype=np.uint8)
    code[small] = numbers[small] + 100
    code[numbers == SYSMIS] = 255
    codes[:, :units][:, numeric] = code
    codes[:, :units][:, ~numeric] = np.where(words[:, ~numeric] == _SPACES, 254, 253)
    blocks = codes.shape[1] // 8
    slots = np.zeros((rows, blocks, 9), dtype="<u8")
    slots[:, :, 0] = codes.view("<u8")
    full = units // 8
    slots[:, :full, 1:] = words[:, :full * 8].reshape(rows, full, 8)
    if full < blocks:
        slots[:, full, 1:1 + units - full * 8] = words[:, full * 8:]
    keep = np.ones((rows, blocks, 9), dtype=bool)
    keep[:, :, 1:] = codes.reshape(rows, blocks, 8) == 253
    return slots[keep]
