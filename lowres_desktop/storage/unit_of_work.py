"""One open database and its units of work: each user action commits whole or not at all."""

from __future__ import annotations

import itertools
from types import TracebackType

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from lowres_desktop.storage import schema  # noqa: F401  (every model mapped before use)
from lowres_desktop.storage.analysis_repository import AnalysisRepository
from lowres_desktop.storage.audit import AuditRecorder, os_user_name, stale_conflict
from lowres_desktop.storage.documents_repository import SettingsRepository
from lowres_desktop.storage.engine import database_url, file_signature, make_engine
from lowres_desktop.storage.import_repository import ImportRepositories
from lowres_desktop.storage.migrations import MigrationOutcome, upgrade_to_head
from lowres_desktop.storage.monitoring_repository import MonitoringRepository
from lowres_desktop.storage.repositories import (
    ImportBatchRepository,
    ProcedureRepository,
    ResultRepository,
    SchoolRepository,
)
from lowres_desktop.storage.roadmap_repository import RoadmapRepository


class UnitOfWork:
    """A session with repositories; leaving the block without `commit()` rolls everything back."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        self.schools = SchoolRepository(self.session)
        self.procedures = ProcedureRepository(self.session)
        self.results = ResultRepository(self.session)
        self.import_batches = ImportBatchRepository(self.session)
        self.roadmaps = RoadmapRepository(self.session)
        self.monitoring = MonitoringRepository(self.session)
        self.analysis = AnalysisRepository(self.session)
        self.settings = SettingsRepository(self.session)
        self.imports = ImportRepositories(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        try:
            self.session.commit()
        except StaleDataError as error:
            raise stale_conflict(self.session, error) from error


class Database:
    """A database chosen by path or URL, upgraded to the current schema when opened."""

    def __init__(self, target: str, engine: Engine, migration: MigrationOutcome) -> None:
        self.target = target
        self.url = database_url(target)
        self.engine = engine
        self.migration = migration
        self.user_name = os_user_name()
        """Who the audit log names for this program's changes; the UI may set a chosen name."""
        self._factory = sessionmaker(engine, expire_on_commit=False)
        AuditRecorder(lambda: self.user_name).install(self._factory)
        self._commit_numbers = itertools.count(1)
        self._commits = 0
        event.listen(self._factory, "after_commit", self._on_commit)

    @classmethod
    def open(cls, target: str) -> Database:
        url = database_url(target)
        migration = upgrade_to_head(url, target)
        return cls(target, make_engine(url), migration)

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self._factory)

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
