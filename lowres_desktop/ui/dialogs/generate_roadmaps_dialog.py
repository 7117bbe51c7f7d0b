"""«Дорожные карты школ»: one step that makes a roadmap for every school flagged in a year."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget

from lowres_desktop.services.roadmap_templates import RoadmapTemplate
from lowres_desktop.services.roadmaps import DEFAULT_SCHOOL_TEMPLATE


class GenerateRoadmapsDialog(QDialog):
    def __init__(
        self, templates: Sequence[RoadmapTemplate], years: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Дорожные карты для выявленных школ"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(years[-1] if years else 2021)
        self.source = QComboBox()
        for built in templates:
            self.source.addItem(built.name, built.key)
        index = self.source.findData(DEFAULT_SCHOOL_TEMPLATE)
        self.source.setCurrentIndex(max(index, 0))
        note = QLabel(
            self.tr(
                "Для каждой школы, выявленной по правилу за выбранный год, создаётся её дорожная карта "
                "на два года: в неё входят мероприятия шаблона, исполнитель которых — сама школа («ОО»). "
                "Школы, у которых дорожная карта на этот период уже есть, пропускаются."
            )
        )
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow(self.tr("Год выявления:"), self.year)
        form.addRow(self.tr("Мероприятия из:"), self.source)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(600)

    def template_key(self) -> str:
        return self.source.currentData()
