"""Where the store lives by default."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "Kelisim"
DATABASE_FILENAME = "kelisim.db"


def default_database_path() -> Path:
    """The laptop's database: ``<user data folder>/Kelisim/kelisim.db`` (not created here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DATABASE_FILENAME
