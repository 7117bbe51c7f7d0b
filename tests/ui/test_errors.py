"""Errors in two tiers: a DomainError's Russian text as it is; anything else logged, with details."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.ui import errors
from lowres_desktop.ui.dialogs.error_dialog import ErrorDialog


def _raised(error: BaseException) -> BaseException:
    try:
        raise error
    except BaseException as caught:  # noqa: BLE001 - the test wants it with a traceback
        return caught


def test_domain_error_shows_its_own_message(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    shown = errors.show_error(parent, DomainError("Файл не найден: «x.xlsx»."))
    assert isinstance(shown, QMessageBox)
    assert shown.text() == "Файл не найден: «x.xlsx»."
    assert shown.isVisible()
    assert [b.text() for b in shown.buttons()] == ["Закрыть"]
    shown.close()


def test_a_file_system_error_is_said_in_russian_not_as_a_bug(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    error = _raised(IsADirectoryError(21, "Is a directory", "/home/user/отчёт.pdf"))
    shown = errors.show_error(parent, error)
    assert isinstance(shown, QMessageBox) and not isinstance(shown, ErrorDialog)
    assert "«/home/user/отчёт.pdf»" in shown.text() and "папка, а не файл" in shown.text()
    assert "Is a directory" not in shown.text()
    shown.close()


def test_unexpected_error_is_logged_and_details_can_be_copied(qtbot, caplog) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    error = _raised(ZeroDivisionError("division by zero"))
    with caplog.at_level(logging.ERROR):
        shown = errors.show_error(parent, error)
    assert isinstance(shown, ErrorDialog)
    assert "непредвиденная ошибка" in shown.ui.messageLabel.text()
    assert "ZeroDivisionError: division by zero" in shown.details()
    assert "Traceback" in shown.details()
    assert any(record.exc_info and record.exc_info[1] is error for record in caplog.records)
    shown.ui.copyButton.click()
    assert QApplication.clipboard().text() == shown.details()
    assert shown.ui.copyButton.text() == "Скопировать подробности"
    shown.close()


def test_excepthook_shows_the_dialog_instead_of_dying(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook()
    assert sys.excepthook is not sys.__excepthook__
    error = _raised(RuntimeError("сломалось"))
    sys.excepthook(type(error), error, error.__traceback__)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog)]
    assert dialogs and "RuntimeError: сломалось" in dialogs[-1].details()
    for dialog in dialogs:
        dialog.close()
