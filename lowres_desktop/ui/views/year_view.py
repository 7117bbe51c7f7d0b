"""The base of the pages that show one year at a time under the current rule profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QWidget

from lowres_desktop.domain.profiles import RuleProfile, default_profile
from lowres_desktop.services.browse import overview
from lowres_desktop.services.rule_profiles import current_profile
from lowres_desktop.ui.year_combo_box import YearComboBox

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database


class YearView(QWidget):
    sig_school_activated = Signal(str)
    """A login, when the user asks to open that school's card."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self.profile: RuleProfile = default_profile()
        self.years = YearComboBox()
        self.years.sig_year_changed.connect(self._on_years_year_changed)

    def refresh(self, db: Database) -> None:
        """Reload from `db`: its years, and the profile chosen on the analysis page."""
        self._db = db
        self.profile = current_profile(db)
        self.years.set_years(overview(db).years)
        self._load()

    def show_year(self, year: int) -> None:
        self.years.select_year(year)

    @Slot(int)
    def _on_years_year_changed(self, _year: int) -> None:
        self._load()

    def _load(self) -> None:
        raise NotImplementedError
