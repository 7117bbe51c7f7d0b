"""The frozen program: build packaging/lowres-desktop.spec and tour the demo database with it.

This is the CI smoke test of the Windows build's spec (CI runs on Linux, so
it builds the same spec there): a data folder or hidden import missing from
the spec makes the frozen program fail here. Building takes a minute or two,
so it runs as its own step of .ci/run (`LOWRES_FROZEN_SMOKE=1`, after
installing the `packaging` extra), not inside the README's test command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SMOKE_VAR = "LOWRES_FROZEN_SMOKE"

pytestmark = pytest.mark.skipif(
    os.environ.get(SMOKE_VAR) != "1",
    reason=f"builds with PyInstaller for 1–2 minutes: .ci/run runs it in its own step ({SMOKE_VAR}=1)",
)


def _folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def test_the_frozen_program_starts_and_tours_the_demo(tmp_path: Path) -> None:
    started = time.monotonic()
    build = subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "work"),
            str(ROOT / "packaging" / "lowres-desktop.spec"),
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    folder = tmp_path / "dist" / "lowres-desktop"
    program = folder / ("lowres-desktop.exe" if sys.platform == "win32" else "lowres-desktop")
    assert program.is_file()
    for bundled in ("db/env.py", "db/versions/0001_initial.py", "resources/icons/app.svg", "forms"):
        assert list(folder.rglob(Path(bundled).name)), f"{bundled} is missing from the frozen build"
    print(
        f"\nfrozen build: {time.monotonic() - started:.0f} s, "
        f"{_folder_size(folder) / 2**20:.0f} MiB in {folder}"
    )

    home = tmp_path / "home"
    environment = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "share"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    environment.pop("LOWRES_DB", None)
    tour = tmp_path / "tour"
    run = subprocess.run(
        [str(program), "--demo", "--tour", str(tour)],
        env=environment, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    pictures = sorted(tour.glob("*.png"))
    assert len(pictures) >= 6, run.stdout
    assert all(picture.stat().st_size > 20_000 for picture in pictures)
    shutil.rmtree(tmp_path / "work", ignore_errors=True)
