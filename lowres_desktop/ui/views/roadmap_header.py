"""The roadmap editor's header: the title, the period, the numbering and the approving order.

Like the rest of the editor it changes nothing itself: an edit builds the
roadmap as it would be and hands it over (`sig_edited`), and the editor
pushes it as one undoable step.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QDate, QSignalBlocker, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from lowres_desktop.domain.deadlines import Period
from lowres_desktop.domain.roadmaps import ApprovalOrder, Numbering, Roadmap, RoadmapLevel, reparse_dates
from lowres_desktop.ui.views.roadmap_item_details import NO_DATE


class RoadmapHeader(QWidget):
    sig_edited = Signal(object, str, str)
    """The roadmap as the header now describes it, the undo step's name, and its merge key."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._roadmap: Roadmap | None = None
        self._loading = False
        self.title = QLineEdit()
        self.title.textEdited.connect(lambda text: self._edit("title", title=text))
        self.first_year = QSpinBox()
        self.last_year = QSpinBox()
        for box in (self.first_year, self.last_year):
            box.setRange(2000, 2100)
            box.valueChanged.connect(self._on_period_changed)
        self.numbering = QComboBox()
        # Qt item data carries the enum's value: PySide6 would hand a str enum back as a plain str.
        self.numbering.addItem(self.tr("1, 2, … в каждом разделе"), Numbering.FLAT.value)
        self.numbering.addItem(self.tr("1.1, 1.2, …"), Numbering.NESTED.value)
        self.numbering.currentIndexChanged.connect(self._on_numbering_changed)
        self.level = QLabel()
        self.order_kind = QLineEdit()
        self.order_number = QLineEdit()
        self.order_date = QDateEdit()
        self.order_date.setDisplayFormat("dd.MM.yyyy")
        self.order_date.setCalendarPopup(True)
        self.order_date.setMinimumDate(NO_DATE)
        self.order_date.setSpecialValueText(self.tr("не указана"))
        self.order_issuer = QLineEdit()
        for field in (self.order_kind, self.order_number, self.order_issuer):
            field.textEdited.connect(self._on_order_edited)
        self.order_date.dateChanged.connect(self._on_order_edited)
        header = QFormLayout(self)
        header.setContentsMargins(0, 0, 0, 0)
        header.addRow(self.tr("Название:"), self.title)
        period = QHBoxLayout()
        period.addWidget(self.first_year)
        period.addWidget(QLabel("–"))
        period.addWidget(self.last_year)
        period.addSpacing(16)
        period.addWidget(QLabel(self.tr("Нумерация:")))
        period.addWidget(self.numbering)
        period.addSpacing(16)
        period.addWidget(self.level, 1)
        header.addRow(self.tr("Период:"), period)
        order = QHBoxLayout()
        order.addWidget(self.order_kind)
        order.addWidget(QLabel(self.tr("№")))
        order.addWidget(self.order_number)
        order.addWidget(QLabel(self.tr("от")))
        order.addWidget(self.order_date)
        order.addWidget(self.order_issuer, 2)
        header.addRow(self.tr("Утверждена:"), order)

    def show_roadmap(self, roadmap: Roadmap, school: str) -> None:
        """Show `roadmap`'s header; `school` names the school of a school's roadmap."""
        self._roadmap = roadmap
        self._loading = True
        try:
            self._fill(roadmap, school)
        finally:
            self._loading = False

    def _fill(self, roadmap: Roadmap, school: str) -> None:
        if self.title.text() != roadmap.title:
            self.title.setText(roadmap.title)
            if not self.title.hasFocus():
                self.title.setCursorPosition(0)  # a 200-character title reads from its start
        for box, value in (
            (self.first_year, roadmap.period.first_year),
            (self.last_year, roadmap.period.last_year),
        ):
            with QSignalBlocker(box):
                box.setValue(value)
        with QSignalBlocker(self.numbering):
            self.numbering.setCurrentIndex(self.numbering.findData(roadmap.numbering.value))
        self.level.setText(
            self.tr("Дорожная карта школы: {school}").format(school=school)
            if roadmap.level == RoadmapLevel.SCHOOL
            else self.tr("Муниципальная дорожная карта")
        )
        order = roadmap.order
        for field, value in (
            (self.order_kind, order.kind),
            (self.order_number, order.number),
            (self.order_issuer, order.issuer),
        ):
            if field.text() != value:
                field.setText(value)
                if not field.hasFocus():
                    field.setCursorPosition(0)
        with QSignalBlocker(self.order_date):
            self.order_date.setDate(QDate(order.date) if order.date else NO_DATE)

    # --- edits ------------------------------------------------------------------------------

    def _edit(self, key: str, **changes: object) -> None:
        if self._loading or self._roadmap is None:
            return
        self.sig_edited.emit(replace(self._roadmap, **changes), self.tr("Изменение заголовка"), key)  # type: ignore[arg-type]

    @Slot()
    def _on_period_changed(self) -> None:
        if self._loading or self._roadmap is None:
            return
        first, last = self.first_year.value(), self.last_year.value()
        if first > last:
            return
        changed = reparse_dates(replace(self._roadmap, period=Period(first, last)))
        self.sig_edited.emit(changed, self.tr("Изменение периода"), "period")

    @Slot()
    def _on_numbering_changed(self) -> None:
        self._edit("numbering", numbering=Numbering(self.numbering.currentData()))

    @Slot()
    def _on_order_edited(self) -> None:
        if self._loading or self._roadmap is None:
            return
        chosen = self.order_date.date()
        order = ApprovalOrder(
            self.order_kind.text(),
            self.order_number.text(),
            None if chosen == NO_DATE else chosen.toPython(),
            self.order_issuer.text(),
        )
        self._edit("order", order=order)
