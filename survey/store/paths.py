"""Where the stores live by default."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "Kelisim"
DATABASE_FILENAME = "kelisim.db"
DEMO_DATABASE_FILENAME = "demo.db"


def _user_data_folder() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """The laptop's database: ``<user data folder>/Kelisim/kelisim.db`` (not created here)."""
    return _user_data_folder() / DATABASE_FILENAME


def demo_database_path() -> Path:
    """The database of synthetic demo interviews, kept apart from the real one:
    ``<user data folder>/Kelisim/demo.db`` (not created here)."""
    return _user_data_folder() / DEMO_DATABASE_FILENAME
