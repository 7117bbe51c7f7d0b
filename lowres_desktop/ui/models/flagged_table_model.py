"""The schools the rule flagged for a year, with the criteria met and the values behind them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject

from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.identify_schools import FlaggedSchool, Identification
from lowres_desktop.services.wording import criteria_text, reason_text
from lowres_desktop.ui.models.record_table_model import Column, RecordTableModel


@dataclass(frozen=True)
class FlaggedRow:
    number: int
    flagged: FlaggedSchool
    criteria: str
    reasons: str


class FlaggedTableModel(RecordTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns_spec = [
            Column(self.tr("№ п/п"), lambda r: str(r.number), sort_key=lambda r: r.number,
                   align_right=True),
            Column(
                self.tr("Школа"),
                lambda r: r.flagged.school.short_name,
                sort_key=lambda r: natural_sort_key(r.flagged.school.short_name),
                tooltip=lambda r: r.flagged.school.full_name,
            ),
            Column(self.tr("Логин ОО"), lambda r: r.flagged.school.login),
            Column(self.tr("Территория"), lambda r: r.flagged.school.district or ""),
            Column(self.tr("Критерии"), lambda r: r.criteria, tooltip=lambda r: r.criteria),
            Column(self.tr("Основания"), lambda r: r.reasons, tooltip=lambda r: r.reasons),
        ]
        self.set_records([], self._columns_spec)

    def set_identification(self, identification: Identification) -> None:
        rows = [
            FlaggedRow(
                number,
                flagged,
                criteria_text(flagged.verdict, identification.params),
                "\n".join(reason_text(reason) for reason in flagged.verdict.reasons),
            )
            for number, flagged in enumerate(identification.flagged, start=1)
        ]
        self.set_records(rows, self._columns_spec)

    def clear(self) -> None:
        self.set_records([], self._columns_spec)

    def login(self, row: int) -> str:
        return self.record(row).flagged.school.login
