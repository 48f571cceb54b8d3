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
    BAD_VALUE = ("store.bad_value", ("type", "value"))
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

    # -- details of store.corrupt and reasons of store.cannot_open ---------------------------
    NOT_SQLITE = ("store.detail.not_sqlite", ())
    MISSING_TABLES = ("store.detail.missing_tables", ("tables",))
    FAILED_CHECK = ("store.detail.failed_check", ("result",))
    UNKNOWN_VALUE_TYPE = ("store.detail.unknown_value_type", ("value_type",))
    OPEN_FAILED = ("store.open.failed", ("detail",))
    OPEN_FOLDER = ("store.open.folder", ())
    OPEN_NO_WAL = ("store.open.no_wal", ("mode",))

    # -- merge summaries ---------------------------------------------------------------------
    #: ``outdated`` and ``forms`` are the optional MERGE_OUTDATED / MERGE_FORMS parts (or None).
    MERGED = ("store.merge.merged", ("file", "added", "identical", "updated", "conflicts",
                                     "outdated", "forms"))
    MERGE_OUTDATED = ("store.merge.outdated", ("count",))
    MERGE_FORMS = ("store.merge.forms", ("count",))
    MERGE_FAILED = ("store.merge.failed", ("file", "error"))
    #: ``kelisim merge``: the master itself cannot be used; some inputs were not merged.
    MERGE_MASTER = ("store.merge.master", ("error",))
    MERGE_NOT_ALL = ("store.merge.not_all", ("failed", "total"))


def store_error(code: StoreCode, path: Path | str | None = None, /, **fields: Field
                ) -> StoreError:
    """A ``StoreError`` of ``code`` located in the database file ``path`` (when given)."""
    return StoreError(code.message(Location(file=None if path is None else str(path)), **fields))
