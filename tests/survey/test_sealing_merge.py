"""Sealed interviews travel as they are through pack and merge, and are unsealed in a master:
the same master whatever the order of the inputs and however often they are merged."""

from __future__ import annotations

import sqlite3

import pytest

from survey.sealing import load_private_key
from survey.store import Store, merge
from survey.store.pack import pack
from tests.survey.sealing_helpers import (
    DRAFTS_PASSPHRASE,
    PASSPHRASE,
    SECRET_ANSWERS,
    fill,
    key_pair,
    leaks,
    register_sealed_form,
)

_TABLES = {
    "interviews": "uuid, form_id, form_version, interviewer, device_id, language, status, "
                  "started_at, completed_at, tz_offset",
    "answers": "uuid, question, value_text",
    "audit_log": "entry_id, uuid, action, question, new_value",
    "paradata": "uuid, question, event, at",
    "media": "uuid, question, sha256",
    "sealed": "uuid, envelope, opened_at IS NULL",
}


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    return key_pair(tmp_path_factory.mktemp("keys"))


def _dump(path):
    conn = sqlite3.connect(path)
    try:
        return {t: sorted(conn.execute(f"SELECT {c} FROM {t}").fetchall())
                for t, c in _TABLES.items()}
    finally:
        conn.close()


@pytest.fixture
def packs(tmp_path, keys):
    """A pack taken while the interview was a draft, and one after it was sealed."""
    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        register_sealed_form(store, tmp_path, keys.public_text)
        done = fill(store)
        uuid = fill(store, complete=False)
    draft = pack(laptop, tmp_path / "draft").path
    with Store.open(laptop) as store:
        store.unlock_drafts(DRAFTS_PASSPHRASE)
        store.complete(uuid)
    sealed = pack(laptop, tmp_path / "sealed").path
    return draft, sealed, uuid, done


def test_pack__sealed_laptop__pack_holds_no_answer(packs):
    _, sealed, _, _ = packs
    assert leaks(sealed) == []


def test_merge__sealed_interviews_copied_as_envelopes_master_holds_no_answer(tmp_path, packs):
    _, sealed, uuid, done = packs
    master = tmp_path / "master.db"
    summary, = merge(master, [sealed])
    assert summary.ok and summary.added == 2
    with Store.open(master) as store:
        assert store.is_sealed(uuid) and store.is_sealed(done)
        assert store.count_sealed() == 2
    assert leaks(master) == []


@pytest.mark.parametrize("order", ["draft-then-sealed", "sealed-then-draft"])
def test_merge__draft_and_sealed_packs_any_order_twice__same_master(tmp_path, packs, order):
    draft, sealed, uuid, _ = packs
    inputs = [draft, sealed] if order == "draft-then-sealed" else [sealed, draft]
    master = tmp_path / "master.db"
    merge(master, inputs)
    first = _dump(master)
    reference = tmp_path / "reference.db"
    merge(reference, [sealed])
    assert first == _dump(reference)  # the sealed version replaced the draft, nothing beside
    assert leaks(master) == []
    summaries = merge(master, inputs)
    assert _dump(master) == first
    assert [s.added + s.updated for s in summaries] == [0, 0]
    with Store.open(master) as store:
        assert store.is_sealed(uuid)


def test_unseal__after_merge__answers_back_and_merging_again_changes_nothing(tmp_path, packs,
                                                                              keys):
    draft, sealed, uuid, done = packs
    master = tmp_path / "master.db"
    merge(master, [sealed])
    with Store.open(master) as store:
        summary = store.unseal(load_private_key(keys.private_path, PASSPHRASE))
        assert (summary.opened, summary.still_sealed) == (2, 0)
        for one in (uuid, done):
            answers = store.answers(one)
            assert {q: answers[q] for q in SECRET_ANSWERS} == SECRET_ANSWERS
    opened = _dump(master)
    summaries = merge(master, [sealed, draft, sealed])
    assert _dump(master) == opened
    assert all(s.ok and s.added == 0 and s.updated == 0 and s.conflicts == 0
               for s in summaries)


@pytest.mark.parametrize("order", ["copy-first", "pack-first"])
def test_merge__unsealed_copy_and_sealed_pack_any_order__same_unsealed_master(tmp_path, packs,
                                                                               keys, order):
    _, sealed, uuid, _ = packs
    unsealed = tmp_path / "unsealed.db"
    merge(unsealed, [sealed])
    with Store.open(unsealed) as store:
        store.unseal(load_private_key(keys.private_path, PASSPHRASE))
    inputs = [unsealed, sealed] if order == "copy-first" else [sealed, unsealed]
    master = tmp_path / "master.db"
    merge(master, inputs)
    assert _dump(master) == _dump(unsealed)
    with Store.open(master) as store:
        assert store.answers(uuid)["phone"] == SECRET_ANSWERS["phone"]


@pytest.mark.parametrize("order", ["plain-first", "sealed-first"])
def test_merge__completed_before_the_key_then_sealed__envelope_wins_any_order(tmp_path, keys,
                                                                               order):
    """Packed complete and readable, then reopened, changed and sealed: the master ends with
    the envelope (the latest version), whatever the order."""
    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        register_sealed_form(store, tmp_path, "")
        uuid = fill(store)
    plain = pack(laptop, tmp_path / "plain").path
    with Store.open(laptop) as store:
        store.reopen(uuid, who="Supervisor", reason="respondent called back")
        store.save_answer(uuid, "household", 5)
        store.complete(uuid)
        store.set_study_public_key(keys.public_text)
        assert store.is_sealed(uuid)
    sealed = pack(laptop, tmp_path / "sealed").path
    master = tmp_path / "master.db"
    merge(master, [plain, sealed] if order == "plain-first" else [sealed, plain])
    reference = tmp_path / "reference.db"
    merge(reference, [sealed])
    assert _dump(master) == _dump(reference)
    with Store.open(master) as store:
        store.unseal(load_private_key(keys.private_path, PASSPHRASE))
        assert store.answers(uuid)["household"] == 5
        assert [e.action for e in store.audit_log(uuid)][-2:] == ["change", "complete"]


@pytest.mark.parametrize("order", ["a-first", "b-first"])
def test_merge__one_interview_sealed_twice__latest_kept_other_recorded_whole(tmp_path, keys,
                                                                           order):
    """Two copies of one laptop file complete the same draft: two envelopes. The master keeps
    the latest sealed and records the other in ``conflicts`` (nothing dropped), whatever the
    order, and merging again adds nothing."""
    import base64
    import json
    import shutil

    from survey.sealing import open_envelope
    from survey.store.sealed import identity

    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        register_sealed_form(store, tmp_path, keys.public_text)
        uuid = fill(store, complete=False)
    copies = []
    for name in ("a", "b"):  # b completes later, with another answer
        copy = tmp_path / f"{name}.db"
        shutil.copy(laptop, copy)
        with Store.open(copy) as store:
            store.unlock_drafts(DRAFTS_PASSPHRASE)
            store.save_answer(uuid, "household", 3 if name == "a" else 4)
            store.complete(uuid)
        copies.append(pack(copy, tmp_path / f"packs-{name}").path)
    master = tmp_path / "master.db"
    summaries = merge(master, copies if order == "a-first" else copies[::-1])
    assert [s.added for s in summaries] == [1, 0]
    assert summaries[1].conflicts + summaries[1].updated == 1
    again = merge(master, copies)
    assert all((s.added, s.updated, s.conflicts) == (0, 0, 0) for s in again)
    reference = tmp_path / "reference.db"
    merge(reference, copies)
    assert _dump(master) == _dump(reference)

    conn = sqlite3.connect(master)
    (other_text,) = conn.execute("SELECT other_version FROM conflicts WHERE uuid = ?",
                                 (uuid,)).fetchone()
    conn.close()
    private = load_private_key(keys.private_path, PASSPHRASE)
    other = json.loads(other_text)["sealed"]
    plain = open_envelope(base64.b64decode(other["envelope"]), private,
                          identity(uuid, "sealed", "1"), uuid)
    household = next(row for row in json.loads(plain)["answers"] if row[0] == "household")
    assert household[:4] == ["household", "integer", "3", 3]
    with Store.open(master) as store:
        assert store.unseal(private).opened == 1
        assert store.answers(uuid)["household"] == 4  # the latest sealed
