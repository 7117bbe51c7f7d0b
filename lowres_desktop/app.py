"""The desktop application's entry point: arguments, the Qt application, the first database.

The main window shows first, saying «Открываю базу…», and the database opens
after the event loop has started, off the GUI thread: importing SQLAlchemy,
checking the migrations and the daily copy take most of a second, which the
window used to wait for (tests/bench/bench_startup.py). The pages, their
libraries (pyqtgraph, openpyxl, ReportLab) and the dialogs are imported when
first used.

`--tour DIR` renders every page of the main window into PNG files without a
display and without any dialog, so the look of the program can be checked by
a script (CI, the wheel test) and by a person reading the pictures.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QThreadPool,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from lowres_desktop import __version__
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.files.atomic import atomic_path
from lowres_desktop.paths import (
    APP_AUTHOR,
    APP_NAME,
    DB_ENV_VAR,
    chosen_database,
    default_database_path,
    demo_database_path,
)
from lowres_desktop.russian_argparse import russian_parser
from lowres_desktop.ui.errors import install_excepthook, log_file, show_error
from lowres_desktop.ui.icons import app_icon
from lowres_desktop.ui.main_window import MainWindow, Page
from lowres_desktop.ui.screen_fit import install_screen_fit, show_main_window
from lowres_desktop.ui.settings import UiSettings
from lowres_desktop.ui.tasks import Loader

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.dialogs.first_run_dialog import FirstRunChoice

TOUR_SIZE = (1400, 900)
TOUR_PAGES = (
    (Page.SCHOOLS, "01_schools.png"),
    (Page.RESULTS, "02_results.png"),
    (Page.FLAGGED, "03_flagged.png"),
    (Page.CARD, "04_school_card.png"),
    (Page.ROADMAPS, "05_roadmaps.png"),
    (Page.MONITORING, "06_monitoring.png"),
    (Page.DOCUMENTS, "07_documents.png"),
    (Page.ANALYSIS, "08_analysis.png"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def _parser() -> argparse.ArgumentParser:
    parser = russian_parser(
        "lowres-desktop",
        "Поддержка школ с низкими образовательными результатами.",
        f"lowres-desktop {__version__}",
    )
    database = parser.add_mutually_exclusive_group()
    database.add_argument(
        "--db",
        metavar="PATH",
        help="файл базы данных или адрес PostgreSQL (postgresql+psycopg://пользователь@сервер/база); "
        "по умолчанию LOWRES_DB или файл в папке пользователя",
    )
    database.add_argument(
        "--demo",
        action="store_true",
        help="открыть демонстрационную базу, заполнив её, если она пуста",
    )
    parser.add_argument(
        "--tour",
        metavar="DIR",
        type=Path,
        help="сохранить снимок каждого раздела в папку DIR в формате PNG и выйти",
    )
    return parser


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    install_qt_translations(app)
    install_screen_fit(app)
    return app


class _LaterQtTexts(QTranslator):
    """Qt texts newer than the qtbase_ru.qm shipped with them: the file dialog's labels gained
    accelerators («&Look in:», «Files of &type:») and its «Тип» column moved to a class of its
    own («Folder», «xlsx File»), which the catalogue knows only as they were."""

    TEXTS = {
        ("QFileDialog", "&Look in:"): "&Папка:",
        ("QFileDialog", "Files of &type:"): "&Тип файлов:",
        ("QAbstractFileIconProvider", "Folder"): "Папка",
        ("QAbstractFileIconProvider", "File Folder"): "Папка с файлами",
        ("QAbstractFileIconProvider", "Drive"): "Диск",
        ("QAbstractFileIconProvider", "%1 File"): "Файл %1",
        ("QAbstractFileIconProvider", "File"): "Файл",
        ("QAbstractFileIconProvider", "Shortcut"): "Ярлык",
        ("QAbstractFileIconProvider", "Unknown"): "Неизвестный",
    }

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "": Qt takes an empty text for a translation and asks no other catalogue.
        return self.TEXTS.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_qt_translations(app: QApplication) -> bool:
    """Qt's own texts (file dialogs, standard buttons) and numbers in Russian, whatever the system's.

    The default locale makes every widget made afterwards Russian: a spin box shows «30,0 %»
    and takes a decimal comma, dates read «02.12.2026», on an English Windows too.
    qtbase_ru.qm ships in the PySide6 wheel; a frozen build may not point QLibraryInfo at it,
    so the wheel's folder is tried as well. The translator is kept on the app so it lives on.
    """
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    if app.findChild(QTranslator, "qtbase_ru") is not None:
        return True
    translator = QTranslator(app)
    translator.setObjectName("qtbase_ru")
    folders = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(Path(PySide6.__file__).parent / "Qt" / "translations"),
    ]
    for folder in folders:
        if translator.load(QLocale(QLocale.Language.Russian), "qtbase", "_", folder):
            later = _LaterQtTexts(app)
            later.setObjectName("qtbase_ru_later")
            app.installTranslator(later)
            return app.installTranslator(translator)
    logging.getLogger(__name__).warning("Qt's Russian translations not found in %s", folders)
    return False


def _settle() -> None:
    """Let layouts, resizes and chart repaints posted by the last change run."""
    for _round in range(5):
        QApplication.processEvents()


def _dispose(window: MainWindow) -> None:
    """Delete the window's Qt objects now, while their Python wrappers are all still alive.

    The window sits in Python reference cycles (table models hold column lambdas that
    refer back to them), so otherwise the garbage collector would delete it later, from
    wherever it happens to run, tearing pyqtgraph items down in an arbitrary order: that
    crashes the interpreter.
    """
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run_tour(db: Database, folder: Path) -> list[Path]:
    """Show each page at a fixed size and save what it looks like."""
    folder.mkdir(parents=True, exist_ok=True)
    window = MainWindow(db)
    window.resize(*TOUR_SIZE)
    window.show()
    _settle()
    card_login = _tour_card_login(db)
    saved = []
    for page, name in TOUR_PAGES:
        if page == Page.CARD and card_login is not None:
            window.open_school_card(card_login)
        window.show_page(page)
        _settle()
        path = folder / name
        with atomic_path(path) as temporary:
            if not window.grab().save(str(temporary)):
                raise OSError(f"could not write {path}")
        saved.append(path)
    _dispose(window)
    return saved


def _tour_card_login(db: Database) -> str | None:
    """The first flagged school of the latest year: the card a meeting would open first."""
    from lowres_desktop.services.browse import list_schools, overview
    from lowres_desktop.services.identify_schools import identify_schools

    years = overview(db).years
    if years:
        flagged = identify_schools(db, years[-1]).flagged
        if flagged:
            return flagged[0].school.login
    schools = list_schools(db)
    return schools[0].login if schools else None


def _tour(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    _application()
    from lowres_desktop.services.browse import overview
    from lowres_desktop.services.database import demo_database_target, open_database
    from lowres_desktop.services.demo_data import fill_demo_data

    try:
        db = open_database(demo_database_target() if args.demo else args.db)
        try:
            if args.demo and overview(db).schools == 0:
                fill_demo_data(db)
            saved = run_tour(db, args.tour)
        finally:
            db.close()
    except DomainError as error:
        print(error, file=sys.stderr)
        return 1
    for path in saved:
        print(path)
    return 0


def _open_and_back_up(target: str) -> Database:
    """Open the database and make the day's copy: on a worker thread, SQLAlchemy's import included."""
    from lowres_desktop.services.backups import daily_backup
    from lowres_desktop.services.database import open_database

    db = open_database(target)
    try:
        daily_backup(db)
    except (OSError, DomainError):
        logging.getLogger(__name__).exception("daily backup failed")
    return db


def _another_target(target: str, error: DomainError, parent: QWidget | None) -> str | None:
    """After `target` did not open: the same target once a copy is restored, another file, or None."""
    from lowres_desktop.services.backups import UnopenableDatabase, list_backups
    from lowres_desktop.ui.dialogs.backups_dialog import BackupsDialog

    copies = list_backups(target) if isinstance(error, UnopenableDatabase) else []
    box = QMessageBox(QMessageBox.Icon.Critical, _tr("База данных не открыта"), str(error), parent=parent)
    box.setInformativeText(
        _tr("Восстановите базу из резервной копии, выберите другой файл или закройте программу.")
        if copies
        else _tr("Выберите другой файл базы данных или закройте программу.")
    )
    restore = (
        box.addButton(_tr("Восстановить из копии…"), QMessageBox.ButtonRole.ActionRole) if copies else None
    )
    choose = box.addButton(_tr("Выбрать другой файл…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_tr("Выход"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if restore is not None and box.clickedButton() is restore:
        BackupsDialog(target).exec()
        return target
    if box.clickedButton() is not choose:
        return None
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        _tr("Файл базы данных (существующий или новый)"),
        str(Path(target).expanduser().parent),
        _tr("Базы данных (*.sqlite *.db);;Все файлы (*)"),
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return name or None


class StartUp(QObject):
    """Opens the first database for a window already on screen; offers another file when it fails.

    `sig_abandoned` says the user chose to leave (or an unexpected error was shown):
    the program ends. Once it is open, a new database asks for the requisites (`create`)
    and an empty one is filled with the demonstration data (`demo`).
    """

    sig_abandoned = Signal()

    def __init__(self, window: MainWindow, target: str, *, create: bool = False, demo: bool = False) -> None:
        super().__init__(window)
        self.window = window
        self.target = target
        self._create = create
        self._demo = demo
        self._loader = Loader(self)
        self._unclaimed: Database | None = None
        """Opened by the worker, not yet handed to the window (it may close first)."""

    def open(self) -> None:
        target = self.target

        def work() -> Database:
            self._unclaimed = _open_and_back_up(target)
            return self._unclaimed

        self._loader.load(work, self._opened, self._failed, background=True)

    def finish(self) -> None:
        """After the event loop: wait for an opening under way, close what the window never got."""
        self._loader.cancel()
        QThreadPool.globalInstance().waitForDone()
        if self._unclaimed is not None:
            self._unclaimed.close()
            self._unclaimed = None

    def _opened(self, db: Database) -> None:
        from lowres_desktop.services.browse import overview
        from lowres_desktop.services.collector import freeze_start_up

        self._unclaimed = None
        window = self.window
        window.set_database(db)
        window.office.database_opened()
        # A full collection of everything imported so far: after the page has been painted.
        QTimer.singleShot(0, freeze_start_up)
        if db.shared_file_warning:
            QMessageBox.warning(window, _tr("База на сетевом диске"), db.shared_file_warning)
        if self._create:
            from lowres_desktop.ui.dialogs.requisites_dialog import RequisitesDialog

            RequisitesDialog(window.context, window).exec()
        elif self._demo and overview(db).schools == 0:
            # Otherwise the «Школы» page says what to do first, with its buttons (no modal box).
            window.fill_demo_data()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, DomainError):
            show_error(self.window, error).finished.connect(lambda _result: self.sig_abandoned.emit())
            return
        target = _another_target(self.target, error, self.window)
        if target is None:
            self.sig_abandoned.emit()
            return
        self.target = target
        self.open()


def _configure_logging() -> None:
    """A rotating log file in the user's folder: a GUI started from a shortcut has no console."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)


def _first_run(settings: UiSettings) -> tuple[str, FirstRunChoice] | None:
    """With no database yet: the first-run dialog; None if the user closed it."""
    from lowres_desktop.ui.dialogs.first_run_dialog import FirstRunChoice, FirstRunDialog

    dialog = FirstRunDialog(str(default_database_path()), settings.recent_databases())
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
        return None
    if dialog.choice == FirstRunChoice.DEMO:
        return str(demo_database_path()), dialog.choice
    return dialog.target(), dialog.choice


def _is_first_run(args: argparse.Namespace, settings: UiSettings) -> bool:
    chosen = args.demo or args.db or os.environ.get(DB_ENV_VAR)
    return not chosen and not default_database_path().exists() and not settings.recent_databases()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.tour is not None:
        return _tour(args)
    _configure_logging()
    app = _application()
    install_excepthook()
    settings = UiSettings()
    if _is_first_run(args, settings):
        from lowres_desktop.ui.dialogs.first_run_dialog import FirstRunChoice

        chosen = _first_run(settings)
        if chosen is None:
            return 1
        target, choice = chosen
        create, demo = choice == FirstRunChoice.CREATE, choice == FirstRunChoice.DEMO
    else:
        target = str(demo_database_path()) if args.demo else chosen_database(args.db)
        create, demo = False, args.demo
    window = MainWindow()
    window.office.restore_window()
    show_main_window(window)
    start = StartUp(window, target, create=create, demo=demo)
    start.sig_abandoned.connect(lambda: app.exit(1))
    start.open()
    status = app.exec()
    start.finish()
    database = window.db if window.context.is_open() else None  # the user may have opened another one
    _dispose(window)
    if database is not None:
        database.close()
    return status
