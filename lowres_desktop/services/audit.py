"""The audit log as the user reads it, and its CSV export.

Every write of every feature is logged by `storage.audit`; here the log is
turned into rows with Russian names of tables and fields, filtered and
exported. (A result corrected by hand is `services.import_history.edit_result`:
it carries the values the user saw, so two specialists correcting the same
number cannot overwrite each other silently.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TextIO

from sqlalchemy import func, select

from lowres_desktop.files.atomic import atomic_file
from lowres_desktop.files.cells import CsvWriter
from lowres_desktop.storage.models_office import AuditEntryRow
from lowres_desktop.storage.unit_of_work import Database

TABLE_NAMES = {
    "schools": "Школы",
    "districts": "Районы",
    "procedures": "Процедуры",
    "results": "Результаты",
    "import_batches": "Импорт файлов",
    "import_batch_details": "Импорт файлов: подробности",
    "import_changes": "Импорт файлов: значения пакетов",
    "school_identifiers": "Коды школ",
    "header_mappings": "Запомненные заголовки",
    "minimum_scores": "Минимальные баллы",
    "mark_comparisons": "Сравнение отметок ВПР с журналом",
    "rule_profiles": "Профили правил",
    "problem_types": "Типы проблем",
    "school_profiles": "Профили школ",
    "school_problem_types": "Проблемы школ",
    "official_statuses": "Официальные статусы",
    "roadmaps": "Дорожные карты",
    "roadmap_sections": "Разделы дорожных карт",
    "roadmap_items": "Мероприятия дорожных карт",
    "executors": "Исполнители",
    "indicators": "Целевые показатели",
    "indicator_values": "Значения показателей",
    "monitoring_rounds": "Мониторинги",
    "monitoring_entries": "Отметки мониторинга",
    "monitoring_evidence": "Подтверждающие файлы",
    "monitoring_round_schools": "Школы мониторингов",
    "monitoring_round_items": "Мероприятия мониторингов",
    "roadmap_item_executors": "Исполнители мероприятий",
    "roadmap_item_schools": "Школы мероприятий",
    "settings": "Настройки и реквизиты",
    "issued_documents": "Журнал выпущенных документов",
}

FIELD_NAMES = {
    "login": "логин",
    "full_name": "полное наименование",
    "short_name": "краткое наименование",
    "kind": "вид",
    "active": "действует",
    "participants": "участников",
    "pct_low": "доля низких, %",
    "pct_high": "доля высоких, %",
    "year": "год",
    "text": "текст",
    "title": "название",
    "deadline_text": "срок",
    "starts_on": "начало",
    "ends_on": "окончание",
    "status": "статус",
    "comment": "комментарий",
    "value": "значение",
    "position": "порядок",
}

ACTION_NAMES = {"insert": "добавлено", "update": "изменено", "delete": "удалено"}


@dataclass(frozen=True)
class AuditLine:
    changed_at: datetime
    user_name: str
    action: str
    table: str
    row_key: str
    field: str
    old_value: str
    new_value: str


@dataclass(frozen=True)
class AuditFilter:
    user: str = ""
    table: str = ""
    since: date | None = None
    until: date | None = None
    text: str = ""


@dataclass(frozen=True)
class AuditPage:
    lines: list[AuditLine]
    total: int
    users: list[str]
    tables: list[str]


def _line(row: AuditEntryRow) -> AuditLine:
    return AuditLine(
        changed_at=row.changed_at,
        user_name=row.user_name,
        action=ACTION_NAMES.get(row.action, row.action),
        table=TABLE_NAMES.get(row.table_name, row.table_name),
        row_key=row.row_key,
        field=FIELD_NAMES.get(row.field or "", row.field or ""),
        old_value=row.old_value or "",
        new_value=row.new_value or "",
    )


def _table_code(shown: str) -> str:
    return next((code for code, name in TABLE_NAMES.items() if name == shown), shown)


def read_audit(db: Database, where: AuditFilter = AuditFilter(), limit: int | None = 2000) -> AuditPage:
    """The newest changes first, at most `limit` of them, and what the filters can choose from."""
    conditions = []
    if where.user:
        conditions.append(AuditEntryRow.user_name == where.user)
    if where.table:
        conditions.append(AuditEntryRow.table_name == _table_code(where.table))
    if where.since:
        conditions.append(AuditEntryRow.changed_at >= datetime.combine(where.since, time.min))
    if where.until:
        conditions.append(AuditEntryRow.changed_at <= datetime.combine(where.until, time.max))
    if where.text:
        pattern = f"%{where.text}%"
        conditions.append(
            AuditEntryRow.old_value.ilike(pattern)
            | AuditEntryRow.new_value.ilike(pattern)
            | (AuditEntryRow.row_key == where.text)
        )
    with db.unit_of_work() as uow:
        session = uow.session
        query = select(AuditEntryRow).where(*conditions).order_by(AuditEntryRow.id.desc())
        if limit is not None:
            query = query.limit(limit)
        lines = [_line(row) for row in session.scalars(query)]
        total = session.scalar(select(func.count(AuditEntryRow.id)).where(*conditions)) or 0
        names = select(AuditEntryRow.user_name).distinct().order_by(AuditEntryRow.user_name)
        users = list(session.scalars(names))
        codes = session.scalars(select(AuditEntryRow.table_name).distinct())
        tables = sorted(TABLE_NAMES.get(code, code) for code in codes)
    return AuditPage(lines, total, users, tables)


CSV_HEADER = ["Когда", "Кто", "Действие", "Раздел", "Запись", "Поле", "Было", "Стало"]


def write_audit_csv(lines: list[AuditLine], out: TextIO) -> None:
    """CSV for Excel: semicolons, dates as ДД.ММ.ГГГГ ЧЧ:ММ:СС."""
    writer = CsvWriter(out, delimiter=";")
    writer.writerow(CSV_HEADER)
    for line in lines:
        writer.writerow(
            [
                f"{line.changed_at:%d.%m.%Y %H:%M:%S}",
                line.user_name,
                line.action,
                line.table,
                line.row_key,
                line.field,
                line.old_value,
                line.new_value,
            ]
        )


def export_audit(db: Database, path: Path, where: AuditFilter = AuditFilter()) -> int:
    """Every matching change into a CSV file (UTF-8 with BOM, so Excel reads Cyrillic); returns the count."""
    lines = read_audit(db, where, limit=None).lines
    with atomic_file(Path(path), "w", encoding="utf-8-sig", newline="") as out:
        write_audit_csv(lines, out)
    return len(lines)
