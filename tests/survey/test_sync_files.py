"""Files on the server: the files that come with a questionnaire travel with it (published,
synced, received by a new laptop), the files attached to answers travel with their
interviews, are replaced when the kept answer names another file, are private to their
interviewer, and are written beside an export made from the server."""

from __future__ import annotations

import hashlib
from pathlib import Path

import psycopg
import pytest

from survey.export import export_interviews
from survey.form import load_form
from survey.store import Store, merge
from survey.store.postgres.reader import ServerReader
from survey.sync import sync
from tests.formbuilder import write_xlsform

CITIES_CSV = "name,label\nast,Astana\nalm,Almaty\n"


def _form_file(tmp_path: Path) -> Path:
    """The questionnaire, written once per test: a workbook written again a second later has
    other bytes (its time stamp), which the server would refuse as another form."""
    if (tmp_path / "files.xlsx").exists():
        return tmp_path / "files.xlsx"
    (tmp_path / "cities.csv").write_text(CITIES_CSV, encoding="utf-8")
    return write_xlsform(tmp_path / "files.xlsx", [
        {"type": "select_one_from_file cities.csv", "name": "city", "label": "City"},
        {"type": "image", "name": "photo", "label": "Photo"},
    ], None, {"form_id": "files", "version": "1"})


def _laptop(tmp_path: Path, name: str, photos: dict[str, bytes]) -> dict[str, str]:
    """A laptop with one complete interview per photo (interviewer ``int-<name>``); returns
    uuid -> the stored file name."""
    form_path = _form_file(tmp_path)
    stored = {}
    with Store.open(tmp_path / f"{name}.db") as store:
        store.register_form(load_form(form_path), form_path.read_bytes())
        for original, data in photos.items():
            uuid = store.start_interview("files", "1", interviewer=f"int-{name}")
            store.save_answer(uuid, "city", "alm")
            stored[uuid] = store.attach_file(uuid, "photo", original, data)
            store.complete(uuid)
    return stored


def _server_media(server) -> dict[tuple[str, str], tuple[str, bytes]]:
    with server.admin() as conn:
        return {(u, q): (n, bytes(d)) for u, q, n, d in conn.execute(
            "SELECT uuid, question, name, data FROM kelisim.media")}


def test_sync__attached_files_and_form_files_reach_the_server(kelisim_server, tmp_path):
    stored = _laptop(tmp_path, "a", {"Фото.jpg": b"\xff\xd8first", "p.png": b"\x89PNG"})
    summary = sync(tmp_path / "a.db", kelisim_server.address(), None)
    assert summary.added == 2
    expected = {(uuid, "photo"): (name, data) for (uuid, name), data in
                zip(stored.items(), (b"\xff\xd8first", b"\x89PNG"), strict=True)}
    assert _server_media(kelisim_server) == expected
    with kelisim_server.admin() as conn:
        files = conn.execute("SELECT form_id, version, name, sha256, data "
                             "FROM kelisim.form_files").fetchall()
    assert files == [("files", "1", "cities.csv",
                      hashlib.sha256(CITIES_CSV.encode()).hexdigest(), CITIES_CSV.encode())]


def test_sync__new_laptop__receives_the_form_with_its_files(kelisim_server, tmp_path):
    _laptop(tmp_path, "a", {"p.png": b"png"})
    sync(tmp_path / "a.db", kelisim_server.address(), None)
    with Store.open(tmp_path / "new.db"):
        pass
    summary = sync(tmp_path / "new.db", kelisim_server.address(), None)
    assert summary.forms_received == 1
    with Store.open(tmp_path / "new.db") as store:
        form = store.load_form("files", "1")
    assert [c.name for c in form.question("city").choices] == ["ast", "alm"]
    with ServerReader.open(kelisim_server.address()) as reader:
        assert [c.name for c in reader.load_form("files", "1").question("city").choices] == [
            "ast", "alm"]


def test_sync__photo_changed_after_sending__server_file_replaced(kelisim_server, tmp_path):
    (uuid,) = _laptop(tmp_path, "a", {"p.png": b"first"})
    sync(tmp_path / "a.db", kelisim_server.address(), None)
    with Store.open(tmp_path / "a.db") as store:
        store.reopen(uuid, who="Supervisor", reason="wrong photo")
        name = store.attach_file(uuid, "photo", "p.png", b"second")
        store.complete(uuid)
    summary = sync(tmp_path / "a.db", kelisim_server.address(), None)
    assert summary.updated == 1
    assert _server_media(kelisim_server) == {(uuid, "photo"): (name, b"second")}


def test_sync__diverging_photos__server_keeps_the_file_of_the_kept_answer(kelisim_server,
                                                                         tmp_path):
    (uuid,) = _laptop(tmp_path, "a", {"p.png": b"first"})
    merge(tmp_path / "b.db", [tmp_path / "a.db"])
    sync(tmp_path / "a.db", kelisim_server.address(), None)
    with Store.open(tmp_path / "b.db") as store:
        store.reopen(uuid, who="Supervisor", reason="better photo")
        name = store.attach_file(uuid, "photo", "p.png", b"from b")
        store.complete(uuid)
    sync(tmp_path / "b.db", kelisim_server.address(), None)
    with ServerReader.open(kelisim_server.address()) as reader:
        assert reader.answers(uuid)["photo"] == name
    assert _server_media(kelisim_server) == {(uuid, "photo"): (name, b"from b")}


def test_media__interviewer_login_reads_only_its_own_files(kelisim_server, tmp_path):
    mine = _laptop(tmp_path, "a", {"a.png": b"mine"})
    _laptop(tmp_path, "b", {"b.png": b"theirs"})
    for laptop in ("a.db", "b.db"):
        sync(tmp_path / laptop, kelisim_server.address(), None)
    login = kelisim_server.add_user("aigerim", interviewers=("int-a",))
    with ServerReader.open(login) as reader:
        seen = {(u, f.data) for u, _q, f in reader.media_files()}
    assert seen == {(next(iter(mine)), b"mine")}
    url = kelisim_server.cluster.url(kelisim_server.database,
                                     f"{kelisim_server.database}_aigerim", "secret-pw")
    with psycopg.connect(url, autocommit=True) as conn, pytest.raises(psycopg.Error):
        conn.execute("DELETE FROM kelisim.media")


def test_export_from_server__attached_files_written_beside_the_data(kelisim_server, tmp_path):
    stored = _laptop(tmp_path, "a", {"Фото.jpg": b"\xff\xd8jpeg"})
    sync(tmp_path / "a.db", kelisim_server.address(), None)
    out = tmp_path / "out" / "survey.csv"
    out.parent.mkdir()
    export_interviews(kelisim_server.url, out, "csv", form_id="files")
    (name,) = stored.values()
    assert (tmp_path / "out" / "survey-media" / name).read_bytes() == b"\xff\xd8jpeg"
    assert name in out.read_text(encoding="utf-8")
