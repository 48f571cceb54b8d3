"""Reading from the server: ``--db postgresql://`` for export and reports (the same wide table
as from a file), one snapshot while laptops sync, fieldwork monitoring, passwords, TLS."""

from __future__ import annotations

import zipfile
from pathlib import Path

import keyring
import pandas as pd
import pytest
from keyring.backend import KeyringBackend

from desktop.cli import main
from questionnaires import bundled_form_bytes
from survey.demo import DemoOptions, fill_database
from survey.errors import StoreError
from survey.export import interviews_frame, read_interviews
from survey.form.xlsform import load_form
from survey.store import Store, merge
from survey.store.postgres.admin import set_quota
from survey.store.postgres.connection import Address
from survey.store.postgres.reader import ServerReader
from survey.sync import sync
from survey.sync.credentials import SERVICE, resolve_password, stored_password


def _demo(path, count, seed):
    with Store.open(path) as store:
        fill_database(store, DemoOptions(interviews=count, seed=seed))


@pytest.fixture
def demo_server(kelisim_server, tmp_path):
    """Two demo laptops synced to the server, and the same two merged into a file."""
    _demo(tmp_path / "a.db", 60, 1)
    _demo(tmp_path / "b.db", 40, 2)
    for laptop in ("a.db", "b.db"):
        sync(tmp_path / laptop, kelisim_server.address(), None)
    merge(tmp_path / "master.db", [tmp_path / "a.db", tmp_path / "b.db"])
    return kelisim_server


def _sorted(frame):
    return frame.sort_values("uuid").reset_index(drop=True)


def test_read_interviews__server__same_table_as_from_merged_file(demo_server, tmp_path):
    from_server = read_interviews(demo_server.url, status=None)
    from_file = read_interviews(tmp_path / "master.db", status=None)
    assert len(from_server) == 100
    pd.testing.assert_frame_equal(_sorted(from_server), _sorted(from_file))


def _zipped_csv(archive: Path, name: str) -> pd.DataFrame:
    with zipfile.ZipFile(archive) as book, book.open(name) as data:
        return pd.read_csv(data)


def test_cli_export__server_url__file_written_like_from_file(demo_server, tmp_path):
    assert main(["export", "--db", demo_server.url, "--format", "csv",
                 "--out", str(tmp_path / "server.csv")]) == 0
    assert main(["export", "--db", str(tmp_path / "master.db"), "--format", "csv",
                 "--out", str(tmp_path / "file.csv")]) == 0
    # one csv per level in a zip (the roster's too): the interviews' csv compared
    server_rows = _zipped_csv(tmp_path / "server.zip", "server.csv").sort_values("uuid")
    file_rows = _zipped_csv(tmp_path / "file.zip", "file.csv").sort_values("uuid")
    pd.testing.assert_frame_equal(server_rows.reset_index(drop=True),
                                  file_rows.reset_index(drop=True))


def test_cli_report__server_url__same_data_hash_as_file(demo_server, tmp_path, capsys):
    assert main(["report", "--db", demo_server.url, "--xlsx", str(tmp_path / "s.xlsx"),
                 "--weighting", "none", "--wave", "all", "--quiet"]) == 0
    server_hash = capsys.readouterr().out.split("data SHA-256 ")[1].split(";")[0]
    assert main(["report", "--db", str(tmp_path / "master.db"), "--xlsx",
                 str(tmp_path / "f.xlsx"), "--weighting", "none", "--wave", "all",
                 "--quiet"]) == 0
    file_hash = capsys.readouterr().out.split("data SHA-256 ")[1].split(";")[0]
    assert server_hash == file_hash
    assert (tmp_path / "s.xlsx").stat().st_size > 0


def test_reader__one_snapshot_while_a_laptop_syncs(demo_server, tmp_path):
    with ServerReader.open(demo_server.address()) as reader:
        before = interviews_frame(reader, status=None)
        _demo(tmp_path / "c.db", 30, 3)
        sync(tmp_path / "c.db", demo_server.address(), None)
        assert reader.count_interviews() == 100  # the reader's moment
        assert interviews_frame(reader, status=None) is before  # cache key unchanged
        reader.refresh()
        assert reader.count_interviews() == 130
        after = interviews_frame(reader, status=None)
    assert len(before.frame) == 100 and len(after.frame) == 130


def test_reader__cannot_write(demo_server):
    with ServerReader.open(demo_server.address()) as reader, pytest.raises(StoreError) as error:
        reader._query("DELETE FROM kelisim.quotas")
    assert error.value.code == "server.database_error"


def test_fieldwork__regions_interviewers_days_against_quotas(demo_server, tmp_path):
    with demo_server.admin() as conn:
        set_quota(conn, demo_server.address(), "kelisim_mediation_kz", "almaty", 10)
    with Store.open(tmp_path / "master.db") as store:
        regions = store.answer_counts("kelisim_mediation_kz", "region")
        complete = [r for r in store.interviews(status="complete")]
    with ServerReader.open(demo_server.address()) as reader:
        work = reader.fieldwork("kelisim_mediation_kz")
    assert {r: n for r, n, _t in work.regions if n} == regions
    assert dict((r, t) for r, _n, t in work.regions)["almaty"] == 10
    assert sum(c for _n, c, _d, _l in work.interviewers) == len(complete)
    local_days: dict = {}
    for record in complete:
        day = record.local(record.completed_at).date()
        local_days[day] = local_days.get(day, 0) + 1
    assert dict(work.days) == local_days


def test_cli_status__prints_regions_interviewers_days(demo_server, capsys):
    assert main(["status", "--server", demo_server.url, "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "анкета kelisim_mediation_kz" in out
    assert "По интервьюерам:" in out and "По дням завершения:" in out


class MemoryKeyring(KeyringBackend):
    """The system keyring's role, in memory (this machine has no desktop keyring)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        self.items.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


def test_password__prompted_remembered_in_keyring_then_used(kelisim_server, memory_keyring):
    login = kelisim_server.add_user("aigerim", interviewers=("A",), password="right")
    address = Address.parse(kelisim_server.cluster.url(kelisim_server.database, login.user))
    asked = []
    password = resolve_password(address, lambda a: asked.append(a) or "right", remember=True)
    assert password == "right" and len(asked) == 1
    assert memory_keyring.items == {(SERVICE, address.display): "right"}
    assert resolve_password(address, lambda a: pytest.fail("asked again")) == "right"


def test_password__stale_in_keyring__forgotten_and_prompted(kelisim_server, memory_keyring):
    login = kelisim_server.add_user("aigerim", interviewers=("A",), password="new")
    address = Address.parse(kelisim_server.cluster.url(kelisim_server.database, login.user))
    memory_keyring.set_password(SERVICE, address.display, "old")
    assert resolve_password(address, lambda a: "new") == "new"
    assert stored_password(address) is None


def test_password__refused_without_prompt__password_refused(kelisim_server, memory_keyring):
    login = kelisim_server.add_user("aigerim", interviewers=("A",), password="right")
    address = Address.parse(kelisim_server.cluster.url(kelisim_server.database, login.user))
    with pytest.raises(StoreError) as caught:
        resolve_password(address, None)
    assert caught.value.code == "server.password_refused"


def test_sslmode__passed_to_libpq(kelisim_server, tmp_path):
    required = Address.parse(kelisim_server.url + "?sslmode=require")
    with pytest.raises(StoreError) as caught:
        ServerReader.open(required)
    assert caught.value.code == "server.cannot_connect"
    assert "SSL" in str(caught.value)
    ServerReader.open(Address.parse(kelisim_server.url + "?sslmode=disable")).close()


def test_address__password_never_shown(kelisim_server):
    address = Address.parse(kelisim_server.url)
    assert kelisim_server.cluster.password not in address.display
    assert kelisim_server.cluster.password not in repr(address)


def test_bundled_form__published_and_received_by_a_new_laptop(kelisim_server, tmp_path):
    data = bundled_form_bytes()
    kelisim_server.publish(load_form(data, repeats=True), data)
    Store.open(tmp_path / "new.db").close()
    summary = sync(tmp_path / "new.db", kelisim_server.address(), None)
    assert summary.forms_received == 1


def test_is_demo__demo_laptops_synced__true_as_for_the_merged_file(demo_server, tmp_path):
    """A server keeps no mark of its own: the demo generator's interviews on it tell, as a
    merge of the same laptops marks the master (the report says demo data either way)."""
    with ServerReader.open(demo_server.address()) as reader:
        assert reader.is_demo()
    with Store.open_read_only(tmp_path / "master.db") as master:
        assert master.is_demo()


def test_is_demo__real_laptop_synced__false(kelisim_server, tmp_path):
    data = bundled_form_bytes()
    form = load_form(data, repeats=True)
    kelisim_server.publish(form, data)
    laptop = tmp_path / "laptop.db"
    Store.open(laptop).close()
    sync(laptop, kelisim_server.address(), None)
    with Store.open(laptop) as store:
        store.start_interview(form.form_id, form.version, interviewer="ALM-07")
    sync(laptop, kelisim_server.address(), None)
    with ServerReader.open(kelisim_server.address()) as reader:
        assert reader.count_interviews() == 1 and not reader.is_demo()
