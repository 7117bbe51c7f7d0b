"""The wizard's last page: the import itself, then what it did, file by file, or why not.

A file is imported whole or not at all, so each file gets either its
summary or its rejection message; the text can be copied into a letter to
whoever sent the file. «Отмена» is gone from this page: once the import has
run there is nothing left to cancel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWizardPage

from lowres_desktop.services.import_workbook import FileOutcome, ImportReport

if TYPE_CHECKING:
    from lowres_desktop.ui.dialogs.import_wizard.wizard import ImportWizard


def _tr(text: str) -> str:
    return QCoreApplication.translate("CommitPage", text)


def outcomes_headline(outcomes: list[FileOutcome]) -> str:
    imported = sum(1 for o in outcomes if o.report is not None)
    if any(o.cancelled for o in outcomes):
        return _tr("Импорт отменён; файлы, импортированные до отмены, сохранены")
    if imported == len(outcomes):
        return _tr("Импорт завершён")
    if imported == 0:
        return _tr("Файлы не импортированы, база не изменена")
    return _tr("Импорт завершён, но не все файлы приняты")


def outcomes_text(outcomes: list[FileOutcome]) -> str:
    return "\n\n".join(_file_text(outcome) for outcome in outcomes)


def _file_text(outcome: FileOutcome) -> str:
    if outcome.cancelled:
        return _tr("«{file}»: импорт отменён, из этого файла ничего не записано.").format(
            file=outcome.path.name
        )
    if outcome.report is None:
        return outcome.rejection or ""
    return _report_text(outcome.report)


def _report_text(report: ImportReport) -> str:
    lines = [_tr("«{file}», лист «{sheet}»").format(file=report.file_name, sheet=report.sheet)]
    if report.batch_id is not None:
        lines[0] += _tr(": пакет № {batch}").format(batch=report.batch_id)
    if not report.changed_anything:
        lines.append(_tr("Изменений нет: все данные файла уже есть в базе."))
    lines.append(_tr("Новых школ: {count}").format(count=len(report.schools_new)))
    lines.append(_tr("Переименованных школ: {count}").format(count=len(report.schools_renamed)))
    lines += [
        _tr("  {login}: «{old}» → «{new}»").format(login=login, old=old, new=new)
        for login, old, new in report.schools_renamed
    ]
    if report.procedures_new:
        lines.append(
            _tr("Новых процедур: {count} ({codes})").format(
                count=len(report.procedures_new), codes=", ".join(p.code for p in report.procedures_new)
            )
        )
    lines.append(
        _tr("Результатов: новых — {new}, изменённых — {changed}, без изменений — {same}").format(
            new=report.results_new, changed=report.results_changed, same=report.results_unchanged
        )
    )
    if report.results_kept:
        lines.append(_tr("Оставлено как в базе (расхождения): {count}").format(count=report.results_kept))
    if report.comparisons_new or report.comparisons_changed:
        lines.append(
            _tr("Сравнений отметок с журналом: новых — {new}, изменённых — {changed}").format(
                new=report.comparisons_new, changed=report.comparisons_changed
            )
        )
    if report.imported_before is not None:
        lines.append(
            _tr("Этот файл уже импортировался {when}.").format(
                when=report.imported_before.strftime("%d.%m.%Y %H:%M")
            )
        )
    if report.warnings:
        lines.append(_tr("Предупреждения:"))
        lines += [f"  • {warning}" for warning in report.warnings]
    return "\n".join(lines)


class CommitPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Импорт"))
        self.headline = QLabel()
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.copy_button = QPushButton(self.tr("Скопировать"))
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.done = False
        self.outcomes: list[FileOutcome] = []
        self.setCommitPage(True)

    def initializePage(self) -> None:
        self.done = False
        self.headline.setText(self.tr("Импорт…"))
        self.text.clear()
        self._wizard.commit()

    def show_outcomes(self, outcomes: list[FileOutcome]) -> None:
        self.outcomes = outcomes
        self.headline.setText(f"<b>{outcomes_headline(outcomes)}</b>")
        self.text.setPlainText(outcomes_text(outcomes))
        self.copy_button.setEnabled(True)
        self.done = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(
            f"{outcomes_headline(self.outcomes)}\n\n{outcomes_text(self.outcomes)}"
        )
