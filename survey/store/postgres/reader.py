"""Reading a Kelisim server as the export and reports read a database file.

:class:`ServerReader` offers the reading half of the :class:`~survey.store.Store` API
(``forms``, ``load_form``, ``interviews``, ``count_interviews``, ``answer_rows``,
``answer_counts``, ``quotas``, ``is_demo``, ...), so :func:`survey.export.interview_table`
builds the same wide table from a server as from a file. Everything is read inside one
REPEATABLE READ, READ ONLY transaction: a report sees one moment of the server even while
laptops sync; :meth:`ServerReader.refresh` moves to the present. Nothing can be written
through it.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from survey.form.model import Form, Text
from survey.sealing.drafts import is_encrypted
from survey.store.answers import AnswerRow
from survey.store.forms import unknown_form
from survey.store.interviews import to_record, unknown_interview
from survey.store.media import MediaFile
from survey.store.meta import DEMO_DEVICE_PREFIX
from survey.store.postgres.connection import Address, errors_translated
from survey.store.postgres.remote import Server
from survey.store.records import AuditEntry, FormRecord, InterviewRecord
from survey.store.sealed import QUOTA_QUESTION
from survey.store.timestamps import from_text
from survey.store.values import MULTIPLE, TEXT, Answer, decode

_COLUMNS = ("uuid, form_id, form_version, interviewer, device_id, language, status, "
            "started_at, completed_at, updated_at, tz_offset")
_FORM_COLUMNS = "form_id, version, title, languages, default_language, sha256, registered_at"


@dataclass(frozen=True)
class Fieldwork:
    """Fieldwork of one form from the server: completed interviews per region (with
    targets), per interviewer (with drafts and the last arrival), per local day."""

    form_id: str
    regions: list[tuple[str, int, int]]  # region, completed, target
    interviewers: list[tuple[str, int, int, datetime | None]]  # name, complete, drafts, last
    days: list[tuple[date, int]]


class ServerReader:
    """A read-only view of a Kelisim server (see the module docstring)."""

    read_only = True
    device_id = ""

    def __init__(self, server: Server) -> None:
        self._server = server
        self.address = server.address
        self._conn = server.conn
        self._begin()

    @classmethod
    def open(cls, address: Address, password: str | None = None) -> ServerReader:
        server = Server.open(address, password)
        try:
            return cls(server)
        except BaseException:
            server.close()
            raise

    def _begin(self) -> None:
        with errors_translated(self.address):
            self._conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")

    def refresh(self) -> None:
        """Read the server as it is now (a new snapshot)."""
        with errors_translated(self.address):
            self._conn.execute("COMMIT")
        self._begin()

    @property
    def path(self) -> Path:
        """The server's ``login@host:port/database``, where messages name a database."""
        return Path(self.address.display)

    def close(self) -> None:
        self._server.close()

    def __enter__(self) -> ServerReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def _query(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[Any]:
        with errors_translated(self.address):
            return self._conn.execute(sql.encode(), params).fetchall()

    # -- the Store's reading API ------------------------------------------------------------

    def forms(self) -> list[FormRecord]:
        return [FormRecord(form_id=f, version=v, title=Text.of(json.loads(t)),
                           languages=tuple(json.loads(langs)), default_language=d,
                           sha256=sha, registered_at=from_text(at))
                for f, v, t, langs, d, sha, at in self._query(
                    f"SELECT {_FORM_COLUMNS} FROM kelisim.forms ORDER BY form_id, version")]

    def xlsform_bytes(self, form_id: str, version: str) -> bytes:
        rows = self._query("SELECT xlsform FROM kelisim.forms WHERE form_id = %s AND "
                           "version = %s", (form_id, version))
        if not rows:
            raise unknown_form(form_id, version)
        return bytes(rows[0][0])

    def load_form(self, form_id: str, version: str, *, repeats: bool = False) -> Form:
        from survey.form.xlsform import load_form

        return load_form(self.xlsform_bytes(form_id, version), filename=f"{form_id}.xlsx",
                         files=self._server.form_files(form_id, version), repeats=repeats)

    def media_files(self, form_id: str | None = None, status: str | None = None,
                    ) -> Iterator[tuple[str, str, MediaFile]]:
        """Every attached file as (uuid, question, file), as ``Store.media_files``."""
        where, params = _filters(status, form_id)
        rows = self._query(f"SELECT m.uuid, m.question, m.name, m.original_name, m.sha256, "
                           f"m.size, m.data FROM kelisim.media m JOIN kelisim.interviews i "
                           f"ON i.uuid = m.uuid {where} ORDER BY m.uuid, m.question", params)
        for row in rows:
            if is_encrypted(row[2]):  # a draft's file only its laptop can read
                continue
            yield row[0], row[1], MediaFile(row[2], row[3], row[4], int(row[5]), bytes(row[6]))

    def interview(self, uuid: str) -> InterviewRecord:
        rows = self._query(f"SELECT {_COLUMNS} FROM kelisim.interviews WHERE uuid = %s",
                           (uuid,))
        if not rows:
            raise unknown_interview(uuid)
        return to_record(rows[0])

    def interviews(self, status: str | None = None, form_id: str | None = None,
                   limit: int | None = None, offset: int = 0) -> list[InterviewRecord]:
        where, params = _filters(status, form_id)
        rows = self._query(f"SELECT {_COLUMNS} FROM kelisim.interviews{where} "
                           "ORDER BY updated_at DESC, uuid LIMIT %s OFFSET %s",
                           [*params, limit, offset])
        return [to_record(row) for row in rows]

    def count_interviews(self, status: str | None = None, form_id: str | None = None) -> int:
        where, params = _filters(status, form_id)
        return int(self._query(f"SELECT count(*) FROM kelisim.interviews{where}", params)[0][0])

    def is_demo(self) -> bool:
        """Whether the server holds interviews of the demo-data generator (a laptop's demo
        database synced to it): the server keeps no mark of its own, their device ids tell."""
        return bool(self._query("SELECT EXISTS (SELECT 1 FROM kelisim.interviews WHERE "
                                "device_id LIKE %s)", (DEMO_DEVICE_PREFIX + "%",))[0][0])

    def answers(self, uuid: str) -> dict[str, Answer]:
        rows = self._query("SELECT answers::text FROM kelisim.interviews WHERE uuid = %s",
                           (uuid,))
        if not rows:
            raise unknown_interview(uuid)
        return {q: decode(t, text, None) for q, (t, text, _at) in
                sorted(json.loads(rows[0][0]).items()) if not is_encrypted(text)}

    def answer_rows(self, form_id: str | None = None, status: str | None = None,
                    uuids: Collection[str] | None = None) -> Iterator[AnswerRow]:
        """Every answer (of the interviews ``uuids`` when given) as (uuid, question, value),
        by interview then question, streamed (a server-side cursor inside the reader's
        snapshot)."""
        where, params = _filters(status, form_id)
        if uuids is not None:
            where += " AND uuid = ANY(%s)"
            params = [*params, sorted(uuids)]
        with errors_translated(self.address), self._conn.cursor(name="kelisim_answers") as cur:
            cur.itersize = 2000
            cur.execute(f"SELECT uuid, answers::text FROM kelisim.interviews{where} "
                        "ORDER BY uuid", params)
            for uuid, text in cur:
                for question, (value_type, value, _at) in sorted(json.loads(text).items()):
                    if is_encrypted(value):  # a draft's answer only its laptop can read
                        continue
                    yield uuid, question, value if value_type == TEXT else decode(
                        value_type, value, None)

    def sealed_uuids(self) -> set[str]:
        """Interviews the server holds only as envelopes (unsealed in a SQLite master)."""
        return {row[0] for row in self._query("SELECT uuid FROM kelisim.sealed")}

    def count_sealed(self, form_id: str | None = None) -> int:
        sql = ("SELECT count(*) FROM kelisim.sealed s JOIN kelisim.interviews i "
               "ON i.uuid = s.uuid")
        rows = (self._query(sql) if form_id is None
                else self._query(sql + " WHERE i.form_id = %s", (form_id,)))
        return int(rows[0][0])

    def is_sealed(self, uuid: str) -> bool:
        return bool(self._query("SELECT 1 FROM kelisim.sealed WHERE uuid = %s", (uuid,)))

    def answer_counts(self, form_id: str, question: str,
                      status: str | None = "complete") -> dict[str, int]:
        where, params = _filters(status, form_id)
        rows = self._query(
            f"SELECT answers -> %s ->> 0, answers -> %s ->> 1, count(*) FROM kelisim.interviews"
            f"{where} AND answers ? %s GROUP BY 1, 2", [question, question, *params, question])
        counts: dict[str, int] = {}
        for value_type, text, number in rows:
            if is_encrypted(text):
                continue
            for key in (text.split() if value_type == MULTIPLE else [text]):
                counts[key] = counts.get(key, 0) + int(number)
        if question == QUOTA_QUESTION and status in (None, "complete"):
            for region, number in self._sealed_regions(form_id).items():
                counts[region] = counts.get(region, 0) + number
        return counts

    def _sealed_regions(self, form_id: str) -> dict[str, int]:
        """Sealed interviews by their readable quota region (as ``Store.answer_counts``)."""
        return {str(r): int(n) for r, n in self._query(
            "SELECT s.region, count(*) FROM kelisim.sealed s JOIN kelisim.interviews i "
            "ON i.uuid = s.uuid WHERE i.form_id = %s AND s.region IS NOT NULL GROUP BY 1",
            (form_id,))}

    def quotas(self, form_id: str) -> dict[str, int]:
        return {r: int(t) for r, t in self._query(
            "SELECT region, target FROM kelisim.quotas WHERE form_id = %s ORDER BY region",
            (form_id,))}

    def audit_log(self, uuid: str) -> list[AuditEntry]:
        return [AuditEntry(uuid=r[0], at=from_text(r[1]), who=r[2], action=r[3], question=r[4],
                           old_value=r[5], new_value=r[6], reason=r[7]) for r in self._query(
            "SELECT uuid, at, who, action, question, old_value, new_value, reason "
            "FROM kelisim.audit_log WHERE uuid = %s ORDER BY at, id", (uuid,))]

    def events(self, uuid: str) -> list[tuple[str, str, str]]:
        rows = self._query("SELECT events FROM kelisim.paradata WHERE uuid = %s", (uuid,))
        found = []
        for text in rows[0][0] if rows else []:
            at, question, event = text.split("\t")
            found.append((question, event, at))
        return found

    def snapshot_key(self) -> tuple[object, ...]:
        """Changes whenever what this snapshot shows changes: interviews (every write takes a
        new, higher change number), their number, and the forms."""
        row = self._query("SELECT count(*), coalesce(sum(seq), 0), (SELECT count(*) FROM "
                          "kelisim.forms) FROM kelisim.interviews")[0]
        return ("server", self.address.display, *(int(v) for v in row))

    # -- monitoring --------------------------------------------------------------------------

    def fieldwork(self, form_id: str, region_question: str = "region") -> Fieldwork:
        done = dict(self._query(
            "SELECT answers #>> ARRAY[%s, '1'], count(*) FROM kelisim.interviews "
            "WHERE status = 'complete' AND form_id = %s GROUP BY 1",
            (region_question, form_id)))
        if region_question == QUOTA_QUESTION:
            for region, number in self._sealed_regions(form_id).items():
                done[region] = int(done.get(region, 0)) + number
        targets = self.quotas(form_id)
        regions = [(r, int(done.get(r, 0)), targets.get(r, 0))
                   for r in sorted(set(targets) | {r for r in done if r is not None})]
        people = [(n, int(c), int(d), last) for n, c, d, last in self._query(
            "SELECT interviewer, count(*) FILTER (WHERE status = 'complete'), "
            "count(*) FILTER (WHERE status = 'draft'), max(received_at) "
            "FROM kelisim.interviews WHERE form_id = %s GROUP BY 1 ORDER BY 1", (form_id,))]
        days = [(d, int(c)) for d, c in self._query(
            "SELECT ((completed_at::timestamptz AT TIME ZONE 'UTC') + tz_offset::interval)::date, "
            "count(*) FROM kelisim.interviews WHERE status = 'complete' AND form_id = %s "
            "GROUP BY 1 ORDER BY 1", (form_id,))]
        return Fieldwork(form_id, regions, people, days)


def _filters(status: str | None, form_id: str | None) -> tuple[str, list[Any]]:
    clauses, params = ["true"], []
    if status is not None:
        clauses.append("status = %s")
        params.append(status)
    if form_id is not None:
        clauses.append("form_id = %s")
        params.append(form_id)
    return " WHERE " + " AND ".join(clauses), params
