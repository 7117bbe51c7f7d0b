"""The top of «Анализ»: the year and the rule profile every tab shows, and «Изменить профиль…».

Choosing another profile makes it the current one in the database (a write on
the window's write pool), so the other pages and the documents use it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.services.browse import result_years, school_count
from lowres_desktop.services.rule_profiles import ProfileList, list_profiles, set_current_profile
from lowres_desktop.ui.dialogs.rule_profile_dialog import RuleProfileDialog
from lowres_desktop.ui.tasks import BACKGROUND_ROWS
from lowres_desktop.ui.views.analysis.tab import AnalysisScope
from lowres_desktop.ui.year_combo_box import YearComboBox

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.app_context import AppContext


class AnalysisScopeBar(QWidget):
    sig_changed = Signal()
    """Another year chosen, or another profile made current: the tabs read again."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._db: Database | None = None
        self._background = False
        self.profiles: ProfileList | None = None
        self.years = YearComboBox()
        self.years.sig_year_changed.connect(self._on_years_year_changed)
        self.profile_box = QComboBox()
        # A profile's name runs long («По умолчанию: 30 %, 2 процедуры или по 1 два года подряд»):
        # the combo shows its start on a narrow window rather than widen the page.
        self.profile_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.profile_box.setMinimumContentsLength(24)
        self.profile_box.currentIndexChanged.connect(self._on_profile_box_current_index_changed)
        self.edit_profile = QPushButton(self.tr("Изменить профиль…"))
        self.edit_profile.clicked.connect(self._on_edit_profile_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Год:")))
        layout.addWidget(self.years)
        layout.addSpacing(12)
        layout.addWidget(QLabel(self.tr("Профиль правила:")))
        layout.addWidget(self.profile_box, 1)
        layout.addWidget(self.edit_profile)

    def refresh(self, db: Database) -> None:
        """Read the profiles and the years with results from `db`."""
        self._db = db
        self.profiles = list_profiles(db)
        with QSignalBlocker(self.profile_box):
            self.profile_box.clear()
            for profile in self.profiles.profiles:
                self.profile_box.addItem(profile.name)
            self.profile_box.setCurrentIndex(self.profiles.names().index(self.profiles.current.name))
        self._background = school_count(db) > BACKGROUND_ROWS
        self.years.set_years(result_years(db))

    def profile(self) -> RuleProfile | None:
        if self.profiles is None:
            return None
        index = self.profile_box.currentIndex()
        return self.profiles.profiles[index] if index >= 0 else self.profiles.current

    def scope(self) -> AnalysisScope | None:
        """What the tabs are to show; None while the database has no results (or none is open)."""
        year, profile, db = self.years.year(), self.profile(), self._db
        if year is None or profile is None or db is None:
            return None
        return AnalysisScope(db, year, profile, self._background)

    @Slot(int)
    def _on_years_year_changed(self, _year: int) -> None:
        self.sig_changed.emit()

    @Slot(int)
    def _on_profile_box_current_index_changed(self, _index: int) -> None:
        profile = self.profile()
        if profile is None or self._db is None:
            self.sig_changed.emit()
            return
        name = profile.name
        self.context.operations.write(
            self,
            self.tr("Текущий профиль"),
            lambda db, _p, _c: set_current_profile(db, name),
            lambda _r: self.sig_changed.emit(),
            lambda _e: self.sig_changed.emit(),
            initiator=self,
        )

    @Slot()
    def _on_edit_profile_clicked(self) -> None:
        self.open_profile_dialog()

    def open_profile_dialog(self) -> RuleProfileDialog | None:
        scope = self.scope()
        if scope is None:
            return None
        dialog = RuleProfileDialog(self.context, scope.year, scope.profile, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
