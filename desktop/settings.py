"""Per-user settings of the desktop application, kept with QSettings.

The interviewer's name or ID, the interface language, the last database, the form language
chosen for new interviews, the interview left open (offered again after a crash), the last
real database (left for demo data), the export's last format and folder, and the server last
synced with or connected to. Tests pass their own ``QSettings`` (an ini file in a temporary
folder) so that nothing touches the real user profile.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION = "Kelisim"
APPLICATION = "Kelisim"


class _Text:
    """One text setting, stored under its attribute's name."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name

    def __get__(self, settings: AppSettings, owner: type | None = None) -> str:
        return settings._text(self.key)

    def __set__(self, settings: AppSettings, value: str) -> None:
        settings._set(self.key, value.strip())


class AppSettings:
    """Typed access to the application's QSettings."""

    #: The interviewer's code or name, recorded on interviews and filled in the forms.
    interviewer = _Text()
    interface_language = _Text()
    last_database = _Text()
    #: The form language chosen for new interviews.
    form_language = _Text()
    #: The last database opened that is not a demo database ("Back to my database").
    real_database = _Text()
    #: The last export's format and folder, offered again.
    export_format = _Text()
    export_folder = _Text()
    #: The Kelisim server last synced with or connected to (no password in it).
    server_url = _Text()

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings if qsettings is not None else QSettings(ORGANISATION, APPLICATION)

    def _text(self, key: str) -> str:
        value = self._q.value(key, "")
        return str(value) if value is not None else ""

    def _set(self, key: str, value: str) -> None:
        self._q.setValue(key, value)
        self._q.sync()

    @property
    def open_interview(self) -> tuple[str, str] | None:
        """(database path, uuid) of the interview on the Interview tab, kept until it is
        completed or the user leaves it: after a crash the application offers to resume it."""
        text = self._text("open_interview")
        path, _tab, uuid = text.partition("\t")
        return (path, uuid) if path and uuid else None

    @open_interview.setter
    def open_interview(self, value: tuple[str, str] | None) -> None:
        self._set("open_interview", "" if value is None else "\t".join(value))
