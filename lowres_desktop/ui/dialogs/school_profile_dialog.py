"""A flagged school's profile: problem types, social conditions, mentor; and its official status.

Mentor candidates come ranked from the service: same district first, then
similar kind, then the least busy (seed 003: schools work better with
mentors from their own cluster).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.categories import Category, OfficialStatus
from lowres_desktop.domain.mentors import SchoolProfile, SocialConditions
from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.services.categories import official_statuses, record_official_statuses
from lowres_desktop.services.school_profiles import save_school_profile, school_profile
from lowres_desktop.wording.analysis import CATEGORY_TITLES
from lowres_desktop.wording.common import format_percent

if TYPE_CHECKING:
    from lowres_desktop.ui.app_context import AppContext


class SchoolProfileDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        login: str,
        year: int,
        rule_profile: RuleProfile,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        db = context.db
        self.view = school_profile(db, login, year, rule_profile)
        school = self.view.school
        self.setWindowTitle(self.tr("Профиль школы — {name}").format(name=school.short_name))
        self.types: dict[int, QCheckBox] = {}
        types_box = QGroupBox(self.tr("Типы проблем (таблица 2 приказа)"))
        types_layout = QVBoxLayout(types_box)
        for problem in self.view.catalogue:
            if not problem.active and problem.code not in self.view.profile.problem_types:
                continue
            box = QCheckBox(f"{problem.code}) {problem.title}")
            box.setChecked(problem.code in self.view.profile.problem_types)
            self.types[problem.code] = box
            types_layout.addWidget(box)
        self.conditions = QComboBox()
        self.conditions.addItem(self.tr("не указаны"), None)
        for condition in SocialConditions:
            self.conditions.addItem(condition.value, condition.value)  # a value, not the enum
        chosen = self.view.profile.social_conditions
        self.conditions.setCurrentIndex(max(self.conditions.findData(chosen.value if chosen else None), 0))
        self.mentor = QComboBox()
        self.mentor.addItem(self.tr("не назначена"), None)
        for candidate in self.view.candidates:
            marks = []
            if candidate.same_district:
                marks.append(self.tr("свой район"))
            if candidate.similar_kind:
                marks.append(self.tr("схожий тип"))
            if candidate.mentees:
                marks.append(self.tr("уже наставник для {n}").format(n=candidate.mentees))
            marks.append(self.tr("высоких {share}").format(share=format_percent(candidate.mean_high)))
            self.mentor.addItem(f"{candidate.school.short_name} — {', '.join(marks)}", candidate.school.login)
        current = self.view.profile.mentor_login
        if current and self.mentor.findData(current) < 0 and self.view.mentor is not None:
            self.mentor.addItem(self.tr("{name} (не в списке стабильно высоких)").format(
                name=self.view.mentor.short_name), current)  # fmt: skip
        self.mentor.setCurrentIndex(max(self.mentor.findData(current), 0))
        self.note = QPlainTextEdit(self.view.profile.note)
        self.note.setMaximumHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("Социальные условия:"), self.conditions)
        form.addRow(self.tr("Школа-наставник:"), self.mentor)
        form.addRow(self.tr("Примечание:"), self.note)
        hint = QLabel(
            self.tr(
                "Наставники — из стабильно высоких школ {year} г.: сначала свой район и схожий тип."
            ).format(year=year)
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{school.full_name}</b> ({school.login}, {school.district or ''})"))
        layout.addWidget(types_box)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(760, 560)

    def profile(self) -> SchoolProfile:
        conditions = self.conditions.currentData()
        return SchoolProfile(
            login=self.view.school.login,
            problem_types=frozenset(code for code, box in self.types.items() if box.isChecked()),
            social_conditions=None if conditions is None else SocialConditions(conditions),
            mentor_login=self.mentor.currentData(),
            note=self.note.toPlainText().strip(),
        )

    @Slot()
    def _on_buttons_accepted(self) -> None:
        profile = self.profile()
        self._context.operations.save_and_close(
            self, self.tr("Профиль школы"), lambda db, _p, _c: save_school_profile(db, profile)
        )


class OfficialStatusDialog(QDialog):
    """The region's order for one school and year: which categories, its number and date."""

    def __init__(
        self, context: AppContext, login: str, name: str, year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        db = context.db
        self.login = login
        self.year = year
        self.setWindowTitle(self.tr("Статус по приказу — {name}, {year} г.").format(name=name, year=year))
        existing = [s for s in official_statuses(db, login) if s.year == year]
        self.categories: dict[Category, QCheckBox] = {}
        box = QGroupBox(self.tr("Категории по приказу"))
        box_layout = QVBoxLayout(box)
        for category in (Category.LOW, Category.PERSISTENT, Category.RISK, Category.HIGH):
            check = QCheckBox(CATEGORY_TITLES[category])
            check.setChecked(any(s.category == category for s in existing))
            self.categories[category] = check
            box_layout.addWidget(check)
        self.number = QLineEdit(existing[0].order_number if existing else "")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd.MM.yyyy")
        when = existing[0].order_date if existing and existing[0].order_date else None
        self.date.setDate(QDate(when.year, when.month, when.day) if when else QDate.currentDate())
        form = QFormLayout()
        form.addRow(self.tr("Номер приказа:"), self.number)
        form.addRow(self.tr("Дата приказа:"), self.date)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def statuses(self) -> list[OfficialStatus]:
        day = self.date.date().toPython()
        return [
            OfficialStatus(self.login, self.year, category, self.number.text(), day)
            for category, check in self.categories.items()
            if check.isChecked()
        ]

    @Slot()
    def _on_buttons_accepted(self) -> None:
        login, year, statuses = self.login, self.year, self.statuses()
        self._context.operations.save_and_close(
            self,
            self.tr("Статус по приказу"),
            lambda db, _p, _c: record_official_statuses(db, login, year, statuses),
        )
