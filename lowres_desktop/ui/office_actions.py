"""The main window's office menu: backups, the audit log, the name it records, recent databases.

Kept apart from `main_window.py` so that the window only creates this object
and forwards the open/close events; everything about working in an office
(several databases, several people, copies) lives here. It knows the window
only through the application context (no import of `main_window`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QInputDialog, QMainWindow, QMenu, QVBoxLayout

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.errors import show_error, show_info
from lowres_desktop.ui.settings import UiSettings

if TYPE_CHECKING:
    from lowres_desktop.ui.app_context import AppContext
    from lowres_desktop.ui.dialogs.backups_dialog import BackupsDialog


class OfficeActions(QObject):
    def __init__(
        self, context: AppContext, recent_before: QAction, settings: UiSettings | None = None
    ) -> None:
        """`recent_before`: the file menu's action the «Недавние базы» submenu goes above."""
        window = context.window
        assert isinstance(window, QMainWindow)
        super().__init__(window)
        self._context = context
        self._window = window
        self.settings = settings or UiSettings()
        menu_bar = window.menuBar()
        self.recent_menu = QMenu(self.tr("&Недавние базы"), window)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu = next((action.menu() for action in menu_bar.actions() if action.menu() is not None), None)
        if isinstance(file_menu, QMenu):
            file_menu.insertMenu(recent_before, self.recent_menu)
        service = QMenu(self.tr("С&ервис"), window)
        menus = menu_bar.actions()
        if menus:
            menu_bar.insertMenu(menus[-1], service)  # before «Справка», which stays last
        else:
            menu_bar.addMenu(service)
        self.backups_action = service.addAction(self.tr("&Резервные копии…"), self.show_backups)
        self.audit_action = service.addAction(self.tr("&Журнал изменений…"), self.show_audit)
        self.name_action = service.addAction(self.tr("&Моё имя в журнале изменений…"), self.ask_user_name)
        self.apply_user_name()

    def apply_user_name(self) -> None:
        chosen = self.settings.user_name()
        if chosen and self._context.is_open():
            self._context.db.user_name = chosen

    def database_opened(self) -> None:
        from lowres_desktop.services.database import display_target

        self.apply_user_name()
        self.settings.remember_database(display_target(self._context.db.target))

    @Slot()
    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for target in self.settings.recent_databases():
            self.recent_menu.addAction(
                target, lambda target=target: self._context.navigator.open_database(target)
            )
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(пока нет)")).setEnabled(False)

    def choose_database(self) -> None:
        from lowres_desktop.ui.dialogs.open_database_dialog import OpenDatabaseDialog

        target = self._context.db.target
        folder = str(Path(target).parent) if "://" not in target else ""
        dialog = OpenDatabaseDialog(self.settings.recent_databases(), folder, self._window)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.target():
            self._context.navigator.open_database(dialog.target())

    @Slot()
    def show_backups(self) -> BackupsDialog:
        from lowres_desktop.ui.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self._context.db.target, self._context, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_restore_requested.connect(self.restore)
        dialog.open()
        return dialog

    @Slot(Path)
    def restore(self, backup: Path) -> None:
        """Close the database, put the copy in place (after copying the current file), reopen."""
        from lowres_desktop.services.backups import restore_backup
        from lowres_desktop.services.database import open_database

        window = self._window
        target = self._context.db.target
        self._context.operations.wait()
        self._context.db.close()
        try:
            undo = restore_backup(target, backup)
        except DomainError as error:
            show_error(window, error)
            undo = None
        try:
            self._context.set_database(open_database(target))
        except DomainError as error:
            show_error(window, error)
            return
        self.apply_user_name()
        self._context.navigator.refresh()
        if undo is not None:
            show_info(
                window,
                self.tr(
                    "База восстановлена из копии. Прежнее состояние сохранено копией от {when} "
                    "«перед восстановлением»: восстановите её, чтобы отменить."
                ).format(when=f"{undo.created_at:%d.%m.%Y %H:%M:%S}"),
                self.tr("Восстановление"),
            )

    @Slot()
    def show_audit(self) -> QDialog:
        from lowres_desktop.ui.views.audit_view import AuditView

        dialog = QDialog(self._window)
        dialog.setWindowTitle(self.tr("Журнал изменений"))
        dialog.resize(1100, 600)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view = AuditView(self._context, dialog)
        QVBoxLayout(dialog).addWidget(view)
        view.refresh()
        dialog.open()
        return dialog

    @Slot()
    def ask_user_name(self) -> None:
        name, accepted = QInputDialog.getText(
            self._window,
            self.tr("Имя в журнале изменений"),
            self.tr("Как подписывать ваши изменения (пусто — имя пользователя Windows «{os}»):").format(
                os=self._context.db.user_name
            ),
            text=self.settings.user_name(),
        )
        if accepted:
            from lowres_desktop.services.database import os_user_name

            self.settings.set_user_name(name)
            self._context.db.user_name = name.strip() or os_user_name()
            self.apply_user_name()

    def save_window(self) -> None:
        self.settings.set_geometry(self._window.saveGeometry())
        self.settings.set_window_state(self._window.saveState())
        self.settings.set_last_page(int(self._context.navigator.current_page()))
        self.settings.sync()

    def restore_window(self) -> None:
        geometry = self.settings.geometry()
        if geometry is not None:
            self._window.restoreGeometry(geometry)
        state = self.settings.window_state()
        if state is not None:
            self._window.restoreState(state)
        page = self.settings.last_page()
        if page in set(Page):
            self._context.navigator.show_page(Page(page))
