"""Settings rows as plain values (texts by key, the emblem), and the register of issued documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from lowres_desktop.storage.models_documents import IssuedDocumentRow, SettingRow


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


@dataclass(frozen=True)
class IssuedDocument:
    """One document as issued; `pdf` is loaded only by `IssuedDocumentsRepository.get`."""

    id: int
    kind: str
    doc_type: str
    title: str
    issued_on: date | None
    number: str
    request_json: str
    basis_json: str
    created_at: datetime
    pdf: bytes = b""


class IssuedDocumentsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, document: IssuedDocument) -> int:
        row = IssuedDocumentRow(
            kind=document.kind,
            doc_type=document.doc_type,
            title=document.title,
            issued_on=document.issued_on,
            number=document.number,
            request_json=document.request_json,
            basis_json=document.basis_json,
            pdf=document.pdf,
            created_at=document.created_at,
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def listing(self) -> list[IssuedDocument]:
        """Newest first, without the PDFs."""
        columns = [c for c in IssuedDocumentRow.__table__.columns if c.name != "pdf"]
        rows = self._session.execute(select(*columns).order_by(IssuedDocumentRow.id.desc()))
        return [IssuedDocument(**row._asdict()) for row in rows]

    def get(self, document_id: int) -> IssuedDocument | None:
        row = self._session.get(IssuedDocumentRow, document_id)
        if row is None:
            return None
        return IssuedDocument(
            row.id, row.kind, row.doc_type, row.title, row.issued_on, row.number,
            row.request_json, row.basis_json, row.created_at, row.pdf,
        )  # fmt: skip
