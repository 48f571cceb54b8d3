"""Registered questionnaires: the ``forms`` table."""

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
    existing = conn.scalar("SELECT sha256 FROM forms WHERE form_id = ? AND version = ?",
                           (form.form_id, form.version))
    if existing == digest:
        return False
    if existing is not None:
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
    rows = conn.query(f"SELECT {_COLUMNS} FROM forms ORDER BY form_id, version")
    return [_record(row) for row in rows]


def xlsform_bytes(conn: Connection, form_id: str, version: str) -> bytes:
    data = conn.scalar("SELECT xlsform FROM forms WHERE form_id = ? AND version = ?",
                       (form_id, version))
    if data is None:
        raise unknown_form(form_id, version)
    return bytes(data)


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
