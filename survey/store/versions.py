"""Whole versions of interviews (metadata and all answers), compared when merging.

A version's fingerprint covers what the interviewer entered and the interview's state; it
leaves out ``updated_at`` and the last writing laptop, so the same content saved at another
moment counts as identical.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from survey.store.connection import Connection

#: Interview columns copied and compared by merge (``interviews`` table order).
COLUMNS = ("uuid", "form_id", "form_version", "interviewer", "device_id", "language", "status",
           "started_at", "completed_at", "updated_at", "tz_offset", "last_device_id")
_NOT_CONTENT = ("updated_at", "last_device_id")
SCHEMAS = ("main", "src")


@dataclass(frozen=True, slots=True)
class Version:
    """One interview as one database holds it."""

    interview: dict[str, Any]
    answers: dict[str, dict[str, Any]]
    fingerprint: str

    @property
    def updated_at(self) -> str:
        return str(self.interview["updated_at"])

    @property
    def last_device_id(self) -> str:
        return str(self.interview["last_device_id"])

    def as_json(self) -> str:
        return json.dumps({"interview": self.interview, "answers": self.answers},
                          ensure_ascii=False, sort_keys=True)


def load(conn: Connection, schema: str, table_of_uuids: str) -> dict[str, Version]:
    """Versions in database ``schema`` of the interviews listed in temp table ``table_of_uuids``."""
    if schema not in SCHEMAS:
        raise ValueError(schema)
    columns = ", ".join(f"i.{c}" for c in COLUMNS)
    rows = conn.query(f"SELECT {columns} FROM {schema}.interviews i "
                      f"WHERE i.uuid IN (SELECT uuid FROM temp.{table_of_uuids})")
    answers: dict[str, dict[str, dict[str, Any]]] = {row[0]: {} for row in rows}
    cursor = conn.execute(
        "SELECT uuid, question, value_type, value_text, value_num, updated_at "
        f"FROM {schema}.answers WHERE uuid IN (SELECT uuid FROM temp.{table_of_uuids})")
    for uuid, question, value_type, text, num, updated in cursor:
        answers[uuid][question] = {"type": value_type, "text": text, "num": num,
                                   "updated_at": updated}
    return {row[0]: _version(dict(zip(COLUMNS, row, strict=True)), answers[row[0]])
            for row in rows}


def fingerprint(interview: dict[str, Any], answers: dict[str, dict[str, Any]]) -> str:
    """The sha256 of what was entered and the interview's state (see the module notes)."""
    content = {
        "interview": {k: v for k, v in interview.items() if k not in _NOT_CONTENT},
        "answers": {q: [a["type"], a["text"]] for q, a in answers.items()},
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False)
                          .encode("utf-8")).hexdigest()


def _version(interview: dict[str, Any], answers: dict[str, dict[str, Any]]) -> Version:
    return Version(interview, answers, fingerprint(interview, answers))
