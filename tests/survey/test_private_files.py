"""Respondents' answers are private: databases, their logs, packs and the master are 0600 in
0700 folders, whatever the umask (POSIX)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from survey.private import (
    PRIVATE_FILE_MODE,
    create_private_file,
    make_private_folder,
    open_private,
    private_partial,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask():
    """The umask most desktops have (0022: new files 0644, new folders 0755)."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_helpers__files_0600_from_the_first_byte(tmp_path):
    created = create_private_file(tmp_path / "a")
    with pytest.raises(FileExistsError):
        create_private_file(created)
    with open_private(tmp_path / "b.csv", "w", encoding="utf-8") as out:
        out.write("uuid\n")
        assert _mode(tmp_path / "b.csv") == PRIVATE_FILE_MODE
    folder = make_private_folder(tmp_path / "out")
    partial = private_partial(folder / "export.xlsx")
    assert partial.parent == folder and _mode(folder) == 0o700
    assert partial.name.startswith(".export.xlsx.") and partial.name.endswith(".partial")
    assert [_mode(p) for p in (created, partial)] == [0o600, 0o600]
