"""Files of media questions: kept in the store with digest and original name, size-limited by
the form, cleared with their answer, and merged with their interview."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from survey.form import load_form
from survey.interview.session import InterviewSession
from survey.store import Store, merge
from tests.formbuilder import write_xlsform


def _setup(tmp_path: Path, db: str = "a.db", limit: float | None = None) -> tuple[Store, str]:
    settings: dict[str, object] = {"form_id": "media"}
    if limit is not None:
        settings["kelisim::max_file_mb"] = limit
    path = write_xlsform(tmp_path / "media.xlsx", [
        {"type": "image", "name": "photo", "label": "Photo"},
        {"type": "calculate", "name": "has", "calculation": "string-length(${photo}) > 0"},
    ], None, settings)
    store = Store.open(tmp_path / db)
    store.register_form(load_form(path), path.read_bytes())
    return store, store.start_interview("media", "", interviewer="Dana")


def test_attach_file__bytes_digest_and_original_name_kept(tmp_path: Path) -> None:
    store, uuid = _setup(tmp_path)
    picture = tmp_path / "Фото 1.JPG"
    picture.write_bytes(b"\xff\xd8jpeg bytes")
    session = InterviewSession(store, uuid)
    assert session.attach_file("photo", picture).ok
    digest = hashlib.sha256(b"\xff\xd8jpeg bytes").hexdigest()
    stored = store.answers(uuid)
    assert stored["photo"] == f"Фото_1-{digest[:8]}.jpg"
    assert stored["has"] == "true"
    file = session.attached_file("photo")
    assert file is not None
    assert (file.data, file.sha256, file.original_name, file.size) == (
        b"\xff\xd8jpeg bytes", digest, "Фото 1.JPG", 12)
    store.close()


def test_attach_file__larger_than_the_form_allows__refused_nothing_stored(tmp_path: Path) -> None:
    store, uuid = _setup(tmp_path, limit=0.001)
    big = tmp_path / "big.png"
    big.write_bytes(b"x" * 2000)
    verdict = InterviewSession(store, uuid).attach_file("photo", big)
    assert (verdict.ok, verdict.code) == (False, "file.too_large")
    assert store.answers(uuid).get("photo") is None
    assert store.media_file(uuid, "photo") is None
    store.close()


def test_clearing_the_answer__file_removed(tmp_path: Path) -> None:
    store, uuid = _setup(tmp_path)
    picture = tmp_path / "p.png"
    picture.write_bytes(b"png")
    session = InterviewSession(store, uuid)
    session.attach_file("photo", picture)
    session.answer("photo", None)
    assert store.media_file(uuid, "photo") is None
    store.close()


@pytest.mark.slow
def test_merge__files_travel_with_their_interviews(tmp_path: Path) -> None:
    store, uuid = _setup(tmp_path, "laptop.db")
    picture = tmp_path / "p.png"
    picture.write_bytes(b"first")
    session = InterviewSession(store, uuid)
    session.attach_file("photo", picture)
    store.close()
    merge(tmp_path / "master.db", [tmp_path / "laptop.db"])
    with Store.open(tmp_path / "laptop.db") as laptop:
        picture.write_bytes(b"second")
        InterviewSession(laptop, uuid).attach_file("photo", picture)
    merge(tmp_path / "master.db", [tmp_path / "laptop.db"])
    with Store.open(tmp_path / "master.db") as master:
        file = master.media_file(uuid, "photo")
        assert file is not None and file.data == b"second"
        assert master.answers(uuid)["photo"] == file.name
