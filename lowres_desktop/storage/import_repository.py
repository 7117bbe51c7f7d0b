"""Repositories of import history, school identifiers, remembered headers and minimum scores.

Results and comparisons of a file are written here in bulk (Core
executemany, not one ORM object per value) because a region's workbook holds
tens of thousands of values and each also leaves a change record for undo;
that record is the log of every value, so the audit log keeps one entry per
statement naming the batch.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import delete, inspect, select, update
from sqlalchemy.orm import Session

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.storage.audit import bulk_note
from lowres_desktop.storage.bulk_insert import insert_rows
from lowres_desktop.storage.import_changes import Change, unpack
from lowres_desktop.storage.models import ImportBatchRow, ProcedureRow, ResultRow, SchoolRow
from lowres_desktop.storage.models_import import (
    HeaderMappingRow,
    ImportBatchDetailRow,
    ImportChangeRow,
    MarkComparisonRow,
    MinimumScoreRow,
    SchoolIdentifierRow,
)

_T = TypeVar("_T")
_CHUNK = 500
"""Ids per IN (…) list: well under every database's limit on parameters."""


class StoredRow(NamedTuple):
    """A stored result or mark comparison as the import compares and undoes it."""

    id: int
    values: tuple[float | int | None, ...]
    """In the order of RESULT_FIELDS or COMPARISON_FIELDS."""
    batch: int | None
    """The import batch that wrote a result (None for comparisons, which do not record it)."""


RESULT_FIELDS = ("participants", "pct_low", "pct_high")
COMPARISON_FIELDS = ("participants", "lowered_pct", "confirmed_pct", "raised_pct")
RESULT_COLUMNS = ("school_id", "procedure_id", "year", *RESULT_FIELDS, "import_batch_id")
COMPARISON_COLUMNS = ("school_id", "procedure_id", "year", *COMPARISON_FIELDS)
CHANGE_COLUMNS = ("batch_id", "target", "school_id", "procedure_id", "year", "old_values", "new_values")
SCHOOL_FIELDS = ("full_name", "short_name", "kind")


@dataclass(frozen=True)
class BatchSummary:
    id: int
    kind: str
    file_name: str
    sha256: str
    imported_at: datetime
    os_user: str
    layout: str
    sheets: str
    schools_new: int
    schools_renamed: int
    results_new: int
    results_changed: int
    results_unchanged: int
    results_kept: int
    comparisons_written: int
    warnings: list[str]
    undone_at: datetime | None
    undone_by: str | None


@dataclass(frozen=True)
class StoredMinimumScore:
    kind: str
    subject: str
    year: int
    scale: str
    minimum: float
    high: float | None
    note: str


class ImportHistoryRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def school_ids(self) -> dict[str, int]:
        return dict(self._session.execute(select(SchoolRow.login, SchoolRow.id)).all())

    def procedure_ids(self) -> dict[ProcedureKey, int]:
        rows = self._session.execute(
            select(ProcedureRow.kind, ProcedureRow.subject, ProcedureRow.grade, ProcedureRow.id)
        )
        return {ProcedureKey(ProcedureKind(k), s, g): id_ for k, s, g, id_ in rows}

    def stored_results(self, school_ids: Sequence[int]) -> dict[tuple[int, int, int], StoredRow]:
        """(school, procedure, year) → the row's id, (participants, % low, % high) and batch."""
        found: dict[tuple[int, int, int], StoredRow] = {}
        for chunk in _chunks(school_ids):
            rows = self._session.execute(
                select(
                    ResultRow.school_id,
                    ResultRow.procedure_id,
                    ResultRow.year,
                    ResultRow.id,
                    ResultRow.participants,
                    ResultRow.pct_low,
                    ResultRow.pct_high,
                    ResultRow.import_batch_id,
                ).where(ResultRow.school_id.in_(chunk))
            )
            for school, procedure, year, id_, participants, low, high, batch in rows:
                found[(school, procedure, year)] = StoredRow(id_, (participants, low, high), batch)
        return found

    def stored_comparisons(self, school_ids: Sequence[int]) -> dict[tuple[int, int, int], StoredRow]:
        """(school, procedure, year) → the row's id and (participants, lowered, confirmed, raised %)."""
        found: dict[tuple[int, int, int], StoredRow] = {}
        for chunk in _chunks(school_ids):
            rows = self._session.execute(
                select(
                    MarkComparisonRow.school_id,
                    MarkComparisonRow.procedure_id,
                    MarkComparisonRow.year,
                    MarkComparisonRow.id,
                    MarkComparisonRow.participants,
                    MarkComparisonRow.lowered_pct,
                    MarkComparisonRow.confirmed_pct,
                    MarkComparisonRow.raised_pct,
                ).where(MarkComparisonRow.school_id.in_(chunk))
            )
            for school, procedure, year, id_, *values in rows:
                found[(school, procedure, year)] = StoredRow(id_, tuple(values), None)
        return found

    def insert_results(self, note: str, rows: list[tuple[Any, ...]]) -> None:
        """New results (values in the order of `RESULT_COLUMNS`), logged as one audit entry: `note`
        names the batch keeping each value."""
        insert_rows(self._session, ResultRow.__table__, RESULT_COLUMNS, rows, note)  # type: ignore[arg-type]

    def update_results(self, note: str, rows: list[dict[str, Any]]) -> None:
        """ORM bulk UPDATE by primary key: rows carry `id` and the new values."""
        if rows:
            self._session.execute(
                update(ResultRow),
                _with_versions(self._session, ResultRow, rows),
                execution_options=bulk_note(note),
            )

    def delete_batch_results(self, batch_id: int, note: str) -> int:
        """Delete the results whose last writer is batch `batch_id`; how many there were."""
        deleted = self._session.execute(
            delete(ResultRow).where(ResultRow.import_batch_id == batch_id), execution_options=bulk_note(note)
        )
        return int(deleted.rowcount)  # type: ignore[attr-defined]

    def insert_comparisons(self, note: str, rows: list[tuple[Any, ...]]) -> None:
        """New comparisons, values in the order of `COMPARISON_COLUMNS`."""
        insert_rows(self._session, MarkComparisonRow.__table__, COMPARISON_COLUMNS, rows, note)  # type: ignore[arg-type]

    def update_comparisons(self, note: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            self._session.execute(
                update(MarkComparisonRow),
                _with_versions(self._session, MarkComparisonRow, rows),
                execution_options=bulk_note(note),
            )

    def delete_comparisons(self, ids: Sequence[int], note: str) -> None:
        for chunk in _chunks(ids):
            self._session.execute(
                delete(MarkComparisonRow).where(MarkComparisonRow.id.in_(chunk)),
                execution_options=bulk_note(note),
            )

    def schools_with_data(self, school_ids: Sequence[int]) -> set[int]:
        """Those of these schools that still have results or comparisons."""
        found: set[int] = set()
        for chunk in _chunks(school_ids):
            for model in (ResultRow, MarkComparisonRow):
                found.update(self._session.scalars(select(model.school_id).where(model.school_id.in_(chunk))))
        return found

    def delete_schools(self, school_ids: Sequence[int], note: str) -> None:
        for chunk in _chunks(school_ids):
            self._session.execute(
                delete(SchoolRow).where(SchoolRow.id.in_(chunk)),
                execution_options=bulk_note(note),
            )

    def add_details(
        self,
        batch_id: int,
        kind: str,
        layout: str,
        sheets: str,
        warnings: list[str],
        results_kept: int,
        comparisons_written: int,
    ) -> None:
        self._session.add(
            ImportBatchDetailRow(
                batch_id=batch_id,
                kind=kind,
                layout=layout,
                sheets=sheets[:1000],
                warnings=warnings[:500],
                results_kept=results_kept,
                comparisons_written=comparisons_written,
            )
        )

    def add_changes(self, batch_id: int, rows: Sequence[Change]) -> None:
        """Record what a batch wrote: `rows` packed per school (see `storage/import_changes.py`).

        Not in the audit log: these rows are themselves the log of the batch.
        """
        insert_rows(
            self._session,
            ImportChangeRow.__table__,  # type: ignore[arg-type]
            CHANGE_COLUMNS,
            [
                (batch_id, row.target, row.school_id, row.procedure_id, row.year, row.old, row.new)
                for row in rows
            ],
        )

    def changes(self, batch_id: int) -> list[Change]:
        rows = self._session.scalars(
            select(ImportChangeRow).where(ImportChangeRow.batch_id == batch_id).order_by(ImportChangeRow.id)
        )
        return [change for row in rows for change in unpack(_stored(row))]

    def later_batches_touching(self, batch_id: int, changes: Sequence[Change]) -> list[int]:
        """Batches after `batch_id`, not undone, that changed a record this batch changed."""
        keys = {(c.target, c.school_id, c.procedure_id, c.year) for c in changes}
        schools = sorted({c.school_id for c in changes})
        touching: set[int] = set()
        for chunk in _chunks(schools):
            rows = self._session.scalars(
                select(ImportChangeRow)
                .join(ImportBatchDetailRow, ImportBatchDetailRow.batch_id == ImportChangeRow.batch_id)
                .where(
                    ImportChangeRow.batch_id > batch_id,
                    ImportBatchDetailRow.undone_at.is_(None),
                    ImportChangeRow.school_id.in_(chunk),
                )
            )
            for row in rows:
                if any((c.target, c.school_id, c.procedure_id, c.year) in keys for c in unpack(_stored(row))):
                    touching.add(row.batch_id)
        return sorted(touching)

    def batches(self) -> list[BatchSummary]:
        rows = self._session.execute(
            select(ImportBatchRow, ImportBatchDetailRow)
            .outerjoin(ImportBatchDetailRow, ImportBatchDetailRow.batch_id == ImportBatchRow.id)
            .order_by(ImportBatchRow.id.desc())
        )
        return [_summary(batch, detail) for batch, detail in rows]

    def batch(self, batch_id: int) -> BatchSummary | None:
        row = self._session.execute(
            select(ImportBatchRow, ImportBatchDetailRow)
            .outerjoin(ImportBatchDetailRow, ImportBatchDetailRow.batch_id == ImportBatchRow.id)
            .where(ImportBatchRow.id == batch_id)
        ).first()
        return _summary(*row) if row else None

    def mark_undone(self, batch_id: int, when: datetime, user: str) -> None:
        detail = self._session.get(ImportBatchDetailRow, batch_id)
        if detail is None:
            detail = ImportBatchDetailRow(batch_id=batch_id, kind="file", warnings=[])
            self._session.add(detail)
        detail.undone_at = when
        detail.undone_by = user

    def current_result(self, school_id: int, procedure_id: int, year: int) -> ResultRow | None:
        return self._session.scalar(
            select(ResultRow).where(
                ResultRow.school_id == school_id,
                ResultRow.procedure_id == procedure_id,
                ResultRow.year == year,
            )
        )

    def school(self, school_id: int) -> SchoolRow | None:
        return self._session.get(SchoolRow, school_id)

    def add_row(self, row: object) -> None:
        self._session.add(row)


def _stored(row: ImportChangeRow) -> Change:
    return Change(row.target, row.school_id, row.procedure_id, row.year, row.old_values, row.new_values)


def batch_note(batch_id: int) -> str:
    """The batch's change records keep every value it wrote, so the audit log names the batch once."""
    return f"пакет импорта № {batch_id}"


def undo_note(batch_id: int) -> str:
    """Undo restores the values the batch's change records keep: the audit log names them once."""
    return f"отмена пакета импорта № {batch_id}"


def _chunks(items: Sequence[_T]) -> Iterator[Sequence[_T]]:
    """`items` in slices of `_CHUNK`, for IN (…) lists."""
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _with_versions(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add each row's current version when the table has optimistic locking (a `version_id_col`).

    SQLAlchemy's bulk UPDATE by primary key then checks and increments it like an ORM update.
    """
    column = inspect(model).version_id_col
    if column is None:
        return rows
    primary = inspect(model).primary_key[0]
    versions: dict[Any, Any] = {}
    for chunk in _chunks([row["id"] for row in rows]):
        versions.update(session.execute(select(primary, column).where(primary.in_(chunk))).all())
    return [{**row, column.key: versions[row["id"]]} for row in rows]


def _summary(batch: ImportBatchRow, detail: ImportBatchDetailRow | None) -> BatchSummary:
    return BatchSummary(
        id=batch.id,
        kind=detail.kind if detail else "file",
        file_name=batch.file_name,
        sha256=batch.sha256,
        imported_at=batch.imported_at,
        os_user=batch.os_user,
        layout=detail.layout if detail else "appendix",
        sheets=detail.sheets if detail else "",
        schools_new=batch.schools_new,
        schools_renamed=batch.schools_renamed,
        results_new=batch.results_new,
        results_changed=batch.results_changed,
        results_unchanged=batch.results_unchanged,
        results_kept=detail.results_kept if detail else 0,
        comparisons_written=detail.comparisons_written if detail else 0,
        warnings=list(detail.warnings) if detail else [],
        undone_at=detail.undone_at if detail else None,
        undone_by=detail.undone_by if detail else None,
    )


class SchoolIdentifierRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def logins_by_value(self, kind: str) -> dict[str, str]:
        """Identifier value → school login, for one kind of identifier."""
        rows = self._session.execute(
            select(SchoolIdentifierRow.value, SchoolRow.login)
            .join(SchoolRow, SchoolRow.id == SchoolIdentifierRow.school_id)
            .where(SchoolIdentifierRow.kind == kind)
        )
        return dict(rows.all())

    def for_school(self, login: str) -> list[tuple[str, str]]:
        rows = self._session.execute(
            select(SchoolIdentifierRow.kind, SchoolIdentifierRow.value)
            .join(SchoolRow, SchoolRow.id == SchoolIdentifierRow.school_id)
            .where(SchoolRow.login == login)
            .order_by(SchoolIdentifierRow.kind, SchoolIdentifierRow.value)
        )
        return [(kind, value) for kind, value in rows]

    def assign(self, school_id: int, kind: str, value: str) -> None:
        """Point `value` at the school, moving it from another school if it pointed there."""
        self._session.execute(
            delete(SchoolIdentifierRow).where(
                SchoolIdentifierRow.kind == kind, SchoolIdentifierRow.value == value
            )
        )
        self._session.add(SchoolIdentifierRow(school_id=school_id, kind=kind, value=value))


class HeaderMappingRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def for_layout(self, layout: str) -> dict[str, dict[str, Any]]:
        rows = self._session.scalars(select(HeaderMappingRow).where(HeaderMappingRow.layout == layout))
        return {row.header: dict(row.mapping) for row in rows}

    def save(self, layout: str, header: str, mapping: dict[str, Any], when: datetime) -> None:
        row = self._session.scalar(
            select(HeaderMappingRow).where(
                HeaderMappingRow.layout == layout, HeaderMappingRow.header == header
            )
        )
        if row is None:
            row = HeaderMappingRow(layout=layout, header=header[:500])
            self._session.add(row)
        row.mapping = mapping
        row.updated_at = when


class MinimumScoreRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def all(self) -> list[StoredMinimumScore]:
        rows = self._session.scalars(select(MinimumScoreRow))
        return [
            StoredMinimumScore(r.kind, r.subject, r.year, r.scale, r.minimum, r.high, r.note) for r in rows
        ]

    def save(self, score: StoredMinimumScore) -> None:
        row = self._session.scalar(
            select(MinimumScoreRow).where(
                MinimumScoreRow.kind == score.kind,
                MinimumScoreRow.subject == score.subject,
                MinimumScoreRow.year == score.year,
            )
        )
        if row is None:
            row = MinimumScoreRow(kind=score.kind, subject=score.subject, year=score.year)
            self._session.add(row)
        row.scale = score.scale
        row.minimum = score.minimum
        row.high = score.high
        row.note = score.note

    def delete(self, kind: str, subject: str, year: int) -> None:
        self._session.execute(
            delete(MinimumScoreRow).where(
                MinimumScoreRow.kind == kind, MinimumScoreRow.subject == subject, MinimumScoreRow.year == year
            )
        )


class ImportRepositories:
    """The repositories of importing, under one name in the unit of work (`uow.imports`)."""

    def __init__(self, session: Session) -> None:
        self.history = ImportHistoryRepository(session)
        self.identifiers = SchoolIdentifierRepository(session)
        self.mappings = HeaderMappingRepository(session)
        self.minimum_scores = MinimumScoreRepository(session)
