"""The two tiers of errors as the user sees them.

A DomainError is a problem the user can understand and fix: its Russian
message is shown as it is. Anything else is a bug: it is logged with its
traceback and shown in a dialog whose details can be copied for the
developers, instead of the program vanishing.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.files.faults import describe_os_error
from lowres_desktop.paths import user_data_dir

_log = logging.getLogger(__name__)

_unparented: set[QDialog] = set()
"""Dialogs shown without a parent window; kept alive here until they close."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def _open(dialog: QDialog) -> QDialog:
    """Show without blocking: the event loop goes on and tests can inspect the dialog."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if dialog.parent() is None:
        _unparented.add(dialog)
        dialog.finished.connect(lambda _result: _unparented.discard(dialog))
    dialog.open()
    return dialog


def show_message(parent: QWidget | None, text: str, title: str | None = None) -> QMessageBox:
    """Something the user must heed: a refusal, a warning."""
    return _message(QMessageBox.Icon.Warning, parent, text, title or _tr("Внимание"))


def show_info(parent: QWidget | None, text: str, title: str) -> QMessageBox:
    """What an action did, when it went well: no warning sign on good news."""
    return _message(QMessageBox.Icon.Information, parent, text, title)


def _message(icon: QMessageBox.Icon, parent: QWidget | None, text: str, title: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, parent=parent)
    box.addButton(_tr("Закрыть"), QMessageBox.ButtonRole.AcceptRole)
    _open(box)
    return box


def error_details(error: BaseException) -> str:
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


def log_file() -> Path:
    """The rotating log the app writes (see app.py); named in the error dialog."""
    return user_data_dir() / "logs" / "lowres-desktop.log"


def show_error(parent: QWidget | None, error: BaseException) -> QDialog:
    """A DomainError's own message, or the unexpected-error dialog after logging the traceback."""
    if isinstance(error, DomainError):
        return show_message(parent, str(error))
    if isinstance(error, OSError):
        # A disk, folder or file fault, not a bug: said in Russian with what to do (files/faults.py).
        _log.warning("file system error", exc_info=(type(error), error, error.__traceback__))
        place = f" («{error.filename}»)" if error.filename else ""
        text = _tr("Действие не выполнено{0}: {1}").format(place, describe_os_error(error))
        return show_message(parent, text)
    _log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    from lowres_desktop.ui.dialogs.error_dialog import ErrorDialog  # its form: not at every start

    dialog = ErrorDialog(error_details(error), parent)
    dialog.ui.messageLabel.setText(
        _tr(
            "Произошла непредвиденная ошибка, и последнее действие не выполнено. Уже сохранённые "
            "данные не пострадали, а то, что вы набрали в открытом окне, осталось в нём: "
            "попробуйте ещё раз или сохраните текст в другом месте. Если ошибка повторяется, "
            "нажмите «Скопировать подробности» и отправьте их разработчикам вместе с файлом "
            "журнала «{log}»."
        ).format(log=log_file())
    )
    return _open(dialog)


def _excepthook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None:
        sys.__excepthook__(kind, error, trace)
        return
    error.__traceback__ = trace
    show_error(QApplication.activeWindow(), error)


def install_excepthook() -> None:
    """Route exceptions escaping Qt slots to `show_error` instead of stderr only."""
    sys.excepthook = _excepthook
