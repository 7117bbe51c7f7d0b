"""The built wheel works on its own: bundled folders inside, console scripts that run.

A source checkout finds `db/`, `resources/` and `forms/` at the repo root, so the
other tests can't notice when the wheel leaves them out. Here the wheel is built
from the repo, installed with `--no-deps` into a fresh venv, and its `lowres` and
`lowres-desktop` scripts are run from a folder outside the repo, with the database,
HOME and XDG folders in tmp. The dev venv's third-party packages are reached
through a `.pth` line naming its site-packages: a path line in a `.pth` only
extends sys.path and does not process the `.pth` files in that folder, so the dev
venv's editable `lowres_desktop` stays out (checked below).
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import site
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    site_packages: Path
    workdir: Path
    env: dict[str, str]

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args),
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8-sig",  # a redirected CSV starts with the BOM for Excel
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )

    def script(self, name: str) -> str:
        return str(self.venv / "bin" / name)


def _check(completed: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert completed.returncode == 0, (
        f"{completed.args} exited {completed.returncode}\n"
        f"--- stdout\n{completed.stdout}\n--- stderr\n{completed.stderr}"
    )
    return completed


def _build_wheel(out: Path) -> Path:
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-cache-dir", "-q"]
    # hatchling comes with the `test` extra; without it pip fetches it into an isolated build env.
    if importlib.util.find_spec("hatchling") is not None:
        command.append("--no-build-isolation")
    _check(
        subprocess.run(
            [*command, "-w", str(out), str(REPO_ROOT)],
            capture_output=True,
            text=True,
            timeout=300,
            stdin=subprocess.DEVNULL,
        )
    )
    wheels = sorted(out.glob("lowres_desktop-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel_install")
    wheel = _build_wheel(base / "dist")

    venv = base / "venv"
    _check(
        subprocess.run(
            [sys.executable, "-m", "venv", "--without-pip", str(venv)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    )
    python = venv / "bin" / "python"
    _check(
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "--python",
                str(python),
                "install",
                "-q",
                "--no-deps",
                "--no-index",
                "--no-cache-dir",
                str(wheel),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            stdin=subprocess.DEVNULL,
        )
    )
    site_packages = Path(
        _check(
            subprocess.run(
                [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                capture_output=True,
                text=True,
                timeout=60,
            )
        ).stdout.strip()
    )
    dev_site = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (site_packages / "zz_dev_venv_packages.pth").write_text(
        "".join(f"{p}\n" for p in dev_site), encoding="utf-8"
    )

    workdir = base / "work"
    home = base / "home"
    for folder in (workdir, home, home / ".local/share", home / ".config", home / ".cache"):
        folder.mkdir(parents=True, exist_ok=True)
    runtime = base / "runtime"
    runtime.mkdir(mode=0o700)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "LOWRES_DB"}
        and not key.startswith("XDG_")
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(runtime),
        LOWRES_DB=str(workdir / "lowres.sqlite"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONIOENCODING="utf-8",
        PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    return Installed(wheel, venv, site_packages, workdir, env)


@pytest.fixture(scope="module")
def demo_database(installed: Installed) -> Path:
    _check(installed.run(installed.script("lowres"), "demo"))
    database = Path(installed.env["LOWRES_DB"])
    assert database.is_file()
    return database


def test_wheel_contains_bundled_folders(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    bundled = "lowres_desktop/_bundled/"
    assert any(n.startswith(bundled + "db/versions/") and n.endswith(".py") for n in names), (
        "no migrations in the wheel"
    )
    assert bundled + "db/env.py" in names
    assert bundled + "resources/demo/seed002_appendix.csv" in names
    assert any(n.startswith(bundled + "forms/") for n in names), "no forms/ in the wheel"
    assert "lowres_desktop/cli.py" in names
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)


def test_installed_package_comes_from_the_wheel(installed: Installed) -> None:
    probe = (
        "import json, lowres_desktop, lowres_desktop.paths as p, sqlalchemy\n"
        "print(json.dumps({'package': lowres_desktop.__file__, 'db': str(p.migrations_dir()),"
        " 'resources': str(p.resources_dir()), 'forms': str(p.forms_dir()),"
        " 'sqlalchemy': sqlalchemy.__file__}))"
    )
    found = json.loads(_check(installed.run(str(installed.venv / "bin/python"), "-c", probe)).stdout)
    inside = installed.site_packages.resolve()
    assert Path(found["package"]).resolve().is_relative_to(inside), found
    for key in ("db", "resources", "forms"):
        folder = Path(found[key]).resolve()
        assert folder.is_relative_to(inside / "lowres_desktop" / "_bundled"), found
        assert folder.is_dir(), found
    # Third-party packages come from the dev venv, not from the wheel install.
    assert not Path(found["sqlalchemy"]).resolve().is_relative_to(inside), found


def test_installed_cli_demo_and_flag(installed: Installed, demo_database: Path) -> None:
    completed = _check(installed.run(installed.script("lowres"), "flag", "--year", "2019", "--format", "csv"))
    rows = list(csv.reader(io.StringIO(completed.stdout)))
    assert rows and rows[0][0] == "login", completed.stdout[:500]
    flagged = rows[1:]
    assert len(flagged) > 10, completed.stdout
    assert all(row and row[0] for row in flagged)


def test_installed_gui_tour(installed: Installed, demo_database: Path) -> None:
    tour = installed.workdir / "tour"
    _check(installed.run(installed.script("lowres-desktop"), "--tour", str(tour), timeout=180))
    pictures = sorted(tour.glob("*.png"))
    assert len(pictures) >= 4, sorted(p.name for p in tour.iterdir()) if tour.is_dir() else tour
    for picture in pictures:
        assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", picture
