"""A failed write leaves the previous file as it was, removes its temporary file and says why in Russian."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from lowres_desktop.files import atomic
from lowres_desktop.files.atomic import atomic_file, atomic_path, write_bytes_atomic
from lowres_desktop.files.faults import FileWriteFailed, describe_os_error


def test_a_complete_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "order.pdf"
    target.write_bytes(b"old")
    write_bytes_atomic(target, b"%PDF-new %%EOF")
    assert target.read_bytes() == b"%PDF-new %%EOF"
    assert [p.name for p in tmp_path.iterdir()] == ["order.pdf"]


def test_a_full_disk_in_the_middle_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "order.pdf"
    target.write_bytes(b"%PDF-old %%EOF")
    with pytest.raises(FileWriteFailed) as failed:
        with atomic_file(target) as handle:
            handle.write(b"%PDF-half")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert target.read_bytes() == b"%PDF-old %%EOF"
    assert [p.name for p in tmp_path.iterdir()] == ["order.pdf"]
    message = str(failed.value)
    assert "«" + str(target) + "» не сохранён" in message
    assert "нет свободного места" in message and "Прежний файл" in message
    assert "No space" not in message


def test_a_failing_sync_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "export.xlsx"
    target.write_bytes(b"old")

    def no_space(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", no_space)
    with pytest.raises(FileWriteFailed):
        write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["export.xlsx"]


def test_a_library_that_fails_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "chart.png"
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        assert temporary.parent == tmp_path and temporary.suffix == ".png"
        temporary.write_bytes(b"partial")
        raise RuntimeError("renderer failed")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_named_as_such(tmp_path: Path) -> None:
    with pytest.raises(FileWriteFailed, match="папка или файл не найдены"):
        write_bytes_atomic(tmp_path / "нет такой папки" / "a.pdf", b"x")


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (OSError(errno.ENOSPC, "No space"), "нет свободного места"),
        (OSError(errno.EROFS, "Read-only file system"), "только для чтения"),
        (OSError(errno.EACCES, "Permission denied"), "только для чтения"),
        (OSError(errno.ENOENT, "No such file"), "не найдены"),
        (OSError(errno.EISDIR, "Is a directory"), "папка, а не файл"),
        (OSError(errno.EBUSY, "Busy"), "открыт в другой программе"),
    ],
)
def test_each_fault_has_its_own_russian_words(error: OSError, words: str) -> None:
    text = describe_os_error(error)
    assert words in text and error.strerror not in text


def test_a_windows_sharing_violation_says_the_file_is_open_elsewhere() -> None:
    error = PermissionError(errno.EACCES, "The process cannot access the file")
    error.winerror = 32  # type: ignore[attr-defined]
    assert "открыт в другой программе" in describe_os_error(error)


def test_the_target_keeps_no_temporary_name_after_success(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    with atomic_file(target, "w", encoding="utf-8") as handle:
        handle.write("x")
        assert not target.exists()
    assert target.read_text(encoding="utf-8") == "x"
    assert os.listdir(tmp_path) == ["a.csv"]
