"""The frozen programs: build packaging/lowres-desktop.spec, run both, package them as a .deb and install it.

This is the CI smoke test of the Windows build's spec (CI runs on Linux, so
it builds the same spec there) and of the Linux package made from the same
folder: a data folder or hidden import missing from the spec, or a file
missing from the package, makes a program fail here. Building takes a minute
or two, so it runs as its own step of .ci/run (`LOWRES_FROZEN_SMOKE=1`, after
installing the `packaging` extra), not inside the README's test command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SMOKE_VAR = "LOWRES_FROZEN_SMOKE"
EXE = ".exe" if sys.platform == "win32" else ""

pytestmark = pytest.mark.skipif(
    os.environ.get(SMOKE_VAR) != "1",
    reason=f"builds with PyInstaller for 1–2 minutes: .ci/run runs it in its own step ({SMOKE_VAR}=1)",
)


def _folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The frozen folder, built once for every test here."""
    build_dir = tmp_path_factory.mktemp("frozen")
    started = time.monotonic()
    build = subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", str(build_dir / "dist"), "--workpath", str(build_dir / "work"),
            str(ROOT / "packaging" / "lowres-desktop.spec"),
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr[-4000:]
    shutil.rmtree(build_dir / "work", ignore_errors=True)
    folder = build_dir / "dist" / "lowres-desktop"
    print(
        f"\nfrozen build: {time.monotonic() - started:.0f} s, "
        f"{_folder_size(folder) / 2**20:.0f} MiB in {folder}"
    )
    yield folder


def _environment(home: Path) -> dict[str, str]:
    environment = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "share"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    environment.pop("LOWRES_DB", None)
    return environment


def _run(command: list[str], home: Path, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(command, env=_environment(home), capture_output=True, timeout=timeout)


def _check_console_program(lowres: str, tmp_path: Path) -> None:
    """`lowres --help`, `lowres demo` on a new database, `lowres flag` redirected to a CSV file."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    home = tmp_path / "home"
    helped = _run([lowres, "--help"], home)
    assert helped.returncode == 0, helped.stderr.decode(errors="replace")[-4000:]
    assert "КОМАНДА" in helped.stdout.decode("utf-8") and "report" in helped.stdout.decode("utf-8")
    db = str(tmp_path / "демо база.sqlite")
    filled = _run([lowres, "--db", db, "demo"], home)
    assert filled.returncode == 0, filled.stderr.decode(errors="replace")[-4000:]
    assert "100 школ" in filled.stdout.decode("utf-8")
    flagged = _run([lowres, "--db", db, "flag", "--year", "2019", "--format", "csv"], home)
    assert flagged.returncode == 0, flagged.stderr.decode(errors="replace")[-4000:]
    assert flagged.stdout.startswith(b"\xef\xbb\xbflogin,name,district")
    assert "≥" in flagged.stdout.decode("utf-8-sig")


def _check_tour(program: str, tmp_path: Path) -> None:
    tour = tmp_path / "tour"
    run = _run([program, "--demo", "--tour", str(tour)], tmp_path / "home-tour")
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-4000:]
    pictures = sorted(tour.glob("*.png"))
    assert len(pictures) >= 6, run.stdout
    assert all(picture.stat().st_size > 20_000 for picture in pictures)


def test_both_programs_share_one_internal_folder_with_the_data_and_tzdata(frozen: Path) -> None:
    assert (frozen / f"lowres-desktop{EXE}").is_file()
    assert (frozen / f"lowres{EXE}").is_file()
    expected = ["_internal", f"lowres{EXE}", f"lowres-desktop{EXE}"]
    assert sorted(p.name for p in frozen.iterdir()) == sorted(expected)
    internal = frozen / "_internal"
    for bundled in ("db/env.py", "db/versions/0001_initial.py", "resources/icons/app.svg", "forms"):
        assert (internal / bundled).exists(), f"{bundled} is missing from the frozen build"
    assert (internal / "tzdata" / "zoneinfo" / "Europe" / "Moscow").is_file(), "tzdata is not collected"


def test_the_frozen_console_program_runs_its_commands(frozen: Path, tmp_path: Path) -> None:
    _check_console_program(str(frozen / f"lowres{EXE}"), tmp_path)


def test_the_frozen_window_program_tours_the_demo(frozen: Path, tmp_path: Path) -> None:
    _check_tour(str(frozen / f"lowres-desktop{EXE}"), tmp_path)


def _dpkg_status(package: str) -> int:
    return subprocess.run(["dpkg", "-s", package], capture_output=True).returncode


INSTALLED = (
    Path("/opt/lowres-desktop"),
    Path("/usr/bin/lowres"),
    Path("/usr/bin/lowres-desktop"),
    Path("/usr/share/applications/lowres-desktop.desktop"),
    Path("/usr/share/icons/hicolor/scalable/apps/lowres-desktop.svg"),
)


def test_the_deb_installs_runs_from_the_installed_paths_and_removes_cleanly(
    frozen: Path, tmp_path: Path
) -> None:
    if sys.platform != "linux" or shutil.which("dpkg") is None or os.geteuid() != 0:
        pytest.fail("the .deb is built and installed on Debian as root (CI runs .ci/run so)")
    assert _dpkg_status("lowres-desktop") != 0, "lowres-desktop is installed already: remove it first"
    assert not any(path.exists() or path.is_symlink() for path in INSTALLED)
    build_deb = [sys.executable, str(ROOT / "packaging" / "build_deb.py"), "--dist", str(frozen)]
    built = subprocess.run([*build_deb, "--out", str(tmp_path)], capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stderr[-4000:]
    deb = Path(built.stdout.strip())
    fields = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    assert "Package: lowres-desktop" in fields and "Depends: libc6 (>= " in fields
    try:
        installed = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True, timeout=600)
        assert installed.returncode == 0, installed.stderr[-4000:]
        assert all(path.exists() for path in INSTALLED)
        assert shutil.which("lowres") == "/usr/bin/lowres"
        assert shutil.which("lowres-desktop") == "/usr/bin/lowres-desktop"
        entry = INSTALLED[3].read_text(encoding="utf-8")
        assert "Exec=/opt/lowres-desktop/lowres-desktop\n" in entry and "Icon=lowres-desktop\n" in entry
        if shutil.which("desktop-file-validate"):
            validate = ["desktop-file-validate", str(INSTALLED[3])]
            valid = subprocess.run(validate, capture_output=True, text=True)
            assert valid.returncode == 0, valid.stdout + valid.stderr
        _check_console_program("/usr/bin/lowres", tmp_path / "console")
        _check_tour("/usr/bin/lowres-desktop", tmp_path / "window")
    finally:
        remove = ["dpkg", "-r", "lowres-desktop"]
        removed = subprocess.run(remove, capture_output=True, text=True, timeout=600)
    assert removed.returncode == 0, removed.stderr[-4000:]
    assert _dpkg_status("lowres-desktop") != 0
    left = [str(path) for path in INSTALLED if path.exists() or path.is_symlink()]
    assert left == [], f"left after dpkg -r: {left}"
