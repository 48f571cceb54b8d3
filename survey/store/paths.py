"""Where the stores live by default."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "Kelisim"
DATABASE_FILENAME = "kelisim.db"
DEMO_DATABASE_FILENAME = "demo.db"


def data_folder() -> Path:
    """Kelisim's own folder in the user-data folder (``<user data folder>/Kelisim``)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """The laptop's database: ``<user data folder>/Kelisim/kelisim.db`` (not created here)."""
    return data_folder() / DATABASE_FILENAME


def demo_database_path() -> Path:
    """The database of synthetic demo interviews, kept apart from the real one:
    ``<user data folder>/Kelisim/demo.db`` (not created here)."""
    return data_folder() / DEMO_DATABASE_FILENAME
