"""The base of the pages that show one year at a time under the current rule profile.

A region's or a country's year is read in the background (tests/bench/bench_gui_year_pages.py):
the worker fetches the year and builds the table's rows, texts and sort keys,
the window only swaps them in; meanwhile it says «Загрузка…», and when the
year changes again before the rows arrive, only the latest year is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QWidget

from lowres_desktop.domain.profiles import RuleProfile, default_profile
from lowres_desktop.services.browse import result_years, school_count
from lowres_desktop.services.rule_profiles import current_profile
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.models.record_table_model import RecordTableModel, SortOrder
from lowres_desktop.ui.tasks import BACKGROUND_ROWS
from lowres_desktop.ui.views.table_page import TablePage
from lowres_desktop.ui.year_combo_box import YearComboBox
from lowres_desktop.wording.analysis import profile_title

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database


class YearView(TablePage):
    def __init__(self, model: RecordTableModel, parent: QWidget | None = None) -> None:
        super().__init__(
            model, QCoreApplication.translate("YearView", "Поиск по школе, логину, тексту…"), 0, parent
        )
        self._db: Database | None = None
        self._background = False
        self.profile: RuleProfile = default_profile()
        self.years = YearComboBox()
        self.years.sig_year_changed.connect(self._on_years_year_changed)

    def refresh(self, db: Database) -> None:
        """Reload from `db`: its years, and the profile chosen on the analysis page."""
        self._db = db
        self.profile = current_profile(db)
        self._background = school_count(db) > BACKGROUND_ROWS
        self.years.set_years(result_years(db))
        self._load()

    def export_context(self) -> tuple[str, str] | None:
        """The year and profile the table holds, for its Excel export (see TableExport.context)."""
        year = self.years.year()
        if year is None:
            return None
        return str(year), f"{year} г. · {profile_title(self.profile)}"

    def show_year(self, year: int) -> None:
        self.years.select_year(year)

    @Slot(int)
    def _on_years_year_changed(self, _year: int) -> None:
        self._load()

    def _load(self) -> None:
        year = self.years.year()
        db = self._db
        if db is None or year is None:
            self.loader.cancel()
            self._show_nothing()
            self._show_count()
            return
        profile = self.profile
        sort = self.model.requested_sort()
        self.loader.load(
            lambda: self._fetch(db, year, profile, sort),
            self._on_loaded,
            lambda error: show_error(self, error),
            background=self._background,
        )

    def _on_loaded(self, data: Any) -> None:
        self._show(data)
        self._show_count()

    def _fetch(self, db: Database, year: int, profile: RuleProfile, sort: SortOrder | None) -> Any:
        """The year's data with its table prepared; runs on a worker thread, so no widget is touched."""
        raise NotImplementedError

    def _show(self, data: Any) -> None:
        """Put what `_fetch` returned on screen (on the GUI thread)."""
        raise NotImplementedError

    def _show_nothing(self) -> None:
        """The page of a database without results."""
        raise NotImplementedError
