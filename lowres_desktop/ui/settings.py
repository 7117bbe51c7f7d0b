"""Typed keys of the UI's own state in QSettings: recent databases, window, last page, audit name,
the folders the file dialogs last opened.

Business settings (requisites, the backup limit) live in the database; what
is kept here belongs to this user on this computer only.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from lowres_desktop.paths import APP_AUTHOR, APP_NAME

RECENT_LIMIT = 8


class UiSettings:
    """One place that knows the key names and value types."""

    RECENT = "databases/recent"
    GEOMETRY = "window/geometry"
    STATE = "window/state"
    PAGE = "window/page"
    USER_NAME = "audit/user_name"
    FOLDERS = "folders"

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings(APP_AUTHOR, APP_NAME)

    def recent_databases(self) -> list[str]:
        value = self._settings.value(self.RECENT, [])
        if isinstance(value, str):
            value = [value]
        return [str(item) for item in value or [] if item]

    def remember_database(self, target: str) -> None:
        """Put `target` first; a URL is stored as the user typed it minus any password."""
        recent = [target] + [item for item in self.recent_databases() if item != target]
        self._settings.setValue(self.RECENT, recent[:RECENT_LIMIT])

    def forget_database(self, target: str) -> None:
        self._settings.setValue(self.RECENT, [item for item in self.recent_databases() if item != target])

    def geometry(self) -> QByteArray | None:
        value = self._settings.value(self.GEOMETRY)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._settings.setValue(self.GEOMETRY, geometry)

    def window_state(self) -> QByteArray | None:
        value = self._settings.value(self.STATE)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, state: QByteArray) -> None:
        self._settings.setValue(self.STATE, state)

    def last_page(self) -> int:
        value = self._settings.value(self.PAGE, 0)
        try:
            return int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return 0

    def set_last_page(self, page: int) -> None:
        self._settings.setValue(self.PAGE, int(page))

    def user_name(self) -> str:
        """The name the audit log shows instead of the Windows user name; empty for the OS user."""
        return str(self._settings.value(self.USER_NAME, "") or "")

    def set_user_name(self, name: str) -> None:
        self._settings.setValue(self.USER_NAME, name.strip())

    def folder(self, kind: str) -> str:
        """The folder last chosen in a file dialog for this kind of file; empty when none yet."""
        return str(self._settings.value(f"{self.FOLDERS}/{kind}", "") or "")

    def set_folder(self, kind: str, folder: str) -> None:
        self._settings.setValue(f"{self.FOLDERS}/{kind}", folder)

    def sync(self) -> None:
        self._settings.sync()
