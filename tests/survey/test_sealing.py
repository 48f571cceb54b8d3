"""Sealed interviews: a completed interview leaves the laptop's file only as an envelope that
the project's private key opens, with every byte checked."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from survey.errors import FormError
from survey.export import interviews_frame
from survey.form.xlsform import load_form
from survey.sealing import SealingError, load_private_key, parse_public_key, seal
from survey.store import Store
from survey.store.sealed import identity
from tests.formbuilder import write_xlsform
from tests.survey.sealing_helpers import (
    CHOICES,
    DRAFTS_PASSPHRASE,
    PASSPHRASE,
    PHOTO,
    SECRET_ANSWERS,
    SURVEY,
    files_of,
    fill,
    key_pair,
    leaks,
    register_sealed_form,
)


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    return key_pair(tmp_path_factory.mktemp("keys"))


@pytest.fixture
def laptop(tmp_path, keys):
    store = Store.open(tmp_path / "laptop.db")
    register_sealed_form(store, tmp_path, keys.public_text)
    yield store
    store.close()


def test_key_pair__files_private_and_private_key_needs_passphrase(keys):
    for path in (keys.private_path, keys.public_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(keys.private_path.parent.stat().st_mode) == 0o700
    assert b"ENCRYPTED PRIVATE KEY" in keys.private_path.read_bytes()
    assert parse_public_key(keys.public_path.read_text()).key_id
    assert load_private_key(keys.private_path, PASSPHRASE).key_size == 3072
    with pytest.raises(SealingError) as caught:
        load_private_key(keys.private_path, "not the passphrase")
    assert caught.value.code == "sealing.wrong_passphrase"


def test_form_public_key__carried_in_settings(laptop, keys):
    form = laptop.load_form("sealed", "1")
    assert form.settings.public_key == keys.public_text


def test_complete__answers_audit_paradata_files_sealed_and_gone_from_every_byte(laptop):
    uuid = fill(laptop)
    assert laptop.is_sealed(uuid)
    record = laptop.interview(uuid)
    assert (record.status, record.interviewer) == ("complete", "Aigerim T.")
    assert laptop.audit_log(uuid) == [] and laptop.events(uuid) == []
    assert laptop.media_file(uuid, "photo") is None
    assert laptop.answer_counts("sealed", "region") == {"almaty_city": 1}
    path = laptop.path
    assert leaks(path) == []          # while open: the database and its -wal
    for status in (None, "complete"):  # the analysis snapshot: written, and searched too
        interviews_frame(laptop, status=status)
    assert any(".analysis-" in p.name for p in files_of(path))
    assert leaks(path) == []
    laptop.close()
    assert leaks(path) == []


def test_sealed__laptop_cannot_read_or_reopen(laptop):
    uuid = fill(laptop)
    for action in (lambda: laptop.answers(uuid),
                   lambda: laptop.reopen(uuid, who="Supervisor", reason="typo")):
        with pytest.raises(SealingError) as caught:
            action()
        assert caught.value.code == "sealing.sealed"


def test_draft_before_completion__readable_unlocked_encrypted_then_sealed(laptop):
    uuid = fill(laptop, complete=False)
    assert laptop.answers(uuid)["phone"] == SECRET_ANSWERS["phone"]
    assert leaks(laptop.path) == []  # drafts are encrypted with the device key
    assert not laptop.is_sealed(uuid)
    laptop.complete(uuid)
    assert laptop.is_sealed(uuid) and leaks(laptop.path) == []


def test_form_without_key__not_sealed(tmp_path):
    with Store.open(tmp_path / "plain.db") as store:
        register_sealed_form(store, tmp_path, "")
        uuid = fill(store)
        assert not store.is_sealed(uuid)
        assert store.answers(uuid)["phone"] == SECRET_ANSWERS["phone"]


def test_unseal__master_gets_everything_back(laptop, keys):
    uuid = fill(laptop)
    summary = laptop.unseal(load_private_key(keys.private_path, PASSPHRASE))
    assert (summary.opened, summary.refused, summary.still_sealed) == (1, (), 0)
    assert not laptop.is_sealed(uuid)
    answers = laptop.answers(uuid)
    assert {q: answers[q] for q in SECRET_ANSWERS} == SECRET_ANSWERS
    assert answers["region"] == "almaty_city"
    assert laptop.media_file(uuid, "photo").data == PHOTO  # type: ignore[union-attr]
    assert [e.action for e in laptop.audit_log(uuid)] == ["complete"]
    assert len(laptop.events(uuid)) == 2 * len(SECRET_ANSWERS)
    assert laptop.answer_counts("sealed", "region") == {"almaty_city": 1}
    again = laptop.unseal(load_private_key(keys.private_path, PASSPHRASE))
    assert (again.opened, again.still_sealed) == (0, 0)


def test_unseal__other_key_refused_and_left_sealed(laptop, tmp_path):
    uuid = fill(laptop)
    other = key_pair(tmp_path / "other")
    summary = laptop.unseal(load_private_key(other.private_path, PASSPHRASE))
    assert summary.opened == 0 and summary.still_sealed == 1
    assert [m.code for m in summary.refused] == ["sealing.other_key"]
    assert laptop.is_sealed(uuid)


def _rewrite_envelope(path: Path, uuid: str, envelope: bytes | str,
                      digest: str | None = None) -> None:
    """Change a stored envelope behind Kelisim's back (as a forger with the file would)."""
    raw = envelope.encode() if isinstance(envelope, str) else envelope
    conn = sqlite3.connect(path)
    conn.execute("UPDATE sealed SET envelope = ?, sha256 = ? WHERE uuid = ?",
                 (envelope, digest or hashlib.sha256(raw).hexdigest(), uuid))
    conn.commit()
    conn.close()


def _envelope(path: Path, uuid: str) -> bytes:
    conn = sqlite3.connect(path)
    envelope, = conn.execute("SELECT envelope FROM sealed WHERE uuid = ?", (uuid,)).fetchone()
    conn.close()
    return bytes(envelope)


@pytest.mark.parametrize("change", [
    pytest.param(lambda e: e[:-40], id="truncated"),
    pytest.param(lambda e: e[:len(e) // 2] + bytes([e[len(e) // 2] ^ 1]) + e[len(e) // 2 + 1:],
                 id="one-bit-flipped"),
    pytest.param(lambda e: e[:50], id="cut-in-header"),
    pytest.param(lambda e: b"not an envelope", id="not-an-envelope"),
    pytest.param(lambda e: e.hex(), id="text-not-bytes"),
])
def test_unseal__damaged_envelope_refused_and_nothing_imported(tmp_path, keys, change):
    path = tmp_path / "laptop.db"
    with Store.open(path) as store:
        register_sealed_form(store, tmp_path, keys.public_text)
        good, bad = fill(store), fill(store)
    _rewrite_envelope(path, bad, change(_envelope(path, bad)))
    with Store.open(path) as store:
        summary = store.unseal(load_private_key(keys.private_path, PASSPHRASE))
        assert summary.opened == 1 and summary.still_sealed == 1
        assert [m.code for m in summary.refused] == ["sealing.damaged"]
        assert store.is_sealed(bad) and not store.is_sealed(good)
        assert store.answers(good)["phone"] == SECRET_ANSWERS["phone"]


@pytest.mark.parametrize("forgery", ["moved-to-another-interview", "checksum-changed"])
def test_unseal__moved_envelope_or_changed_checksum_refused(tmp_path, keys, forgery):
    path = tmp_path / "laptop.db"
    with Store.open(path) as store:
        register_sealed_form(store, tmp_path, keys.public_text)
        first, second = fill(store), fill(store)
    if forgery == "moved-to-another-interview":
        _rewrite_envelope(path, second, _envelope(path, first))
    else:
        _rewrite_envelope(path, second, _envelope(path, second), "0" * 64)
    with Store.open(path) as store:
        summary = store.unseal(load_private_key(keys.private_path, PASSPHRASE))
        assert [m.code for m in summary.refused] == ["sealing.damaged"]
        assert store.is_sealed(second) and not store.is_sealed(first)


def test_study_key__seals_completed_interviews_of_forms_without_their_own(tmp_path, keys):
    path = tmp_path / "study.db"
    with Store.open(path) as store:
        register_sealed_form(store, tmp_path, "")
        before = fill(store)
        draft = fill(store, complete=False)
        assert store.set_study_public_key(keys.public_text) == 1
        assert store.is_sealed(before) and not store.is_sealed(draft)
        store.complete(draft)
        assert store.is_sealed(draft)
    assert leaks(path) == []


def test_study_key__not_a_key_refused(tmp_path):
    with Store.open(tmp_path / "study.db") as store:
        with pytest.raises(SealingError) as caught:
            store.set_study_public_key("bm90IGEga2V5")
        assert caught.value.code == "sealing.bad_public_key"
        assert store.study_public_key() == ""


def test_complete__free_space_left_by_older_writes_overwritten_too(laptop):
    """Answers deleted before secure_delete was on (an older Kelisim) stay in free pages
    until the file is rewritten on its first sealing."""
    old_secret = "Старый черновик: Нурлан Абенов, улица Жибек Жолы 17, кв. 4"
    uuids = [laptop.start_interview("sealed", "1", interviewer="Aigerim T.") for _ in range(30)]
    conn = sqlite3.connect(laptop.path)
    conn.execute("PRAGMA secure_delete = OFF")
    conn.executemany("INSERT INTO answers (uuid, question, value_type, value_text, updated_at) "
                     "VALUES (?, 'story', 'text', ?, '2026-01-01T00:00:00Z')",
                     [(uuid, f"{old_secret} #{n} " + "ә" * 2000) for n, uuid in enumerate(uuids)])
    conn.commit()
    conn.execute("DELETE FROM answers WHERE question = 'story'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert old_secret.encode() in laptop.path.read_bytes()  # still in the free space
    fill(laptop)
    assert leaks(laptop.path) == []
    assert old_secret.encode() not in laptop.path.read_bytes()


@pytest.mark.parametrize("plaintext", [
    pytest.param(b"not json at all", id="not-json"),
    pytest.param(b'{"format": 1, "uuid": "UUID", "answers": [["q", "bogus", "x", null, "t"]], '
                 b'"audit": [], "paradata": [], "media": []}', id="unknown-value-type"),
    pytest.param(b'{"format": 1, "uuid": "UUID", "answers": [["q"]], "audit": [], '
                 b'"paradata": [], "media": []}', id="short-row"),
    pytest.param(b'{"format": 1, "uuid": "another", "answers": [], "audit": [], '
                 b'"paradata": [], "media": []}', id="other-interview"),
])
def test_unseal__forged_envelope_with_bad_content_refused_nothing_imported(tmp_path, keys,
                                                                           plaintext):
    """Anyone holding the public key can seal: what an envelope holds is checked too."""
    path = tmp_path / "laptop.db"
    with Store.open(path) as store:
        register_sealed_form(store, tmp_path, keys.public_text)
        uuid = fill(store)
    forged = seal(plaintext.replace(b"UUID", uuid.encode()), parse_public_key(keys.public_text),
                  identity(uuid, "sealed", "1"))
    _rewrite_envelope(path, uuid, forged)
    with Store.open(path) as store:
        summary = store.unseal(load_private_key(keys.private_path, PASSPHRASE))
        assert [m.code for m in summary.refused] == ["sealing.bad_content"]
        assert store.is_sealed(uuid)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM answers").fetchone() == (0,)
    conn.close()


@pytest.mark.parametrize("text", ["not a key", "bm90IGEga2V5", "-----BEGIN PUBLIC KEY-----x"])
def test_form_public_key__not_a_key__bad_value_in_the_settings_cell(tmp_path, text):
    path = write_xlsform(tmp_path / "bad.xlsx", [{"type": "text", "name": "x", "label": "X"}],
                         None, {"form_id": "bad", "public_key": text})
    with pytest.raises(FormError) as caught:
        load_form(path)
    problem, = caught.value.problems
    assert problem.code == "sealing.bad_public_key"
    assert (problem.location.sheet, problem.location.row, problem.location.column) == (
        "settings", 2, "public_key")


def test_form_public_key__odk_converter_accepts_the_form(tmp_path, keys):
    from pyxform.xls2xform import convert

    path = write_xlsform(tmp_path / "odk.xlsx", SURVEY[:3], CHOICES,
                         {"form_id": "odk", "public_key": keys.public_text})
    assert "base64RsaPublicKey" in convert(xlsform=str(path)).xform
    assert load_form(path).settings.public_key == keys.public_text


def test_interview_session__finished__sealed_with_the_study_key(tmp_path, keys):
    """The engine's own finishing path (the GUI's Finish) seals the interview."""
    from tests.small_form import register_small_form, start_session

    with Store.open(tmp_path / "laptop.db") as store:
        register_small_form(store, tmp_path / "small.xlsx")
        store.set_study_public_key(keys.public_text)
        store.unlock_drafts(DRAFTS_PASSPHRASE)
        session = start_session(store)
        assert session.answer("consent", "yes").ok
        assert session.answer("age", 47).ok
        assert session.answer("trust", "4").ok
        assert session.answer("comment", "Сосед рассказал о споре за землю в ауле").ok
        session.finish()
        assert store.is_sealed(session.uuid)
        assert store.interview(session.uuid).status == "complete"
        path = store.path
    assert "Сосед рассказал".encode() not in path.read_bytes()
