"""A monitoring round as a specialist runs it: created (a refusal keeps the dialog and what was
typed), filled by keyboard, its comment saved, its Итоги read, repeated, exported and deleted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from lowres_desktop.domain.monitoring import Status
from lowres_desktop.services.monitoring import list_rounds, round_summary
from lowres_desktop.services.roadmaps import create_from_template
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.dialogs.round_dialog import RoundDialog
from tests.journeys.driving import (
    answer,
    answer_file,
    answer_question,
    back_to,
    press,
    press_standard,
    press_text,
    type_text,
    wait_writes,
)


def _create_round(qtbot, window, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: RoundDialog) -> None:
        dialog.name.clear()
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
        refusal = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
        seen.extend(b.text() for b in refusal)
        press(qtbot, refusal[0].buttons()[0])
        assert dialog.isVisible(), "a refusal keeps the dialog open"
        dialog.name.setFocus()
        type_text(dialog.name, "Мониторинг I полугодия")
        dialog.period_text.setFocus()
        type_text(dialog.period_text, "1 полугодие 2020-2021 гг.")
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)  # no school yet
        refusal = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
        seen.extend(b.text() for b in refusal)
        press(qtbot, refusal[0].buttons()[0])
        dialog.flag_year.setValue(2019)
        press(qtbot, dialog.take_flagged)
        press(qtbot, dialog.check_none)
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)  # no item ticked
        refusal = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
        seen.extend(b.text() for b in refusal)
        press(qtbot, refusal[0].buttons()[0])
        assert dialog.isVisible() and dialog.name.text() == "Мониторинг I полугодия"
        assert dialog.schools.chosen(), "the schools chosen stay"
        press(qtbot, dialog.check_all)
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    answered = answer(qtbot, RoundDialog, fill)
    press_text(qtbot, window.monitoring_view, "Новый мониторинг…")
    assert answered
    wait_writes(qtbot, window)
    back_to(qtbot, window)


def test_a_round_created_filled_by_keyboard_and_summed_up(qtbot, open_window, seed_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    create_from_template(seed_db, "seed002_novokuznetsk_2020_2021")
    window = open_window(seed_db)
    window.show_page(Page.MONITORING)
    view = window.monitoring_view
    cancel = QDialogButtonBox.StandardButton.Cancel
    answer(qtbot, RoundDialog, lambda d: press_standard(qtbot, d, cancel))
    press_text(qtbot, view, "Новый мониторинг…")
    back_to(qtbot, window)
    assert list_rounds(seed_db) == []
    seen: list[str] = []
    _create_round(qtbot, window, seen)
    assert seen == [
        "Укажите название мониторинга.",
        "Выберите хотя бы одну школу для мониторинга.",
        "Выберите хотя бы одно мероприятие дорожной карты для проверки.",
    ]
    rounds = list_rounds(seed_db)
    assert [r.round.name for r in rounds] == ["Мониторинг I полугодия"]
    grid = view.model.grid
    assert grid is not None and len(grid.schools) == 15 and len(grid.items) == 31
    assert "гг.." not in view.progress.text() and "2020-2021 гг. Заполнено 0 из 465." in view.progress.text()

    # The first item: done at the first school, not applicable at the second; then Delete on a third.
    first_cell = view.grid.visualRect(view.model.index(0, 0)).center()
    qtbot.mouseClick(view.grid.viewport(), Qt.MouseButton.LeftButton, pos=first_cell)
    qtbot.keyClick(view.grid, "1")
    view.grid.setCurrentIndex(view.model.index(1, 0))
    qtbot.keyClick(view.grid, "4")
    qtbot.keyClick(view.grid, "2")  # the cursor stepped to item 2 of school 2
    view.grid.setCurrentIndex(view.model.index(2, 0))
    qtbot.keyClick(view.grid, "3")
    view.grid.setCurrentIndex(view.model.index(2, 0))
    qtbot.keyClick(view.grid, Qt.Key.Key_Delete)
    view.grid.setCurrentIndex(view.model.index(1, 1))
    view.comment.setFocus()
    type_text(view.comment, "Отчёт без подписи")
    press_text(qtbot, view, "Сохранить комментарий")
    wait_writes(qtbot, window)
    summary = round_summary(seed_db, rounds[0].round.id)
    first, second = summary.items[0], summary.items[1]
    assert first.counts[Status.DONE] == 1 and first.counts[Status.NOT_APPLICABLE] == 1
    assert second.counts[Status.PARTIAL] == 1
    gaps = {d.school.login: d.gaps for d in summary.directives}
    assert gaps[grid.schools[1].login][0].comment == "Отчёт без подписи"
    assert view.progress.text().endswith("Заполнено 3 из 465.")

    view.tabs.setCurrentIndex(1)
    text = view.summary.toPlainText().replace("\u00a0", " ")
    assert f"в 100 % ОО — выполнено ({grid.schools[0].short_name})" in text
    assert f"не применимо — в 1 ОО ({grid.schools[1].short_name})" in text
    assert "50 %" not in text.split("2.")[0]
    view.tabs.setCurrentIndex(0)

    proof = tmp_path / "протокол.pdf"
    proof.write_bytes(b"%PDF-1.4")
    answer_file(qtbot, proof)
    press_text(qtbot, view, "Приложить файл…")
    wait_writes(qtbot, window)
    back_to(qtbot, window)
    assert view.evidence.count() == 1 and view.evidence.item(0).text().startswith("протокол.pdf")
    view.evidence.setCurrentRow(0)
    press_text(qtbot, view, "Убрать файл")
    wait_writes(qtbot, window)
    assert view.evidence.count() == 0

    csv_path = tmp_path / "итоги.csv"
    answer_file(qtbot, csv_path)
    press_text(qtbot, view, "Итоги в CSV…")
    back_to(qtbot, window)
    assert csv_path.read_text(encoding="utf-8-sig").startswith("item,")

    press_text(qtbot, view, "Повторить мониторинг")
    wait_writes(qtbot, window)
    assert [r.round.name for r in list_rounds(seed_db)][-1] == "Мониторинг I полугодия (повторный)"
    assert view.rounds.currentText().startswith("Мониторинг I полугодия (повторный)")

    def rename(dialog: RoundDialog) -> None:
        dialog.name.selectAll()
        dialog.name.setFocus()
        type_text(dialog.name, "Повторный")
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    answer(qtbot, RoundDialog, rename)
    press_text(qtbot, view, "Изменить…")
    wait_writes(qtbot, window)
    back_to(qtbot, window)
    assert sorted(r.round.name for r in list_rounds(seed_db)) == ["Мониторинг I полугодия", "Повторный"]

    answer_question(qtbot, QMessageBox.StandardButton.Yes)
    press_text(qtbot, view, "Удалить")
    wait_writes(qtbot, window)
    back_to(qtbot, window)
    assert [r.round.name for r in list_rounds(seed_db)] == ["Мониторинг I полугодия"]
