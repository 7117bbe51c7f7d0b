"""The roadmap editor's right-hand panel: the selected section's title or the selected item's fields.

The panel edits nothing itself: it builds the changed item (or title) and says
so through its signals, and the editor applies that to the immutable roadmap
as one undoable step. Typing is applied after a short pause, so one word is
one undo step, not one per key.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from lowres_desktop.domain.deadlines import Period
from lowres_desktop.domain.roadmaps import RoadmapItem, with_parsed_dates
from lowres_desktop.services.browse import list_schools, school_count
from lowres_desktop.services.roadmaps import ItemState, list_executors
from lowres_desktop.ui.dialogs.executors_dialog import ExecutorsDialog
from lowres_desktop.ui.dialogs.school_picker_dialog import SchoolPickerDialog
from lowres_desktop.ui.elided_label import ElidedLabel
from lowres_desktop.ui.flow_layout import FlowLayout
from lowres_desktop.ui.tasks import BACKGROUND_ROWS
from lowres_desktop.wording.common import plural

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.app_context import AppContext

NO_DATE = QDate(2000, 1, 1)
"""The minimum of the date fields, shown as their «no date» text."""


class _Page:
    NOTHING = 0
    SECTION = 1
    ITEM = 2


class RoadmapItemDetails(QStackedWidget):
    """The fields of the node selected in the editor's tree: nothing, a section or an item."""

    sig_section_title_edited = Signal(str)
    sig_item_edited = Signal(object)
    """The item's fields typed or ticked: the item as they now describe it."""
    sig_schools_chosen = Signal(object, object)
    """«Школы…» answered: the item with its new schools, and the `School`s chosen (for their names)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._db: Database | None = None
        self._executors: list[str] = []
        self._item: RoadmapItem | None = None
        self._period: Period | None = None
        self._loading = False
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(400)
        self._text_timer.timeout.connect(self._on_item_fields_edited)
        self.addWidget(QLabel(self.tr("Выберите раздел или мероприятие слева.")))

        section_page = QWidget()
        self.section_title = QPlainTextEdit()
        self.section_title.setMaximumHeight(90)
        self.section_title.textChanged.connect(self._on_section_title_changed)
        section_form = QFormLayout(section_page)
        section_form.addRow(self.tr("Название раздела:"), self.section_title)
        self.addWidget(section_page)

        item_page = QWidget()
        self.item_text = QPlainTextEdit()
        self.item_text.setPlaceholderText(
            self.tr("Содержание мероприятия; подпункты — строками, начинающимися с «- »")
        )
        self.item_text.textChanged.connect(self._text_timer.start)
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText(
            self.tr("как в приказе: «Февраль-март 2020», «ежегодно», «По графику»")
        )
        self.deadline.textEdited.connect(self._text_timer.start)
        self.manual_dates = QCheckBox(self.tr("указать даты вручную"))
        self.manual_dates.toggled.connect(self._on_item_fields_edited)
        self.starts_on = QDateEdit()
        self.ends_on = QDateEdit()
        for edit in (self.starts_on, self.ends_on):
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setCalendarPopup(True)
            edit.setMinimumDate(NO_DATE)
            edit.setSpecialValueText(self.tr("—"))
            edit.dateChanged.connect(self._on_item_fields_edited)
        # The dates and their box share a line where there is room, else the box goes below:
        # on a 1024 px window the form took more than half of the editor from the tree.
        dates = FlowLayout()
        dates.addWidget(FlowLayout.group(self.starts_on, QLabel("–"), self.ends_on))
        dates.addWidget(self.manual_dates)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.executors = QListWidget()
        self.executors.itemChanged.connect(self._on_item_fields_edited)
        self.directory_button = QPushButton(self.tr("Справочник исполнителей…"))
        self.directory_button.clicked.connect(self._on_directory_button_clicked)
        self.schools = ElidedLabel()
        self.schools_button = QPushButton(self.tr("Школы…"))
        self.schools_button.clicked.connect(self._on_schools_button_clicked)
        schools_row = QHBoxLayout()
        schools_row.addWidget(self.schools, 1)
        schools_row.addWidget(self.schools_button)
        item_form = QFormLayout(item_page)
        item_form.addRow(self.tr("Мероприятие:"), self.item_text)
        item_form.addRow(self.tr("Срок:"), self.deadline)
        item_form.addRow(self.tr("Даты:"), dates)
        item_form.addRow("", self.state)
        item_form.addRow(self.tr("Исполнители:"), self.executors)
        item_form.addRow("", self.directory_button)
        item_form.addRow(self.tr("Касается школ:"), schools_row)
        self.addWidget(item_page)

    # --- showing ----------------------------------------------------------------------------

    def set_database(self, db: Database) -> None:
        """The database whose directory of executors the item's checklist offers (read again each time)."""
        self._db = db
        self._executors = [u.executor.name for u in list_executors(db)]

    def show_nothing(self) -> None:
        self._item = None
        self.setCurrentIndex(_Page.NOTHING)
        self._text_timer.stop()

    def show_section(self, title: str) -> None:
        self._item = None
        self._loading = True
        try:
            self.setCurrentIndex(_Page.SECTION)
            if self.section_title.toPlainText() != title:
                self.section_title.setPlainText(title)
        finally:
            self._loading = False
        self._text_timer.stop()

    def show_item(
        self, item: RoadmapItem, period: Period, state: ItemState | None, school_names: dict[str, str]
    ) -> None:
        """Fill the item's fields; `state` is what the last monitoring found, if it was checked."""
        self._loading = True
        try:
            self.setCurrentIndex(_Page.ITEM)
            self._fill_item(item, state, school_names)
        finally:
            self._loading = False
        # Filling the fields started the typing pause: what the program wrote is not an edit.
        self._text_timer.stop()
        self._item = item
        self._period = period

    def _fill_item(self, item: RoadmapItem, state: ItemState | None, school_names: dict[str, str]) -> None:
        self._text_timer.stop()
        if self.item_text.toPlainText() != item.text:
            self.item_text.setPlainText(item.text)
        if self.deadline.text() != item.deadline_text:
            self.deadline.setText(item.deadline_text)
        self.manual_dates.setChecked(item.dates_manual)
        for edit, value in ((self.starts_on, item.starts_on), (self.ends_on, item.ends_on)):
            edit.setDate(QDate(value) if value else NO_DATE)
            edit.setEnabled(item.dates_manual)
        if state is None or state.latest_round is None:
            self.state.setText(self.tr("В мониторингах ещё не проверялось."))
        else:
            done = sum(1 for s in state.statuses.values() if s is not None and s.value == "done")
            self.state.setText(
                self.tr("«{round}»: выполнено в {done} из {total} школ.{overdue}").format(
                    round=state.latest_round,
                    done=done,
                    total=len(state.statuses),
                    overdue=self.tr(" Просрочено.") if state.overdue else "",
                )
            )
        self.executors.clear()
        names = list(dict.fromkeys([*self._executors, *item.executors]))
        for name in names:
            entry = QListWidgetItem(name)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if name in item.executors else Qt.CheckState.Unchecked)
            self.executors.addItem(entry)
        chosen = [school_names.get(login, login) for login in item.schools]
        if not chosen:
            self.schools.set_full_text(
                self.tr("все школы дорожной карты"), self.tr("Все школы, которых касается дорожная карта")
            )
        elif len(chosen) == 1:
            self.schools.set_full_text(chosen[0], chosen[0])
        else:
            # The count first: it stays in sight however much of the names the line cuts.
            count = self.tr("{count} {schools}").format(
                count=len(chosen), schools=plural(len(chosen), "школа", "школы", "школ")
            )
            self.schools.set_full_text(f"{count}: {', '.join(chosen)}", "\n".join(chosen))

    def edit_text(self) -> None:
        """Put the cursor into the section's title or the item's text, all of it selected (a new node)."""
        field = self.section_title if self.currentIndex() == _Page.SECTION else self.item_text
        field.setFocus()
        field.selectAll()

    def apply_typing(self) -> None:
        """Apply what was typed now rather than after the pause."""
        self._text_timer.stop()
        self._on_item_fields_edited()

    def apply_pending_typing(self) -> None:
        """Apply what was typed in the last pause, if anything: before another node is shown,
        a save or a question about unsaved edits (typed, it was lost to all three)."""
        if self._text_timer.isActive():
            self.apply_typing()

    # --- edits ------------------------------------------------------------------------------

    @Slot()
    def _on_section_title_changed(self) -> None:
        if not self._loading and self.currentIndex() == _Page.SECTION:
            self.sig_section_title_edited.emit(self.section_title.toPlainText())

    @Slot()
    def _on_item_fields_edited(self) -> None:
        old, period = self._item, self._period
        if self._loading or old is None or period is None:
            return
        executors = tuple(
            self.executors.item(row).text()
            for row in range(self.executors.count())
            if self.executors.item(row).checkState() == Qt.CheckState.Checked
        )
        manual = self.manual_dates.isChecked()
        item = replace(
            old,
            text=self.item_text.toPlainText(),
            deadline_text=self.deadline.text(),
            executors=executors,
            dates_manual=manual,
        )
        if manual:
            start, end = self.starts_on.date(), self.ends_on.date()
            item = replace(
                item,
                starts_on=None if start == NO_DATE else start.toPython(),
                ends_on=None if end == NO_DATE else end.toPython(),
            )
        else:
            item = with_parsed_dates(item, period)
        self.sig_item_edited.emit(item)
        self._loading = True
        try:
            for edit, value in ((self.starts_on, item.starts_on), (self.ends_on, item.ends_on)):
                edit.setDate(QDate(value) if value else NO_DATE)
                edit.setEnabled(manual)
        finally:
            self._loading = False

    @Slot()
    def _on_directory_button_clicked(self) -> None:
        if self._db is None:
            return
        ExecutorsDialog(self._context, self).exec()

    @Slot()
    def _on_schools_button_clicked(self) -> None:
        item, db = self._item, self._db
        if db is None or item is None:
            return
        dialog = SchoolPickerDialog(
            lambda: list_schools(db),
            item.schools,
            self.tr("Школы мероприятия"),
            self,
            background=school_count(db) > BACKGROUND_ROWS,
        )
        if dialog.exec():
            chosen = dialog.chosen_schools()
            changed = replace(item, schools=tuple(sorted({s.login for s in chosen})))
            self.sig_schools_chosen.emit(changed, chosen)
