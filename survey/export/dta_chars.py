"""Characteristics (``char``, and the ``notes`` stored in them) added to a Stata 117-119 file.

ReadStat writes an empty ``<characteristics>`` section. Each characteristic is an element
``<ch>``, a 4-byte length, the variable name (``_dta`` for the dataset) and the
characteristic's name, each NUL-padded to 129 bytes (33 in format 117), the text ending with
NUL, and ``</ch>``. The file's ``<map>`` holds the offsets of the sections; those after the
characteristics move by the bytes added. Stata's ``notes`` are the characteristics
``note0`` (how many) and ``note1``, ``note2`` … (the texts).
"""

from __future__ import annotations

import os
import shutil
import struct
from pathlib import Path

from survey.private import create_private_file

_OPEN, _CLOSE = b"<characteristics>", b"</characteristics>"
#: Map entries (0-based) that come after the characteristics: data, strls, value labels,
#: end of the dataset, end of the file.
_SHIFTED = range(9, 14)


def add_characteristics(path: Path, chars: list[tuple[str, str, str]]) -> None:
    """Add ``(variable, name, text)`` characteristics to the .dta file at ``path``."""
    if not chars:
        return
    with path.open("rb") as handle:
        head = handle.read(4096)
        release = int(head[head.index(b"<release>") + 9: head.index(b"</release>")])
        order = "<" if b"<byteorder>LSF" in head else ">"
        name_size = 33 if release == 117 else 129
        map_at = head.index(b"<map>") + 5
        offsets = list(struct.unpack(f"{order}14Q", head[map_at: map_at + 14 * 8]))
        handle.seek(0)
        head = handle.read(offsets[9])  # everything before the data
    end = head.index(_CLOSE, offsets[8])
    added = b"".join(_element(var, name, text, name_size, order) for var, name, text in chars)
    for i in _SHIFTED:
        offsets[i] += len(added)
    new_head = bytearray(head[:end])
    new_head[map_at: map_at + 14 * 8] = struct.pack(f"{order}14Q", *offsets)
    rewritten = path.with_name(path.name + ".chars")
    create_private_file(rewritten)
    try:
        with path.open("rb") as source, rewritten.open("r+b") as target:
            target.write(bytes(new_head) + added)
            source.seek(end)
            shutil.copyfileobj(source, target, 1 << 20)
        os.replace(rewritten, path)
    finally:
        rewritten.unlink(missing_ok=True)


def _element(variable: str, name: str, text: str, name_size: int, order: str) -> bytes:
    body = (_padded(variable, name_size) + _padded(name, name_size)
            + text.encode("utf-8") + b"\x00")
    return b"<ch>" + struct.pack(f"{order}I", len(body)) + body + b"</ch>"


def _padded(text: str, size: int) -> bytes:
    raw = text.encode("utf-8")[: size - 1]
    return raw + b"\x00" * (size - len(raw))


def read_characteristics(path: Path) -> list[tuple[str, str, str]]:
    """The characteristics of a .dta file as ``(variable, name, text)`` (for tests and checks)."""
    data = path.read_bytes()
    release = int(data[data.index(b"<release>") + 9: data.index(b"</release>")])
    order = "<" if b"<byteorder>LSF" in data[:200] else ">"
    name_size = 33 if release == 117 else 129
    start = data.index(_OPEN) + len(_OPEN)
    end = data.index(_CLOSE, start)
    out, at = [], start
    while at < end:
        assert data[at: at + 4] == b"<ch>"
        (length,) = struct.unpack(f"{order}I", data[at + 4: at + 8])
        body = data[at + 8: at + 8 + length]
        fields = [body[: name_size], body[name_size: 2 * name_size], body[2 * name_size:]]
        var, name, text = (f.split(b"\x00", 1)[0].decode("utf-8") for f in fields)
        out.append((var, name, text))
        at += 8 + length + len(b"</ch>")
    return out
