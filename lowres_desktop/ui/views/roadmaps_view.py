"""«Дорожные карты»: the list of roadmaps above, the selected one in the editor below.

Every write (new, import, delete, generate, save) runs through the window's
operations; leaving a roadmap with unsaved edits asks first, and the list and
the editor always show the same roadmap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtWidgets import (
    QHeaderView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.roadmaps import RoadmapLevel
from lowres_desktop.files.names import with_extension
from lowres_desktop.services.browse import list_schools, overview
from lowres_desktop.services.roadmap_templates import builtin_templates
from lowres_desktop.services.roadmaps import (
    LEVEL_WORDS,
    GeneratedRoadmaps,
    RoadmapOverview,
    create_roadmap,
    delete_roadmap,
    export_roadmap_xlsx,
    generate_school_roadmaps,
    import_roadmap_xlsx,
    list_roadmaps,
    load_roadmap,
    new_roadmap,
    order_text,
)
from lowres_desktop.ui.dialogs.executors_dialog import ExecutorsDialog
from lowres_desktop.ui.dialogs.generate_roadmaps_dialog import GenerateRoadmapsDialog
from lowres_desktop.ui.dialogs.new_roadmap_dialog import NewRoadmapDialog
from lowres_desktop.ui.errors import show_error, show_info, show_message
from lowres_desktop.ui.file_dialogs import Purpose, open_file, save_file
from lowres_desktop.ui.flow_layout import FlowLayout
from lowres_desktop.ui.models.record_sort_proxy_model import RecordSortProxyModel
from lowres_desktop.ui.models.record_table_model import Column, RecordTableModel
from lowres_desktop.ui.table_setup import setup_table
from lowres_desktop.ui.views.roadmap_editor import RoadmapEditor
from lowres_desktop.wording.analysis import profile_title

if TYPE_CHECKING:
    from lowres_desktop.domain.roadmaps import Roadmap, RoadmapListing
    from lowres_desktop.services.roadmaps import ImportedRoadmap
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.app_context import AppContext


TITLE_COLUMN = 1


def _school_or_level(listing: RoadmapListing) -> str:
    """The school of a school's roadmap, «муниципальная» for the municipality's."""
    if listing.level == RoadmapLevel.SCHOOL and listing.school_name:
        return listing.school_name
    return LEVEL_WORDS[listing.level]


def _columns(tr) -> list[Column]:  # type: ignore[no-untyped-def]
    return [
        Column(tr("№"), lambda o: str(o.listing.id), sort_key=lambda o: o.listing.id, align_right=True),
        Column(tr("Дорожная карта"), lambda o: o.listing.title, tooltip=lambda o: o.listing.title),
        # One column for the level and the school: a municipal roadmap has no school, and two
        # columns took 180 px of the 790 a 1024 px window gives the list.
        Column(
            tr("Школа"),
            lambda o: _school_or_level(o.listing),
            tooltip=lambda o: tr("{level} дорожная карта").format(level=LEVEL_WORDS[o.listing.level]),
        ),
        Column(tr("Период"), lambda o: o.listing.period.text()),
        # The kind of order («приказ») in the tooltip: the column gives its width to the title.
        Column(
            tr("Утверждена"),
            lambda o: order_text(replace(o.listing.order, kind="")),
            tooltip=lambda o: order_text(o.listing.order),
        ),
        Column(
            tr("Мероприятий"), lambda o: str(o.listing.item_count), sort_key=lambda o: o.listing.item_count
        ),
        Column(
            tr("Просрочено"),
            lambda o: str(o.overdue),
            sort_key=lambda o: o.overdue,
            highlighted=lambda o: o.overdue > 0,
            header_tooltip=tr("Срок истёк, а в последнем мониторинге мероприятие выполнено не везде"),
        ),
        Column(tr("Мониторингов"), lambda o: str(o.rounds), sort_key=lambda o: o.rounds),
    ]


def _fitted_width(table: QTableView, column: int) -> int:
    """The column as wide as its header's words or its cells, without room for a sort arrow.

    Qt sizes every header for a sort arrow beside its text, though Windows draws the arrow
    above it: 30 px a column, and the counts («Мониторингов» over «2») are all header.
    """
    header = table.horizontalHeader()
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    title = str(table.model().headerData(column, Qt.Orientation.Horizontal))
    words = header.fontMetrics().horizontalAdvance(title) + 4 * margin
    return max(words, table.sizeHintForColumn(column))


class RoadmapsView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._db: Database | None = None
        self._open_id: int | None = None
        self.model = RecordTableModel(self)
        self.proxy = RecordSortProxyModel(self.model, self)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        setup_table(self.table)
        # One line a title, cut in its middle: titles differ there and at their end (the
        # school, the years), and wrapped, each line was cut on its own.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.editor = RoadmapEditor(context)
        self.editor.sig_saved.connect(self._on_editor_saved)
        buttons = FlowLayout()
        self.new_button = self._button(self.tr("Новая…"), self._on_new_clicked, buttons)
        self.generate_button = self._button(
            self.tr("Для выявленных школ…"), self._on_generate_clicked, buttons
        )
        self.import_button = self._button(self.tr("Импорт из Excel…"), self._on_import_clicked, buttons)
        self.export_button = self._button(self.tr("Экспорт в Excel…"), self._on_export_clicked, buttons)
        self.delete_button = self._button(self.tr("Удалить"), self._on_delete_clicked, buttons)
        buttons.align_rest_right()
        self.directory_button = self._button(
            self.tr("Справочник исполнителей…"), self._on_directory_clicked, buttons
        )
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.editor)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([200, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def _button(self, text: str, slot, layout: FlowLayout) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    def refresh(self, db: Database) -> None:
        if self._db is not db:
            self._open_id = None
            self.editor.close_roadmap()
        self._db = db
        self.editor.set_database(db)
        self._reload(self._open_id)

    def _reload(self, select_id: int | None) -> None:
        assert self._db is not None
        overviews = list_roadmaps(self._db)
        self.model.set_records(overviews, _columns(self.tr))
        # The title takes what the other columns leave: a fixed 520 px scrolled the
        # table sideways in a 1024 px window. Its full text is in the tooltip.
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            if column != TITLE_COLUMN:
                header.resizeSection(column, _fitted_width(self.table, column))
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        if select_id is not None:
            self.open_roadmap(select_id)
        elif overviews and self._open_id is None:
            self.open_roadmap(overviews[0].listing.id)

    def roadmap_ids(self) -> list[int]:
        return [record.listing.id for record in self.model.records()]

    def open_roadmap(self, roadmap_id: int) -> None:
        """Select the roadmap in the list and open it in the editor."""
        for row, record in enumerate(self.model.records()):
            if record.listing.id == roadmap_id:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.table.selectRow(index.row())
                break
        if self._open_id != roadmap_id or not self.editor.isEnabled():
            self._load(roadmap_id)

    def _load(self, roadmap_id: int) -> None:
        assert self._db is not None
        try:
            roadmap = load_roadmap(self._db, roadmap_id)
        except DomainError as error:
            show_error(self, error)
            return
        self._open_id = roadmap_id
        self.editor.open(roadmap)

    def _leave(self, then: Callable[[], object]) -> None:
        """Run `then` once the open roadmap has nothing unsaved (saved, dropped, or never edited).

        «Отмена» keeps the user where they were, with the list showing the open roadmap.
        """
        if not self.editor.is_modified():
            then()
            return
        answer = QMessageBox.question(
            self,
            self.tr("Несохранённые изменения"),
            self.tr("В открытой дорожной карте есть несохранённые изменения. Сохранить их?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            self.editor.save(then)
        elif answer == QMessageBox.StandardButton.Discard:
            self.editor.discard()
            then()
        elif self._open_id is not None:
            self.open_roadmap(self._open_id)

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        record: RoadmapOverview = self.model.record(self.proxy.mapToSource(rows[0]).row())
        chosen = record.listing.id
        if chosen != self._open_id:
            self._leave(lambda: self.open_roadmap(chosen))

    @Slot(int)
    def _on_editor_saved(self, roadmap_id: int) -> None:
        self._open_id = roadmap_id
        self._reload(roadmap_id)

    @Slot()
    def _on_new_clicked(self) -> None:
        if self._db is not None:
            self._leave(self._ask_new)

    def _ask_new(self) -> None:
        assert self._db is not None
        dialog = NewRoadmapDialog(builtin_templates(), list_schools(self._db), self)
        if not dialog.exec():
            return
        try:
            roadmap = new_roadmap(
                dialog.template_key(), dialog.chosen_level(), dialog.school_login(), period=dialog.period()
            )
        except DomainError as error:
            show_error(self, error)
            return
        self.create(roadmap)

    def create(self, roadmap: Roadmap) -> None:
        """Store a new roadmap and open it."""
        self.context.operations.write(
            self,
            self.tr("Новая дорожная карта"),
            lambda db, _progress, _cancel: create_roadmap(db, roadmap),
            self._show_written,
            initiator=self,
        )

    def _show_written(self, roadmap_id: int) -> None:
        self._open_id = None
        self._reload(roadmap_id)

    @Slot()
    def _on_generate_clicked(self) -> None:
        if self._db is None:
            return
        dialog = GenerateRoadmapsDialog(builtin_templates(), overview(self._db).years, self)
        if dialog.exec():
            self.generate(dialog.year.value(), dialog.template_key())

    def generate(self, year: int, template_key: str | None) -> None:
        """A roadmap for every school flagged for `year`, in the background with progress:
        a region flags a thousand schools, which took 6.5 s of frozen window."""
        self.generate_button.setEnabled(False)
        self.context.operations.write(
            self,
            self.tr("Дорожные карты выявленных школ"),
            lambda db, progress, cancel: generate_school_roadmaps(
                db, year, template_key, progress=progress, cancel=cancel
            ),
            self._on_generated,
            lambda _error: self.generate_button.setEnabled(True),
            initiator=self,
        )

    def _on_generated(self, generated: GeneratedRoadmaps) -> None:
        self.generate_button.setEnabled(True)
        self._show_written(generated.created[0][1] if generated.created else self._open_id)
        show_info(
            self,
            self.tr(
                "Создано дорожных карт школ: {created}. Уже были у школ: {skipped}.\n"
                "Школы выбраны по правилу: {profile}."
            ).format(
                created=len(generated.created),
                skipped=len(generated.skipped),
                profile=profile_title(generated.profile),
            ),
            self.tr("Дорожные карты школ"),
        )

    @Slot()
    def _on_import_clicked(self) -> None:
        if self._db is None:
            return
        name = open_file(
            self, self.tr("Дорожная карта из Excel"), Purpose.ROADMAPS, self.tr("Книги Excel (*.xlsx)")
        )
        if name:
            self.import_file(name)

    def import_file(self, path: Path) -> None:
        self.context.operations.write(
            self,
            self.tr("Импорт дорожной карты"),
            lambda db, _progress, _cancel: import_roadmap_xlsx(db, path),
            self._on_imported,
            initiator=self,
        )

    def _on_imported(self, imported: ImportedRoadmap) -> None:
        self._show_written(imported.id)
        if imported.warnings:
            show_message(self, "\n".join(imported.warnings), self.tr("Импорт: предупреждения"))

    @Slot()
    def _on_export_clicked(self) -> None:
        if self._db is None or self._open_id is None:
            return
        name = save_file(
            self,
            self.tr("Экспорт дорожной карты"),
            Purpose.ROADMAPS,
            f"roadmap-{self._open_id}.xlsx",
            self.tr("Книги Excel (*.xlsx)"),
        )
        if name:
            try:
                export_roadmap_xlsx(self._db, self._open_id, with_extension(name, ".xlsx"))
            except DomainError as error:
                show_error(self, error)

    @Slot()
    def _on_delete_clicked(self) -> None:
        if self._db is None or self._open_id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Удаление"), self.tr("Удалить открытую дорожную карту целиком?")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        roadmap_id = self._open_id
        self.context.operations.write(
            self,
            self.tr("Удаление дорожной карты"),
            lambda db, _progress, _cancel: delete_roadmap(db, roadmap_id),
            lambda _result: self._on_deleted(),
            initiator=self,
        )

    def _on_deleted(self) -> None:
        self._open_id = None
        self.editor.close_roadmap()
        self._reload(None)

    @Slot()
    def _on_directory_clicked(self) -> None:
        ExecutorsDialog(self.context, self).exec()
