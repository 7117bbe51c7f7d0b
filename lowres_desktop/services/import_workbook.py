"""Use case: import result workbooks, one transaction per file.

A file with any cell that cannot be understood is refused whole and nothing
is written; a file that changes nothing writes nothing and says so.
"""

from __future__ import annotations

import getpass
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lowres_desktop.domain.records import ProcedureKey, Result, School
from lowres_desktop.domain.schools import guess_school_kind, short_school_name
from lowres_desktop.importing.appendix_layout import ParsedSheet, parse_appendix_sheet
from lowres_desktop.importing.problems import FileRejected
from lowres_desktop.importing.workbook_reader import read_workbook
from lowres_desktop.services.backups import backup_before_import
from lowres_desktop.services.progress import (
    CancelCheck,
    ProgressCallback,
    check_cancel,
    never_cancel,
    no_progress,
)
from lowres_desktop.services.reference import subject_names
from lowres_desktop.storage.repositories import ImportBatch
from lowres_desktop.storage.unit_of_work import Database

_EPSILON = 1e-9


@dataclass
class ImportReport:
    file_name: str
    sheet: str = ""
    schools_new: list[str] = field(default_factory=list)
    schools_renamed: list[tuple[str, str, str]] = field(default_factory=list)
    procedures_new: list[ProcedureKey] = field(default_factory=list)
    results_new: int = 0
    results_changed: int = 0
    results_unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    imported_before: datetime | None = None

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.schools_new
            or self.schools_renamed
            or self.procedures_new
            or self.results_new
            or self.results_changed
        )


def _same(a: Result, b: Result) -> bool:
    def close(x: float | int | None, y: float | int | None) -> bool:
        return (x is None and y is None) or (x is not None and y is not None and abs(x - y) < _EPSILON)

    return (
        close(a.participants, b.participants)
        and close(a.pct_low, b.pct_low)
        and close(a.pct_high, b.pct_high)
    )


def _parse(path: Path, progress: ProgressCallback, cancel: CancelCheck) -> ParsedSheet:
    progress(0, 100, f"Чтение «{path.name}»…")
    sheets = read_workbook(path)
    for grid in sheets:
        check_cancel(cancel)
        parsed = parse_appendix_sheet(
            grid, lambda done, total: progress(10 + 60 * done // max(total, 1), 100, "Разбор строк…")
        )
        if parsed is not None:
            return parsed
    raise FileRejected(
        path.name,
        "Не найдена таблица с заголовками «Логин ОО» и столбцами процедур вида «ВПР МА 5 2019» "
        "(макет приложения 1 к приказу).",
    )


def import_workbook(
    db: Database,
    path: Path,
    progress: ProgressCallback = no_progress,
    cancel: CancelCheck = never_cancel,
) -> ImportReport:
    """Import one workbook; raises FileRejected (nothing written) or Cancelled."""
    path = Path(path)
    try:
        content = path.read_bytes()
    except OSError as error:
        raise FileRejected(path.name, f"Файл не удалось открыть: {error.strerror}.") from error
    parsed = _parse(path, progress, cancel)
    if parsed.problems:
        raise FileRejected(path.name, f"Найдено ошибок: {len(parsed.problems)}.", parsed.problems)
    report = ImportReport(path.name, parsed.sheet, warnings=list(parsed.notes))
    sha256 = hashlib.sha256(content).hexdigest()
    progress(75, 100, "Сравнение с базой…")
    with db.unit_of_work() as uow:
        previous = uow.import_batches.with_hash(sha256)
        if previous:
            report.imported_before = previous[-1].imported_at
        known_subjects = subject_names()
        existing_procedures = set(uow.procedures.ids())
        for procedure in sorted({r.procedure for r in parsed.results} - existing_procedures):
            uow.procedures.add(procedure)
            report.procedures_new.append(procedure)
            if procedure.subject not in known_subjects:
                report.warnings.append(
                    f"Неизвестный код предмета «{procedure.subject}»: создана новая процедура "
                    f"«{procedure.code}»."
                )
        for in_file in parsed.schools:
            school = uow.schools.get(in_file.login)
            if school is None:
                uow.schools.add(
                    School(
                        login=in_file.login,
                        full_name=in_file.name,
                        short_name=short_school_name(in_file.name),
                        kind=guess_school_kind(in_file.name),
                        district=in_file.territory,
                    )
                )
                report.schools_new.append(in_file.login)
            elif school.full_name != in_file.name:
                uow.schools.update(
                    School(
                        login=school.login,
                        full_name=in_file.name,
                        short_name=short_school_name(in_file.name),
                        kind=guess_school_kind(in_file.name),
                        district=school.district or in_file.territory,
                        active=school.active,
                    )
                )
                report.schools_renamed.append((in_file.login, school.full_name, in_file.name))
        existing = uow.results.for_keys([s.login for s in parsed.schools])
        to_save = []
        for result in parsed.results:
            old = existing.get(result.key)
            if old is None:
                report.results_new += 1
                to_save.append(result)
            elif _same(old, result):
                report.results_unchanged += 1
            else:
                report.results_changed += 1
                to_save.append(result)
        check_cancel(cancel)
        if not report.changed_anything:
            return report
        backup_before_import(db)
        uow.session.flush()
        progress(85, 100, "Запись в базу…")
        batch_id = uow.import_batches.add(
            ImportBatch(
                file_name=path.name,
                sha256=sha256,
                imported_at=datetime.now(),
                os_user=_os_user(),
                schools_new=len(report.schools_new),
                schools_renamed=len(report.schools_renamed),
                results_new=report.results_new,
                results_changed=report.results_changed,
                results_unchanged=report.results_unchanged,
            )
        )
        uow.results.save(to_save, batch_id)
        check_cancel(cancel)
        uow.commit()
    progress(100, 100, "Готово")
    return report


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "неизвестен"
