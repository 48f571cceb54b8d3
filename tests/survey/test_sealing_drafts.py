"""Drafts of a sealed study: answers encrypted with a device key the interviewer's passphrase
unlocks; a locked laptop holds no readable answer, lists, packs and merges as before."""

from __future__ import annotations

import base64
import json
import sqlite3

import pytest

from desktop.cli import main
from survey.export import interviews_frame
from survey.messages import render
from survey.sealing import SealingError, load_private_key
from survey.store import Store, merge
from survey.store.pack import pack
from tests.survey.sealing_helpers import (
    DRAFTS_PASSPHRASE,
    PASSPHRASE,
    PHOTO,
    SECRET_ANSWERS,
    files_of,
    key_pair,
    leaks,
    readable_bytes,
    register_sealed_form,
)

#: Earlier values of answers changed while interviewing: not in the file either.
EARLIER = {"story": "Черновик: сосед Бауыржан Сапаров видел задержание у акимата",
           "household": 918273}


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    return key_pair(tmp_path_factory.mktemp("keys"))


@pytest.fixture
def drafted(tmp_path, keys):
    """A laptop database holding one draft (answers changed on the way, a photo), closed."""
    path = tmp_path / "laptop.db"
    with Store.open(path) as store:
        register_sealed_form(store, tmp_path, keys.public_text)  # sets the drafts passphrase
        uuid = store.start_interview("sealed", "1", interviewer="Aigerim T.", language="en")
        for question, value in EARLIER.items():
            store.save_answer(uuid, question, value)
    with Store.open(path) as store:  # the application started again, unlocked
        store.unlock_drafts(DRAFTS_PASSPHRASE)
        store.save_answer(uuid, "region", "almaty_city")
        for question, value in SECRET_ANSWERS.items():
            store.record_event(uuid, question, "shown")
            store.save_answer(uuid, question, value)
        store.attach_file(uuid, "photo", "face.png", b"an earlier photo")
        store.attach_file(uuid, "photo", "face.png", PHOTO)
    return path, uuid


def _searched(path) -> list[bytes]:
    """Every secret (answers, earlier values, the photo) found in the file or beside it."""
    earlier = [str(v).encode() for v in EARLIER.values()]
    data = b"".join(readable_bytes(p) for p in files_of(path))
    return [s for _, s in leaks(path)] + [s for s in earlier if s in data]


def test_locked__no_draft_answer_in_any_byte_of_the_file_its_log_or_free_pages(drafted):
    path, uuid = drafted
    assert _searched(path) == []
    with Store.open(path) as store:  # opened locked: the log and free pages hold none
        assert [r.uuid for r in store.interviews(status="draft")] == [uuid]
        assert _searched(path) == []
        store.unlock_drafts(DRAFTS_PASSPHRASE)
        answers = store.answers(uuid)
        assert {q: answers[q] for q in SECRET_ANSWERS} == SECRET_ANSWERS
        assert store.media_file(uuid, "photo").data == PHOTO  # type: ignore[union-attr]
        assert _searched(path) == []
        interviews_frame(store, status=None)  # the analysis snapshot holds no draft answer
        assert any(".analysis-" in p.name for p in files_of(path))
        assert _searched(path) == []
    assert _searched(path) == []


def test_locked__reading_or_writing_draft_answers_refused_listing_works(drafted):
    path, uuid = drafted
    with Store.open(path) as store:
        assert store.count_interviews(status="draft") == 1
        for action in (lambda: store.answers(uuid), lambda: store.media_file(uuid, "photo"),
                       lambda: store.save_answer(uuid, "phone", "+7 700 000 00 00"),
                       lambda: store.complete(uuid)):
            with pytest.raises(SealingError) as caught:
                action()
            assert caught.value.code == "sealing.drafts_locked"
        assert "заблокированы" in render(caught.value.messages[0], "ru")
        assert store.interview(uuid).status == "draft" and not store.is_sealed(uuid)
        assert list(store.answer_rows()) == [] and list(store.media_files()) == []


def test_wrong_passphrase__refused_by_the_cipher_drafts_stay_locked(drafted):
    path, _ = drafted
    with Store.open(path) as store:
        with pytest.raises(SealingError) as caught:
            store.unlock_drafts("not the passphrase at all")
        assert caught.value.code == "sealing.drafts_wrong_passphrase"
        assert "Құпия сөз қате" in render(caught.value.messages[0], "kk")
        assert store.drafts.cipher is None
        stored = json.loads(store_meta(path, "draft_device_key"))
    assert set(stored) == {"format", "kdf", "n", "r", "p", "salt", "nonce", "key"}
    assert stored["kdf"] == "scrypt" and stored["n"] >= 2**15


def store_meta(path, key: str) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0]
    finally:
        conn.close()


def test_no_passphrase_yet__sealed_study_refuses_answers_until_set(tmp_path, keys):
    with Store.open(tmp_path / "new.db") as store:
        register_sealed_form(store, tmp_path, "")
        register_sealed_form(store, tmp_path, keys.public_text, form_id="secret", unlock=False)
    with Store.open(tmp_path / "new.db") as store:
        assert store.needs_drafts_key() and not store.drafts.is_set()
        plain = store.start_interview("sealed", "1", interviewer="A")
        store.save_answer(plain, "phone", "+7 1")  # a study without a key: not encrypted
        secret = store.start_interview("secret", "1", interviewer="A")
        with pytest.raises(SealingError) as caught:
            store.save_answer(secret, "phone", "+7 2")
        assert caught.value.code == "sealing.drafts_no_passphrase"
        assert store.unlock_drafts(DRAFTS_PASSPHRASE) is True  # set now: say it
        store.save_answer(secret, "phone", "+7 2")
        with pytest.raises(SealingError) as again:
            store.drafts.set_passphrase("another passphrase 2")
        assert again.value.code == "sealing.drafts_passphrase_exists"
        assert store.unlock_drafts(DRAFTS_PASSPHRASE) is False
    assert b"+7 1" in (tmp_path / "new.db").read_bytes()
    assert b"+7 2" not in (tmp_path / "new.db").read_bytes()


def test_register_sealed_form__no_passphrase_until_asked(tmp_path, keys):
    with Store.open(tmp_path / "x.db") as store:
        assert not store.needs_drafts_key()
        register_sealed_form(store, tmp_path, "")
        assert not store.needs_drafts_key()


def test_cells_swapped_between_questions__refused_not_misread(drafted):
    path, uuid = drafted
    conn = sqlite3.connect(path)
    conn.execute("UPDATE answers SET value_text = (SELECT value_text FROM answers "
                 "WHERE question = 'name') WHERE question = 'phone'")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        store.unlock_drafts(DRAFTS_PASSPHRASE)
        with pytest.raises(SealingError) as caught:
            store.answers(uuid)
        assert caught.value.code == "sealing.draft_damaged"
        assert caught.value.messages[0].fields["question"] == "phone"


def test_complete_unlocked__sealed_whole_and_unsealed_with_the_project_key(drafted, keys):
    path, uuid = drafted
    with Store.open(path) as store:
        store.unlock_drafts(DRAFTS_PASSPHRASE)
        store.complete(uuid)
        assert store.is_sealed(uuid) and store.answer_counts("sealed", "region") == {
            "almaty_city": 1}
        summary = store.unseal(load_private_key(keys.private_path, PASSPHRASE))
        assert summary.opened == 1
        store.drafts.lock()  # unsealed answers are ordinary readable answers
        answers = store.answers(uuid)
        assert {q: answers[q] for q in SECRET_ANSWERS} == SECRET_ANSWERS
        assert store.media_file(uuid, "photo").data == PHOTO  # type: ignore[union-attr]


def test_pack_and_merge_locked__drafts_travel_as_ciphertext_nothing_set_aside(drafted):
    path, uuid = drafted
    packed = pack(path, path.parent / "packs").path
    assert _searched(packed) == []
    master = path.parent / "master.db"
    summary, = merge(master, [packed])
    assert not summary.failure and (summary.added, summary.set_aside) == (1, 0)
    assert _searched(master) == []
    with Store.open(master) as store:  # the master has no device key: drafts stay unread
        assert store.interview(uuid).status == "draft"
        with pytest.raises(SealingError):
            store.answers(uuid)
    with Store.open(packed) as store:  # the pack carries the wrapped key: the passphrase opens it
        store.unlock_drafts(DRAFTS_PASSPHRASE)
        assert store.answers(uuid)["phone"] == SECRET_ANSWERS["phone"]


def test_plain_drafts_of_a_study_sealed_later__encrypted_when_unlocked(tmp_path, keys):
    path = tmp_path / "later.db"
    with Store.open(path) as store:
        register_sealed_form(store, tmp_path, "")
        uuid = store.start_interview("sealed", "1", interviewer="A")
        store.save_answer(uuid, "story", SECRET_ANSWERS["story"])
        store.set_study_public_key(keys.public_text)
        assert store.unlock_drafts(DRAFTS_PASSPHRASE)
        assert store.answers(uuid)["story"] == SECRET_ANSWERS["story"]
    assert SECRET_ANSWERS["story"].encode() not in path.read_bytes()


def test_keys_drafts_command__sets_then_checks_the_passphrase(tmp_path, keys, monkeypatch,
                                                              capsys):
    path = tmp_path / "cli.db"
    with Store.open(path) as store:
        register_sealed_form(store, tmp_path, "")
    monkeypatch.setenv("KELISIM_PASSPHRASE", DRAFTS_PASSPHRASE)
    assert main(["keys", "drafts", "--db", str(path)]) == 0
    assert "[sealing.drafts_passphrase_set]" in capsys.readouterr().out
    assert main(["keys", "drafts", "--db", str(path)]) == 0
    assert "drafts_passphrase_set" not in capsys.readouterr().out
    monkeypatch.setenv("KELISIM_PASSPHRASE", "a wrong passphrase")
    assert main(["keys", "drafts", "--db", str(path)]) == 1
    assert "[sealing.drafts_wrong_passphrase]" in capsys.readouterr().err


def test_cipher_text__bound_to_interview_and_question():
    from survey.sealing.drafts import MARK, create_device_key

    cipher, _ = create_device_key(DRAFTS_PASSPHRASE, cost=2**10)
    stored = cipher.encrypt("u1", "phone", "text", "+7 701")
    assert stored.startswith(MARK) and "+7 701" not in stored
    assert cipher.decrypt("u1", "phone", stored) == ("text", "+7 701")
    raw = bytearray(base64.b64decode(stored[len(MARK):]))
    raw[-1] ^= 1
    for args in (("u2", "phone", stored), ("u1", "name", stored),
                 ("u1", "phone", MARK + base64.b64encode(bytes(raw)).decode())):
        with pytest.raises(SealingError) as caught:
            cipher.decrypt(*args)
        assert caught.value.code == "sealing.draft_damaged"


def test_export_of_locked_drafts__answers_left_out_no_ciphertext_no_bad_values(drafted):
    from survey.export import interviews_frame

    path, uuid = drafted
    with Store.open_read_only(path) as store:
        table = interviews_frame(store, form_id="sealed", status="draft")
    assert list(table.frame["uuid"]) == [uuid] and list(table.notes) == []
    cells = [str(v) for v in table.frame.to_numpy().ravel()]
    assert not [c for c in cells if "kelisim-draft" in c or "\x1b" in c]
    assert table.frame["phone"].isna().all() and table.frame["household"].isna().all()


def test_sealed_questionnaire_with_a_roster__its_drafts_are_locked_until_unlocked(tmp_path, keys):
    from survey.form.xlsform import load_form
    from tests.formbuilder import write_xlsform

    survey = [{"type": "text", "name": "story", "label": "Story"},
              {"type": "begin_repeat", "name": "members", "label": "Member"},
              {"type": "text", "name": "member", "label": "Name"},
              {"type": "end_repeat", "name": "members"}]
    settings = {"form_id": "roster", "version": "1", "public_key": keys.public_text}
    data = write_xlsform(tmp_path / "roster.xlsx", survey, None, settings).read_bytes()
    with Store.open(tmp_path / "laptop.db") as store:
        store.register_form(load_form(data, filename="roster.xlsx", repeats=True), data)
    with Store.open(tmp_path / "laptop.db") as store:  # the drafts' key not unlocked
        assert store.drafts_locked("roster", "1")
