"""Registered questionnaires: the ``forms`` table.

The stored ``sha256`` is never trusted on its own: whenever a questionnaire's bytes are used
(loading it, registering it again, merging it into another store) the checksum is recomputed
from the bytes, and a file whose bytes do not match is refused (``store.form_tampered``).
Versions of one questionnaire are ordered by their version text (numbers in it compared as
numbers: ``2`` < ``10``, ``2024051501`` < ``2024060101``), never by when they arrived.
"""

from __future__ import annotations

import hashlib
import json

from survey.form.model import Form, Text
from survey.store.codes import StoreCode, store_error
from survey.store.connection import Connection
from survey.store.records import FormRecord
from survey.store.timestamps import from_text

_COLUMNS = "form_id, version, title, languages, default_language, sha256, registered_at"


def register(conn: Connection, form: Form, xlsform: bytes, now_text: str) -> bool:
    """Store ``form`` with its XLSForm bytes; False when already there with the same bytes."""
    digest = hashlib.sha256(xlsform).hexdigest()
    if exists(conn, form.form_id, form.version):
        stored = xlsform_bytes(conn, form.form_id, form.version)
        if hashlib.sha256(stored).hexdigest() == digest:
            return False
        raise different_content(form.form_id, form.version)
    conn.execute(
        "INSERT INTO forms (form_id, version, title, languages, default_language, xlsform, "
        "sha256, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (form.form_id, form.version, json.dumps(dict(form.settings.title.values),
                                                ensure_ascii=False),
         json.dumps(list(form.languages)), form.settings.default_language, xlsform, digest,
         now_text),
    )
    conn.executemany(
        "INSERT INTO form_files (form_id, version, name, sha256, data) VALUES (?, ?, ?, ?, ?)",
        [(form.form_id, form.version, f.name, f.sha256, f.data) for f in form.files])
    return True


def different_content(form_id: str, version: str) -> Exception:
    """``store.form_conflict``: another file is stored under the same form id and version."""
    return store_error(StoreCode.FORM_CONFLICT, form=form_id, version=version)


def files(conn: Connection, form_id: str, version: str) -> dict[str, bytes]:
    """The files that came with a registered form, by name."""
    return {str(name): bytes(data) for name, data in conn.query(
        "SELECT name, data FROM form_files WHERE form_id = ? AND version = ? ORDER BY name",
        (form_id, version))}


def records(conn: Connection) -> list[FormRecord]:
    """Every registered version, by form id, then oldest version first."""
    rows = conn.query(f"SELECT {_COLUMNS} FROM forms")
    return sorted((_record(row) for row in rows),
                  key=lambda r: (r.form_id, r.version_order))


def xlsform_bytes(conn: Connection, form_id: str, version: str) -> bytes:
    """The stored XLSForm file; ``store.form_tampered`` when it does not have its checksum."""
    row = conn.execute("SELECT xlsform, sha256 FROM forms WHERE form_id = ? AND version = ?",
                       (form_id, version)).fetchone()
    if row is None:
        raise unknown_form(form_id, version)
    data, digest = row
    if not isinstance(data, bytes) or hashlib.sha256(data).hexdigest() != digest:
        raise store_error(StoreCode.FORM_TAMPERED, conn.path, form=form_id, version=version)
    return data


def verify_all(conn: Connection) -> None:
    """Recompute the checksum of every questionnaire file; ``store.form_tampered`` at the first
    that does not match its stored checksum, ``store.corrupt`` at a row whose title, languages
    or time cannot be read (so nothing that lists the questionnaires can fail on it later)."""
    cursor = conn.execute(f"SELECT {_COLUMNS}, xlsform FROM forms")
    for *row, data in cursor:
        form_id, version, digest = str(row[0]), str(row[1]), row[5]
        if not isinstance(data, bytes) or hashlib.sha256(data).hexdigest() != digest:
            raise store_error(StoreCode.FORM_TAMPERED, conn.path, form=form_id, version=version)
        if not _readable(row):
            raise store_error(StoreCode.CORRUPT, conn.path, detail=StoreCode.BAD_FORM_ROW.message(
                form=form_id, version=version))


def _readable(row: list[object]) -> bool:
    """Whether a ``forms`` row is as :func:`register` writes it."""
    form_id, version, title, languages, default_language, _, registered_at = row
    try:
        titles, codes = json.loads(str(title)), json.loads(str(languages))
        from_text(str(registered_at))
    except ValueError:
        return False
    if not (isinstance(titles, dict) and isinstance(codes, list)):
        return False
    texts = [form_id, version, *titles, *titles.values(), *codes]
    return all(isinstance(text, str) for text in texts) and \
        (default_language is None or isinstance(default_language, str))


def exists(conn: Connection, form_id: str, version: str) -> bool:
    return conn.scalar("SELECT 1 FROM forms WHERE form_id = ? AND version = ?",
                       (form_id, version)) is not None


def unknown_form(form_id: str, version: str) -> Exception:
    return store_error(StoreCode.UNKNOWN_FORM, form=form_id, version=version)


def _record(row: tuple[object, ...]) -> FormRecord:
    form_id, version, title, languages, default_language, sha256, registered_at = row
    return FormRecord(
        form_id=str(form_id), version=str(version),
        title=Text.of(json.loads(str(title))),
        languages=tuple(json.loads(str(languages))),
        default_language=None if default_language is None else str(default_language),
        sha256=str(sha256), registered_at=from_text(str(registered_at)),
    )
