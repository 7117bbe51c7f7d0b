"""Every file the program writes for the user goes through files/atomic: a write that fails
part-way (here the disk says «no space» when the data is flushed to it) leaves the previous
file byte for byte as it was, no temporary file beside it, and a Russian message.

A full tmpfs is not to be had in a test, so the fault is injected where every writer ends:
the flush to the disk. A writer that wrote over its target itself would not meet the fault
and would leave the new bytes: its case fails.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import pytest

from lowres_desktop.domain.monitoring import MonitoringRound
from lowres_desktop.files import atomic
from lowres_desktop.files.faults import FileWriteFailed
from lowres_desktop.services import monitoring, roadmaps
from lowres_desktop.services.audit import export_audit
from lowres_desktop.services.backups import backup_now
from lowres_desktop.services.browse import list_schools
from lowres_desktop.services.documents import DocumentKind, DocumentRequest, build_document, save_document
from lowres_desktop.services.export_table import export_table
from lowres_desktop.services.import_template import write_template
from lowres_desktop.services.profile_files import export_profile
from lowres_desktop.storage.backups import backups_folder
from lowres_desktop.storage.unit_of_work import Database

PREVIOUS = b"the previous file: a signed order, kept until the new one is whole"


def _no_space(_descriptor: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _roadmap_id(db: Database) -> int:
    return roadmaps.list_roadmaps(db)[0].listing.id


WRITERS: dict[str, tuple[str, Callable[[Database, Path], object]]] = {
    "document PDF": (
        "order.pdf",
        lambda db, path: save_document(build_document(db, DocumentRequest(DocumentKind.ROADMAP)), path),
    ),
    "document DOCX": (
        "order.docx",
        lambda db, path: save_document(build_document(db, DocumentRequest(DocumentKind.ROADMAP)), path),
    ),
    "table export": ("list.xlsx", lambda _db, path: export_table(path, ["Логин"], [["sch1"]])),
    "results template": ("template.xlsx", lambda db, path: write_template(db, path)),
    "roadmap export": (
        "roadmap.xlsx",
        lambda db, path: roadmaps.export_roadmap_xlsx(db, _roadmap_id(db), path),
    ),
    "audit CSV": ("audit.csv", lambda db, path: export_audit(db, path)),
    "rule profile": ("profile.json", lambda db, path: export_profile(db, None, path)),
}


@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_failed_write_leaves_the_previous_file(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    name, write = WRITERS[writer]
    target = tmp_path / name
    write(demo_db, target)
    assert target.read_bytes() != PREVIOUS, "the writer does write the file"
    target.write_bytes(PREVIOUS)
    monkeypatch.setattr(atomic.os, "fsync", _no_space)
    with pytest.raises(FileWriteFailed, match="нет свободного места"):
        write(demo_db, target)
    assert target.read_bytes() == PREVIOUS
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_failed_evidence_copy_leaves_nothing_in_the_folder(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An evidence copy never overwrites (a clash gets a suffix); failed, it leaves no part of itself."""
    roadmap = roadmaps.load_roadmap(demo_db, _roadmap_id(demo_db))
    item = roadmap.sections[0].items[0].id
    assert roadmap.id is not None and item is not None
    login = list_schools(demo_db)[0].login
    round_id = monitoring.save_round(
        demo_db, MonitoringRound("Проверка записи", roadmap.id, (login,), (item,))
    )
    source = tmp_path / "положение.pdf"
    source.write_bytes(b"%PDF-1.4 evidence")
    evidence_id = monitoring.add_evidence(demo_db, round_id, login, item, source)
    folder = tmp_path / "copies"
    folder.mkdir()
    (folder / "положение.pdf").write_bytes(PREVIOUS)
    monkeypatch.setattr(atomic.os, "fsync", _no_space)
    with pytest.raises(FileWriteFailed):
        monitoring.save_evidence_copy(demo_db, evidence_id, folder)
    assert [p.name for p in folder.iterdir()] == ["положение.pdf"]
    assert (folder / "положение.pdf").read_bytes() == PREVIOUS


def test_a_failed_backup_leaves_the_backups_folder_as_it_was(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup_now(demo_db)
    folder = backups_folder(Path(demo_db.target))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    monkeypatch.setattr(atomic.os, "fsync", _no_space)
    with pytest.raises(FileWriteFailed):
        backup_now(demo_db)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
