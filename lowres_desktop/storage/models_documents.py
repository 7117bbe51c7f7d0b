"""Business settings for documents: the organisation's requisites, one row per setting.

Requisites belong to the organisation, not to one PC, so they live in the
database (shared over PostgreSQL) rather than in QSettings.
"""

from __future__ import annotations

from sqlalchemy import LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lowres_desktop.storage.models import Base


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)
    data: Mapped[bytes | None] = mapped_column(LargeBinary)
    """Binary settings (the emblem image)."""
