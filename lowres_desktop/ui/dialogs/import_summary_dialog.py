"""What an import did, file by file: the counts staff check against the workbook, or why not.

A file is imported whole or not at all, so each file gets either its
summary or its rejection message; the text can be copied into a letter to
whoever sent the workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

from lowres_desktop.services.import_workbook import ImportReport
from lowres_desktop.ui.forms.ui_import_summary_dialog import Ui_ImportSummaryDialog


@dataclass(frozen=True)
class ImportOutcome:
    """One file's fate: a report, the rejection message, or not reached because of a cancel."""

    path: Path
    report: ImportReport | None = None
    rejection: str | None = None
    cancelled: bool = False


class ImportSummaryDialog(QDialog):
    def __init__(self, outcomes: list[ImportOutcome], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ImportSummaryDialog()
        self.ui.setupUi(self)
        self.outcomes = outcomes
        self.ui.headlineLabel.setText(f"<b>{self.headline()}</b>")
        self.ui.detailsEdit.setPlainText(self.text())
        self.ui.copyButton.clicked.connect(self._on_copy_button_clicked)

    def text(self) -> str:
        return "\n\n".join(self._file_text(outcome) for outcome in self.outcomes)

    def headline(self) -> str:
        imported = sum(1 for o in self.outcomes if o.report is not None)
        if any(o.cancelled for o in self.outcomes):
            return self.tr("Импорт отменён; файлы, импортированные до отмены, сохранены")
        if imported == len(self.outcomes):
            return self.tr("Импорт завершён")
        if imported == 0:
            return self.tr("Файлы не импортированы, база не изменена")
        return self.tr("Импорт завершён, но не все файлы приняты")

    def _file_text(self, outcome: ImportOutcome) -> str:
        if outcome.cancelled:
            return self.tr("«{file}»: импорт отменён, из этого файла ничего не записано.").format(
                file=outcome.path.name
            )
        if outcome.rejection is not None:
            return outcome.rejection
        assert outcome.report is not None
        return self._report_text(outcome.report)

    def _report_text(self, report: ImportReport) -> str:
        lines = [self.tr("«{file}», лист «{sheet}»").format(file=report.file_name, sheet=report.sheet)]
        if not report.changed_anything:
            lines.append(self.tr("Изменений нет: все данные файла уже есть в базе."))
        lines.append(self.tr("Новых школ: {count}").format(count=len(report.schools_new)))
        lines.append(self.tr("Переименованных школ: {count}").format(count=len(report.schools_renamed)))
        lines += [
            self.tr("  {login}: «{old}» → «{new}»").format(login=login, old=old, new=new)
            for login, old, new in report.schools_renamed
        ]
        if report.procedures_new:
            lines.append(
                self.tr("Новых процедур: {count} ({codes})").format(
                    count=len(report.procedures_new),
                    codes=", ".join(p.code for p in report.procedures_new),
                )
            )
        lines.append(
            self.tr("Результатов: новых — {new}, изменённых — {changed}, без изменений — {same}").format(
                new=report.results_new,
                changed=report.results_changed,
                same=report.results_unchanged,
            )
        )
        if report.imported_before is not None:
            lines.append(
                self.tr("Этот файл уже импортировался {when}.").format(
                    when=report.imported_before.strftime("%d.%m.%Y %H:%M")
                )
            )
        if report.warnings:
            lines.append(self.tr("Предупреждения:"))
            lines += [f"  • {warning}" for warning in report.warnings]
        return "\n".join(lines)

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(f"{self.headline()}\n\n{self.text()}")
