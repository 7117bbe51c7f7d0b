"""The main window: navigation between the pages, the file menu's actions, the status bar.

It owns the open database and hands it to the pages through the application
context; every action that writes runs through `ui/operations.py`, and after
each write the pages reload (the one on screen at once, the others when shown),
so what the user sees always matches the database. Before the window closes or
another database opens, unsaved edits of a page are offered for saving.

Each page is built the first time it is shown or asked for, and the window
may come up before its database (app.py opens it in the background): the
window itself imports only Qt, so it is on screen and answering at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from PySide6.QtCore import QObject, QSize, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.files.names import with_extension
from lowres_desktop.ui.app_context import AppContext, Page
from lowres_desktop.ui.errors import show_error, show_info, show_message
from lowres_desktop.ui.file_dialogs import Purpose, open_files, save_file
from lowres_desktop.ui.icons import app_icon
from lowres_desktop.ui.office_actions import OfficeActions
from lowres_desktop.ui.tasks import BACKGROUND_ROWS, Loader

if TYPE_CHECKING:
    from lowres_desktop.services.browse import DatabaseOverview
    from lowres_desktop.services.demo_data import DemoSummary
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.dialogs.import_wizard import ImportWizard
    from lowres_desktop.ui.dialogs.result_edit_dialog import ResultEditor
    from lowres_desktop.ui.views.analysis_view import AnalysisView
    from lowres_desktop.ui.views.documents_view import DocumentsView
    from lowres_desktop.ui.views.flagged_view import FlaggedView
    from lowres_desktop.ui.views.history_view import HistoryView
    from lowres_desktop.ui.views.monitoring_view import MonitoringView
    from lowres_desktop.ui.views.results_view import ResultsView
    from lowres_desktop.ui.views.roadmaps_view import RoadmapsView
    from lowres_desktop.ui.views.school_card_view import SchoolCardView
    from lowres_desktop.ui.views.schools_view import SchoolsView

__all__ = ["MainWindow", "Page"]

View = TypeVar("View", bound=QWidget)


class _PageView(Generic[View]):
    """A page of the window as an attribute: built the first time it is read or shown.

    Building a page imports its module, and with it SQLAlchemy, openpyxl or pyqtgraph;
    the window shows before any of them is paid for (tests/bench/bench_startup.py).
    """

    def __init__(self, page: Page) -> None:
        self._page = page

    def __get__(self, window: MainWindow, _owner: type | None = None) -> View:
        return cast(View, window.page_view(self._page))


class MainWindow(QMainWindow):
    schools_view: _PageView[SchoolsView] = _PageView(Page.SCHOOLS)
    results_view: _PageView[ResultsView] = _PageView(Page.RESULTS)
    flagged_view: _PageView[FlaggedView] = _PageView(Page.FLAGGED)
    card_view: _PageView[SchoolCardView] = _PageView(Page.CARD)
    roadmaps_view: _PageView[RoadmapsView] = _PageView(Page.ROADMAPS)
    monitoring_view: _PageView[MonitoringView] = _PageView(Page.MONITORING)
    documents_view: _PageView[DocumentsView] = _PageView(Page.DOCUMENTS)
    analysis_view: _PageView[AnalysisView] = _PageView(Page.ANALYSIS)
    history_view: _PageView[HistoryView] = _PageView(Page.HISTORY)

    def __init__(self, db: Database | None = None, parent: QWidget | None = None) -> None:
        """Without `db` the window shows at once, saying the database opens (see app.py).

        Until `set_database` the pages stay unbuilt and the actions that need the
        database are disabled.
        """
        super().__init__(parent)
        self.context = AppContext(db, self, self)
        self.operations = self.context.operations
        self.operations.sig_busy_changed.connect(self._on_operations_busy_changed)
        self.operations.sig_data_changed.connect(self._on_operations_data_changed)
        self.tasks = self.operations.runner
        self.setWindowIcon(app_icon())
        self._views: dict[Page, QWidget] = {}
        self._result_editor: ResultEditor | None = None
        self._opening = ""
        self.stack = QStackedWidget()
        for _page in Page:
            self.stack.addWidget(_scrolling(QWidget()))
        self.navigation = QListWidget()
        self.navigation.addItems(
            [
                self.tr("Школы"),
                self.tr("Результаты"),
                self.tr("Низкие результаты"),
                self.tr("Карточка школы"),
                self.tr("Дорожные карты"),
                self.tr("Мониторинг"),
                self.tr("Документы"),
                self.tr("Анализ"),
                self.tr("Журнал импорта"),
            ]
        )
        self.navigation.setFixedWidth(190)
        self.navigation.setIconSize(QSize(0, 0))
        font = self.navigation.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.navigation.setFont(font)
        self.navigation.setSpacing(3)
        self._stale: set[int] = set()
        self.navigation.currentRowChanged.connect(self._on_navigation_current_row_changed)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = QLabel()
        self.status_loader = Loader(self)
        self.statusBar().addPermanentWidget(self.status, 1)
        self._build_menus()
        self.office = OfficeActions(self.context, self.create_action)
        self._update_actions()
        self.navigation.setCurrentRow(Page.SCHOOLS)
        self.refresh()

    @property
    def views(self) -> list[QWidget]:
        """Every page in navigation order, each built now if it was not yet."""
        return [self.page_view(page) for page in Page]

    @property
    def result_editor(self) -> ResultEditor:
        """Edits the result under the cursor of the «Результаты» page (built with the page)."""
        self.page_view(Page.RESULTS)
        assert self._result_editor is not None
        return self._result_editor

    def page_view(self, page: Page) -> QWidget:
        """The page's view, built and put in its place on first use."""
        view = self._views.get(page)
        if view is None:
            view = self._build_page(page)
            self._views[page] = view
            area = self.stack.widget(page)
            assert isinstance(area, QScrollArea)
            area.setWidget(_LeastHeight(view))
            if view.findChildren(QTableView):
                from lowres_desktop.ui.table_export import attach_table_export

                for table in view.findChildren(QTableView):
                    attach_table_export(table, self.navigation.item(page).text())
            self._update_actions()
        return view

    def _build_page(self, page: Page) -> QWidget:
        """Import and create one page, wired to the window (imports stay here: PyInstaller sees them)."""
        if page == Page.SCHOOLS:
            from lowres_desktop.ui.views.schools_view import SchoolsView

            schools = SchoolsView()
            schools.sig_import_requested.connect(self._on_import_action_triggered)
            schools.sig_demo_requested.connect(self.fill_demo_data)
            schools.sig_school_activated.connect(self.open_school_card)
            return schools
        if page == Page.RESULTS:
            from lowres_desktop.ui.dialogs.result_edit_dialog import ResultEditor
            from lowres_desktop.ui.views.results_view import ResultsView

            results = ResultsView()
            results.sig_school_activated.connect(self.open_school_card)
            self._result_editor = ResultEditor(self.context, results)
            return results
        if page == Page.FLAGGED:
            from lowres_desktop.ui.views.flagged_view import FlaggedView

            flagged = FlaggedView()
            flagged.sig_school_activated.connect(self.open_school_card)
            return flagged
        if page == Page.CARD:
            from lowres_desktop.ui.views.school_card_view import SchoolCardView

            return SchoolCardView()
        if page == Page.ROADMAPS:
            from lowres_desktop.ui.views.roadmaps_view import RoadmapsView

            return RoadmapsView(self.context)
        if page == Page.MONITORING:
            from lowres_desktop.ui.views.monitoring_view import MonitoringView

            return MonitoringView(self.context)
        if page == Page.DOCUMENTS:
            from lowres_desktop.ui.views.documents_view import DocumentsView

            return DocumentsView(self.context)
        if page == Page.ANALYSIS:
            from lowres_desktop.ui.views.analysis_view import AnalysisView

            analysis = AnalysisView(self.context)
            analysis.sig_school_activated.connect(self.open_school_card)
            return analysis
        from lowres_desktop.ui.views.history_view import HistoryView

        history = HistoryView(self.context)
        history.sig_undo_requested.connect(self.undo_batch)
        return history

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Файл"))
        self.import_action = self._action(
            self.tr("&Импорт результатов…"), self._on_import_action_triggered, QKeySequence.Open
        )
        self.open_action = self._action(self.tr("&Открыть базу…"), self._on_open_action_triggered)
        self.create_action = self._action(self.tr("&Создать базу…"), self._on_create_action_triggered)
        self.demo_action = self._action(
            self.tr("&Заполнить демонстрационными данными"), self._on_demo_action_triggered
        )
        # QKeySequence.Quit is empty on Windows and on most Linux desktops: Ctrl+Q everywhere.
        self.quit_action = self._action(self.tr("В&ыход"), self.close, QKeySequence("Ctrl+Q"))
        file_menu.addAction(self.import_action)
        self.template_action = self._action(
            self.tr("&Шаблон для ввода результатов…"), self._on_template_action_triggered
        )
        file_menu.addAction(self.template_action)
        file_menu.addSeparator()
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.create_action)
        file_menu.addAction(self.demo_action)
        file_menu.addSeparator()
        self.requisites_action = self._action(
            self.tr("&Реквизиты организации…"), self._on_requisites_action_triggered
        )
        file_menu.addAction(self.requisites_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Справка"))
        self.about_action = self._action(self.tr("&О программе"), self._on_about_action_triggered)
        help_menu.addAction(self.about_action)
        self._writing_actions = [self.import_action, self.open_action, self.create_action, self.demo_action]
        """Disabled while a write runs, as well as until the database is open."""

    def _database_actions(self) -> list[QAction]:
        """What cannot work before the database is open (quitting can)."""
        office = self.office
        return [
            *self._writing_actions,
            self.template_action,
            self.requisites_action,
            self.about_action,
            office.recent_menu.menuAction(),
            office.backups_action,
            office.audit_action,
            office.name_action,
        ]

    def _update_actions(self) -> None:
        """Enable what the open database and the running writes allow."""
        opened = self.context.is_open()
        free = opened and not self.operations.is_busy()
        for action in self._database_actions():
            action.setEnabled(opened)
        for action in self._writing_actions:
            action.setEnabled(free)
        schools = self._views.get(Page.SCHOOLS)
        if schools is not None:
            for button in (schools.import_button, schools.demo_button):  # type: ignore[attr-defined]
                button.setEnabled(free)

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | QKeySequence | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
        return action

    def show_page(self, page: Page) -> None:
        self.navigation.setCurrentRow(page)

    def current_page(self) -> Page:
        return Page(self.stack.currentIndex())

    @Slot(int)
    def _on_navigation_current_row_changed(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        self._refresh_page(row)

    @Slot(str)
    def open_school_card(self, login: str) -> None:
        self._refresh_page(Page.CARD)
        self.card_view.show_school(login)
        self.show_page(Page.CARD)

    def _refresh_page(self, page: int) -> None:
        """Build the page if needed and reload it if it is stale; nothing before the database opens."""
        if not self.context.is_open():
            return
        view = self.page_view(Page(page))
        if page in self._stale:
            self._stale.discard(page)
            view.refresh(self.db)  # type: ignore[attr-defined]

    @property
    def db(self) -> Database:
        return self.context.db

    def show_opening(self, target: str) -> None:
        """Say which database is being opened while it opens (app.py opens it in the background)."""
        self._opening = target
        self._show_status()

    @Slot(object)
    def _on_operations_data_changed(self, initiator: QObject | None) -> None:
        """After a write: the page that asked updates itself; the others reload (now or when shown)."""
        page = self.stack.currentWidget()
        if initiator is not None and _within(initiator, page):
            self._stale = set(Page) - {self.stack.currentIndex()}
            self._show_status()
        else:
            self.refresh()

    def refresh(self) -> None:
        """Reload the page on screen and the status bar; every other page reloads when it is shown.

        A region's or a country's pages take seconds each to read, so reading all nine after
        every import or on opening a database would hold the window for the sum of them.
        """
        self._stale = set(Page)
        self._refresh_page(self.stack.currentIndex())
        self._show_status()

    def _show_status(self) -> None:
        if not self.context.is_open():
            self.setWindowTitle(self.tr("Школы с низкими образовательными результатами"))
            self.status.setText(
                self.tr("Открываю базу {path}…").format(path=self._opening)
                if self._opening
                else self.tr("Открываю базу…")
            )
            return
        from lowres_desktop.services.browse import overview, school_count

        self.setWindowTitle(
            self.tr("Школы с низкими образовательными результатами — {name}").format(
                name=Path(self.db.target).name
            )
        )
        db = self.db
        large = school_count(db) > BACKGROUND_ROWS
        if large:
            self.status.setText(self.tr("База: {path}   ·   загрузка…").format(path=db.target))
        # Counting a country's results takes a fifth of a second: not on the window's time.
        self.status_loader.load(
            lambda: overview(db), self._show_overview, lambda error: show_error(self, error), background=large
        )

    def _show_overview(self, summary: DatabaseOverview) -> None:
        years = (
            f"{summary.years[0]}–{summary.years[-1]}"
            if len(summary.years) > 1
            else (str(summary.years[0]) if summary.years else "—")
        )
        self.status.setText(
            self.tr(
                "База: {path}   ·   школ: {schools}   ·   результатов: {results}   ·   годы: {years}"
            ).format(path=self.db.target, schools=summary.schools, results=summary.results, years=years)
        )

    def set_database(self, db: Database) -> None:
        old = self.context.db if self.context.is_open() else None
        self.context.set_database(db)
        if old is not None and old is not db:
            old.close()
        self._update_actions()
        self.refresh()

    def fill_demo_data(self) -> None:
        from lowres_desktop.services.demo_data import fill_demo_data

        self.operations.write(
            self, self.tr("Демонстрационные данные"), fill_demo_data, self._on_demo_finished
        )

    def _on_demo_finished(self, summary: DemoSummary) -> None:
        show_info(
            self,
            self.tr(
                "Демонстрационные данные добавлены: школ — {schools}, результатов — {results}, "
                "годы {first}–{last}."
            ).format(
                schools=summary.schools,
                results=summary.results,
                first=summary.first_year,
                last=summary.last_year,
            ),
            self.tr("Демонстрационные данные"),
        )

    @Slot(bool)
    def _on_operations_busy_changed(self, _busy: bool) -> None:
        self._update_actions()

    @Slot()
    def _on_import_action_triggered(self) -> None:
        names = open_files(
            self,
            self.tr("Импорт результатов"),
            Purpose.IMPORT,
            self.tr("Таблицы с результатами (*.xlsx *.xls *.ods *.csv);;Все файлы (*)"),
        )
        if names:
            self.open_import_wizard(names)

    def open_import_wizard(self, paths: list[Path]) -> ImportWizard:
        """The import wizard over `paths`; the window reloads after it has imported."""
        from lowres_desktop.ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.db, self.tasks, paths, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.sig_imported.connect(self._on_wizard_imported)
        wizard.open()
        return wizard

    def _on_wizard_imported(self, _outcomes: list[object]) -> None:
        self.refresh()

    @Slot(int)
    def undo_batch(self, batch_id: int) -> None:
        from lowres_desktop.services.import_history import undo_batch

        self.operations.write(
            self,
            self.tr("Отмена пакета импорта"),
            lambda db, _progress, _cancel: undo_batch(db, batch_id),
            self._on_undo_finished,
        )

    def _on_undo_finished(self, report: object) -> None:
        show_info(
            self,
            self.tr(
                "Пакет № {id} отменён: восстановлено значений {restored}, удалено добавленных результатов "
                "{removed}, удалено новых школ {schools}."
            ).format(
                id=report.batch_id,  # type: ignore[attr-defined]
                restored=report.results_restored + report.comparisons_restored,  # type: ignore[attr-defined]
                removed=report.results_removed,  # type: ignore[attr-defined]
                schools=report.schools_removed,  # type: ignore[attr-defined]
            ),
            self.tr("Журнал импорта"),
        )

    @Slot()
    def _on_template_action_triggered(self) -> None:
        name = save_file(
            self,
            self.tr("Шаблон для ввода результатов"),
            Purpose.EXPORTS,
            "шаблон результатов.xlsx",
            self.tr("Книги Excel (*.xlsx)"),
        )
        if not name:
            return
        from lowres_desktop.services.import_template import write_template

        path = with_extension(name, ".xlsx")
        written = self.tr("Шаблон записан: {name}").format(name=path)
        self.operations.write(
            self,
            self.tr("Шаблон для ввода результатов"),
            lambda db, _progress, _cancel: write_template(db, path),
            lambda _result: show_info(self, written, self.tr("Шаблон")),
        )

    @Slot()
    def _on_open_action_triggered(self) -> None:
        self.office.choose_database()

    @Slot()
    def _on_create_action_triggered(self) -> None:
        name = save_file(
            self,
            self.tr("Создать базу"),
            Purpose.DATABASES,
            str(Path(self.db.target).parent / "lowres.sqlite"),
            self.tr("Базы данных (*.sqlite)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not name:
            return
        if name.exists():
            show_message(
                self,
                self.tr(
                    "Файл «{name}» уже существует. Чтобы работать с ним, выберите "
                    "«Файл → Открыть базу…»; чтобы создать новую базу, укажите другое имя."
                ).format(name=name),
            )
            return
        self.open_database(str(name))

    def open_database(self, target: str) -> bool:
        """Switch to `target` once unsaved edits are saved or dropped; False if it did not."""
        if not self._leave_edits(lambda: self.open_database(target)):
            return False
        from lowres_desktop.services.database import open_database

        self.operations.wait()
        try:
            db = open_database(target)
        except DomainError as error:
            show_error(self, error)
            return False
        self.set_database(db)
        self.office.database_opened()
        return True

    def _leave_edits(self, then: Callable[[], object]) -> bool:
        """True if nothing is left unsaved; otherwise ask, and call `then` once saved (or not at all).

        «Сохранить» saves in the background and calls `then` when it is written, «Не сохранять»
        drops the edits and returns True, «Отмена» returns False and the user stays.
        """
        roadmaps = self._views.get(Page.ROADMAPS)
        if roadmaps is None:
            return True
        editor = roadmaps.editor  # type: ignore[attr-defined]
        if not editor.is_modified():
            return True
        self.show_page(Page.ROADMAPS)
        answer = QMessageBox.question(
            self,
            self.tr("Несохранённые изменения"),
            self.tr("В открытой дорожной карте есть несохранённые изменения. Сохранить их?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            editor.save(then)
            return False
        if answer == QMessageBox.StandardButton.Discard:
            editor.discard()
            return True
        return False

    @Slot()
    def _on_demo_action_triggered(self) -> None:
        self.fill_demo_data()

    @Slot()
    def _on_requisites_action_triggered(self) -> None:
        from lowres_desktop.ui.dialogs.requisites_dialog import RequisitesDialog

        dialog = RequisitesDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def _on_about_action_triggered(self) -> None:
        from lowres_desktop.ui.dialogs.about_dialog import AboutDialog

        dialog: QDialog = AboutDialog(self.db.target, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leave_edits(self.close):
            event.ignore()
            return
        self.operations.wait()
        self.office.save_window()
        super().closeEvent(event)


class _LeastHeight(QWidget):
    """Holds a page in its scroll area and answers the area with the height the page needs.

    A scroll area lays a page whose text wraps out at the height it would like for the width
    (Qt's `heightForWidth`), not the least it can take: once the school card's full name
    wrapped, the card scrolled 299 px at 1366×768 for charts that fit at a smaller size.
    """

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.page = page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        layout = self.page.layout()
        if layout is None or not layout.hasHeightForWidth():
            return super().heightForWidth(width)
        return layout.minimumHeightForWidth(width)


def _scrolling(page: QWidget) -> QScrollArea:
    """A page that scrolls instead of widening the window when the screen is smaller than it.

    At 150 % on 1920×1080 the window has 1280×720 to lay out in; the monitoring page alone
    asked for 1085 px and the card for 679 px of height, pushing the window off the screen.
    """
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area


def _within(child: QObject, ancestor: QObject) -> bool:
    while child is not None:
        if child is ancestor:
            return True
        child = child.parent()
    return False
