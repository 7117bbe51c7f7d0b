"""One open database and its units of work: each user action commits whole or not at all."""

from __future__ import annotations

import functools
import itertools
import random
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.storage import engine as _engine
from lowres_desktop.storage.audit import AuditRecorder, os_user_name, stale_conflict
from lowres_desktop.storage.engine import (
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
WRITE_ATTEMPTS = 3
"""How many times `Database.run_write` runs a write that the database answered busy."""
RETRY_PAUSE_S = 0.5
"""The pause before the first retry; it doubles before each next one (with jitter, so that two
writers refused together do not collide again at the same instant)."""
_SERVER_BUSY_STATES = frozenset({"40001", "40P01", "55P03"})
"""serialization_failure, deadlock_detected, lock_not_available (lock_timeout): the server rolled
the transaction back for another writer's sake, and the same work run again can succeed."""

T = TypeVar("T")


class UnitOfWork:
    """A session with repositories; leaving the block without `commit()` rolls everything back.

    The repositories of one area (roadmaps, monitoring, analysis, documents, import
    records) are imported when first used, each with its ORM models: a command
    importing a file does not pay for the roadmap and monitoring modules at
    start-up, nor `flag` for the import's (defining a model and configuring its
    mapper is most of what such a module costs). The models relate only towards
    `storage.models` (schools, procedures, results), never back, so the mapped
    ones are always complete; `storage.schema` gathers all of them for whatever
    needs the whole schema (creating a database, Alembic).
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
            # A wait past the timeout fails here, before the block: `__exit__` would not see it.
            try:
                self.session.execute(text(f"SET LOCAL lock_timeout = '{_engine.WRITE_WAIT_MS}ms'"))
                self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK_KEY})
            except OperationalError as error:
                self.__exit__(type(error), error, error.__traceback__)
                raise
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
    state = getattr(error.orig, "sqlstate", None)
    if state in _SERVER_BUSY_STATES or any(
        words in reason for words in ("lock timeout", "deadlock detected", "could not serialize")
    ):
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

    def run_write(self, work: Callable[[UnitOfWork], T], attempts: int = WRITE_ATTEMPTS) -> T:
        """`work(uow)` in a write unit of work, run again from the start while the database is busy.

        Every long write (an import, an undo, generated roadmaps, demo data) goes through here.
        A busy database — SQLite's write lock held past the busy timeout, or a server that
        rolled the transaction back for another writer (deadlock, serialisation failure under
        a SERIALIZABLE default, lock timeout) — left nothing written, so `work` is simply run
        again after a growing pause: it must build its result from what it reads, never from
        what a failed attempt changed. After the last attempt the Russian `DatabaseBusy`
        message reaches the user. `work` commits itself; what it raises otherwise passes.
        """
        attempt = 1
        while True:
            try:
                with self.unit_of_work(write=True) as uow:
                    return work(uow)
            except DatabaseBusy:
                if attempt >= attempts:
                    raise
            time.sleep(RETRY_PAUSE_S * 2 ** (attempt - 1) * random.uniform(0.75, 1.25))
            attempt += 1

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
