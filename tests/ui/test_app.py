"""The entry point: `--tour` writes a picture of every page; a bad database offers another file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from lowres_desktop import app
from lowres_desktop.ui.main_window import MainWindow, Page

TOUR_FILES = ["01_schools.png", "02_results.png", "03_flagged.png", "04_school_card.png"]


def test_tour_saves_the_four_pages(qtbot, seed_db_path, tmp_path, capsys) -> None:
    folder = tmp_path / "tour" / "nested"
    assert app.main(["--db", str(seed_db_path), "--tour", str(folder)]) == 0
    # Pages added later append their own pictures; these four come first, in this order.
    printed = capsys.readouterr().out.split()
    assert printed[:4] == [str(folder / name) for name in TOUR_FILES]
    assert sorted(p.name for p in folder.iterdir()) == sorted(Path(p).name for p in printed)
    for name in TOUR_FILES:
        image = QImage(str(folder / name))
        assert (image.width(), image.height()) == (1400, 900), name
    # The pages differ: each picture shows its own view, not the same one four times.
    sizes = {(folder / name).read_bytes() for name in TOUR_FILES}
    assert len(sizes) == 4


def test_tour_as_a_program_uses_lowres_db(seed_db_path, tmp_path) -> None:
    folder = tmp_path / "tour"
    env = {
        "LOWRES_DB": str(seed_db_path),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    completed = subprocess.run(
        [sys.executable, "-m", "lowres_desktop", "--tour", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert completed.returncode == 0, completed.stderr
    assert set(TOUR_FILES) <= {p.name for p in folder.iterdir()}
    assert not (tmp_path / "data").exists()  # the user's data folder stays untouched


def _starting(qtbot, target: Path) -> tuple[MainWindow, app.StartUp, list[bool]]:  # type: ignore[no-untyped-def]
    """The window on screen before its database, which then opens as `main` opens it."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    start = app.StartUp(window, str(target))
    abandoned: list[bool] = []
    start.sig_abandoned.connect(lambda: abandoned.append(True))
    start.open()
    return window, start, abandoned


def test_the_window_shows_before_the_database_opens(qtbot, seed_db_path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.status.text() == "Открываю базу…"
    assert not window.import_action.isEnabled() and not window.office.backups_action.isEnabled()
    assert window.quit_action.isEnabled()
    window.show_page(Page.RESULTS)  # pages wait for the database instead of failing
    start = app.StartUp(window, str(seed_db_path))
    start.open()
    qtbot.waitUntil(window.context.is_open, timeout=20000)
    assert window.current_page() == Page.RESULTS and window.results_view.model.rowCount() == 15
    assert "школ: 15" in window.status.text()
    assert window.import_action.isEnabled() and window.office.backups_action.isEnabled()
    window.db.close()


def test_a_window_closed_while_its_database_opens_leaves_it_closed(qtbot, seed_db_path, monkeypatch) -> None:
    from lowres_desktop.storage.unit_of_work import Database

    closed: list[str] = []
    close = Database.close
    monkeypatch.setattr(Database, "close", lambda db: (closed.append(db.target), close(db)))
    window, start, _abandoned = _starting(qtbot, seed_db_path)
    start.finish()  # as main does when the event loop has ended before the answer arrived
    assert closed == [str(seed_db_path)] and not window.context.is_open()
    qtbot.wait(50)  # the answer, delivered late, no longer reaches the window
    assert not window.context.is_open()


def test_unopenable_database_offers_another_file(qtbot, tmp_path, monkeypatch) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database at all")
    replacement = tmp_path / "chosen.sqlite"
    shown: list[str] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box.text())
        choose = next(b for b in box.buttons() if b.text() == "Выбрать другой файл…")
        choose.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(replacement), "")))
    window, start, abandoned = _starting(qtbot, broken)
    qtbot.waitUntil(window.context.is_open, timeout=20000)
    start.finish()
    assert window.db.target == str(replacement) and not abandoned
    window.db.close()
    assert len(shown) == 1 and "не является базой данных" in shown[0]


def test_unopenable_database_can_be_left(qtbot, tmp_path, monkeypatch) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database at all")

    monkeypatch.setattr(QMessageBox, "exec", _click("Выход"))
    window, start, abandoned = _starting(qtbot, broken)
    qtbot.waitUntil(lambda: bool(abandoned), timeout=20000)
    start.finish()
    assert not window.context.is_open()


def test_an_unexpected_failure_to_open_is_shown_then_the_program_ends(qtbot, tmp_path, monkeypatch) -> None:
    from lowres_desktop.ui.dialogs.error_dialog import ErrorDialog

    def broken(_target: str) -> None:
        raise RuntimeError("a bug while opening")

    monkeypatch.setattr(app, "_open_and_back_up", broken)
    window, start, abandoned = _starting(qtbot, tmp_path / "any.sqlite")

    def shown() -> list[ErrorDialog]:
        return [d for d in window.findChildren(ErrorDialog) if d.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=20000)
    assert "a bug while opening" in shown()[0].details() and not abandoned
    shown()[0].reject()
    qtbot.waitUntil(lambda: bool(abandoned))
    start.finish()


def _click(label: str):  # type: ignore[no-untyped-def]
    def answer(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == label).click()
        return 0

    return answer


def test_the_window_needs_none_of_the_heavy_libraries() -> None:
    """The window shows before SQLAlchemy, openpyxl, pyqtgraph or ReportLab is imported."""
    heavy = ("sqlalchemy", "alembic", "openpyxl", "pyqtgraph", "numpy", "reportlab")
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, lowres_desktop.app\n"
            "from lowres_desktop.ui.main_window import MainWindow\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "MainWindow().show()\n"
            f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})))",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert completed.stdout.strip() == "[]"


def test_starting_the_program_does_not_import_python_docx() -> None:
    """DOCX is laid out when first saved: its library is not paid for at every start."""
    completed = subprocess.run(
        [sys.executable, "-c", "import sys, lowres_desktop.app; print('docx' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert completed.stdout.strip() == "False"
