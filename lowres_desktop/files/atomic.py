"""Write a user's file so that a failure never destroys the previous one.

Writing over the target directly means a full disk, a pulled USB stick or a
killed process leaves a truncated PDF where a good one was. Every file the
program writes for the user (documents, exports, templates, evidence copies,
backups, charts) goes instead to a temporary file in the same folder, is
flushed and synced to the disk, and only then renamed over the target: the
rename is atomic on the same file system, so the target is either the old file
or the complete new one. On failure the temporary file is removed and a
Russian message says why (`FileWriteFailed`).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from lowres_desktop.files.faults import FileWriteFailed


def temporary_sibling(path: Path) -> Path:
    """A fresh name beside `path` with the same suffix (some writers decide the format by it)."""
    return path.with_name(f".~{path.stem}.{secrets.token_hex(4)}.tmp{path.suffix}")


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path to write to; renamed over `path` when the block ends without error."""
    path = Path(path)
    temporary = temporary_sibling(path)
    try:
        yield temporary
        _sync(temporary)
        os.replace(temporary, path)
    except OSError as error:
        _discard(temporary)
        raise FileWriteFailed(str(path), error) from error
    except BaseException:
        _discard(temporary)
        raise
    _sync_folder(path.parent)


@contextmanager
def atomic_file(path: Path, mode: str = "wb", **options: Any) -> Iterator[IO[Any]]:
    """An open temporary file (`mode`, `encoding`, `newline` as for `open`); see `atomic_path`."""
    with atomic_path(path) as temporary:
        with open(temporary, mode, **options) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    with atomic_file(path) as handle:
        handle.write(data)
    return Path(path)


def _sync(path: Path) -> None:
    """Push a file written by a library (which closed it itself) to the disk before the rename."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (POSIX; Windows has no folder handles)."""
    if os.name != "posix":
        return
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _discard(path: Path) -> None:
    with suppress(OSError):
        path.unlink()
