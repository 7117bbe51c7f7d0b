"""Documents' rows: the organisation's requisites (one row per setting) and the documents issued.

Requisites belong to the organisation, not to one PC, so they live in the
database (shared over PostgreSQL) rather than in QSettings. An issued document
keeps what was asked, the basis as edited and the very PDF printed, so a
reprint months later is the same paper whatever the data became.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lowres_desktop.storage.models import Base


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)
    data: Mapped[bytes | None] = mapped_column(LargeBinary)
    """Binary settings (the emblem image)."""


class IssuedDocumentRow(Base):
    __tablename__ = "issued_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    doc_type: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    issued_on: Mapped[date | None] = mapped_column(Date)
    number: Mapped[str] = mapped_column(String(64), default="")
    request_json: Mapped[str] = mapped_column(Text)
    """The kind's parameters (year, roadmap, round, school…) as asked."""
    basis_json: Mapped[str] = mapped_column(Text)
    """Type, issuing body, grounds, points, control, executor as edited before printing."""
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
