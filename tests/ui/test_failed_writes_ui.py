"""The window's own writes go through files/atomic too: a picture of a page (`--tour`), a chart's
PNG and the preview's PDF and DOCX. Failed at the flush to the disk, each leaves the previous
file byte for byte (see tests/storage/test_failed_writes.py for the services' writes)."""

from __future__ import annotations

import errno
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from lowres_desktop import app
from lowres_desktop.files import atomic
from lowres_desktop.files.faults import FileWriteFailed
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.views import monitoring_view
from lowres_desktop.ui.views.analysis import heat_map_tab
from lowres_desktop.ui.views.analysis_view import Tab
from tests.ui.qt_helpers import app_context
from tests.ui.test_analysis_view import _view as analysis_view
from tests.ui.test_documents import _view as documents_view

PREVIOUS = b"the previous file, kept until the new one is whole"


def _fail_the_flush(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", no_space)


def test_a_failed_tour_picture_keeps_the_previous_one(
    qtbot: QtBot, seed_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "tour"
    folder.mkdir()
    (folder / "01_schools.png").write_bytes(PREVIOUS)
    _fail_the_flush(monkeypatch)
    assert app.main(["--db", str(seed_db_path), "--tour", str(folder)]) == 1
    assert "нет свободного места" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["01_schools.png"]
    assert (folder / "01_schools.png").read_bytes() == PREVIOUS


def test_a_failed_chart_picture_keeps_the_previous_one(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = analysis_view(qtbot, demo_db)
    folder = tmp_path / "charts"
    folder.mkdir()
    written = view.school_tab.panel.save_pngs(folder)[0]
    written.write_bytes(PREVIOUS)
    names = sorted(p.name for p in folder.iterdir())
    _fail_the_flush(monkeypatch)
    with pytest.raises(FileWriteFailed):
        view.school_tab.panel.save_pngs(folder)
    assert written.read_bytes() == PREVIOUS
    assert sorted(p.name for p in folder.iterdir()) == names


@pytest.mark.parametrize("name", ["order.pdf", "order.docx"])
def test_a_failed_save_from_the_preview_keeps_the_previous_file(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    preview = documents_view(qtbot, demo_db).open_preview()
    assert preview is not None
    qtbot.addWidget(preview)
    folder = tmp_path / "saved"
    folder.mkdir()
    target = folder / name
    target.write_bytes(PREVIOUS)
    _fail_the_flush(monkeypatch)
    with pytest.raises(FileWriteFailed):
        preview.save(target)
    assert target.read_bytes() == PREVIOUS
    assert [p.name for p in folder.iterdir()] == [name]


def _press(qtbot: QtBot, view: QWidget, text: str) -> None:
    (button,) = [b for b in view.findChildren(QPushButton) if b.text() == text]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(
    ("module", "name", "button"),
    [
        (monitoring_view, "monitoring.csv", "Итоги в CSV…"),
        (heat_map_tab, "heat.png", "Сохранить видимую часть в PNG…"),
    ],
)
def test_a_failed_save_from_a_page_keeps_the_previous_file_and_says_why(
    qtbot: QtBot,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: ModuleType,
    name: str,
    button: str,
) -> None:
    """The monitoring round's CSV and the heat map's picture, saved through their buttons."""
    if module is monitoring_view:
        view: QWidget = monitoring_view.MonitoringView(app_context(qtbot, demo_db))
        qtbot.addWidget(view)
        view.refresh(demo_db)
        assert view.current_round_id() is not None
    else:
        view = analysis_view(qtbot, demo_db, Tab.HEAT_MAP)
    folder = tmp_path / "saved"
    folder.mkdir()
    target = folder / name
    target.write_bytes(PREVIOUS)
    shown: list[BaseException] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(target), ""))
    monkeypatch.setattr(module, "show_error", lambda _parent, error: shown.append(error))
    _fail_the_flush(monkeypatch)
    _press(qtbot, view, button)
    assert [type(error) for error in shown] == [FileWriteFailed]
    assert target.read_bytes() == PREVIOUS
    assert [p.name for p in folder.iterdir()] == [name]
