"""Repositories: the only code that turns ORM rows into domain records and back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, Insert, Select, func, select
from sqlalchemy.orm import Session

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, Result, School, SchoolKind
from lowres_desktop.storage.audit import log_bulk
from lowres_desktop.storage.models import (
    DistrictRow,
    ImportBatchRow,
    ProcedureRow,
    ResultRow,
    SchoolRow,
)


def _school(row: SchoolRow) -> School:
    return School(
        login=row.login,
        full_name=row.full_name,
        short_name=row.short_name,
        kind=SchoolKind(row.kind),
        district=row.district.name if row.district else None,
        active=row.active,
    )


def _plain_rows(session: Session, statement: Select[Any]) -> CursorResult[Any]:
    """Core rows fetched one by one rather than through the ORM's `Session.execute`.

    The ORM fetches and wraps all rows in one compiled loop that never lets go
    of the interpreter lock: a country's six years of results held it for 0.3 s
    on a loader's thread, and the window stalled as long.
    """
    session.flush()  # as `Session.execute` would: rows added in this unit of work count
    return session.connection().execute(statement)


def _procedure(row: ProcedureRow) -> ProcedureKey:
    return ProcedureKey(ProcedureKind(row.kind), row.subject, row.grade)


def _insert_new(session: Session, table: Any) -> Insert:
    """INSERT … ON CONFLICT DO NOTHING into `table`, in the dialect of the session's database.

    Both SQLite and PostgreSQL spell it the same, so a row another writer added meanwhile is
    kept as it is instead of failing the whole transaction with an IntegrityError.
    """
    # The dialect's own insert, imported here: the PostgreSQL dialect costs start-up on SQLite.
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table).on_conflict_do_nothing()


class SchoolRepository:
    def __init__(self, session: Session) -> None:
        self._session = session
        self._districts: dict[str, DistrictRow] = {}

    def all(self) -> list[School]:
        """Every school, read as plain columns: a region's list must not build ORM objects."""
        statement = (
            select(
                SchoolRow.login,
                SchoolRow.full_name,
                SchoolRow.short_name,
                SchoolRow.kind,
                DistrictRow.name,
                SchoolRow.active,
            )
            .outerjoin(DistrictRow, SchoolRow.district_id == DistrictRow.id)
            .order_by(SchoolRow.login)
        )
        kinds = {kind.value: kind for kind in SchoolKind}
        return [
            School(login, full_name, short_name, kinds[kind], district, bool(active))
            for login, full_name, short_name, kind, district, active in _plain_rows(self._session, statement)
        ]

    def get(self, login: str) -> School | None:
        row = self._row(login)
        return _school(row) if row else None

    def count(self) -> int:
        return self._session.scalar(select(func.count(SchoolRow.id))) or 0

    def short_names(self, logins: Iterable[str]) -> dict[str, str]:
        """Short names of these schools only, e.g. the few a roadmap names, not a country's list."""
        wanted = sorted(set(logins))
        names: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self._session.execute(
                select(SchoolRow.login, SchoolRow.short_name).where(SchoolRow.login.in_(chunk))
            )
            names.update((login, name) for login, name in rows)
        return names

    def _row(self, login: str) -> SchoolRow | None:
        return self._session.scalar(select(SchoolRow).where(SchoolRow.login == login))

    def _district(self, name: str | None) -> DistrictRow | None:
        return self._districts_named({name})[name] if name else None

    def _districts_named(self, names: set[str]) -> dict[str, DistrictRow]:
        """These districts with their ids, created where missing: read in one query, not one per name.

        A district another writer created meanwhile is taken as it is (ON CONFLICT DO NOTHING).
        """
        wanted = sorted(names - set(self._districts))
        self._read_districts(wanted)
        missing = [name for name in wanted if name not in self._districts]
        if missing:
            table = DistrictRow.__table__
            self._session.execute(_insert_new(self._session, table), [{"name": name} for name in missing])
            self._read_districts(missing)
        return {name: self._districts[name] for name in names}

    def _read_districts(self, names: list[str]) -> None:
        for start in range(0, len(names), 500):
            rows = self._session.scalars(
                select(DistrictRow).where(DistrictRow.name.in_(names[start : start + 500]))
            )
            self._districts.update((row.name, row) for row in rows)

    def add(self, school: School) -> None:
        self._session.add(
            SchoolRow(
                login=school.login,
                full_name=school.full_name,
                short_name=school.short_name,
                kind=school.kind.value,
                district=self._district(school.district),
                active=school.active,
            )
        )

    def add_many(self, schools: Sequence[School], note: str) -> set[str]:
        """New schools in one statement, logged as one audit entry; `note` names the record keeping each.

        A region's first import creates a thousand schools at once, and the batch's own record
        already lists every one of them. A school another writer created meanwhile (same login)
        is left as that writer made it: the logins returned are those this call created, so that
        only they are recorded as this batch's (and removed by its undo).
        """
        if not schools:
            return set()
        districts = self._districts_named({s.district for s in schools if s.district})
        rows = [
            {
                "login": school.login,
                "full_name": school.full_name,
                "short_name": school.short_name,
                "kind": school.kind.value,
                "district_id": districts[school.district].id if school.district else None,
                "active": school.active,
            }
            for school in schools
        ]
        statement = _insert_new(self._session, SchoolRow.__table__).returning(SchoolRow.__table__.c.login)
        created = set(self._session.connection().scalars(statement, rows))
        log_bulk(self._session, "insert", SchoolRow.__table__, note, len(created))  # type: ignore[arg-type]
        return created

    def update(self, school: School) -> None:
        row = self._row(school.login)
        if row is None:
            raise KeyError(school.login)
        row.full_name = school.full_name
        row.short_name = school.short_name
        row.kind = school.kind.value
        row.district = self._district(school.district)
        row.active = school.active


class ProcedureRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def all(self) -> list[ProcedureKey]:
        return sorted(_procedure(row) for row in self._session.scalars(select(ProcedureRow)))

    def ids(self) -> dict[ProcedureKey, int]:
        return {_procedure(row): row.id for row in self._session.scalars(select(ProcedureRow))}

    def add(self, procedure: ProcedureKey) -> int:
        self.add_many([procedure])
        return self.ids()[procedure]

    def add_many(self, procedures: Sequence[ProcedureKey]) -> None:
        """Procedures a file introduces, in one statement; one another writer added meanwhile is kept
        (INSERT … ON CONFLICT DO NOTHING on both SQLite and PostgreSQL), never an IntegrityError."""
        if not procedures:
            return
        self._session.flush()
        values = [{"kind": p.kind.value, "subject": p.subject, "grade": p.grade} for p in procedures]
        self._session.execute(_insert_new(self._session, ProcedureRow).values(values))


@dataclass(frozen=True)
class ImportBatch:
    file_name: str
    sha256: str
    imported_at: datetime
    os_user: str
    schools_new: int
    schools_renamed: int
    results_new: int
    results_changed: int
    results_unchanged: int


_ResultColumns = tuple[str, str, str, int | None, int, int | None, float | None, float | None]
"""login, procedure kind, subject, grade, year, participants, % «2», % high."""


class ResultRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _query(self) -> Select[_ResultColumns]:
        """Plain columns: a region's years are a million rows, and ORM objects took 20 s of them."""
        return (
            select(
                SchoolRow.login,
                ProcedureRow.kind,
                ProcedureRow.subject,
                ProcedureRow.grade,
                ResultRow.year,
                ResultRow.participants,
                ResultRow.pct_low,
                ResultRow.pct_high,
            )
            .join(SchoolRow, ResultRow.school_id == SchoolRow.id)
            .join(ProcedureRow, ResultRow.procedure_id == ProcedureRow.id)
        )

    def _records(self, statement: Select[_ResultColumns]) -> list[Result]:
        procedures: dict[tuple[str, str, int | None], ProcedureKey] = {}
        records = []
        for login, kind, subject, grade, year, participants, pct_low, pct_high in _plain_rows(
            self._session, statement
        ):
            key = (kind, subject, grade)
            procedure = procedures.get(key)
            if procedure is None:
                procedure = procedures[key] = ProcedureKey(ProcedureKind(kind), subject, grade)
            records.append(Result(login, procedure, year, participants, pct_low, pct_high))
        return records

    def all(self) -> list[Result]:
        return self._records(self._query())

    def for_years(self, years: Iterable[int]) -> list[Result]:
        return self._records(self._query().where(ResultRow.year.in_(list(years))))

    def for_school(self, login: str) -> list[Result]:
        return self._records(self._query().where(SchoolRow.login == login))

    def for_keys(self, logins: Sequence[str]) -> dict[tuple[str, ProcedureKey, int], Result]:
        """Existing results of these schools, keyed like `Result.key`."""
        return {record.key: record for record in self.for_schools(logins)}

    def for_schools(self, logins: Sequence[str], years: Iterable[int] | None = None) -> list[Result]:
        """Results of these schools (in `years`, if given), read 500 schools at a time.

        A country's flagged list is thousands of schools: reading theirs is a
        fraction of reading every school's years and filtering.
        """
        found: list[Result] = []
        for start in range(0, len(logins), 500):
            statement = self._query().where(SchoolRow.login.in_(list(logins[start : start + 500])))
            if years is not None:
                statement = statement.where(ResultRow.year.in_(list(years)))
            found += self._records(statement)
        return found

    def procedures_in(self, years: Iterable[int]) -> list[ProcedureKey]:
        """The procedures with any result in `years`, without reading the results."""
        present = select(ResultRow.procedure_id).where(ResultRow.year.in_(list(years))).distinct()
        columns = select(ProcedureRow.kind, ProcedureRow.subject, ProcedureRow.grade)
        rows = self._session.execute(columns.where(ProcedureRow.id.in_(present)))
        return sorted(ProcedureKey(ProcedureKind(kind), subject, grade) for kind, subject, grade in rows)

    def years(self) -> list[int]:
        return list(self._session.scalars(select(ResultRow.year).distinct().order_by(ResultRow.year)))

    def count(self) -> int:
        return self._session.scalar(select(func.count(ResultRow.id))) or 0

    def save(self, results: Iterable[Result], batch_id: int | None = None) -> None:
        """Insert or update results by their key (school × procedure × year)."""
        results = list(results)
        if not results:
            return
        self._session.flush()
        school_ids: dict[str, int] = {
            login: id_ for login, id_ in self._session.execute(select(SchoolRow.login, SchoolRow.id))
        }
        procedure_ids = ProcedureRepository(self._session).ids()
        existing = {
            (row.school_id, row.procedure_id, row.year): row
            for row in self._session.scalars(
                select(ResultRow).where(ResultRow.school_id.in_({school_ids[r.login] for r in results}))
            )
        }
        for record in results:
            key = (school_ids[record.login], procedure_ids[record.procedure], record.year)
            row = existing.get(key)
            if row is None:
                row = ResultRow(school_id=key[0], procedure_id=key[1], year=key[2])
                self._session.add(row)
                existing[key] = row
            row.participants = record.participants
            row.pct_low = record.pct_low
            row.pct_high = record.pct_high
            row.import_batch_id = batch_id


class ImportBatchRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, batch: ImportBatch) -> int:
        row = ImportBatchRow(**asdict(batch))
        self._session.add(row)
        self._session.flush()
        return row.id

    def set_schools_new(self, batch_id: int, count: int) -> None:
        """Correct the count of new schools once the batch knows which ones it created itself."""
        row = self._session.get(ImportBatchRow, batch_id)
        assert row is not None
        row.schools_new = count

    def with_hash(self, sha256: str) -> list[ImportBatch]:
        rows = self._session.scalars(
            select(ImportBatchRow).where(ImportBatchRow.sha256 == sha256).order_by(ImportBatchRow.id)
        )
        return [
            ImportBatch(
                file_name=row.file_name,
                sha256=row.sha256,
                imported_at=row.imported_at,
                os_user=row.os_user,
                schools_new=row.schools_new,
                schools_renamed=row.schools_renamed,
                results_new=row.results_new,
                results_changed=row.results_changed,
                results_unchanged=row.results_unchanged,
            )
            for row in rows
        ]
