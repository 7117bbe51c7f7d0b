"""The right message for the right fault, and a database on a network drive opened without WAL.

Faults are made real where a test can make them (a missing folder, a folder in the file's place, a
garbage file, a second process holding the write lock) and faked where it cannot (a full disk, a
read-only file for a test running as root, a network file system).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.storage import engine as engine_module
from lowres_desktop.storage import environment
from lowres_desktop.storage.environment import (
    DatabaseBusy,
    DatabaseEnvironmentError,
    UnopenableDatabase,
    database_error,
    linux_network_reason,
    windows_network_reason,
)
from lowres_desktop.storage.unit_of_work import Database

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /mnt/office nfs4 rw,relatime 0 0
//fs/отдел /media/share cifs rw 0 0
/dev/sdb1 /mnt/office/local ext4 rw 0 0
/dev/sdc1 /media/share\\040drive ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/user/lowres.sqlite", None),
        ("/mnt/office/lowres.sqlite", "nfs4"),
        ("/media/share/отдел/lowres.sqlite", "cifs"),
        ("/mnt/office/local/lowres.sqlite", None),
        ("/media/share drive/lowres.sqlite", None),
        ("/media/shared/lowres.sqlite", None),
    ],
)
def test_network_file_systems_are_told_from_local_ones(path: str, kind: str | None) -> None:
    assert linux_network_reason(Path(path), MOUNTS) == kind


@pytest.mark.parametrize(
    ("path", "drive_type", "reason"),
    [
        ("\\\\server\\share\\lowres.sqlite", 3, "UNC-путь"),
        ("Z:\\lowres.sqlite", 4, "сетевой диск"),
        ("C:\\Users\\a\\lowres.sqlite", 3, None),
    ],
)
def test_windows_unc_paths_and_remote_drives(path: str, drive_type: int, reason: str | None) -> None:
    asked: list[str] = []

    def fake_drive_type(root: str) -> int:
        asked.append(root)
        return drive_type

    assert windows_network_reason(path, fake_drive_type) == reason
    assert asked == ([] if path.startswith("\\\\") else [path[:2] + "\\"])


def test_a_database_on_a_network_drive_gets_no_wal_and_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "network_reason", lambda _path: "cifs")
    target = tmp_path / "shared.sqlite"
    db = Database.open(str(target))
    try:
        with db.unit_of_work() as uow:
            assert uow.session.connection().exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
        assert db.shared_file_warning and "сетевом диске" in db.shared_file_warning
        assert "PostgreSQL" in db.shared_file_warning
    finally:
        db.close()
    assert not Path(f"{target}-wal").exists()


def test_a_local_database_keeps_wal_and_no_warning(tmp_path: Path) -> None:
    db = Database.open(str(tmp_path / "local.sqlite"))
    try:
        with db.unit_of_work() as uow:
            assert uow.session.connection().exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert db.shared_file_warning is None
    finally:
        db.close()


def test_a_second_process_on_a_faked_network_drive_uses_the_rollback_journal_and_warns(
    tmp_path: Path, seed_xlsx: Path
) -> None:
    target = tmp_path / "shared.sqlite"
    script = textwrap.dedent(
        f"""
        import sys
        from lowres_desktop.storage import engine
        engine.network_reason = lambda path: "cifs"
        from lowres_desktop.cli import main
        sys.exit(main(["--db", {str(target)!r}, "import", {str(seed_xlsx)!r}]))
        """
    )
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr
    assert "сетевом диске" in child.stderr
    with closing(sqlite3.connect(target)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert connection.execute("SELECT count(*) FROM results").fetchone()[0] > 0


def _operational(message: str) -> OperationalError:
    return OperationalError("PRAGMA x", {}, sqlite3.OperationalError(message))


def test_a_missing_folder_is_not_called_damage(tmp_path: Path) -> None:
    with pytest.raises(DatabaseEnvironmentError) as failed:
        Database.open(str(tmp_path / "нет папки" / "lowres.sqlite"))
    assert "папка или файл не найдены" in str(failed.value) and "повреждён" not in str(failed.value)


def test_a_folder_in_the_file_s_place_is_named(tmp_path: Path) -> None:
    (tmp_path / "lowres.sqlite").mkdir()
    with pytest.raises(DatabaseEnvironmentError, match="папка, а не файл"):
        Database.open(str(tmp_path / "lowres.sqlite"))


def test_a_garbage_file_is_damage_and_only_that_offers_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "lowres.sqlite"
    path.write_bytes(b"not a database" * 500)
    with pytest.raises(UnopenableDatabase, match="повреждён"):
        Database.open(str(path))


def test_a_full_disk_is_named_and_not_called_damage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "lowres.sqlite"
    Database.open(str(path)).close()

    class Usage:
        free = 4096

    monkeypatch.setattr(environment.shutil, "disk_usage", lambda _folder: Usage())
    problem = database_error(path, _operational("disk I/O error"))
    assert isinstance(problem, DatabaseEnvironmentError) and "нет свободного места" in str(problem)
    assert not isinstance(problem, UnopenableDatabase)


def test_a_read_only_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "lowres.sqlite"
    Database.open(str(path)).close()
    monkeypatch.setattr(environment.os, "access", lambda p, mode: mode != environment.os.W_OK)
    problem = database_error(path, _operational("attempt to write a readonly database"))
    assert isinstance(problem, DatabaseEnvironmentError) and "только для чтения" in str(problem)


def test_a_sound_file_with_an_unknown_fault_is_never_called_damaged(tmp_path: Path) -> None:
    path = tmp_path / "lowres.sqlite"
    Database.open(str(path)).close()
    problem = database_error(path, _operational("file is not a database"))
    assert isinstance(problem, DatabaseEnvironmentError) and "исправен" in str(problem)


def test_a_write_while_another_process_holds_the_lock_too_long_is_busy(tmp_path: Path) -> None:
    path = tmp_path / "lowres.sqlite"
    Database.open(str(path)).close()
    problem = database_error(path, _operational("database is locked"))
    assert isinstance(problem, DatabaseBusy) and "занята" in str(problem)


def test_an_operational_error_in_a_unit_of_work_arrives_as_a_russian_message(tmp_path: Path) -> None:
    db = Database.open(str(tmp_path / "lowres.sqlite"))
    try:
        with pytest.raises(DomainError) as failed, db.unit_of_work() as uow:
            raise _operational("database is locked")
        assert "занята" in str(failed.value)
        assert uow is not None
    finally:
        db.close()


@pytest.mark.parametrize(
    "reason",
    [
        "canceling statement due to lock timeout",
        "deadlock detected",
        "could not serialize access due to concurrent update",
    ],
)
def test_a_server_that_makes_a_writer_wait_too_long_says_busy(reason: str) -> None:
    from lowres_desktop.storage.unit_of_work import _operational_problem

    problem = _operational_problem(None, OperationalError("UPDATE", {}, Exception(reason)))
    assert isinstance(problem, DatabaseBusy) and "повторите" in str(problem)


def test_a_lost_server_connection_is_a_russian_message() -> None:
    from lowres_desktop.storage.unit_of_work import _operational_problem

    lost = OperationalError("SELECT", {}, Exception("server closed the connection"))
    problem = _operational_problem(None, lost)
    assert "Связь с сервером" in str(problem) and not isinstance(problem, DatabaseBusy)
