"""Benchmark: how fast the programs start, each against its peer timed in the same run.

Run: PYTHONPATH=. python tests/bench/bench_startup.py [--repeat 7] [--schools 1000]
(needs the `bench` extra for the pandas peer: pip install -e .[bench]).

Every figure is a whole process, from spawning it to its exit (or, for a
window, to its event loop taking the first event after the window is
shown), the median of `--repeat` runs, subject and peer interleaved so the
machine's load falls on both alike. The children write bytecode to a
temporary cache and each command runs once before timing, as an installed
program has its .pyc files. Targets (issue 17):
- `lowres --help` ≤ 5 × `python -c "import argparse, sqlite3"`;
- `lowres flag` on a small database (seed 002's 15 schools) ≤ 15 × the same;
- the whole `lowres import` of the region workbook (bench_import.py's, into
  a new database) ≤ 0.5 × the pandas script (tests/bench/pandas_import.py)
  run as a process the same way;
- the desktop window shown and interactive on that small database ≤ 3 × a
  bare QApplication + QMainWindow script (offscreen).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.data.region_workbook import build_region  # noqa: E402
from tests.data.seed_workbook import build_seed_workbook  # noqa: E402

BARE_INTERPRETER = "import argparse, sqlite3"
BARE_TITLE = f"python -c '{BARE_INTERPRETER}'"
LOWRES = "from lowres_desktop.cli import run; run()"
"""What the installed `lowres` console script runs (no runpy, unlike `python -m`)."""
BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""
DESKTOP = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
started = QApplication.exec
def first_event_then_quit(self):
    # The event loop runs once the window is shown: the first timer is the first event it takes.
    QTimer.singleShot(0, self.quit)
    return started()
QApplication.exec = first_event_then_quit
from lowres_desktop.app import main
sys.exit(main(sys.argv[1:]))
"""


def _environment(folder: Path) -> dict[str, str]:
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHONPYCACHEPREFIX": str(folder / "pycache"),
        "HOME": str(folder / "home"),
        "XDG_DATA_HOME": str(folder / "home" / "share"),
        "XDG_CONFIG_HOME": str(folder / "home" / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment.pop("LOWRES_DB", None)
    return environment


def _timed(command: list[str], environment: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=environment, capture_output=True, timeout=600)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        failure = done.stderr.decode(errors="replace")[-2000:]
        raise SystemExit(f"{command} exited {done.returncode}: {failure}")
    return elapsed


def _pair(
    repeat: int, subject: Callable[[int], float], peer: Callable[[int], float]
) -> tuple[float, float, list[float]]:
    """Median times of subject and peer, run alternately after one warm-up of each."""
    subject(-1)
    peer(-1)
    subjects, peers = [], []
    for run in range(repeat):
        subjects.append(subject(run))
        peers.append(peer(run))
    ratios = [s / p for s, p in zip(subjects, peers, strict=True)]
    return statistics.median(subjects), statistics.median(peers), ratios


def _line(
    title: str, subject: float, peer: float, peer_title: str, target: float, ratios: list[float]
) -> str:
    ratio = subject / peer
    met = "да" if ratio <= target else "нет"
    return (
        f"{title}: {subject:.3f} с; {peer_title}: {peer:.3f} с; отношение {ratio:.2f} "
        f"(цель ≤ {target:g}: {met}; по парам от {min(ratios):.2f} до {max(ratios):.2f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--schools", type=int, default=1000, help="schools in the region workbook")
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="lowres-startup-") as name:
        folder = Path(name)
        environment = _environment(folder)
        small = folder / "small.sqlite"
        seed = build_seed_workbook(folder / "seed002.xlsx")
        _timed([python, "-c", LOWRES, "--db", str(small), "import", str(seed)], environment)
        region = build_region(folder / "region.xlsx", args.schools)

        def bare(_run: int) -> float:
            return _timed([python, "-c", BARE_INTERPRETER], environment)

        lines = []
        help_, base, ratios = _pair(
            args.repeat, lambda _run: _timed([python, "-c", LOWRES, "--help"], environment), bare
        )
        lines.append(_line("lowres --help", help_, base, BARE_TITLE, 5, ratios))
        flag_command = [python, "-c", LOWRES, "--db", str(small), "flag", "--year", "2019"]
        flag, base, ratios = _pair(args.repeat, lambda _run: _timed(flag_command, environment), bare)
        lines.append(_line("lowres flag (15 школ)", flag, base, BARE_TITLE, 15, ratios))

        def lowres_import(run: int) -> float:
            target = folder / f"import{run}.sqlite"
            return _timed([python, "-c", LOWRES, "--db", str(target), "import", str(region)], environment)

        def pandas_script(run: int) -> float:
            target = folder / f"pandas{run}.sqlite"
            script = str(ROOT / "tests" / "bench" / "pandas_import.py")
            return _timed([python, script, str(region), str(target)], environment)

        imported, pandas, ratios = _pair(args.repeat, lowres_import, pandas_script)
        lines.append(
            _line(f"lowres import ({args.schools} школ)", imported, pandas, "скрипт pandas", 0.5, ratios)
        )
        desktop_command = [python, "-c", DESKTOP, "--db", str(small)]
        window, bare_window, ratios = _pair(
            args.repeat,
            lambda _run: _timed(desktop_command, environment),
            lambda _run: _timed([python, "-c", BARE_WINDOW], environment),
        )
        lines.append(_line("окно программы", window, bare_window, "QApplication + QMainWindow", 3, ratios))
    print(f"Медианы {args.repeat} запусков, процессы целиком:")
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
