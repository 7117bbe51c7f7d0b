"""Every file dialog of the program, opening where the person last was for that kind of file.

Without a folder of its own a file dialog opens in the process's working
folder, and started from its Start-menu shortcut that is the program's own
installation folder: a clerk would have saved the order into
%LOCALAPPDATA%\\Programs\\lowres-desktop and never found it again. So each kind
of file (`Purpose`) opens in the folder last chosen for it on this computer,
else in the user's Documents; a proposed name is put into that folder.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from lowres_desktop.ui.settings import UiSettings


class Purpose(StrEnum):
    """The kinds of file that keep a folder each: results come from mail, orders go to the register."""

    IMPORT = "import"
    DOCUMENTS = "documents"
    EXPORTS = "exports"
    """Tables, summaries, templates and pictures the program writes for Excel or a report."""
    ROADMAPS = "roadmaps"
    PROFILES = "profiles"
    EVIDENCE = "evidence"
    IMAGES = "images"
    DATABASES = "databases"


def start_folder(purpose: Purpose) -> Path:
    """The folder last chosen for `purpose` while it still exists, else Documents, else home."""
    remembered = UiSettings().folder(purpose.value)
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def remember_folder(purpose: Purpose, folder: Path) -> None:
    UiSettings().set_folder(purpose.value, str(folder))


def open_file(parent: QWidget, caption: str, purpose: Purpose, filters: str = "") -> Path | None:
    """One existing file, or None when the person cancels."""
    name, _filter = QFileDialog.getOpenFileName(parent, caption, str(start_folder(purpose)), filters)
    return _chosen(purpose, name)


def open_files(parent: QWidget, caption: str, purpose: Purpose, filters: str = "") -> list[Path]:
    """Existing files (none when the person cancels)."""
    names, _filter = QFileDialog.getOpenFileNames(parent, caption, str(start_folder(purpose)), filters)
    if names:
        remember_folder(purpose, Path(names[0]).parent)
    return [Path(name) for name in names]


def save_file(
    parent: QWidget,
    caption: str,
    purpose: Purpose,
    proposed: str,
    filters: str = "",
    options: QFileDialog.Option | None = None,
) -> Path | None:
    """Where to save, from `proposed`: a path as it is, a bare name (or none) in the purpose's folder."""
    start = Path(proposed) if Path(proposed).is_absolute() else start_folder(purpose) / proposed
    extra = {} if options is None else {"options": options}
    name, _filter = QFileDialog.getSaveFileName(parent, caption, str(start), filters, **extra)
    return _chosen(purpose, name)


def choose_folder(parent: QWidget, caption: str, purpose: Purpose) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, caption, str(start_folder(purpose)))
    if not name:
        return None
    remember_folder(purpose, Path(name))
    return Path(name)


def _chosen(purpose: Purpose, name: str) -> Path | None:
    if not name:
        return None
    remember_folder(purpose, Path(name).parent)
    return Path(name)
