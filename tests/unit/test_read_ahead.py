"""The command line's read-ahead gives what `read_file` gives, in order, one file ahead at most."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from lowres_desktop.importing.problems import FileRejected
from lowres_desktop.importing.read_ahead import ReadAhead
from lowres_desktop.importing.workbook_reader import WorkbookFile, read_file
from tests.data.seed_workbook import build_seed_workbook


def test_a_file_read_ahead_is_the_file_read_there(tmp_path: Path) -> None:
    book = build_seed_workbook(tmp_path / "seed.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a zip at all")
    ahead = ReadAhead([book, broken, book])

    first = ahead.result(book)
    assert first == read_file(book)
    with pytest.raises(FileRejected) as refused:
        ahead.result(broken)
    with pytest.raises(FileRejected) as directly:
        read_file(broken)
    assert refused.value.message == directly.value.message
    assert ahead.result(book).sha256 == first.sha256


def test_files_are_taken_in_the_order_given(tmp_path: Path) -> None:
    ahead = ReadAhead(
        [tmp_path / "a.xlsx", tmp_path / "b.xlsx"], read=lambda path: WorkbookFile(path.name, "", [])
    )
    with pytest.raises(ValueError, match="b.xlsx"):
        ahead.result(tmp_path / "b.xlsx")
    assert ahead.result(tmp_path / "a.xlsx").name == "a.xlsx"
    assert ahead.result(tmp_path / "b.xlsx").name == "b.xlsx"


def test_no_more_than_one_file_waits_to_be_taken(tmp_path: Path) -> None:
    paths = [tmp_path / f"{n}.xlsx" for n in range(3)]
    started: list[str] = []
    first_read = threading.Event()

    def read(path: Path) -> WorkbookFile:
        started.append(path.name)
        first_read.set()
        return WorkbookFile(path.name, "", [])

    ahead = ReadAhead(paths, read=read)
    assert first_read.wait(10)
    time.sleep(0.2)  # room for a wrong worker to start the second file: it must wait for a taker
    assert started == ["0.xlsx"]
    ahead.result(paths[0])
    ahead.result(paths[1])
    assert started[:2] == ["0.xlsx", "1.xlsx"]
    assert ahead.result(paths[2]).name == "2.xlsx"
    assert started == ["0.xlsx", "1.xlsx", "2.xlsx"]
