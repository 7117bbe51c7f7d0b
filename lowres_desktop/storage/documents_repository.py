"""Settings rows as plain values: texts by key, and binary data (the emblem)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from lowres_desktop.storage.models_documents import SettingRow


class SettingsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def texts(self, prefix: str) -> dict[str, str]:
        """Every text setting whose key starts with `prefix`, keyed without it."""
        rows = self._session.scalars(select(SettingRow).where(SettingRow.key.startswith(prefix)))
        return {row.key[len(prefix) :]: row.value or "" for row in rows if row.value is not None}

    def data(self, key: str) -> bytes | None:
        row = self._session.get(SettingRow, key)
        return row.data if row else None

    def set_text(self, key: str, value: str) -> None:
        row = self._session.get(SettingRow, key) or SettingRow(key=key)
        row.value = value
        self._session.add(row)

    def set_data(self, key: str, data: bytes | None) -> None:
        row = self._session.get(SettingRow, key)
        if data is None:
            if row is not None:
                self._session.delete(row)
            return
        row = row or SettingRow(key=key)
        row.data = data
        self._session.add(row)
