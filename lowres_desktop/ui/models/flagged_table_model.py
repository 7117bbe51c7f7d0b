"""The schools the rule flagged for a year, with the criteria met and the values behind them.

A country's list runs to thousands of schools with several reasons each, so
`prepare_flagged` words every row and builds the sort keys on the worker
thread that identified them; the window only swaps the rows in.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject

from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.identify_schools import FlaggedSchool, Identification
from lowres_desktop.ui.models.record_table_model import (
    Column,
    PreparedRecords,
    RecordTableModel,
    SortOrder,
    prepare_records,
)
from lowres_desktop.wording.common import criteria_text, reason_text


@dataclass(frozen=True, slots=True)
class FlaggedRow:
    number: int
    flagged: FlaggedSchool
    criteria: str
    reasons: str


def _tr(text: str) -> str:
    return QCoreApplication.translate("FlaggedTableModel", text)


def _columns() -> list[Column]:
    return [
        Column(_tr("№ п/п"), lambda r: str(r.number), sort_key=lambda r: r.number, align_right=True),
        Column(
            _tr("Школа"),
            lambda r: r.flagged.school.short_name,
            sort_key=lambda r: natural_sort_key(r.flagged.school.short_name),
            tooltip=lambda r: r.flagged.school.full_name,
        ),
        Column(_tr("Логин ОО"), lambda r: r.flagged.school.login),
        Column(_tr("Территория"), lambda r: r.flagged.school.district or ""),
        Column(_tr("Критерии"), lambda r: r.criteria, tooltip=lambda r: r.criteria),
        Column(_tr("Основания"), lambda r: r.reasons, tooltip=lambda r: r.reasons),
    ]


def prepare_flagged(identification: Identification, sort: SortOrder | None) -> PreparedRecords:
    """The list's rows, worded and sorted by `sort`: pure Python, for the thread that identified them."""
    rows = [
        FlaggedRow(
            number,
            flagged,
            criteria_text(flagged.verdict, identification.profile),
            "\n".join(reason_text(reason) for reason in flagged.verdict.reasons),
        )
        for number, flagged in enumerate(identification.flagged, start=1)
    ]
    return prepare_records(rows, _columns(), sort)


class FlaggedTableModel(RecordTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clear()

    def clear(self) -> None:
        self.set_records([], _columns())

    def login(self, row: int) -> str:
        return self.record(row).flagged.school.login
