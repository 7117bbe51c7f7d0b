"""Each hostile file of tests/data/hostile, imported by the `lowres` command in a child process:
exit code 1, a Russian message naming the file and the problem, little CPU time and memory,
and the database exactly as it was.

Resource use is measured on the child alone: CPU time through os.wait4, peak memory as the
child's own high-water mark (VmHWM, read by the child at exit: a forked child's ru_maxrss also
counts the pytest process it was forked from). The bounds are far above what a refusal
takes (a fraction of a second, the interpreter's own memory): they stand for «bounded», the issue's
requirement that a 2 KB file can never take gigabytes or minutes, not for a speed target.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path

import pytest

from tests.data.hostile.make_hostile import CASES, build
from tests.data.seed_workbook import build_seed_workbook

CPU_SECONDS = 20.0
PEAK_MEMORY_MB = 300


_CHILD = """
import sys
from pathlib import Path
from lowres_desktop.cli import main
try:
    code = main(sys.argv[2:])
finally:
    status = Path("/proc/self/status").read_text()
    peak = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
    Path(sys.argv[1]).write_text(peak)
sys.exit(code)
"""


def _lowres(*args: str) -> tuple[int, str, float, float]:
    """Exit code, stderr, CPU seconds and peak memory (MB) of one `lowres` run."""
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryFile() as err:
        peak_file = Path(folder) / "peak"
        process = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(peak_file), *args],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={**os.environ, "PYTHONPATH": os.getcwd()},
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode("utf-8", "replace")
        peak = int(peak_file.read_text()) / 1024
    return process.returncode, message, usage.ru_utime + usage.ru_stime, peak


def _dump(db: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db)) as connection:
        tables = [n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return [(t, *row) for t in sorted(tables) for row in connection.execute(f'SELECT * FROM "{t}"')]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    build(folder)
    return folder


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile_db")
    db = folder / "office.sqlite"
    seed = build_seed_workbook(folder / "seed.xlsx")
    code, message, _cpu, _peak = _lowres("--db", str(db), "import", str(seed))
    assert code == 0, message
    return db


def test_the_corpus_has_at_least_thirty_files() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_file_is_refused_in_bounded_time_and_memory(
    name: str, corpus: Path, seeded: Path
) -> None:
    before = _dump(seeded)
    code, message, cpu, peak = _lowres("--db", str(seeded), "import", str(corpus / name))
    assert code == 1, message
    assert f"«{name}»" in message and "база не изменена" in message
    assert CASES[name] in message
    assert "Traceback" not in message
    assert cpu < CPU_SECONDS, f"{cpu:.1f} s of CPU"
    assert peak < PEAK_MEMORY_MB, f"{peak:.0f} MB at peak"
    assert _dump(seeded) == before
