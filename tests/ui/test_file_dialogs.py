"""Each kind of file keeps its own folder; a folder that is gone gives way to Documents, never the cwd."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from lowres_desktop.ui.file_dialogs import Purpose, save_file, start_folder


def test_folders_are_kept_per_kind_and_a_removed_one_falls_back(qtbot, tmp_path: Path, monkeypatch) -> None:
    documents = Path.home() / "Documents"
    documents.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    orders = tmp_path / "Приказы"
    orders.mkdir()
    asked: list[str] = []

    def dialog(_parent, _caption, start, _filters, **_options):  # type: ignore[no-untyped-def]
        asked.append(start)
        return str(orders / "приказ.pdf"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    assert start_folder(Purpose.DOCUMENTS) == documents
    assert save_file(parent, "Сохранить", Purpose.DOCUMENTS, "Приказ № 1.pdf") == orders / "приказ.pdf"
    assert asked == [str(documents / "Приказ № 1.pdf")]
    assert start_folder(Purpose.DOCUMENTS) == orders
    assert start_folder(Purpose.IMPORT) == documents
    save_file(parent, "Сохранить", Purpose.DOCUMENTS, str(tmp_path / "база.sqlite"))
    assert asked[-1] == str(tmp_path / "база.sqlite")
    shutil.rmtree(orders)
    assert start_folder(Purpose.DOCUMENTS) == documents
    shutil.rmtree(documents)
    assert start_folder(Purpose.DOCUMENTS) == Path.home()
