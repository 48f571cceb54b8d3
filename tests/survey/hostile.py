"""Hostile and unlucky database files, made by code (the suite never commits them as binaries).

The laptops here are real stores written through Kelisim with a real XLSForm; everything
hostile is then done to them with plain ``sqlite3``, never through Kelisim: SQL planted in the
schema, a questionnaire changed under its genuine checksum, values no reader expects, a file
at an older schema version.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from survey.form.xlsform import load_form
from survey.store import Store
from survey.store.schema import APPLICATION_ID
from survey.store.schema_check import run_migrations
from tests.formbuilder import write_xlsform

DAY1 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]

FIELD_SURVEY = [
    {"type": "integer", "name": "age", "label": "Age"},
    {"type": "decimal", "name": "income", "label": "Income"},
    {"type": "date", "name": "visit", "label": "Visit"},
    {"type": "select_multiple media", "name": "media", "label": "Media"},
    {"type": "text", "name": "comment", "label": "Comment"},
    {"type": "text", "name": "respondent_phone", "label": "Phone", "kelisim::pii": "yes"},
]
FIELD_CHOICES = [
    {"list_name": "media", "name": "tv", "label": "TV"},
    {"list_name": "media", "name": "radio", "label": "Radio"},
    {"list_name": "media", "name": "web", "label": "Web"},
    {"list_name": "yn", "name": "yes", "label": "Yes"},
    {"list_name": "yn", "name": "no", "label": "No"},
]
#: A question the second version of the field form adds.
HEARD = {"type": "select_one yn", "name": "heard", "label": "Heard of mediation?"}


class Clock:
    """A settable clock: each reading advances one second."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        self.moment += timedelta(seconds=1)
        return self.moment


def field_form(path: Path, version: str = "1", *, pii: bool = True,
               extra: tuple[dict[str, str], ...] = ()) -> bytes:
    """A real XLSForm of the field questionnaire (``respondent_phone`` marked as personal
    data unless ``pii`` is False); returns its bytes."""
    rows = [dict(row) for row in FIELD_SURVEY] + [dict(row) for row in extra]
    if not pii:
        for row in rows:
            row.pop("kelisim::pii", None)
    write_xlsform(path, rows, FIELD_CHOICES, {"form_id": "field", "form_title": "Field",
                                              "version": version})
    return path.read_bytes()


def answers(number: int) -> dict[str, object]:
    """The answers of the ``number``-th field interview."""
    return {"age": 20 + number, "income": 1.5 + number, "visit": date(2026, 3, 1),
            "media": ("tv", "radio"), "comment": f"text {number}",
            "respondent_phone": f"+7 700 000 00 {number:02d}"}


def laptop(path: Path, form_bytes: bytes, count: int, *, start: datetime = DAY1,
           interviewer: str = "Dana", extra: Callable[[int], dict[str, object]] | None = None
           ) -> list[str]:
    """A laptop store with ``count`` complete interviews of the form in ``form_bytes``."""
    form = load_form(form_bytes, filename="field.xlsx")
    uuids = []
    with Store.open(path, clock=Clock(start)) as store:
        store.register_form(form, form_bytes)
        for number in range(count):
            uuid = store.start_interview("field", form.version, interviewer=interviewer)
            values = {**answers(number), **(extra(number) if extra else {})}
            for name, value in values.items():
                store.save_answer(uuid, name, value)
            store.record_event(uuid, "age", "shown")
            store.complete(uuid)
            uuids.append(uuid)
    return uuids


def run_sql(path: Path, *statements: str, params: tuple[object, ...] = ()) -> None:
    """Run statements on ``path`` with plain sqlite3, as an attacker's tool would."""
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement, params if statement.count("?") else ())
        conn.commit()
    finally:
        conn.close()


def count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def store_at_version(path: Path, version: int) -> None:
    """An empty Kelisim store as migrations 1..``version`` leave it (an older Kelisim)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        run_migrations(conn, version)
        conn.execute(f"PRAGMA user_version = {version}")
    finally:
        conn.close()


def kill_after(script: str, args: list[str], delay: float) -> None:
    """Run ``script`` (Python source, ``args`` as ``sys.argv[1:]``) in another process; once it
    prints its first line, wait ``delay`` seconds and kill it (SIGKILL, as a power cut or the
    task manager would)."""
    process = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                               text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert process.stdout is not None
        assert process.stdout.readline(), "the process ended before it started its work"
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=30)


def kill_after_lines(script: str, args: list[str], lines: int) -> tuple[str, list[str]]:
    """Run ``script`` as ``kill_after`` does; once it has printed ``lines`` lines after its
    first, kill it (SIGKILL). Returns the first line and the lines it confirmed."""
    process = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                               text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    confirmed: list[str] = []
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        while len(confirmed) < lines:
            line = process.stdout.readline()
            assert line, "the process stopped before confirming enough"
            confirmed.append(line)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return first, confirmed


def undo_lean_rows(conn: sqlite3.Connection) -> None:
    """Turn a store written by this Kelisim back into the answers and paradata tables of
    versions before the lean one (schema_lean), rows included, on a plain connection."""
    from survey.store.connection import statements
    from survey.store.schema import MIGRATIONS

    answers = conn.execute("SELECT uuid, question, value_type, value_text, value_num, "
                           "updated_at FROM answers").fetchall()
    events = conn.execute("SELECT uuid, question, event, at FROM paradata "
                          "ORDER BY at_code, question_key, event_code").fetchall()
    for kind, name in (("VIEW", "answers"), ("VIEW", "paradata"),
                       ("TRIGGER", "interviews_updated")):
        conn.execute(f"DROP {kind} {name}")
    for table in ("answer_rows", "paradata_rows", "interview_keys", "question_names",
                  "interview_edits"):
        conn.execute(f"DROP TABLE {table}")
    created = {text.split()[2]: text for text in statements(str(MIGRATIONS[0]))
               if text.startswith("CREATE TABLE")}
    conn.execute(created["answers"])
    conn.execute(created["paradata"])
    conn.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)", answers)
    conn.executemany("INSERT INTO paradata (uuid, question, event, at) VALUES (?, ?, ?, ?)",
                     events)
