"""Documents as a clerk issues them: the basis set on the page, the order saved and so registered,
opened again from the register as it was printed; placeholder requisites warned of first."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from lowres_desktop.services.documents import DocumentKind, issued_documents
from lowres_desktop.services.requisites import load_requisites
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.dialogs.document_preview_dialog import DocumentPreviewDialog
from lowres_desktop.ui.dialogs.requisites_dialog import RequisitesDialog
from tests.journeys.driving import answer, answer_file, back_to, press, press_standard, type_text


def _text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.replace("-\n", "").replace("\u00a0", " ").split())


def _preview(qtbot, window) -> DocumentPreviewDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), DocumentPreviewDialog), timeout=10000
    )
    preview = QApplication.activeModalWidget()
    assert isinstance(preview, DocumentPreviewDialog)
    return preview


def test_a_directive_with_its_basis_is_saved_registered_and_reopened(  # type: ignore[no-untyped-def]
    qtbot, open_window, demo_db, tmp_path: Path
) -> None:
    window = open_window(demo_db)
    window.show_page(Page.DOCUMENTS)
    view = window.documents_view
    view.kind.setCurrentIndex(view.kind.findData(DocumentKind.ROADMAP))
    assert view.control.text() == "Контроль исполнения приказа оставляю за собой."
    view.points.setPlainText("Утвердить План (приложение).")
    press(qtbot, view.propose_button)
    assert view.points.toPlainText().startswith("Утвердить План-график («дорожную карту»)")
    view.doc_type.setCurrentIndex(view.doc_type.findText("Распоряжение"))
    assert view.control.text() == "Контроль исполнения распоряжения оставляю за собой."
    view.grounds.setFocus()
    type_text(view.grounds, "На основании приказа министерства от 24.01.2020 № 183 «Об утверждении списков»")
    view.executor.setPlainText("Прасолова\n2274507")
    press(qtbot, view.preview_button)
    preview = _preview(qtbot, window)
    saved = tmp_path / "распоряжение.pdf"
    answer_file(qtbot, saved)
    press(qtbot, preview.save_pdf_button)
    qtbot.waitUntil(lambda: saved.exists() and not preview.runner.is_busy(), timeout=20000)
    text = _text(saved)
    assert "РАСПОРЯЖЕНИЕ" in text and "ПРИКАЗ " not in text
    assert "№ 183 «Об утверждении списков», в целях обеспечения системной работы" in text
    assert "Контроль исполнения распоряжения оставляю за собой." in text and "Прасолова 2274507" in text
    register = issued_documents(demo_db)
    assert len(register) == 1 and register[0].doc_type == "РАСПОРЯЖЕНИЕ"
    press(qtbot, preview.close_button)
    back_to(qtbot, window)
    assert view.register.count() == 1 and "Распоряжение" in view.register.currentText()
    view.grounds.clear()  # today's page changes; the register keeps what was issued
    press(qtbot, view.reprint_button)
    again = _preview(qtbot, window)
    assert again.pdf_bytes == saved.read_bytes(), "the very paper issued"
    assert again.document.basis is not None and "№ 183" in again.document.basis.grounds
    press(qtbot, again.close_button)


def test_placeholder_requisites_are_set_before_printing(qtbot, open_window, seed_db) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_db)
    window.show_page(Page.DOCUMENTS)
    view = window.documents_view
    seen: list[str] = []

    def set_requisites(box: QMessageBox) -> None:
        seen.append(box.text())
        press(qtbot, next(b for b in box.buttons() if b.text() == "Указать реквизиты…"))

    answer(qtbot, QMessageBox, set_requisites)
    press(qtbot, view.preview_button)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "заполнители" in seen[0] and "инициалы и фамилия подписывающего" in seen[0]
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), RequisitesDialog), timeout=5000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, RequisitesDialog)
    dialog.authority.setPlainText("МЭРИЯ ГОРОДА НОВОКУЗНЕЦКА\nКОМИТЕТ ОБРАЗОВАНИЯ И НАУКИ")
    dialog.place.setText("г. Новокузнецк")
    dialog.signatory_name.setText("Ю.А. Соловьева")
    press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    qtbot.waitUntil(lambda: load_requisites(seed_db).signatory_name == "Ю.А. Соловьева", timeout=10000)
    back_to(qtbot, window)
    press(qtbot, view.preview_button)  # now without a warning
    preview = _preview(qtbot, window)
    assert len(seen) == 1
    assert preview.document.requisites.authority_lines[0] == "МЭРИЯ ГОРОДА НОВОКУЗНЕЦКА"
    assert view.issuer.toPlainText().startswith("МЭРИЯ ГОРОДА НОВОКУЗНЕЦКА"), "the page shows them too"
    press(qtbot, preview.close_button)


def test_printing_with_placeholders_goes_on_when_the_clerk_says_so(qtbot, open_window, seed_db) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_db)
    window.show_page(Page.DOCUMENTS)
    view = window.documents_view
    answer(qtbot, QMessageBox, lambda box: press(qtbot, next(
        b for b in box.buttons() if b.text() == "Продолжить с заполнителями")))  # fmt: skip
    press(qtbot, view.preview_button)
    preview = _preview(qtbot, window)
    assert preview.document.requisites.signatory_name == "И. О. Фамилия"
    press(qtbot, preview.close_button)
