"""The roadmap editor: a tree of sections and items, the selected node's details, the indicators.

The tree widget (`roadmap_tree.py`) and the indicators tab (`roadmap_indicators.py`)
live apart; this module holds the header, the toolbar, the undo history and the
details form, which all edit the same immutable roadmap.

The editor holds an immutable `Roadmap`; every change is a domain function
that returns a new one, pushed on a `QUndoStack` as a (before, after) pair,
so delete, move, duplicate and typing can all be undone (Ctrl+Z). Numbers
are derived from positions, so a drag or Alt+↑/↓ renumbers at once. Nothing
reaches the database until «Сохранить» (Ctrl+S) — one transaction on the
window's write pool — except indicator values, which are figures entered per
year and are written at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSignalBlocker, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QBrush, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.deadlines import Period, format_date
from lowres_desktop.domain.roadmaps import (
    ApprovalOrder,
    Numbering,
    Roadmap,
    RoadmapItem,
    RoadmapLevel,
    add_section,
    duplicate_item,
    insert_item,
    item_number,
    move_item,
    move_section,
    remove_item,
    remove_section,
    rename_section,
    reparse_dates,
    replace_item,
    with_parsed_dates,
)
from lowres_desktop.services.browse import list_schools, school_count
from lowres_desktop.services.roadmaps import (
    ItemState,
    item_states,
    list_executors,
    save_roadmap,
    school_names,
)
from lowres_desktop.ui.dialogs.executors_dialog import ExecutorsDialog
from lowres_desktop.ui.dialogs.school_picker_dialog import SchoolPickerDialog
from lowres_desktop.ui.tasks import BACKGROUND_ROWS
from lowres_desktop.ui.views.roadmap_indicators import OVERDUE_BACKGROUND, RoadmapIndicators
from lowres_desktop.ui.views.roadmap_tree import PATH_ROLE, RoadmapTree

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.app_context import AppContext

NO_DATE = QDate(2000, 1, 1)


class _Snapshot(QUndoCommand):
    """One edit: the roadmap before and after. Typing into the same field merges into one step."""

    def __init__(
        self, editor: RoadmapEditor, before: Roadmap, after: Roadmap, text: str, merge_key: str
    ) -> None:
        super().__init__(text)
        self._editor = editor
        self.before = before
        self.after = after
        self.merge_key = merge_key

    def id(self) -> int:
        return 1 if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if isinstance(other, _Snapshot) and other.merge_key == self.merge_key:
            self.after = other.after
            return True
        return False

    def redo(self) -> None:
        self._editor._show_roadmap(self.after)

    def undo(self) -> None:
        self._editor._show_roadmap(self.before)


class RoadmapEditor(QWidget):
    """Edits one roadmap; `sig_saved` tells the page to reload its list."""

    sig_saved = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._db: Database | None = None
        self._roadmap: Roadmap | None = None
        self._states: dict[int, ItemState] = {}
        self._executors: list[str] = []
        self._school_names: dict[str, str] = {}
        self._loading = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._build()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        # Typing is applied after a short pause, so one word is one undo step, not one per key.
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(400)
        self._text_timer.timeout.connect(self._on_item_fields_edited)
        self.title = QLineEdit()
        self.title.textEdited.connect(lambda text: self._edit_header("title", title=text))
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
        header = QFormLayout()
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

        self.toolbar = QToolBar()
        self.save_action = self._action(
            self.tr("Сохранить"), lambda: self.save(), QKeySequence.StandardKey.Save
        )
        self.add_section_action = self._action(self.tr("+ Раздел"), self._on_add_section)
        self.add_item_action = self._action(
            self.tr("+ Мероприятие"), self._on_add_item, QKeySequence("Ctrl+N")
        )
        self.duplicate_action = self._action(
            self.tr("Дублировать"), self._on_duplicate, QKeySequence("Ctrl+D")
        )
        self.delete_action = self._action(
            self.tr("Удалить"), self._on_delete, QKeySequence.StandardKey.Delete
        )
        self.up_action = self._action(self.tr("Выше"), lambda: self._on_shift(-1), QKeySequence("Alt+Up"))
        self.down_action = self._action(self.tr("Ниже"), lambda: self._on_shift(1), QKeySequence("Alt+Down"))
        # Fixed words on the buttons, the step in the tooltip: «Отменить Изменение заголовка»
        # made the toolbar jump at every edit.
        stack = self.undo_stack
        self.undo_action = self._action(self.tr("Отменить"), stack.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(self.tr("Повторить"), stack.redo, QKeySequence.StandardKey.Redo)
        for action, enabled, text in (
            (self.undo_action, stack.canUndoChanged, stack.undoTextChanged),
            (self.redo_action, stack.canRedoChanged, stack.redoTextChanged),
        ):
            action.setEnabled(False)
            enabled.connect(action.setEnabled)
            text.connect(lambda step, action=action: _describe_step(action, step))
        for action in (
            self.save_action,
            None,
            self.add_section_action,
            self.add_item_action,
            self.duplicate_action,
            self.delete_action,
            self.up_action,
            self.down_action,
            None,
            self.undo_action,
            self.redo_action,
        ):
            if action is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(action)
        self.status = QLabel()
        self.toolbar.addWidget(self.status)

        self.tree = RoadmapTree()
        self.tree.currentItemChanged.connect(self._on_tree_current_changed)
        self.tree.sig_move_requested.connect(self._on_tree_move_requested)
        self.details = self._build_details()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([6500, 3500])

        self.indicators_panel = RoadmapIndicators(self._context, self._apply)
        self.indicators = self.indicators_panel.table
        indicators_page = self.indicators_panel

        self.tabs = QTabWidget()
        self.tabs.addTab(split, self.tr("Мероприятия"))
        self.tabs.addTab(indicators_page, self.tr("Целевые показатели"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tabs, 1)
        self.setEnabled(False)

    def _action(self, text: str, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def _build_details(self) -> QStackedWidget:
        stack = QStackedWidget()
        stack.addWidget(QLabel(self.tr("Выберите раздел или мероприятие слева.")))
        section_page = QWidget()
        self.section_title = QPlainTextEdit()
        self.section_title.setMaximumHeight(90)
        self.section_title.textChanged.connect(self._on_section_title_changed)
        section_form = QFormLayout(section_page)
        section_form.addRow(self.tr("Название раздела:"), self.section_title)
        stack.addWidget(section_page)

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
        dates = QHBoxLayout()
        dates.addWidget(self.starts_on)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.ends_on)
        dates.addWidget(self.manual_dates, 1)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.executors = QListWidget()
        self.executors.itemChanged.connect(self._on_item_fields_edited)
        directory = QPushButton(self.tr("Справочник исполнителей…"))
        directory.clicked.connect(self._on_directory_clicked)
        self.schools = QLabel()
        self.schools.setWordWrap(True)
        choose_schools = QPushButton(self.tr("Школы…"))
        choose_schools.clicked.connect(self._on_choose_schools)
        schools_row = QHBoxLayout()
        schools_row.addWidget(self.schools, 1)
        schools_row.addWidget(choose_schools)
        item_form = QFormLayout(item_page)
        item_form.addRow(self.tr("Мероприятие:"), self.item_text)
        item_form.addRow(self.tr("Срок:"), self.deadline)
        item_form.addRow(self.tr("Даты:"), dates)
        item_form.addRow("", self.state)
        item_form.addRow(self.tr("Исполнители:"), self.executors)
        item_form.addRow("", directory)
        item_form.addRow(self.tr("Касается школ:"), schools_row)
        stack.addWidget(item_page)
        return stack

    # --- loading and saving -----------------------------------------------------------------

    def set_database(self, db: Database) -> None:
        """The database the editor reads (the directory of executors is read again each time)."""
        self._db = db
        self._executors = [u.executor.name for u in list_executors(db)]
        if self._roadmap is not None:
            self._on_tree_current_changed()

    def open(self, roadmap: Roadmap) -> None:
        """Show `roadmap` for editing, forgetting the undo history of the previous one."""
        assert self._db is not None
        self.undo_stack.clear()
        self._states = item_states(self._db, roadmap.id) if roadmap.id is not None else {}
        self._school_names = school_names(self._db, roadmap)
        self._show_roadmap(roadmap)
        self.undo_stack.setClean()
        self.setEnabled(True)
        self._on_clean_changed(True)

    def roadmap(self) -> Roadmap | None:
        return self._roadmap

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def close_roadmap(self) -> None:
        self._roadmap = None
        self.undo_stack.clear()
        self.tree.clear()
        self.setEnabled(False)

    def discard(self) -> None:
        """Drop the unsaved edits: back to the state last opened or saved."""
        self.undo_stack.setIndex(self.undo_stack.cleanIndex())

    def save(self, then: Callable[[], object] | None = None) -> None:
        """Write the roadmap (one transaction, on the write pool), then call `then`.

        The editor is disabled while it is written, so nothing typed meanwhile is lost when
        the stored state (with its new ids) is shown; after a failure the edits stay.
        """
        roadmap = self._roadmap
        if self._roadmap is None:
            return
        self.setEnabled(False)

        def saved(stored: Roadmap) -> None:
            self.open(stored)
            assert stored.id is not None
            self.sig_saved.emit(stored.id)
            if then is not None:
                then()

        self._context.operations.write(
            self,
            self.tr("Сохранение дорожной карты"),
            lambda db, _progress, _cancel: save_roadmap(db, roadmap),
            saved,
            lambda _error: self.setEnabled(True),
            initiator=self,
        )

    # --- showing ----------------------------------------------------------------------------

    def _apply(self, after: Roadmap, text: str, merge_key: str = "") -> None:
        if self._roadmap is None or after == self._roadmap:
            return
        self.undo_stack.push(_Snapshot(self, self._roadmap, after, text, merge_key))

    def _show_roadmap(self, roadmap: Roadmap) -> None:
        """Show a state; keeps the selection on the same path and never pushes an undo step."""
        current = self._current_path()
        self._roadmap = roadmap
        self._loading = True
        try:
            self._fill_header(roadmap)
            self._fill_tree(roadmap, current)
            self.indicators_panel.show_roadmap(roadmap, self._db)
        finally:
            self._loading = False
        self._on_tree_current_changed()

    def _fill_header(self, roadmap: Roadmap) -> None:
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
        school = self._school_names.get(roadmap.school_login or "", roadmap.school_login or "")
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

    def _fill_tree(self, roadmap: Roadmap, keep: tuple[int, ...] | None) -> None:
        with QSignalBlocker(self.tree):
            self.tree.clear()
            today = date.today()
            for s, section in enumerate(roadmap.sections):
                top = QTreeWidgetItem([f"{s + 1}.", section.title, "", ""])
                top.setData(0, PATH_ROLE, (s,))
                font = top.font(1)
                font.setBold(True)
                top.setFont(0, font)
                top.setFont(1, font)
                top.setFlags(top.flags() | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)
                self.tree.addTopLevelItem(top)
                for i, item in enumerate(section.items):
                    first_line = item.text.splitlines()[0] if item.text else ""
                    child = QTreeWidgetItem(
                        [
                            item_number(roadmap.numbering, s, i),
                            first_line,
                            item.deadline_text,
                            ", ".join(item.executors),
                        ]
                    )
                    child.setData(0, PATH_ROLE, (s, i))
                    child.setToolTip(1, item.text)
                    child.setFlags(child.flags() | Qt.ItemFlag.ItemIsDragEnabled)
                    state = self._states.get(item.id) if item.id is not None else None
                    if state is not None and state.overdue and item.ends_on and item.ends_on < today:
                        for column in range(4):
                            child.setBackground(column, QBrush(OVERDUE_BACKGROUND))
                        child.setToolTip(
                            2,
                            self.tr(
                                "Просрочено: срок истёк {date}, в последнем мониторинге не выполнено везде"
                            ).format(date=format_date(item.ends_on)),
                        )
                    top.addChild(child)
                top.setExpanded(True)
            target = self._tree_item(keep) if keep else None
            if target is None and keep and len(keep) == 2:
                target = self._tree_item((keep[0], keep[1] - 1)) or self._tree_item((keep[0],))
            if target is None and roadmap.sections and roadmap.sections[0].items:
                # A freshly opened roadmap shows its first measure rather than an empty panel.
                target = self._tree_item((0, 0))
            if target is not None:
                self.tree.setCurrentItem(target)
        overdue = sum(
            1
            for section in roadmap.sections
            for item in section.items
            if item.id in self._states and self._states[item.id].overdue
        )
        self.status.setText(
            self.tr("  разделов {sections}, мероприятий {items}, просрочено {overdue}").format(
                sections=len(roadmap.sections), items=roadmap.item_count, overdue=overdue
            )
        )

    def _tree_item(self, path: tuple[int, ...]) -> QTreeWidgetItem | None:
        if not path or not 0 <= path[0] < self.tree.topLevelItemCount():
            return None
        top = self.tree.topLevelItem(path[0])
        if len(path) == 1:
            return top
        return top.child(path[1]) if 0 <= path[1] < top.childCount() else None

    def select(self, path: tuple[int, ...]) -> None:
        item = self._tree_item(path)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _current_path(self) -> tuple[int, ...] | None:
        current = self.tree.currentItem()
        return tuple(current.data(0, PATH_ROLE)) if current is not None else None

    @Slot()
    def _on_tree_current_changed(self) -> None:
        path = self._current_path()
        roadmap = self._roadmap
        self._loading = True
        try:
            if roadmap is None or path is None:
                self.details.setCurrentIndex(0)
            elif len(path) == 1:
                self.details.setCurrentIndex(1)
                title = roadmap.sections[path[0]].title
                if self.section_title.toPlainText() != title:
                    self.section_title.setPlainText(title)
            else:
                self.details.setCurrentIndex(2)
                self._fill_item(roadmap, roadmap.sections[path[0]].items[path[1]])
        finally:
            self._loading = False
        # Filling the fields started the typing pause: what the program wrote is not an edit.
        self._text_timer.stop()
        item_selected = path is not None and len(path) == 2
        self.duplicate_action.setEnabled(item_selected)
        self.add_item_action.setEnabled(path is not None)

    def _fill_item(self, roadmap: Roadmap, item: RoadmapItem) -> None:
        self._text_timer.stop()
        if self.item_text.toPlainText() != item.text:
            self.item_text.setPlainText(item.text)
        if self.deadline.text() != item.deadline_text:
            self.deadline.setText(item.deadline_text)
        self.manual_dates.setChecked(item.dates_manual)
        for edit, value in ((self.starts_on, item.starts_on), (self.ends_on, item.ends_on)):
            edit.setDate(QDate(value) if value else NO_DATE)
            edit.setEnabled(item.dates_manual)
        state = self._states.get(item.id) if item.id is not None else None
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
        self.schools.setText(
            ", ".join(self._school_names.get(login, login) for login in item.schools)
            or self.tr("все школы, которых касается дорожная карта")
        )

    # --- edits ------------------------------------------------------------------------------

    def _edit_header(self, key: str, **changes: object) -> None:
        if self._loading or self._roadmap is None:
            return
        self._apply(replace(self._roadmap, **changes), self.tr("Изменение заголовка"), key)  # type: ignore[arg-type]

    @Slot()
    def _on_period_changed(self) -> None:
        if self._loading or self._roadmap is None:
            return
        first, last = self.first_year.value(), self.last_year.value()
        if first > last:
            return
        changed = reparse_dates(replace(self._roadmap, period=Period(first, last)))
        self._apply(changed, self.tr("Изменение периода"), "period")

    @Slot()
    def _on_numbering_changed(self) -> None:
        self._edit_header("numbering", numbering=Numbering(self.numbering.currentData()))

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
        self._edit_header("order", order=order)

    @Slot()
    def _on_section_title_changed(self) -> None:
        path = self._current_path()
        if self._loading or self._roadmap is None or path is None or len(path) != 1:
            return
        changed = rename_section(self._roadmap, path[0], self.section_title.toPlainText())
        self._apply(changed, self.tr("Название раздела"), f"section-{path[0]}")

    @Slot()
    def _on_item_fields_edited(self) -> None:
        path = self._current_path()
        if self._loading or self._roadmap is None or path is None or len(path) != 2:
            return
        old = self._roadmap.sections[path[0]].items[path[1]]
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
            item = with_parsed_dates(item, self._roadmap.period)
        self._apply(
            replace_item(self._roadmap, (path[0], path[1]), item), self.tr("Мероприятие"), f"item-{path}"
        )
        self._loading = True
        try:
            for edit, value in ((self.starts_on, item.starts_on), (self.ends_on, item.ends_on)):
                edit.setDate(QDate(value) if value else NO_DATE)
                edit.setEnabled(manual)
        finally:
            self._loading = False

    @Slot()
    def _on_add_section(self) -> None:
        if self._roadmap is None:
            return
        path = self._current_path()
        index = path[0] + 1 if path else len(self._roadmap.sections)
        self._apply(add_section(self._roadmap, self.tr("Новый раздел"), index), self.tr("Новый раздел"))
        self.select((index,))
        self.section_title.setFocus()
        self.section_title.selectAll()

    @Slot()
    def _on_add_item(self) -> None:
        path = self._current_path()
        if self._roadmap is None or path is None:
            return
        section = path[0]
        index = path[1] + 1 if len(path) == 2 else len(self._roadmap.sections[section].items)
        item = RoadmapItem(self.tr("Новое мероприятие"), self.tr("В течение года"))
        item = with_parsed_dates(item, self._roadmap.period)
        self._apply(insert_item(self._roadmap, section, item, index), self.tr("Новое мероприятие"))
        self.select((section, index))
        self.item_text.setFocus()
        self.item_text.selectAll()

    @Slot()
    def _on_duplicate(self) -> None:
        path = self._current_path()
        if self._roadmap is None or path is None or len(path) != 2:
            return
        self._apply(duplicate_item(self._roadmap, (path[0], path[1])), self.tr("Копия мероприятия"))
        self.select((path[0], path[1] + 1))

    @Slot()
    def _on_delete(self) -> None:
        path = self._current_path()
        if self._roadmap is None or path is None:
            return
        if len(path) == 1:
            self._apply(remove_section(self._roadmap, path[0]), self.tr("Удаление раздела"))
        else:
            self._apply(remove_item(self._roadmap, (path[0], path[1])), self.tr("Удаление мероприятия"))

    def _on_shift(self, step: int) -> None:
        path = self._current_path()
        if self._roadmap is None or path is None:
            return
        if len(path) == 1:
            target = path[0] + step
            if 0 <= target < len(self._roadmap.sections):
                self._apply(move_section(self._roadmap, path[0], target), self.tr("Перемещение раздела"))
                self.select((target,))
            return
        s, i = path
        count = len(self._roadmap.sections[s].items)
        if 0 <= i + step < count:
            target = (s, i + step)
        elif step < 0 and s > 0:
            target = (s - 1, len(self._roadmap.sections[s - 1].items))
        elif step > 0 and s + 1 < len(self._roadmap.sections):
            target = (s + 1, 0)
        else:
            return
        self._apply(move_item(self._roadmap, (s, i), target), self.tr("Перемещение мероприятия"))
        self.select(target)

    @Slot(object, object)
    def _on_tree_move_requested(self, source: tuple[int, ...], target: tuple[int, ...]) -> None:
        self.move(source, target)

    def move(self, source: tuple[int, ...], target: tuple[int, ...]) -> None:
        """Move a section (1-tuples) or an item ((section, index) pairs); what a drag does."""
        if self._roadmap is None:
            return
        if len(source) == 1:
            self._apply(move_section(self._roadmap, source[0], target[0]), self.tr("Перемещение раздела"))
            self.select((min(target[0], len(self._roadmap.sections) - 1),))
            return
        section = target[0]
        moved = move_item(self._roadmap, (source[0], source[1]), (section, target[1]))
        self._apply(moved, self.tr("Перемещение мероприятия"))
        index = min(target[1], len(moved.sections[section].items) - 1)
        self.select((section, index))

    @Slot()
    def _on_directory_clicked(self) -> None:
        if self._db is None:
            return
        ExecutorsDialog(self._context, self).exec()

    @Slot()
    def _on_choose_schools(self) -> None:
        path = self._current_path()
        if self._db is None or self._roadmap is None or path is None or len(path) != 2:
            return
        item = self._roadmap.sections[path[0]].items[path[1]]
        db = self._db
        dialog = SchoolPickerDialog(
            lambda: list_schools(db),
            item.schools,
            self.tr("Школы мероприятия"),
            self,
            background=school_count(db) > BACKGROUND_ROWS,
        )
        if dialog.exec():
            chosen_schools = dialog.chosen_schools()
            chosen = {s.login for s in chosen_schools}
            self._school_names.update((s.login, s.short_name) for s in chosen_schools)
            changed = replace(item, schools=tuple(sorted(chosen)))
            self._apply(
                replace_item(self._roadmap, (path[0], path[1]), changed), self.tr("Школы мероприятия")
            )
            self._on_tree_current_changed()

    @Slot(bool)
    def _on_clean_changed(self, clean: bool) -> None:
        self.save_action.setEnabled(not clean)
        self.save_action.setText(self.tr("Сохранить") if clean else self.tr("Сохранить *"))


def _describe_step(action: QAction, step: str) -> None:
    word = action.text()
    action.setToolTip(f"{word}: {step}" if step else word)
