"""Message codes of the store: its errors and the summary of a merge.

A store error names its database file as the message's ``Location.file`` (when known) and puts
what SQLite or the operating system said into a ``detail`` field, so nothing English is appended
to the sentence; the sentence itself lives in ``messages/store.po``::

    raise StoreError(StoreCode.NOT_KELISIM, Location(file=str(path)))
"""

from __future__ import annotations

from pathlib import Path

from survey.errors import StoreError
from survey.messages import Field, Location, MessageCode


class StoreCode(MessageCode):
    """What can go wrong in the store, and what a merge reports."""

    CORRUPT = ("store.corrupt", ("detail",))
    NOT_KELISIM = ("store.not_kelisim", ())
    NEWER_SCHEMA = ("store.newer_schema", ("version", "known"))
    NOT_FOUND = ("store.not_found", ())
    SAME_FILE = ("store.same_file", ())
    READ_ONLY = ("store.read_only", ("uuid",))
    FORM_CONFLICT = ("store.form_conflict", ("form", "version"))
    UNKNOWN_FORM = ("store.unknown_form", ("form", "version"))
    UNKNOWN_INTERVIEW = ("store.unknown_interview", ("uuid",))
    #: The question is the message's ``Location.question``; the value itself is never shown.
    BAD_VALUE = ("store.bad_value", ("type",))
    #: An answer longer than the limit of its kind (``kind`` is one of the ``VALUE_*`` below).
    TOO_LONG = ("store.too_long", ("kind", "limit"))
    REASON_REQUIRED = ("store.reason_required", ())
    WHO_REQUIRED = ("store.who_required", ())
    NOT_COMPLETE = ("store.not_complete", ("uuid",))
    BAD_EVENT = ("store.bad_event", ("event",))
    BAD_QUOTA = ("store.bad_quota", ("region", "target"))
    BAD_RECORD = ("store.bad_record", ("fields", "known"))
    LOCKED = ("store.locked", ("detail",))
    INTEGRITY = ("store.integrity", ("detail",))
    #: ``reason`` is one of the ``OPEN_*`` messages below.
    CANNOT_OPEN = ("store.cannot_open", ("reason",))
    CANNOT_WRITE = ("store.cannot_write", ("detail",))
    SQLITE = ("store.sqlite", ("detail",))
    NESTED_TRANSACTION = ("store.nested_transaction", ())
    #: ``objects``: SCHEMA_* messages naming what is not exactly ours.
    FOREIGN_SCHEMA = ("store.foreign_schema", ("objects",))
    #: ``log``: the name of the ``-wal`` file beside the database.
    FOREIGN_LOG = ("store.foreign_log", ("log",))
    #: The stored questionnaire file does not have the checksum stored with it.
    FORM_TAMPERED = ("store.form_tampered", ("form", "version"))
    #: A packed file whose bytes do not match the checksum in its name.
    PACK_DAMAGED = ("store.pack_damaged", ("expected", "found"))

    # -- details of store.corrupt and reasons of store.cannot_open ---------------------------
    NOT_SQLITE = ("store.detail.not_sqlite", ())
    MISSING_TABLES = ("store.detail.missing_tables", ("tables",))
    FAILED_CHECK = ("store.detail.failed_check", ("result",))
    UNKNOWN_VALUE_TYPE = ("store.detail.unknown_value_type", ("value_type",))
    BAD_FORM_ROW = ("store.detail.bad_form_row", ("form", "version"))
    OPEN_FAILED = ("store.open.failed", ("detail",))
    OPEN_FOLDER = ("store.open.folder", ())
    OPEN_NO_WAL = ("store.open.no_wal", ("mode",))

    # -- objects of store.foreign_schema -----------------------------------------------------
    SCHEMA_UNEXPECTED = ("store.schema.unexpected", ("kind", "name"))
    SCHEMA_MISSING = ("store.schema.missing", ("kind", "name"))
    SCHEMA_CHANGED = ("store.schema.changed", ("kind", "name"))
    KIND_TABLE = ("store.kind.table", ())
    KIND_INDEX = ("store.kind.index", ())
    KIND_TRIGGER = ("store.kind.trigger", ())
    KIND_VIEW = ("store.kind.view", ())

    # -- kinds of value (limits of store.too_long) -------------------------------------------
    VALUE_TEXT = ("store.value.text", ())
    VALUE_CHOICES = ("store.value.choices", ())
    VALUE_INTEGER = ("store.value.integer", ())
    VALUE_DECIMAL = ("store.value.decimal", ())

    # -- why merge set a stored value aside (quarantine reasons) -------------------------------
    NOT_TEXT = ("store.quarantine.not_text", ())
    BAD_UTF8 = ("store.quarantine.bad_utf8", ())
    NUL = ("store.quarantine.nul", ())
    LONG = ("store.quarantine.too_long", ("limit",))
    NOT_INTEGER = ("store.quarantine.not_integer", ())
    NOT_DECIMAL = ("store.quarantine.not_decimal", ())
    NOT_DATE = ("store.quarantine.not_date", ())
    NOT_CHOICES = ("store.quarantine.not_choices", ())
    WRONG_TYPE = ("store.quarantine.wrong_type", ("expected",))
    BAD_TIME = ("store.quarantine.bad_time", ())
    BAD_OFFSET = ("store.quarantine.bad_offset", ())
    BAD_STATUS = ("store.quarantine.bad_status", ())
    BAD_KEY = ("store.quarantine.bad_key", ())
    #: Where a set-aside value was: answers to a question, a column of the interview, ...
    PART_ANSWER = ("store.part.answer", ("question",))
    PART_INTERVIEW = ("store.part.interview", ("column",))
    PART_PARADATA = ("store.part.paradata", ())
    PART_AUDIT = ("store.part.audit", ())

    # -- merge summaries ---------------------------------------------------------------------
    #: ``outdated`` and ``forms`` are the optional MERGE_OUTDATED / MERGE_FORMS parts (or None).
    MERGED = ("store.merge.merged", ("file", "added", "identical", "updated", "conflicts",
                                     "outdated", "forms"))
    MERGE_OUTDATED = ("store.merge.outdated", ("count",))
    MERGE_FORMS = ("store.merge.forms", ("count",))
    MERGE_FAILED = ("store.merge.failed", ("file", "error"))
    #: Notes under a merged file's line: its log was not read, values were set aside.
    MERGE_LOG_FOREIGN = ("store.merge.log_foreign", ("log",))
    MERGE_LOG_UNKNOWN = ("store.merge.log_unknown", ("log",))
    MERGE_SET_ASIDE = ("store.merge.set_aside", ("count", "part", "reason"))
    #: ``kelisim merge``: the master itself cannot be used; some inputs were not merged.
    MERGE_MASTER = ("store.merge.master", ("error",))
    MERGE_NOT_ALL = ("store.merge.not_all", ("failed", "total"))

    # -- kelisim pack ------------------------------------------------------------------------
    PACKED = ("store.pack.written", ("file", "interviews", "sha256"))


def store_error(code: StoreCode, path: Path | str | None = None, /, **fields: Field
                ) -> StoreError:
    """A ``StoreError`` of ``code`` located in the database file ``path`` (when given)."""
    return StoreError(code.message(Location(file=None if path is None else str(path)), **fields))
