"""A new roadmap: from one of the built-in templates or empty, municipal or a school's own."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from lowres_desktop.domain.deadlines import Period
from lowres_desktop.domain.records import School
from lowres_desktop.domain.roadmaps import RoadmapLevel
from lowres_desktop.services.roadmap_templates import RoadmapTemplate
from lowres_desktop.ui.school_picker import SchoolPicker


class NewRoadmapDialog(QDialog):
    def __init__(
        self, templates: Sequence[RoadmapTemplate], schools: Sequence[School], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Новая дорожная карта"))
        self._templates = list(templates)
        self.template = QComboBox()
        self.template.addItem(self.tr("Пустая (один раздел)"), None)
        for built in self._templates:
            self.template.addItem(built.name, built.key)
        self.template.currentIndexChanged.connect(self._on_template_changed)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.level = QComboBox()
        # The enum's value, not the enum: PySide6 hands a str enum back as a plain str.
        self.level.addItem(self.tr("муниципальная"), RoadmapLevel.MUNICIPAL.value)
        self.level.addItem(self.tr("дорожная карта школы"), RoadmapLevel.SCHOOL.value)
        self.level.currentIndexChanged.connect(self._on_level_changed)
        self.school = SchoolPicker()
        self.school.set_schools([(f"{s.short_name} ({s.login})", s.login) for s in schools])
        self.first_year = QSpinBox()
        self.last_year = QSpinBox()
        for box in (self.first_year, self.last_year):
            box.setRange(2000, 2100)
        form = QFormLayout(self)
        form.addRow(self.tr("Шаблон:"), self.template)
        form.addRow("", self.source)
        form.addRow(self.tr("Уровень:"), self.level)
        form.addRow(self.tr("Школа:"), self.school)
        form.addRow(self.tr("Период с:"), self.first_year)
        form.addRow(self.tr("по:"), self.last_year)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(640)
        self.template.setCurrentIndex(len(self._templates))
        self._on_template_changed()
        self._on_level_changed()

    def template_key(self) -> str | None:
        return self.template.currentData()

    def chosen_level(self) -> RoadmapLevel:
        return RoadmapLevel(self.level.currentData())

    def school_login(self) -> str | None:
        return self.school.current_login() if self.chosen_level() == RoadmapLevel.SCHOOL else None

    def period(self) -> Period:
        first, last = self.first_year.value(), self.last_year.value()
        return Period(min(first, last), max(first, last))

    @Slot()
    def _on_template_changed(self) -> None:
        key = self.template_key()
        chosen = next((t for t in self._templates if t.key == key), None)
        self.source.setText(chosen.source if chosen else self.tr("Разделы и мероприятия вводятся вручную."))
        if chosen is not None:
            self.first_year.setValue(chosen.roadmap.period.first_year)
            self.last_year.setValue(chosen.roadmap.period.last_year)

    @Slot()
    def _on_level_changed(self) -> None:
        self.school.setEnabled(self.chosen_level() == RoadmapLevel.SCHOOL)
