"""The list of schools as the authority keeps it: login, names, kind, territory, status."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from lowres_desktop.domain.records import School
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.ui.models.record_table_model import (
    Column,
    PreparedRecords,
    RecordTableModel,
    SortOrder,
    prepare_records,
)


class SchoolsTableModel(RecordTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns_spec = [
            Column(self.tr("Логин ОО"), lambda s: s.login),
            Column(
                self.tr("Краткое наименование"),
                lambda s: s.short_name,
                sort_key=lambda s: natural_sort_key(s.short_name),
            ),
            Column(self.tr("Полное наименование"), lambda s: s.full_name, tooltip=lambda s: s.full_name),
            Column(self.tr("Тип"), lambda s: s.kind.value),
            Column(self.tr("Территория"), lambda s: s.district or ""),
            Column(self.tr("Действует"), lambda s: self.tr("да") if s.active else self.tr("нет")),
        ]
        self.set_records([], self._columns_spec)

    def set_schools(self, schools: Sequence[School]) -> None:
        self.set_records(schools, self._columns_spec)

    def prepare_schools(self, schools: Sequence[School], sort: SortOrder | None) -> PreparedRecords:
        """Rows, texts and keys for `set_prepared`, built on the worker thread that read the schools."""
        return prepare_records(schools, self._columns_spec, sort)

    def school(self, row: int) -> School:
        return self.record(row)
