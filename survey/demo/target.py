"""Which database demo interviews may go into.

Demo interviews live in a database of their own (``demo_database_path()``, marked with
``Store.is_demo``). A database that holds real interviews, or the laptop's real database
(``default_database_path()``), receives them only when the user asks explicitly.
"""

from __future__ import annotations

from pathlib import Path

from survey.demo.codes import DemoCode
from survey.messages import Location, Message
from survey.store import Store, default_database_path

#: The command-line option that lets demo interviews into a real database.
INTO_REAL_OPTION = "--into-real-database"


def _same(a: Path, b: Path) -> bool:
    return a.expanduser().resolve() == b.expanduser().resolve()


def demo_target_problem(path: Path) -> Message | None:
    """Why demo interviews may not be added to the database at ``path``; None when they may
    (a new file, an empty file other than the real database, or a demo database)."""
    where = Location(file=str(path))
    real_default = _same(path, default_database_path())
    if not path.exists() or path.stat().st_size == 0:
        return DemoCode.REAL_DATABASE.message(where, option=INTO_REAL_OPTION) \
            if real_default else None
    with Store.open_read_only(path) as store:
        if store.is_demo():
            return None
        count = store.count_interviews()
    if count:
        return DemoCode.REAL_INTERVIEWS.message(where, count=count, option=INTO_REAL_OPTION)
    if real_default:
        return DemoCode.REAL_DATABASE.message(where, option=INTO_REAL_OPTION)
    return None
