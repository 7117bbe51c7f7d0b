"""Benchmark: how fast the programs start, each against its peer timed in the same run.

Run: PYTHONPATH=. python tests/bench/bench_startup.py [--repeat 7] [--schools 1000]
(needs the `bench` extra for the pandas peer: pip install -e .[bench]).

Every figure is a whole process, from spawning it to its exit, or, for a
window, from spawning it to the moment the window is interactive: the main
window is visible and exposed (on screen) and the event loop has then taken
a posted event (a zero timer), so a key press or a click would be handled
now. The child stamps that moment with the system-wide monotonic clock; what
the process does after it (closing, tearing down) is not counted, for the
peer alike. The figure is the median of `--repeat` runs, subject and peer
interleaved so the machine's load falls on both alike. The children write bytecode to a
temporary cache and each command runs once before timing, as an installed
program has its .pyc files. Targets (issue 17):
- `lowres --help` ≤ 5 × `python -c "import argparse, sqlite3"`;
- `lowres flag` on a small database (seed 002's 15 schools) ≤ 15 × the same;
- the whole `lowres import` of the region workbook (bench_import.py's, into
  a new database) ≤ 0.5 × the pandas script (tests/bench/pandas_import.py)
  run as a process the same way;
- the desktop window shown and interactive on that small database ≤ 3 × a
  bare QApplication + QMainWindow script (offscreen). The desktop opens its
  database after the window is interactive (app.py), so a second figure,
  without a target, is the window with the database open and its start page
  filled, against the same peer.
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
BARE_WINDOW_TITLE = "QApplication + QMainWindow"
LOWRES = "from lowres_desktop.cli import run; run()"
"""What the installed `lowres` console script runs (no runpy, unlike `python -m`)."""
STAMP = "interactive at"
PROBE = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
started = QApplication.exec
def stamp_when_interactive(self):
    # Polled from the event loop: each call is a posted event the loop has taken.
    def probe():
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
        handle = shown[0].windowHandle() if shown else None
        if handle is None or not handle.isExposed() or not ready(shown[0]):
            QTimer.singleShot(POLL_MS, probe)
            return
        print(STAMP, repr(time.monotonic()), flush=True)
        self.quit()
    QTimer.singleShot(0, probe)
    return started()
QApplication.exec = stamp_when_interactive
"""
"""Patches `QApplication.exec` before the program runs; `ready(window)` and POLL_MS come first."""
INTERACTIVE = f"STAMP = {STAMP!r}\nPOLL_MS = 0\nready = lambda window: True\n{PROBE}"
DATABASE_OPEN = f"STAMP = {STAMP!r}\nPOLL_MS = 5\nready = lambda window: window.context.is_open()\n{PROBE}"
"""Polled every 5 ms, not in a busy loop that would take the interpreter from the opening thread."""
BARE_WINDOW = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
app.exec()
"""
DESKTOP = """
import sys
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
    """Seconds from spawning `command` to its exit, or to its stamp if it prints one (a window)."""
    started = time.monotonic()
    done = subprocess.run(command, env=environment, capture_output=True, timeout=600)
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        failure = done.stderr.decode(errors="replace")[-2000:]
        raise SystemExit(f"{command} exited {done.returncode}: {failure}")
    stamps = [line for line in done.stdout.decode(errors="replace").splitlines() if line.startswith(STAMP)]
    if stamps:
        return float(stamps[-1].removeprefix(STAMP)) - started
    return elapsed


def _window(probe: str, script: str) -> list[str]:
    """`python -c` running `script` with `probe` stamping the moment its window is interactive."""
    return [sys.executable, "-c", probe + script]


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
    title: str, subject: float, peer: float, peer_title: str, target: float | None, ratios: list[float]
) -> str:
    ratio = subject / peer
    goal = "без цели" if target is None else f"цель ≤ {target:g}: {'да' if ratio <= target else 'нет'}"
    return (
        f"{title}: {subject:.3f} с; {peer_title}: {peer:.3f} с; отношение {ratio:.2f} "
        f"({goal}; по парам от {min(ratios):.2f} до {max(ratios):.2f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--schools", type=int, default=1000, help="schools in the region workbook")
    parser.add_argument(
        "--only", choices=("help", "flag", "import", "window"), action="append", help="only these; repeatable"
    )
    args = parser.parse_args()
    chosen = set(args.only or ("help", "flag", "import", "window"))
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="lowres-startup-") as name:
        folder = Path(name)
        environment = _environment(folder)
        small = folder / "small.sqlite"
        seed = build_seed_workbook(folder / "seed002.xlsx")
        _timed([python, "-c", LOWRES, "--db", str(small), "import", str(seed)], environment)
        region = build_region(folder / "region.xlsx", args.schools) if "import" in chosen else None

        def bare(_run: int) -> float:
            return _timed([python, "-c", BARE_INTERPRETER], environment)

        lines = []
        if "help" in chosen:
            help_, base, ratios = _pair(
                args.repeat, lambda _run: _timed([python, "-c", LOWRES, "--help"], environment), bare
            )
            lines.append(_line("lowres --help", help_, base, BARE_TITLE, 5, ratios))
        if "flag" in chosen:
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

        if "import" in chosen:
            imported, pandas, ratios = _pair(args.repeat, lowres_import, pandas_script)
            lines.append(
                _line(f"lowres import ({args.schools} школ)", imported, pandas, "скрипт pandas", 0.5, ratios)
            )
        if "window" in chosen:
            database = ["--db", str(small)]
            bare_window = _window(INTERACTIVE, BARE_WINDOW)
            window, peer, ratios = _pair(
                args.repeat,
                lambda _run: _timed([*_window(INTERACTIVE, DESKTOP), *database], environment),
                lambda _run: _timed(bare_window, environment),
            )
            lines.append(_line("окно программы", window, peer, BARE_WINDOW_TITLE, 3, ratios))
            window, peer, ratios = _pair(
                args.repeat,
                lambda _run: _timed([*_window(DATABASE_OPEN, DESKTOP), *database], environment),
                lambda _run: _timed(bare_window, environment),
            )
            lines.append(
                _line("окно программы с открытой базой", window, peer, BARE_WINDOW_TITLE, None, ratios)
            )
    print(f"Медианы {args.repeat} запусков (процессы целиком, окна — до отклика):")
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
