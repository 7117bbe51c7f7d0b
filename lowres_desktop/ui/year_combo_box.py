"""The year selector of the results and flagged pages: years in the database, latest first."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal, Slot
from PySide6.QtWidgets import QComboBox, QWidget


class YearComboBox(QComboBox):
    sig_year_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumContentsLength(6)
        self.currentIndexChanged.connect(self._on_current_index_changed)

    def set_years(self, years: list[int]) -> None:
        """Offer `years`, keeping the chosen one if it is still there, else the latest; silent."""
        kept = self.year()
        with QSignalBlocker(self):
            self.clear()
            for year in sorted(years, reverse=True):
                self.addItem(str(year), year)
            if kept in years:
                self.setCurrentIndex(self.findData(kept))

    def year(self) -> int | None:
        data = self.currentData()
        return int(data) if data is not None else None

    def select_year(self, year: int) -> None:
        self.setCurrentIndex(self.findData(year))

    @Slot(int)
    def _on_current_index_changed(self, _index: int) -> None:
        year = self.year()
        if year is not None:
            self.sig_year_changed.emit(year)
