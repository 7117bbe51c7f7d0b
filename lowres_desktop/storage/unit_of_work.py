"""One open database and its units of work: each user action commits whole or not at all."""

from __future__ import annotations

import functools
import itertools
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy import Engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.storage import schema  # noqa: F401  (every model mapped before use)
from lowres_desktop.storage.audit import AuditRecorder, os_user_name, stale_conflict
from lowres_desktop.storage.engine import (
    WRITE_WAIT_MS,
    database_url,
    file_signature,
    journal_mode,
    make_engine,
    sqlite_file,
)
from lowres_desktop.storage.environment import SHARED_FILE_WARNING, DatabaseBusy, database_error
from lowres_desktop.storage.migrations import MigrationOutcome, upgrade_to_head
from lowres_desktop.storage.repositories import (
    ImportBatchRepository,
    ProcedureRepository,
    ResultRepository,
    SchoolRepository,
)

if TYPE_CHECKING:
    from lowres_desktop.storage.analysis_repository import AnalysisRepository
    from lowres_desktop.storage.documents_repository import IssuedDocumentsRepository, SettingsRepository
    from lowres_desktop.storage.import_repository import ImportRepositories
    from lowres_desktop.storage.monitoring_repository import MonitoringRepository
    from lowres_desktop.storage.roadmap_repository import RoadmapRepository

WRITER_LOCK_KEY = 0x6C6F7772  # "lowr": the advisory lock every long writer takes on PostgreSQL


class UnitOfWork:
    """A session with repositories; leaving the block without `commit()` rolls everything back.

    The repositories of one area (roadmaps, monitoring, analysis, documents, import
    records) are imported when first used: a command importing a file does not pay
    for the roadmap and monitoring modules at start-up, nor `flag` for the import's.
    """

    def __init__(self, factory: sessionmaker[Session], file: Path | None = None, write: bool = False) -> None:
        self._factory = factory
        self._file = file
        self._write = write

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        if self._write and self.session.get_bind().dialect.name == "postgresql":
            # One writer at a time on a server too: the second import waits here, then plans from
            # what the first committed (READ COMMITTED reads it), instead of colliding on new rows.
            self.session.execute(text(f"SET LOCAL lock_timeout = '{WRITE_WAIT_MS // 1000}s'"))
            self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK_KEY})
        self.schools = SchoolRepository(self.session)
        self.procedures = ProcedureRepository(self.session)
        self.results = ResultRepository(self.session)
        self.import_batches = ImportBatchRepository(self.session)
        return self

    @functools.cached_property
    def roadmaps(self) -> RoadmapRepository:
        from lowres_desktop.storage.roadmap_repository import RoadmapRepository

        return RoadmapRepository(self.session)

    @functools.cached_property
    def monitoring(self) -> MonitoringRepository:
        from lowres_desktop.storage.monitoring_repository import MonitoringRepository

        return MonitoringRepository(self.session)

    @functools.cached_property
    def analysis(self) -> AnalysisRepository:
        from lowres_desktop.storage.analysis_repository import AnalysisRepository

        return AnalysisRepository(self.session)

    @functools.cached_property
    def settings(self) -> SettingsRepository:
        from lowres_desktop.storage.documents_repository import SettingsRepository

        return SettingsRepository(self.session)

    @functools.cached_property
    def issued_documents(self) -> IssuedDocumentsRepository:
        from lowres_desktop.storage.documents_repository import IssuedDocumentsRepository

        return IssuedDocumentsRepository(self.session)

    @functools.cached_property
    def imports(self) -> ImportRepositories:
        from lowres_desktop.storage.import_repository import ImportRepositories

        return ImportRepositories(self.session)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()
        if isinstance(exc, OperationalError):
            raise _operational_problem(self._file, exc) from exc

    def commit(self) -> None:
        try:
            self.session.commit()
        except StaleDataError as error:
            raise stale_conflict(self.session, error) from error


def _operational_problem(file: Path | None, error: OperationalError) -> DomainError:
    """A failure of the database's place (disk, lock, network) in Russian, never a traceback."""
    if file is not None:
        return database_error(file, error)
    reason = str(error.orig)
    if "lock timeout" in reason or "deadlock detected" in reason or "could not serialize" in reason:
        return DatabaseBusy(
            "База данных занята: другой пользователь сейчас меняет те же данные (импортирует или "
            "отменяет пакет). Подождите и повторите; ничего не записано."
        )
    return DomainError(
        "Связь с сервером базы данных прервалась или сервер отказал: "
        f"{str(error.orig).strip().splitlines()[0]}. Ничего не записано; проверьте сеть и повторите."
    )


class Database:
    """A database chosen by path or URL, upgraded to the current schema when opened."""

    def __init__(self, target: str, engine: Engine, migration: MigrationOutcome) -> None:
        self.target = target
        self.url = database_url(target)
        self.engine = engine
        self.migration = migration
        self.user_name = os_user_name()
        """Who the audit log names for this program's changes; the UI may set a chosen name."""
        self.file = sqlite_file(self.url)
        self.shared_file_warning = (
            SHARED_FILE_WARNING.format(path=self.file)
            if self.file is not None and journal_mode(self.url) != "WAL"
            else None
        )
        """Set for a SQLite file on a network drive: the UI and the CLI say it once."""
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self._writer = make_engine(self.url, writer=True) if self.file is not None else engine
        self._write_factory = (
            sessionmaker(self._writer, expire_on_commit=False) if self.file is not None else self._factory
        )
        self._commit_numbers = itertools.count(1)
        self._commits = 0
        for factory in {self._factory, self._write_factory}:
            AuditRecorder(lambda: self.user_name).install(factory)
            event.listen(factory, "after_commit", self._on_commit)

    @classmethod
    def open(cls, target: str) -> Database:
        url = database_url(target)
        migration = upgrade_to_head(url, target)
        return cls(target, make_engine(url), migration)

    def unit_of_work(self, write: bool = False) -> UnitOfWork:
        """A unit of work; `write=True` for a long write that reads first (an import, an undo):
        on SQLite it waits for the one write lock before its first read (see `make_engine`)."""
        return UnitOfWork(self._write_factory if write else self._factory, self.file, write)

    def data_version(self) -> tuple[object, ...] | None:
        """Changes whenever committed data may have changed; None when that cannot be told.

        This program's commits count themselves; another program's commits to a
        SQLite file change the file. A server database gives None, since another
        user's commit there leaves no trace here: whatever is cached must be reread.
        """
        signature = file_signature(self.url)
        return None if signature is None else (self._commits, signature)

    def _on_commit(self, _session: Session) -> None:
        self._commits = next(self._commit_numbers)

    def close(self) -> None:
        self.engine.dispose()
        self._writer.dispose()
