"""«Мониторинг»: rounds, the schools × items grid with a detail panel, and the round's summary.

The grid is made for keyboard-only entry: arrows move, 1 «выполнено», 2
«частично», 3 «не выполнено», 4 «не применимо», Delete clears, and after a
digit the cursor steps to the next item. Each cell is written at once, in its
own transaction on the window's write pool (in the order typed), so nothing
typed is lost and the grid never waits for the disk. The comment and evidence files of
the current cell are in the panel on the right.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.monitoring import RoundSummary, Status
from lowres_desktop.files.atomic import atomic_file
from lowres_desktop.files.names import with_extension
from lowres_desktop.services.browse import list_schools, overview, school_count
from lowres_desktop.services.identify_schools import identify_schools
from lowres_desktop.services.monitoring import (
    CHANGE_WORDS,
    STATUS_WORDS,
    add_evidence,
    copy_round,
    delete_evidence,
    delete_round,
    list_evidence,
    list_rounds,
    round_grid,
    round_summary,
    save_evidence_copy,
    save_round,
    schools_phrase,
    set_entry,
    share_sentence,
    write_summary_csv,
)
from lowres_desktop.services.roadmaps import list_roadmaps, load_roadmap
from lowres_desktop.services.rule_profiles import current_profile
from lowres_desktop.ui.dialogs.round_dialog import RoundDialog
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.file_dialogs import Purpose, open_file, save_file
from lowres_desktop.ui.flow_layout import FlowLayout
from lowres_desktop.ui.models.monitoring_grid_model import MonitoringGridModel
from lowres_desktop.ui.tasks import BACKGROUND_ROWS
from lowres_desktop.wording.analysis import profile_title
from lowres_desktop.wording.common import format_percent, in_brackets, item_heading, with_full_stop

if TYPE_CHECKING:
    from lowres_desktop.domain.monitoring import Entry
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.app_context import AppContext

EVIDENCE_ROLE = Qt.ItemDataRole.UserRole
KEY_STATUSES = {"1": Status.DONE, "2": Status.PARTIAL, "3": Status.NOT_DONE, "4": Status.NOT_APPLICABLE}


class MonitoringGrid(QTableView):
    """Turns 1–4 and Delete into status requests for the current cell."""

    sig_status_keyed = Signal(object)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        text = event.text()
        if text in KEY_STATUSES:
            self.sig_status_keyed.emit(KEY_STATUSES[text])
            return
        if text == "0" or event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.sig_status_keyed.emit(None)
            return
        super().keyPressEvent(event)


class MonitoringView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._pending: dict[tuple[int, int], Status | None] = {}
        """Statuses typed whose write has not come back yet, by cell."""
        self._db: Database | None = None
        self._round_ids: list[int] = []
        self.rounds = QComboBox()
        # Round names run long («Мониторинг … — План-график …»): they must not widen the window.
        self.rounds.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rounds.setMinimumContentsLength(28)
        self.rounds.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.rounds.currentIndexChanged.connect(self._on_rounds_changed)
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        new = QPushButton(self.tr("Новый мониторинг…"))
        new.clicked.connect(self._on_new_clicked)
        edit = QPushButton(self.tr("Изменить…"))
        edit.clicked.connect(self._on_edit_clicked)
        repeat = QPushButton(self.tr("Повторить мониторинг"))
        repeat.setToolTip(self.tr("Новый мониторинг тех же школ и мероприятий, для сравнения"))
        repeat.clicked.connect(self._on_repeat_clicked)
        remove = QPushButton(self.tr("Удалить"))
        remove.clicked.connect(self._on_delete_clicked)
        export = QPushButton(self.tr("Итоги в CSV…"))
        export.clicked.connect(self._on_export_clicked)
        # The round and its buttons share a line where there is room; on a narrow screen the
        # buttons move, together, onto the next line.
        top = FlowLayout()
        top.addWidget(FlowLayout.group(QLabel(self.tr("Мониторинг:")), self.rounds, grow=self.rounds))
        top.addWidget(FlowLayout.group(new, edit, repeat, remove, export))

        self.model = MonitoringGridModel(self)
        self.grid = MonitoringGrid()
        self.grid.setModel(self.model)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.horizontalHeader().setDefaultSectionSize(52)
        self.grid.sig_status_keyed.connect(self._on_grid_status_keyed)
        self.grid.selectionModel().currentChanged.connect(self._on_grid_current_changed)
        legend = QLabel(
            self.tr(
                "Клавиши: 1 — выполнено (✔), 2 — частично (◐), 3 — не выполнено (✘), 4 — не применимо (—), "
                "0 или Delete — очистить; стрелки — переход. ✎ — есть комментарий, + — приложены файлы."
            )
        )
        legend.setWordWrap(True)

        self.cell_title = QLabel()
        self.cell_title.setWordWrap(True)
        self.status = QComboBox()
        self.status.addItem(self.tr("не заполнено"), None)
        for status in Status:  # the value: PySide6 hands a str enum back as a plain str
            self.status.addItem(STATUS_WORDS[status], status.value)
        self.status.activated.connect(self._on_status_activated)
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("Что найдено: документы, даты утверждения, ссылки…"))
        save_comment = QPushButton(self.tr("Сохранить комментарий"))
        save_comment.clicked.connect(self._on_save_comment_clicked)
        self.evidence = QListWidget()
        self.evidence.itemDoubleClicked.connect(self._on_evidence_double_clicked)
        attach = QPushButton(self.tr("Приложить файл…"))
        attach.clicked.connect(self._on_attach_clicked)
        detach = QPushButton(self.tr("Убрать файл"))
        detach.clicked.connect(self._on_detach_clicked)
        evidence_buttons = QHBoxLayout()
        evidence_buttons.addWidget(attach)
        evidence_buttons.addWidget(detach)
        panel = QWidget()
        form = QFormLayout(panel)
        form.addRow(self.cell_title)
        form.addRow(self.tr("Итог:"), self.status)
        form.addRow(self.tr("Комментарий:"), self.comment)
        form.addRow("", save_comment)
        form.addRow(self.tr("Подтверждения:"), self.evidence)
        form.addRow("", evidence_buttons)
        grid_page = QWidget()
        grid_layout = QVBoxLayout(grid_page)
        grid_layout.addWidget(legend)
        grid_layout.addWidget(self.grid)
        self._round_buttons = (edit, repeat, remove, export)
        self._cell_panel = panel
        split = QSplitter()
        split.addWidget(grid_page)
        split.addWidget(panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        self.summary = QTextBrowser()
        self.tabs = QTabWidget()
        self.tabs.addTab(split, self.tr("Ввод результатов"))
        self.tabs.addTab(self.summary, self.tr("Итоги"))
        self.tabs.currentChanged.connect(self._on_tabs_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.tabs, 1)

    # --- loading ----------------------------------------------------------------------------

    def refresh(self, db: Database) -> None:
        current = self.current_round_id()
        self._db = db
        listings = list_rounds(db)
        self._round_ids = [listing.round.id for listing in listings if listing.round.id is not None]
        self.rounds.blockSignals(True)
        self.rounds.clear()
        for listing in listings:
            self.rounds.addItem(f"{listing.round.name} — {listing.roadmap_title[:60]}", listing.round.id)
        index = self.rounds.findData(current) if current is not None else len(listings) - 1
        self.rounds.setCurrentIndex(max(index, 0) if listings else -1)
        self.rounds.blockSignals(False)
        self._load_round()

    def current_round_id(self) -> int | None:
        return self.rounds.currentData()

    def show_round(self, round_id: int) -> None:
        self.rounds.setCurrentIndex(self.rounds.findData(round_id))

    @Slot()
    def _on_rounds_changed(self) -> None:
        self._load_round()

    def _load_round(self) -> None:
        # The combo shows the start of a long name; the whole of it is a hover away.
        self.rounds.setToolTip(self.rounds.currentText())
        round_id = self.current_round_id()
        has_round = self._db is not None and round_id is not None
        for widget in (*self._round_buttons, self._cell_panel):
            widget.setEnabled(has_round)
        if not has_round:
            self.model.set_grid(None)
            self.progress.setText(
                self.tr("Мониторингов нет. Создайте первый: «Новый мониторинг…» (нужна дорожная карта).")
            )
            self.summary.clear()
            # No cell: nothing of the last round's cell may stay (a restored copy without rounds showed it).
            self.cell_title.clear()
            self.status.setCurrentIndex(0)
            self.comment.clear()
            self.evidence.clear()
            return
        self._pending.clear()
        self.model.set_grid(round_grid(self._db, round_id))
        self._fit_grid_columns()
        self.grid.setCurrentIndex(self.model.index(0, 0))
        self._update_progress()
        if self.tabs.currentIndex() == 1:
            self._show_summary()

    def _fit_grid_columns(self) -> None:
        """Each column as wide as its header or the widest text any cell can show.

        Measured from those texts, not the cells: `resizeColumnsToContents` read a region's
        round (a thousand schools × 48 items) cell by cell, 1.2 s of frozen window.
        """
        style = self.grid.style()
        padding = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 1
        metrics = self.grid.fontMetrics()
        widest = max(metrics.horizontalAdvance(text) for text in self.model.widest_texts()) + padding
        header = self.grid.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, max(header.sectionSizeHint(column), widest))

    def _update_progress(self) -> None:
        grid = self.model.grid
        if grid is None:
            return
        cells = len(grid.schools) * len(grid.items)
        recorded = sum(1 for e in grid.entries.values() if e.status is not None)
        filled = self.tr("Заполнено {recorded} из {cells}.").format(recorded=recorded, cells=cells)
        parts = [grid.roadmap.title, grid.round.period_text or ""]
        self.progress.setText(" ".join([*(with_full_stop(part) for part in parts if part), filled]))

    # --- entering ---------------------------------------------------------------------------

    def set_status(self, row: int, column: int, status: Status | None) -> None:
        """Record one cell, as a keystroke in the grid does."""
        grid = self.model.grid
        if self._db is None or grid is None:
            return
        login, item_id = self.model.cell(row, column)
        round_id = grid.round.id or 0
        self._pending[(row, column)] = status
        self._write_entry(row, column, lambda db, _p, _c: set_entry(db, round_id, login, item_id, status))

    def _write_entry(self, row: int, column: int, work) -> None:  # type: ignore[no-untyped-def]
        grid = self.model.grid

        def written(entry: Entry) -> None:
            if self.model.grid is grid:
                if self._pending.get((row, column), entry.status) == entry.status:
                    self._pending.pop((row, column), None)
                self.model.update_entry(row, column, entry)
                self._update_progress()

        self.context.operations.write(self, self.tr("Итог мониторинга"), work, written, initiator=self)

    @Slot(object)
    def _on_grid_status_keyed(self, status: Status | None) -> None:
        index = self.grid.currentIndex()
        if not index.isValid():
            return
        self.set_status(index.row(), index.column(), status)
        if status is not None:
            columns = self.model.columnCount()
            if index.column() + 1 < columns:
                self.grid.setCurrentIndex(self.model.index(index.row(), index.column() + 1))
            elif index.row() + 1 < self.model.rowCount():
                self.grid.setCurrentIndex(self.model.index(index.row() + 1, 0))
        self._on_grid_current_changed(self.grid.currentIndex())

    @Slot(QModelIndex)
    def _on_grid_current_changed(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        grid = self.model.grid
        if grid is None or not index.isValid():
            return
        entry = self.model.entry(index.row(), index.column())
        numbered = grid.items[index.column()]
        school = grid.schools[index.row()]
        self.cell_title.setText(f"<b>{school.short_name}</b> — {numbered.reference}. {numbered.item.text}")
        self.status.setCurrentIndex(self.status.findData(entry.status.value) if entry.status else 0)
        self.comment.setPlainText(entry.comment)
        self._fill_evidence()

    def _current_cell(self) -> tuple[int, int] | None:
        index = self.grid.currentIndex()
        return (index.row(), index.column()) if index.isValid() else None

    @Slot()
    def _on_status_activated(self) -> None:
        cell = self._current_cell()
        if cell is not None:
            value = self.status.currentData()
            self.set_status(*cell, None if value is None else Status(value))

    @Slot()
    def _on_save_comment_clicked(self) -> None:
        cell = self._current_cell()
        grid = self.model.grid
        if cell is None or grid is None or self._db is None:
            return
        login, item_id = self.model.cell(*cell)
        # A status typed a moment ago may still be on its way to the database: keep it, not the old one.
        status = self._pending.get(cell, self.model.entry(*cell).status)
        comment, round_id = self.comment.toPlainText(), grid.round.id or 0
        self._write_entry(*cell, lambda db, _p, _c: set_entry(db, round_id, login, item_id, status, comment))

    def _fill_evidence(self) -> None:
        self.evidence.clear()
        cell = self._current_cell()
        grid = self.model.grid
        if cell is None or grid is None or self._db is None:
            return
        login, item_id = self.model.cell(*cell)
        for file in list_evidence(self._db, grid.round.id or 0, login, item_id):
            entry = QListWidgetItem(f"{file.file_name} ({max(1, file.size // 1024)} КБ)")
            entry.setData(EVIDENCE_ROLE, file.id)
            self.evidence.addItem(entry)

    @Slot()
    def _on_attach_clicked(self) -> None:
        cell = self._current_cell()
        if cell is None:
            return
        name = open_file(self, self.tr("Файл-подтверждение"), Purpose.EVIDENCE)
        if name:
            self.attach_file(*cell, name)

    def attach_file(self, row: int, column: int, path: Path) -> None:
        grid = self.model.grid
        if grid is None or self._db is None:
            return
        login, item_id = self.model.cell(row, column)
        round_id = grid.round.id or 0

        def attach(db: Database, _progress: object, _cancel: object) -> int:
            try:
                return add_evidence(db, round_id, login, item_id, path)
            except OSError as error:
                raise DomainError(f"Файл «{path.name}» не прочитан: {error.strerror or error}.") from error

        self._write_evidence(row, column, attach)

    def _write_evidence(self, row: int, column: int, work) -> None:  # type: ignore[no-untyped-def]
        """Attach or remove a file; then the grid's marks and the cell's list show the stored state."""
        grid = self.model.grid
        assert grid is not None
        round_id = grid.round.id or 0

        def written(_result: object) -> None:
            if self._db is not None and self.model.grid is grid:
                self.model.set_grid(round_grid(self._db, round_id))
                self.grid.setCurrentIndex(self.model.index(row, column))
                self._fill_evidence()

        self.context.operations.write(self, self.tr("Файл-подтверждение"), work, written, initiator=self)

    @Slot()
    def _on_detach_clicked(self) -> None:
        current = self.evidence.currentItem()
        grid = self.model.grid
        cell = self._current_cell()
        if current is None or self._db is None or grid is None or cell is None:
            return
        evidence_id = current.data(EVIDENCE_ROLE)
        self._write_evidence(*cell, lambda db, _p, _c: delete_evidence(db, evidence_id))

    @Slot(QListWidgetItem)
    def _on_evidence_double_clicked(self, item: QListWidgetItem) -> None:
        if self._db is None:
            return
        folder = Path(tempfile.gettempdir()) / "lowres-evidence"
        path = save_evidence_copy(self._db, item.data(EVIDENCE_ROLE), folder)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # --- rounds -----------------------------------------------------------------------------

    def _round_dialog(self, current=None) -> RoundDialog | None:  # type: ignore[no-untyped-def]
        assert self._db is not None
        roadmaps = [load_roadmap(self._db, o.listing.id) for o in list_roadmaps(self._db)]
        if not roadmaps:
            show_error(self, DomainError("Сначала создайте дорожную карту на странице «Дорожные карты»."))
            return None
        db = self._db

        def flagged() -> dict[int, list[str]]:
            years = overview(db).years
            return {year: [f.school.login for f in identify_schools(db, year).flagged] for year in years[-3:]}

        background = school_count(db) > BACKGROUND_ROWS
        dialog = RoundDialog(
            roadmaps, lambda: list_schools(db), flagged, current, self, background=background
        )
        # The same list as the «Низкие результаты» page: the current rule profile decides it.
        rule = self.tr("Выявленные по текущему профилю: {profile}")
        dialog.set_rule(rule.format(profile=profile_title(current_profile(db))))
        return dialog

    def save_round_from(self, dialog: RoundDialog) -> None:
        monitoring_round = dialog.monitoring_round()
        self._write_round(self.tr("Мониторинг"), lambda db, _p, _c: save_round(db, monitoring_round))

    def _write_round(self, title: str, work) -> None:  # type: ignore[no-untyped-def]
        """Create, change or copy a round; then the list shows it (or the last one, after a delete)."""

        def written(round_id: int | None) -> None:
            if self._db is not None:
                self.refresh(self._db)
                if round_id is not None:
                    self.show_round(round_id)

        self.context.operations.write(self, title, work, written, initiator=self)

    @Slot()
    def _on_new_clicked(self) -> None:
        dialog = self._round_dialog() if self._db else None
        if dialog is not None and dialog.exec():
            self.save_round_from(dialog)

    @Slot()
    def _on_edit_clicked(self) -> None:
        grid = self.model.grid
        dialog = self._round_dialog(grid.round) if self._db and grid else None
        if dialog is not None and dialog.exec():
            self.save_round_from(dialog)

    @Slot()
    def _on_repeat_clicked(self) -> None:
        grid = self.model.grid
        if self._db is None or grid is None:
            return
        round_id, name = grid.round.id or 0, self.tr("{name} (повторный)").format(name=grid.round.name)
        self._write_round(self.tr("Повторный мониторинг"), lambda db, _p, _c: copy_round(db, round_id, name))

    @Slot()
    def _on_delete_clicked(self) -> None:
        round_id = self.current_round_id()
        if self._db is None or round_id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Удаление"), self.tr("Удалить мониторинг со всеми внесёнными итогами и файлами?")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._write_round(self.tr("Удаление мониторинга"), lambda db, _p, _c: delete_round(db, round_id))

    @Slot()
    def _on_export_clicked(self) -> None:
        round_id = self.current_round_id()
        if self._db is None or round_id is None:
            return
        name = save_file(
            self,
            self.tr("Итоги мониторинга"),
            Purpose.EXPORTS,
            f"monitoring-{round_id}.csv",
            self.tr("CSV (*.csv)"),
        )
        if name:
            try:
                path = with_extension(name, ".csv")
                with atomic_file(path, "w", encoding="utf-8-sig", newline="") as handle:
                    write_summary_csv(round_summary(self._db, round_id), handle)
            except DomainError as error:
                show_error(self, error)

    # --- summary ----------------------------------------------------------------------------

    @Slot(int)
    def _on_tabs_changed(self, index: int) -> None:
        if index == 1:
            self._show_summary()

    def _show_summary(self) -> None:
        round_id = self.current_round_id()
        if self._db is None or round_id is None:
            return
        self.summary.setHtml(summary_html(round_summary(self._db, round_id), self.tr))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def summary_html(summary: RoundSummary, tr) -> str:  # type: ignore[no-untyped-def]
    """The round's outcome in the words of seeds 000 and 004, for the «Итоги» tab."""
    parts = [f"<h3>{_escape(summary.name)}</h3>"]
    if summary.period_text:
        parts.append(f"<p>{_escape(summary.period_text)}</p>")
    parts.append(
        "<p>"
        + tr("Школ: {schools}. Заполнено {recorded} из {cells}.").format(
            schools=len(summary.schools), recorded=summary.recorded, cells=summary.cells
        )
        + (
            " " + tr("Сравнение с мониторингом «{name}».").format(name=_escape(summary.previous_round_name))
            if summary.previous_round_name
            else ""
        )
        + "</p>"
    )
    # Not an <ol>: its own numbers stood before the items' («1. 1.2. Проведение …»). The
    # reference heads the item and its counts sit indented under it.
    parts.append(f"<h4>{tr('По мероприятиям')}</h4>")
    for item in summary.items:
        lines = []
        for status in Status:
            if item.counts[status]:
                lines.append(_escape(share_sentence(item, status)))
        if item.unrecorded:
            lines.append(
                tr("не заполнено: {names}").format(
                    names=_escape(schools_phrase([s.short_name for s in item.unrecorded]))
                )
            )
        if item.share_done_before is not None:
            lines.append(
                tr("в прошлом мониторинге выполнено: {share}").format(
                    share=format_percent(item.share_done_before)
                )
            )
        parts.append(
            f"<p style='margin-bottom:0'><b>{item.reference}.</b> {_escape(item_heading(item.text))}</p>"
            f"<p style='margin-top:0; margin-left:24px'>{'<br>'.join(lines)}</p>"
        )
    parts.append(f"<h4>{tr('Не выполнено школами (проект поручений)')}</h4>")
    if not any(directive.gaps for directive in summary.directives):
        parts.append(f"<p>{tr('Невыполненных и выполненных частично мероприятий нет.')}</p>")
    for directive in summary.directives:
        if not directive.gaps:
            continue
        gaps = "".join(
            f"<li>{g.reference}. {_escape(item_heading(g.text))} — {STATUS_WORDS[g.status]}"
            + (f" <i>{_escape(in_brackets(g.comment))}</i>" if g.comment else "")
            + "</li>"
            for g in directive.gaps
        )
        parts.append(f"<p><b>{_escape(directive.school.full_name)}</b></p><ul>{gaps}</ul>")
    if summary.changes:
        parts.append(f"<h4>{tr('Изменения с прошлого мониторинга')}</h4><ul>")
        for change in summary.changes:
            parts.append(
                f"<li>{_escape(change.school.short_name)}, {change.reference}: "
                f"{STATUS_WORDS[change.before]} → {STATUS_WORDS[change.after]} "
                f"({CHANGE_WORDS[change.change]})</li>"
            )
        parts.append("</ul>")
    return "".join(parts)
