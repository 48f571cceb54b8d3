"""The sealing commands end to end, headless: keys, demo --public-key, pack, merge, unseal,
export; passphrases never on the command line."""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop.cli import main
from survey.store import Store

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "aral sea blue 1991"


def _kelisim(*args: str, stdin: str | None = None, env: dict[str, str] | None = None,
             ) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "KELISIM_PASSPHRASE"}
    environment.update({"PYTHONPATH": str(ROOT), "KELISIM_LANG": "en"}, **(env or {}))
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], input=stdin or "",
                          capture_output=True, text=True, env=environment, cwd=ROOT,
                          timeout=600)


@pytest.fixture(scope="module")
def keys(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "keys"
    done = _kelisim("keys", "create", "--out", str(folder), stdin=PASSPHRASE + "\n")
    assert done.returncode == 0, done.stderr
    assert "[sealing.keys_written]" in done.stdout
    return folder


def test_keys_create__files_0600_in_a_0700_folder_never_overwritten(keys):
    private, public = keys / "kelisim-private-key.pem", keys / "kelisim-public-key.txt"
    assert stat.S_IMODE(keys.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in (private, public)} == {0o600}
    before = private.read_bytes()
    again = _kelisim("keys", "create", "--out", str(keys), stdin=PASSPHRASE + "\n")
    assert again.returncode == 1 and "[sealing.key_exists]" in again.stderr
    assert private.read_bytes() == before


@pytest.mark.slow
def test_keys_create__short_or_missing_passphrase_refused(tmp_path):
    short = _kelisim("keys", "create", "--out", str(tmp_path / "a"), stdin="short\n")
    assert short.returncode == 1 and "[sealing.short_passphrase]" in short.stderr
    missing = _kelisim("keys", "create", "--out", str(tmp_path / "b"))
    assert missing.returncode == 1 and "[sealing.no_passphrase]" in missing.stderr
    assert not (tmp_path / "a").exists() or not any((tmp_path / "a").iterdir())


@pytest.mark.slow
def test_demo_pack_merge_unseal_export__headless_path(tmp_path, keys):
    laptop, master = tmp_path / "laptop.db", tmp_path / "master.db"
    done = _kelisim("demo", "--db", str(laptop), "--interviews", "30", "--quiet",
                    "--public-key", str(keys / "kelisim-public-key.txt"))
    assert done.returncode == 0, done.stderr
    assert "[sealing.sealed_now]" in done.stdout
    with Store.open_read_only(laptop) as store:
        completed = store.count_interviews(status="complete")
        assert completed > 0 and store.count_sealed() == completed
    packed = _kelisim("pack", "--db", str(laptop), "--to", str(tmp_path / "packs"))
    assert packed.returncode == 0, packed.stderr
    pack_file, = (tmp_path / "packs").glob("*.db")
    assert _kelisim("merge", "--into", str(master), str(pack_file)).returncode == 0

    before = _export(master, tmp_path / "before.csv")
    assert before.rows == [] and "[sealing.sealed_left_out]" in before.note

    wrong = _kelisim("unseal", "--key", str(keys / "kelisim-private-key.pem"), "--into",
                     str(master), env={"KELISIM_PASSPHRASE": "not the passphrase"})
    assert wrong.returncode == 1 and "[sealing.wrong_passphrase]" in wrong.stderr
    opened = _kelisim("unseal", "--key", str(keys / "kelisim-private-key.pem"), "--into",
                      str(master), env={"KELISIM_PASSPHRASE": PASSPHRASE})
    assert opened.returncode == 0, opened.stderr
    assert f"{completed} interviews unsealed; 0 refused; 0 still sealed" in opened.stdout

    after = _export(master, tmp_path / "after.csv", "--status", "complete")
    assert len(after.rows) == completed and after.note == ""
    assert all(row["region"] and row["age"] for row in after.rows)


class _Exported:
    def __init__(self, rows: list[dict[str, str]], note: str) -> None:
        self.rows, self.note = rows, note


def _export(db: Path, out: Path, *extra: str) -> _Exported:
    done = _kelisim("export", "--db", str(db), "--format", "csv", "--out", str(out), *extra)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out.with_suffix(".zip")) as book:  # one csv per level: the roster's
        text = book.read(out.name).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    note = "\n".join(line for line in done.stderr.splitlines() if "sealing." in line)
    return _Exported(rows, note)


def test_unseal__missing_master_refused_not_created(tmp_path, keys, capsys):
    code = main(["unseal", "--key", str(keys / "kelisim-private-key.pem"),
                 "--into", str(tmp_path / "none.db")])
    assert code == 1 and "[store.not_found]" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


@pytest.mark.slow
def test_keys_use__seals_the_laptop_and_leaves_no_answer(tmp_path, keys):
    laptop = tmp_path / "laptop.db"
    assert _kelisim("demo", "--db", str(laptop), "--interviews", "10", "--quiet",
                    "--drafts", "0").returncode == 0
    with Store.open_read_only(laptop) as store:
        some = next(iter(store.answer_rows(status="complete")))
    done = _kelisim("keys", "use", str(keys / "kelisim-public-key.txt"), "--db", str(laptop))
    assert done.returncode == 0, done.stderr
    with Store.open_read_only(laptop) as store:
        assert store.count_sealed() == 10
        assert list(store.answer_rows(status="complete")) == []
    assert some[0] in laptop.read_bytes().decode("latin-1")  # uuids stay readable
