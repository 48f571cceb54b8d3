"""The response store: one SQLite file per laptop (see docs/architecture.md, "Store")."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

from survey.errors import FormError
from survey.form.model import Form
from survey.sealing import PublicKey, parse_public_key
from survey.sealing.drafts import DraftCipher
from survey.store import (
    answers,
    audit,
    bulk,
    drafts,
    forms,
    interviews,
    media,
    meta,
    raw,
    revisions,
    sealed,
)
from survey.store.codes import StoreCode, store_error
from survey.store.connection import Connection
from survey.store.records import AuditEntry, FormRecord, InterviewRecord, NewInterview
from survey.store.timestamps import Clock, local_now, offset_text, to_text
from survey.store.unseal import UnsealSummary, unseal_all
from survey.store.values import Answer

EVENTS = ("shown", "answered")


class Store:
    """An open store. Every write is committed before the method returns (autosave)."""

    def __init__(self, conn: Connection, clock: Clock = local_now, *,
                 read_only: bool = False) -> None:
        self._conn = conn
        self._clock = clock
        self.read_only = read_only
        self.device_id = meta.device_id(conn) if read_only else meta.ensure(conn)
        #: Public keys of forms by (form_id, version); None: the form has none.
        self._form_keys: dict[tuple[str, str], PublicKey | None] = {}
        #: The device key that encrypts drafts of sealed studies (``survey.store.drafts``).
        self.drafts = drafts.DraftKeys(conn)

    @classmethod
    def open(cls, path: Path | str, *, clock: Clock | None = None) -> Store:
        """Open the store at ``path``, creating or migrating it.

        StoreError ``store.corrupt`` / ``store.not_kelisim`` / ``store.newer_schema`` for a file
        that cannot be used (it is left untouched). ``clock`` returns aware datetimes (tests).
        """
        conn = Connection.open(path)
        try:
            return cls(conn, clock or local_now)
        except BaseException:
            conn.close()
            raise

    @classmethod
    def open_read_only(cls, path: Path | str) -> Store:
        """Open an existing store for reading only (export, reports): the file is never
        created, migrated or changed; any write raises StoreError."""
        conn = Connection.open_read_only(path)
        try:
            return cls(conn, local_now, read_only=True)
        except BaseException:
            conn.close()
            raise

    @property
    def path(self) -> Path:
        return self._conn.path

    def close(self) -> None:
        """Close; a store open for writing first copies its log into the main file, so the
        file alone holds every answer (e.g. when it is copied to a USB stick)."""
        if self.read_only:
            self._conn.close()
        else:
            self._conn.checkpoint_and_close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def _now(self) -> str:
        return to_text(self._clock())

    # -- forms ------------------------------------------------------------------------------

    def register_form(self, form: Form, xlsform_bytes: bytes) -> None:
        """Keep ``form`` and its file; same id+version with other bytes: ``store.form_conflict``."""
        with self._conn.transaction():
            if forms.register(self._conn, form, xlsform_bytes, self._now()):
                meta.bump(self._conn)

    def forms(self) -> list[FormRecord]:
        return forms.records(self._conn)

    def xlsform_bytes(self, form_id: str, version: str) -> bytes:
        return forms.xlsform_bytes(self._conn, form_id, version)

    def load_form(self, form_id: str, version: str, *, repeats: bool = False) -> Form:
        """Rebuild the Form from the stored XLSForm file and the files that came with it
        (``repeats``: as ``survey.form.load_form``, for callers that run repeat instances)."""
        from survey.form.cache import parsed_form

        return parsed_form(self.xlsform_bytes(form_id, version), filename=f"{form_id}.xlsx",
                           files=forms.files(self._conn, form_id, version), repeats=repeats)

    # -- interviews -------------------------------------------------------------------------

    def start_interview(self, form_id: str, version: str, *, interviewer: str,
                        device_id: str | None = None, language: str | None = None) -> str:
        """Start a draft and return its new UUID."""
        moment = self._clock()
        values = {"interviewer": interviewer, "device_id": device_id or self.device_id,
                  "language": language, "now": to_text(moment),
                  "tz_offset": offset_text(moment), "last_device_id": self.device_id}
        with self._conn.transaction():
            uuid = interviews.start(self._conn, form_id, version, values)
            meta.bump(self._conn)
        return uuid

    def interview(self, uuid: str) -> InterviewRecord:
        return interviews.record(self._conn, uuid)

    def interviews(self, status: str | None = None, form_id: str | None = None,
                   limit: int | None = None, offset: int = 0) -> list[InterviewRecord]:
        """Interviews, most recently updated first."""
        return interviews.listing(self._conn, status, form_id, limit, offset)

    def count_interviews(self, status: str | None = None, form_id: str | None = None) -> int:
        return interviews.count(self._conn, status, form_id)

    def known_uuids(self, uuids: Iterable[str]) -> set[str]:
        """Those of ``uuids`` that are interviews of this store."""
        return interviews.known(self._conn, uuids)

    def set_language(self, uuid: str, language: str) -> None:
        with self._conn.transaction():
            interviews.require_editable(self._conn, uuid)
            self._conn.execute("UPDATE interviews SET language = ? WHERE uuid = ?",
                               (language, uuid))
            interviews.touch(self._conn, uuid, self._now(), self.device_id)
            meta.bump(self._conn)

    def complete(self, uuid: str) -> None:
        """Mark complete (audited); it is then read-only. Completing twice does nothing.

        On a form with a public key (its own or the study's) the interview is sealed in the
        same transaction: its answers, audit entries, paradata and files leave the file.
        """
        with self._conn.transaction():
            if not interviews.complete(self._conn, uuid, self._now(), self.device_id):
                return
            record = interviews.record(self._conn, uuid)
            key = self._sealing_key(record.form_id, record.form_version)
            if key is not None:
                sealed.seal_interview(self._conn, uuid, key, self._now(), self.drafts.cipher)
            meta.bump(self._conn)
        if key is not None:
            sealed.wipe(self._conn)

    def reopen(self, uuid: str, *, who: str, reason: str) -> None:
        """Make a completed interview editable again; who and why go to the audit log.


        ``completed_at`` keeps the first completion (completing again does not change it).
        A sealed interview cannot be reopened (SealingError ``sealing.sealed``)."""
        sealed.require_readable(self._conn, uuid)
        with self._conn.transaction():
            interviews.reopen(self._conn, uuid, who, reason, self._now(), self.device_id)
            meta.bump(self._conn)

    # -- answers ----------------------------------------------------------------------------

    def save_answer(self, uuid: str, name: str, value: Answer | None, *,
                    who: str | None = None) -> None:
        """Write one answer and commit (None clears it). Refused on a completed interview."""
        cipher = self._draft_cipher(uuid)
        with self._conn.transaction():
            if answers.save(self._conn, uuid, name, value, now=self._now(),
                            device_id=self.device_id, who=who, cipher=cipher):
                meta.bump(self._conn)

    def clear_answer(self, uuid: str, name: str, *, who: str | None = None) -> None:
        self.save_answer(uuid, name, None, who=who)

    def attach_file(self, uuid: str, name: str, original_name: str, data: bytes, *,
                    who: str | None = None) -> str:
        """Keep ``data`` as the file of media question ``name`` and make its stored name the
        answer, in one transaction; returns that name. Refused on a completed interview."""
        file = media.describe(original_name, data)
        cipher = self._draft_cipher(uuid)
        with self._conn.transaction():
            answers.save(self._conn, uuid, name, file.name, now=self._now(),
                         device_id=self.device_id, who=who, cipher=cipher)
            media.put(self._conn, uuid, name, drafts.stored_file(cipher, uuid, name, file))
            meta.bump(self._conn)
        return file.name

    def media_file(self, uuid: str, name: str) -> media.MediaFile | None:
        """The file attached to media question ``name`` of an interview, if any."""
        found = media.get(self._conn, uuid, name)
        return None if found is None else drafts.readable_file(self.drafts.cipher, uuid, name,
                                                               found)

    def media_files(self, form_id: str | None = None, status: str | None = None,
                    ) -> Iterator[tuple[str, str, media.MediaFile]]:
        """Every attached file as (uuid, question, file), streamed (for export)."""
        return media.rows(self._conn, form_id, status)

    def answers(self, uuid: str) -> dict[str, Answer]:
        """The answers of an interview; SealingError ``sealing.sealed`` for a sealed one."""
        sealed.require_readable(self._conn, uuid)
        return answers.of_interview(self._conn, uuid, self.drafts.cipher)

    def answer_rows(self, form_id: str | None = None, status: str | None = None,
                    uuids: Collection[str] | None = None) -> Iterator[tuple[str, str, Answer]]:
        """All answers (of the interviews ``uuids`` when given) as (uuid, question, value),
        streamed, one interview's rows together (for export)."""
        return answers.rows(self._conn, form_id, status, uuids)

    def raw_interviews(self, form_id: str | None = None,
                       status: str | None = None) -> list[tuple[Any, ...]]:
        """Interview metadata as stored, ``(row number, *raw.INTERVIEW_FIELDS)`` (for export)."""
        return raw.interview_rows(self._conn, form_id, status)

    def raw_answer_groups(self, form_id: str | None = None, status: str | None = None,
                          batch: int = 20_000, rowids: Sequence[int] | None = None
                          ) -> Iterator[list[tuple[Any, ...]]]:
        """Answers as stored, one row per interview: ``(row number, questions, answers,
        count)``, names and texts joined by ``raw.SEPARATOR``, in batches; text that is not
        UTF-8 comes back as bytes (for export, see ``survey.store.raw``). ``rowids``: only the
        interviews of those row numbers."""
        return raw.answer_groups(self._conn, form_id, status, batch, rowids)

    def raw_answers_of(self, rowid: int) -> list[tuple[Any, ...]]:
        """``(question, value_text)`` of one interview, by its row number, as stored."""
        return raw.answers_of(self._conn, rowid)

    def raw_paradata(self, form_id: str | None = None,
                     status: str | None = None) -> list[tuple[Any, ...]]:
        """Paradata as stored, ``(uuid, question, event, at)`` by interview and time."""
        return raw.paradata_rows(self._conn, form_id, status)

    def raw_audit(self, form_id: str | None = None,
                  status: str | None = None) -> list[tuple[Any, ...]]:
        """The audit log as stored, ``(uuid, at, who, action, question, old_value, new_value,
        reason)`` by interview and entry."""
        return raw.audit_rows(self._conn, form_id, status)

    def answer_counts(self, form_id: str, question: str,
                      status: str | None = "complete") -> dict[str, int]:
        """How many interviews gave each value; sealed interviews count for the quota
        question (``region``), whose answer stays readable."""
        found = answers.counts(self._conn, form_id, question, status)
        if question == sealed.QUOTA_QUESTION and status in (None, "complete"):
            for region, number in sealed.region_counts(self._conn, form_id).items():
                found[region] = found.get(region, 0) + number
        return found

    def import_interviews(self, records: Iterable[NewInterview | Mapping[str, Any]]) -> list[str]:
        """Write many whole interviews in one transaction; returns their UUIDs."""
        with self._conn.transaction():
            uuids = bulk.import_interviews(self._conn, records)
            meta.bump(self._conn)
        return uuids

    # -- sealing ----------------------------------------------------------------------------

    def is_sealed(self, uuid: str) -> bool:
        """True for an interview kept only as an envelope: this store cannot read it."""
        return sealed.is_sealed(self._conn, uuid)

    def quota_region(self, uuid: str) -> Answer | None:
        """The answer to the quota question (``region``), readable also when sealed."""
        if sealed.is_sealed(self._conn, uuid):
            return sealed.region(self._conn, uuid)
        return answers.of_interview(self._conn, uuid, self.drafts.cipher
                                    ).get(sealed.QUOTA_QUESTION)

    def sealed_uuids(self) -> set[str]:
        return sealed.sealed_uuids(self._conn)

    def count_sealed(self, form_id: str | None = None) -> int:
        """Interviews still sealed (exports and reports leave them out and say how many)."""
        return sealed.count_sealed(self._conn, form_id)

    def study_public_key(self) -> str:
        """The study's public key: seals interviews of forms without a ``public_key``."""
        return sealed.study_key(self._conn)

    def set_study_public_key(self, text: str) -> int:
        """Keep ``text`` as the study's public key and seal every completed interview not
        sealed yet; returns how many were sealed. SealingError for a text that is no key."""
        key = parse_public_key(text)
        with self._conn.transaction():
            sealed.set_study_key(self._conn, key)
            self._form_keys.clear()
            count = self._seal_completed()
            meta.bump(self._conn)
        sealed.wipe(self._conn)
        return count

    def _seal_completed(self) -> int:
        count = 0
        for uuid in sealed.unsealed_completed(self._conn):
            record = interviews.record(self._conn, uuid)
            key = self._sealing_key(record.form_id, record.form_version)
            if key is not None:
                sealed.seal_interview(self._conn, uuid, key, self._now(), self.drafts.cipher)
                count += 1
        return count

    def needs_drafts_key(self) -> bool:
        """Whether drafts here are encrypted: a device key is set, or a questionnaire (or the
        study) has a public key, so the application asks for the drafts passphrase."""
        return self.drafts.is_set() or any(
            self._sealing_key(f.form_id, f.version) is not None for f in self.forms())

    def unlock_drafts(self, passphrase: str) -> bool:
        """Unlock the device key, or set it with ``passphrase`` when there is none yet (then
        True: say ``sealing.drafts_passphrase_set``); answers of drafts of sealed studies
        still stored readable are encrypted."""
        created = not self.drafts.is_set()
        if created:
            self.drafts.set_passphrase(passphrase)
        else:
            self.drafts.unlock(passphrase)
        uuids = [r.uuid for r in self.interviews(status="draft")
                 if self._sealing_key(r.form_id, r.form_version) is not None]
        cells = drafts.plain_cells(self._conn, uuids)
        if cells:
            with self._conn.transaction():
                drafts.encrypt_cells(self._conn, self.drafts.require(), cells)
                meta.bump(self._conn)
            sealed.wipe(self._conn)
        return created

    def drafts_locked(self, form_id: str, version: str) -> bool:
        """Whether drafts of this questionnaire are encrypted and the key is not unlocked
        (their answers can be neither read nor written until the passphrase is given)."""
        return self.drafts.cipher is None and self._sealing_key(form_id, version) is not None

    def _draft_cipher(self, uuid: str) -> DraftCipher | None:
        """The cipher for the answers of ``uuid``: None unless its form is sealed."""
        record = interviews.record(self._conn, uuid)
        if self._sealing_key(record.form_id, record.form_version) is None:
            return None
        return self.drafts.require()

    def _sealing_key(self, form_id: str, version: str) -> PublicKey | None:
        if (form_id, version) not in self._form_keys:
            try:
                text = self.load_form(form_id, version, repeats=True).settings.public_key
            except FormError:  # a stored file that is no questionnaire has no interviews to
                text = ""      # run; only Python callers can complete them
            text = text or sealed.study_key(self._conn)
            self._form_keys[(form_id, version)] = parse_public_key(text) if text else None
        return self._form_keys[(form_id, version)]

    def unseal(self, private_key: RSAPrivateKey) -> UnsealSummary:
        """Open every envelope with ``private_key`` (an analyst's master; see ``unseal``)."""
        summary = unseal_all(self._conn, private_key, self._now())
        sealed.wipe(self._conn)
        return summary

    # -- paradata, audit, quotas ------------------------------------------------------------

    def record_event(self, uuid: str, question: str, event: str) -> None:
        """Paradata: ``question`` was "shown" or "answered" now.

        Recorded only while the interview is a draft: looking at a completed interview is not
        interviewing time, so it is ignored (no error).
        """
        if event not in EVENTS:
            raise store_error(StoreCode.BAD_EVENT, event=event)
        with self._conn.transaction():
            if interviews.record(self._conn, uuid).is_complete:
                return
            self._conn.execute("INSERT OR IGNORE INTO paradata (uuid, question, event, at) "
                               "VALUES (?, ?, ?, ?)", (uuid, question, event, self._now()))
            meta.bump(self._conn)

    def events(self, uuid: str) -> list[tuple[str, str, str]]:
        """Paradata of one interview as (question, event, UTC time text), in time order."""
        return [(q, e, at) for q, e, at in self._conn.query(
            "SELECT question, event, at FROM paradata WHERE uuid = ? "
            "ORDER BY at_code, question_key, event_code", (uuid,))]

    def audit_log(self, uuid: str) -> list[AuditEntry]:
        return audit.entries(self._conn, uuid)

    def set_quota(self, form_id: str, region: str, target: int) -> None:
        if isinstance(target, bool) or not isinstance(target, int) or target < 0:
            raise store_error(StoreCode.BAD_QUOTA, region=region, target=repr(target))
        with self._conn.transaction():
            self._conn.execute(
                "INSERT INTO quotas (form_id, region, target) VALUES (?, ?, ?) "
                "ON CONFLICT (form_id, region) DO UPDATE SET target = excluded.target",
                (form_id, region, target))
            meta.bump(self._conn)

    def quotas(self, form_id: str) -> dict[str, int]:
        return {r: t for r, t in self._conn.query(
            "SELECT region, target FROM quotas WHERE form_id = ? ORDER BY region", (form_id,))}

    def change_state(self) -> revisions.ChangeState:
        """Changes with every write to interviews or answers, by Kelisim or any other program
        (see :mod:`survey.store.revisions`)."""
        return revisions.change_state(self._conn)

    def analysis_key(self) -> bytes | None:
        """The secret that signs the analysis snapshots of this file (None: a file without
        one, opened read-only)."""
        return meta.analysis_key(self._conn)

    def interview_revisions(self, status: str | None = None,
                            form_id: str | None = None) -> dict[str, int]:
        """uuid -> revision of the interviews selected; a changed interview has a new one."""
        return revisions.revisions(self._conn, status, form_id)

    def interviews_of(self, uuids: Collection[str]) -> list[InterviewRecord]:
        """The records of those of ``uuids`` that are interviews of this store."""
        return interviews.records_of(self._conn, uuids)

    # -- demo data --------------------------------------------------------------------------

    def is_demo(self) -> bool:
        """Whether this database holds synthetic demo interviews (marked in ``meta`` when the
        demo-data generator or a merge wrote them). Everything made from such a database
        (title bar, home screen, exports, reports) says "demo data"."""
        return meta.is_demo(self._conn)

    def mark_demo(self) -> None:
        """Mark this database as holding demo interviews (the demo-data generator does)."""
        with self._conn.transaction():
            if meta.mark_demo(self._conn):
                meta.bump(self._conn)

    def change_counter(self) -> int:
        """Grows with every write, also writes by other connections (a cache key)."""
        return meta.change_counter(self._conn)
