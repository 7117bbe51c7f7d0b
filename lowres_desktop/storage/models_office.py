"""The audit log: one row per change of a stored value, written by `storage.audit`.

Inserts and deletes are one row each (the whole record as text in
`new_value` / `old_value`); an update is one row per changed field. Values
are kept as text so the log reads the same whatever the table.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lowres_desktop.storage.models import Base


class AuditEntryRow(Base):
    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_table_name_row_key", "table_name", "row_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))
    table_name: Mapped[str] = mapped_column(String(64))
    row_key: Mapped[str] = mapped_column(String(200))
    field: Mapped[str | None] = mapped_column(String(100))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
