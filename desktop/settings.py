"""Per-user settings of the desktop application, kept with QSettings.

The interviewer's name or ID, the interface language, the last database and the form
language chosen for new interviews. Tests pass their own ``QSettings`` (an ini file in a
temporary folder) so that nothing touches the real user profile.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION = "Kelisim"
APPLICATION = "Kelisim"


class AppSettings:
    """Typed access to the application's QSettings."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings if qsettings is not None else QSettings(ORGANISATION, APPLICATION)

    def _text(self, key: str) -> str:
        value = self._q.value(key, "")
        return str(value) if value is not None else ""

    def _set(self, key: str, value: str) -> None:
        self._q.setValue(key, value)
        self._q.sync()

    @property
    def interviewer(self) -> str:
        return self._text("interviewer")

    @interviewer.setter
    def interviewer(self, value: str) -> None:
        self._set("interviewer", value.strip())

    @property
    def interface_language(self) -> str:
        return self._text("interface_language")

    @interface_language.setter
    def interface_language(self, value: str) -> None:
        self._set("interface_language", value)

    @property
    def last_database(self) -> str:
        return self._text("last_database")

    @last_database.setter
    def last_database(self, value: str) -> None:
        self._set("last_database", value)

    @property
    def form_language(self) -> str:
        return self._text("form_language")

    @form_language.setter
    def form_language(self, value: str) -> None:
        self._set("form_language", value)

    @property
    def server_url(self) -> str:
        """The Kelisim server last synced with or connected to (no password in it)."""
        return self._text("server_url")

    @server_url.setter
    def server_url(self, value: str) -> None:
        self._set("server_url", value.strip())
