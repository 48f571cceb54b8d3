"""Files attached to answers of media questions: the ``media`` table.

The answer of an image/audio/video/file question is the name of its file; the bytes, their
SHA-256, size and the name the interviewer's file had are kept here, one row per interview and
question. The stored name carries the first hex digits of the digest (``photo-3f2a9c1b.jpg``):
two laptops attaching different photos called ``photo.jpg`` give two different answers, so
merging never takes one file for the other. Clearing or changing the answer removes the row
(``survey.store.answers.save``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from survey.store.connection import Connection

#: The columns of a ``media`` row, in table order.
COLUMNS = "uuid, question, name, original_name, sha256, size, data"
_UNSAFE = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True, slots=True)
class MediaFile:
    """One attached file."""

    name: str
    original_name: str
    sha256: str
    size: int
    data: bytes


def stored_name(original: str, digest: str) -> str:
    """``Фото 1.JPG`` with digest ``3f2a...`` -> ``Фото_1-3f2a9c1b.jpg``."""
    path = PurePath(original.replace("\\", "/")).name
    stem, dot, suffix = path.rpartition(".")
    if not dot:
        stem, suffix = path, ""
    stem = _UNSAFE.sub("_", stem).strip("._")[:80] or "file"
    suffix = _UNSAFE.sub("", suffix).lower()[:10]
    return f"{stem}-{digest[:8]}" + (f".{suffix}" if suffix else "")


def describe(original: str, data: bytes) -> MediaFile:
    digest = hashlib.sha256(data).hexdigest()
    return MediaFile(stored_name(original, digest), PurePath(original).name, digest, len(data),
                     data)


def put(conn: Connection, uuid: str, question: str, file: MediaFile) -> None:
    conn.execute(
        "INSERT INTO media (uuid, question, name, original_name, sha256, size, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid, question) DO UPDATE SET "
        "name = excluded.name, original_name = excluded.original_name, "
        "sha256 = excluded.sha256, size = excluded.size, data = excluded.data",
        (uuid, question, file.name, file.original_name, file.sha256, file.size, file.data))


def drop_stale(conn: Connection, uuid: str, question: str, answer_text: str | None) -> None:
    """Remove the file of ``question`` unless the answer still names it."""
    conn.execute("DELETE FROM media WHERE uuid = ? AND question = ? AND name IS NOT ?",
                 (uuid, question, answer_text))


def get(conn: Connection, uuid: str, question: str) -> MediaFile | None:
    row = conn.execute("SELECT name, original_name, sha256, size, data FROM media "
                       "WHERE uuid = ? AND question = ?", (uuid, question)).fetchone()
    return None if row is None else MediaFile(row[0], row[1], row[2], row[3], bytes(row[4]))


def rows(conn: Connection, form_id: str | None,
         status: str | None) -> Iterator[tuple[str, str, MediaFile]]:
    """Every attached file as (uuid, question, file), interview by interview."""
    sql = ("SELECT m.uuid, m.question, m.name, m.original_name, m.sha256, m.size, m.data "
           "FROM media m JOIN interviews i ON i.uuid = m.uuid WHERE "
           # files of drafts encrypted with the device key (survey.store.drafts) are left out
           "substr(m.name, 1, 1) != char(27)")
    params: list[str] = []
    if form_id is not None:
        sql += " AND i.form_id = ?"
        params.append(form_id)
    if status is not None:
        sql += " AND i.status = ?"
        params.append(status)
    for row in conn.execute(sql + " ORDER BY m.uuid, m.question", params):
        yield row[0], row[1], MediaFile(row[2], row[3], row[4], row[5], bytes(row[6]))
