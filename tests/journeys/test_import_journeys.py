"""Importing as a specialist does in June: a register the program does not know, mapped by hand in the
wizard and imported (and recognised next time by its header); three ФИС ОКО files with the same schools
in one go (each school new once, no empty conflicts page, no «Отмена» once done, names with «ёлочки»)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from lowres_desktop.services.import_workbook import import_workbook
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.dialogs.import_wizard import ImportWizard
from tests.data.exchange_files import build_vpr_statistics
from tests.journeys.driving import answer_file, button, press, trigger, type_text

MINIMUM, HIGH = 24, 80
"""ЕГЭ Russian: Рособрнадзор's minimum score and the high mark of the shipped table."""
HEADER = "ОО (логин);Участник;Дисциплина;Год сдачи;Результат, баллы"


def _register(path: Path, scores: dict[str, list[int | str]]) -> Path:
    """A register in a layout no module knows: «ОО (логин)», «Дисциплина», «Год сдачи», «Результат, баллы»."""
    lines = [HEADER]
    for login, values in scores.items():
        lines += [f"{login};Петрова{n} Анна;Русский язык;2024;{v}" for n, v in enumerate(values)]
    path.write_bytes("\r\n".join(lines).encode("cp1251"))
    return path


def _expected(scores: dict[str, list[int | str]]) -> dict[str, tuple[int, float, float]]:
    figures = {}
    for login, values in scores.items():
        taken = [v for v in values if isinstance(v, int)]
        low = round(100 * sum(v < MINIMUM for v in taken) / len(taken), 2)
        high = round(100 * sum(v >= HIGH for v in taken) / len(taken), 2)
        figures[login] = (len(taken), low, high)
    return figures


def _stored(db: Database, code: str) -> dict[str, tuple[object, ...]]:
    with db.unit_of_work() as uow:
        return {
            r.login: (r.participants, r.pct_low, r.pct_high)
            for r in uow.results.all()
            if r.procedure.code == code
        }


def _wizard(qtbot, window, paths: list[Path]) -> ImportWizard:  # type: ignore[no-untyped-def]
    answer_file(qtbot, paths)
    trigger(window, "Файл", "Импорт результатов…")
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(ImportWizard)), timeout=10_000)
    return next(w for w in window.findChildren(ImportWizard) if w.isVisible())


def _next(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    page = wizard.currentPage()
    qtbot.waitUntil(page.isComplete, timeout=15_000)
    press(qtbot, wizard.button(QWizard.WizardButton.NextButton))


def _choose(combo, title: str) -> None:  # type: ignore[no-untyped-def]
    index = combo.findText(title)
    assert index >= 0, f"«{title}» is not offered: " + ", ".join(
        combo.itemText(i) for i in range(combo.count())
    )
    combo.setCurrentIndex(index)


def test_an_unknown_register_mapped_by_hand_then_known_by_its_header(
    qtbot, open_window, empty_db, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    scores: dict[str, list[int | str]] = {
        "sch700001": [12, 30, 55, 81, 90, 23, "неявка", 64],
        "sch700002": [80, 79, 24, 23, 100, "", 47],
        "sch700003": [5, 95, 60, 61, 62, 20, 18, "удалён", 85, 40],
    }
    path = _register(tmp_path / "ведомость.csv", scores)
    window = open_window(empty_db)
    wizard = _wizard(qtbot, window, [path])
    _next(qtbot, wizard)
    mapping = wizard.mapping_page
    qtbot.waitUntil(mapping.isComplete, timeout=15_000)
    assert (
        mapping.status.text().startswith("Вид таблицы не распознан") and "мастер" not in mapping.status.text()
    )
    mapping.sheet_combo.setCurrentIndex(1)
    _choose(mapping.layout_combo, "Ведомость ОГЭ/ЕГЭ по участникам (РЦОИ; CSV или Excel)")
    press(qtbot, mapping.apply_button)  # read as a register by its known names it fails: still to map by hand
    qtbot.waitUntil(lambda: not wizard.parsing, timeout=10_000)
    status = mapping.status.text()
    assert status.startswith("Вид таблицы не распознан") and "не похож на «Ведомость ОГЭ/ЕГЭ" in status
    _next(qtbot, wizard)
    hand = wizard.hand_page
    assert wizard.currentPage() is hand
    press(qtbot, wizard.button(QWizard.WizardButton.BackButton))
    assert wizard.currentPage() is mapping
    _next(qtbot, wizard)
    assert wizard.currentPage() is hand and not hand.isComplete()
    assert hand.grid.item(0, 2).text() == "Дисциплина" and hand.grid.item(1, 1).text() == "Петрова0 Анна"
    qtbot.mouseClick(hand.register_radio, Qt.MouseButton.LeftButton)
    assert hand.header_spin.value() == 1
    press(qtbot, hand.preview_button)
    assert hand.status.text() == "Укажите столбец с логином ОО или с кодом ОО (ГИА)."
    for row, title in ((0, "Логин ОО"), (2, "Предмет"), (3, "Год"), (4, "Тестовый балл")):
        _choose(hand.columns.cellWidget(row, 3), title)
    hand.procedure_edit.setFocus()
    type_text(hand.procedure_edit, "ЕГЭ РУ")
    press(qtbot, hand.preview_button)
    qtbot.waitUntil(lambda: not wizard.parsing, timeout=10_000)
    shown = {
        hand.figures.item(r, 0).text(): tuple(hand.figures.item(r, c).text() for c in (1, 2, 3, 4, 5))
        for r in range(hand.figures.rowCount())
    }
    expected = _expected(scores)
    assert shown == {
        login: ("ЕГЭ РУ", "2024", str(n), f"{low:.1f}".replace(".", ","), f"{high:.1f}".replace(".", ","))
        for login, (n, low, high) in expected.items()
    }
    assert (
        "неявка — 1" in hand.status.text() and "удалены или результат аннулирован — 1" in hand.status.text()
    )
    assert hand.isComplete() and hand.remember.isChecked()
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.preview_page
    assert "Ошибок: 0. Школ не из базы: 3." in wizard.preview_page.summary.text()
    _next(qtbot, wizard)
    commit = wizard.commit_page
    assert wizard.currentPage() is commit, "no conflicts: the conflicts page is not shown"
    qtbot.waitUntil(commit.isComplete, timeout=30_000)
    assert commit.headline.text() == "<b>Импорт завершён</b>"
    assert "Новых школ: 3" in commit.text.toPlainText()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    press(qtbot, commit.copy_button)
    assert QApplication.clipboard().text().startswith("Импорт завершён\n\n«ведомость.csv»")
    press(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert _stored(empty_db, "ЕГЭ РУ") == expected
    raw = Path(empty_db.target).read_bytes()
    assert "Петрова".encode() not in raw and "Петрова".encode("cp1251") not in raw

    later = {"sch700001": [70, 71, 10], "sch700004": [85, 86, 87, 20]}
    report = import_workbook(empty_db, _register(tmp_path / "ведомость-2.csv", later))
    assert report.results_new == 1 and report.results_changed == 1
    assert _stored(empty_db, "ЕГЭ РУ") == {**expected, **_expected(later)}


def test_three_fis_oko_files_with_the_same_schools_in_one_go(qtbot, open_window, empty_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    schools = [
        (f'МБОУ "СОШ № {n}"(sch8000{n:02d})', 1, 20 + n, [10.0, 40.0, 30.0, 20.0]) for n in range(1, 21)
    ]
    paths = [build_vpr_statistics(tmp_path / f"ВПР {n}.xlsx", schools) for n in (1, 2, 3)]
    window = open_window(empty_db)
    wizard = _wizard(qtbot, window, paths[:2])
    files = wizard.files_page
    answer_file(qtbot, paths[2])
    press(qtbot, button(files, "Добавить…"))
    qtbot.waitUntil(lambda: files.list.count() == 3)
    files.list.setCurrentRow(0)
    press(qtbot, button(files, "Убрать"))
    assert files.paths() == paths[1:]
    answer_file(qtbot, paths[0])
    press(qtbot, button(files, "Добавить…"))
    qtbot.waitUntil(lambda: files.list.count() == 3)
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    preview = wizard.preview_page
    assert wizard.currentPage() is preview
    press(qtbot, preview.skip_all_button)
    press(qtbot, preview.create_all_button)
    shown = []
    for index in range(3):
        preview.file_combo.setCurrentIndex(index)
        shown.append(preview.summary.text())
    assert shown == ["Ошибок: 0. Школ не из базы: 20."] + ["Ошибок: 0. Школ не из базы: 0."] * 2
    _next(qtbot, wizard)
    commit = wizard.commit_page
    assert wizard.currentPage() is commit, "nothing differs from the database: no conflicts page"
    qtbot.waitUntil(commit.isComplete, timeout=30_000)
    text = commit.text.toPlainText()
    assert text.count("Новых школ: 20") == 1 and text.count("Новых школ: 0") == 2
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    press(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    with empty_db.unit_of_work() as uow:
        names = {s.login: s.full_name for s in uow.schools.all()}
    assert len(names) == 20 and names["sch800001"] == "МБОУ «СОШ № 1»"
    view = window.schools_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 20, timeout=10_000)
    assert '"' not in " ".join(
        str(view.model.index(r, c).data()) for r in range(20) for c in range(view.model.columnCount())
    )
