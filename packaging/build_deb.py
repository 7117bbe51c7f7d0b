"""Build the Linux desktop package from the frozen folder: a .deb.

Run after PyInstaller (packaging/lowres-desktop.spec), on the Debian-based
system the package is for (Debian 12, the base of Astra Linux SE 1.8):
    python packaging/build_deb.py [--dist dist/lowres-desktop] [--out dist]
Result: dist/lowres-desktop_<version>_<arch>.deb. Its files are a gzip tar
inside (`-Zgzip`), so a system without dpkg (РЕД ОС, ALT) lays out the same
files with `ar x FILE.deb data.tar.gz` and `tar -xzf data.tar.gz -C /`.

What is inside and why:
- /opt/lowres-desktop/: the frozen folder as it is (both programs over one
  _internal), apart from the system's own files as the Filesystem Hierarchy
  Standard asks of add-on software;
- /usr/bin/lowres and /usr/bin/lowres-desktop: links into it, so both are on PATH;
- /usr/share/applications/lowres-desktop.desktop and the icon in the hicolor
  theme (SVG, and PNG for menus that do not draw SVG): the program appears in
  the desktop's menu (Fly on Astra, GNOME, KDE, MATE); the desktop's own dpkg
  triggers refresh the menu and icon caches, so the package has no scripts;
- Depends: the system libraries the frozen programs load from outside their
  folder (found with ldd and `dpkg -S` here), libc6 at least the build's own:
  PyInstaller bundles everything else, so the package installs offline.
Data never goes under /opt: databases, backups, the log and settings stay in
each user's home folder, and removing the package leaves them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "lowres-desktop"
PROGRAMS = ("lowres-desktop", "lowres")
INSTALL_DIR = Path("opt") / PACKAGE
TITLE = "Школы с низкими образовательными результатами"
ICON_SIZES = (48, 256)

DESKTOP_ENTRY = f"""[Desktop Entry]
Type=Application
Version=1.0
Name={TITLE}
GenericName=Поддержка школ с низкими образовательными результатами
Comment=Результаты ВПР, ОГЭ и ЕГЭ, выявление ШНОР, дорожные карты, мониторинг, приказы
Exec=/{INSTALL_DIR}/lowres-desktop
Icon={PACKAGE}
Terminal=false
Categories=Office;Education;
Keywords=ШНОР;УНОР;ВПР;ОГЭ;ЕГЭ;школы;приказ;
Actions=demo;

[Desktop Action demo]
Name=Демонстрационная база
Exec=/{INSTALL_DIR}/lowres-desktop --demo
"""


def _version() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return str(project["version"])


def _architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def _elf_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def _system_libraries(folder: Path) -> set[str]:
    """Libraries the frozen programs load from outside their folder (optional plugins' missing ones aside).

    The bootloader puts _internal first on the library path, as LD_LIBRARY_PATH does for ldd here.
    """
    internal = folder / "_internal"
    environment = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    libraries: set[str] = set()
    for elf in _elf_files(folder):
        listed = subprocess.run(["ldd", str(elf)], capture_output=True, text=True, env=environment)
        for match in re.finditer(r"=>\s+(/\S+)\s+\(", listed.stdout):
            resolved = Path(match.group(1))
            if folder.resolve() not in resolved.resolve().parents:
                libraries.add(str(resolved))
    return libraries


def _depends(folder: Path) -> str:
    """The Depends line: the packages owning the system libraries, libc6 at the build's version or newer."""
    packages: set[str] = set()
    for library in sorted(_system_libraries(folder)):
        for candidate in (library, str(Path(library).resolve())):
            owner = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if owner.returncode == 0:
                packages.add(owner.stdout.split(":", 1)[0].strip())
                break
        else:
            raise SystemExit(f"no installed package owns {library}: install it before building the .deb")
    libc = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "libc6"], capture_output=True, text=True, check=True
    ).stdout
    packages.discard("libc6")
    upstream = libc.split("-", 1)[0]
    return ", ".join([f"libc6 (>= {upstream})", *sorted(packages)])


def _icons(share: Path) -> None:
    icons = share / "icons" / "hicolor"
    scalable = icons / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copyfile(ROOT / "resources" / "icons" / "app.svg", scalable / f"{PACKAGE}.svg")
    from PIL import Image

    with Image.open(ROOT / "packaging" / "app.ico") as ico:
        for size in ICON_SIZES:
            folder = icons / f"{size}x{size}" / "apps"
            folder.mkdir(parents=True)
            ico.size = (size, size)
            ico.load()
            ico.save(folder / f"{PACKAGE}.png")


def lay_out(root: Path, frozen: Path) -> None:
    """The installed tree under `root`: /opt, the links on PATH, the menu entry and the icons."""
    shutil.copytree(frozen, root / INSTALL_DIR, symlinks=True)
    for program in PROGRAMS:
        if not (root / INSTALL_DIR / program).is_file():
            raise SystemExit(f"{frozen} has no {program}: build packaging/lowres-desktop.spec first")
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for program in PROGRAMS:
        (bin_dir / program).symlink_to(f"/{INSTALL_DIR}/{program}")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / f"{PACKAGE}.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
    _icons(share)
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        executable = path.is_dir() or os.access(path, os.X_OK)
        path.chmod(0o755 if executable else 0o644)


def _installed_size_kib(root: Path) -> int:
    return sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir()) // 1024 + 1


def _control(version: str, architecture: str, depends: str, size_kib: int) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {architecture}\n"
        "Maintainer: lowres-desktop developers <lowres-desktop@localhost>\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {depends}\n"
        "Section: education\n"
        "Priority: optional\n"
        f"Description: {TITLE}\n"
        " Программа муниципального органа управления образованием: результаты\n"
        " ВПР, ОГЭ и ЕГЭ, выявление школ с низкими образовательными результатами\n"
        " (ШНОР, УНОР, «группа риска»), дорожные карты, мониторинг и приказы в PDF\n"
        " и DOCX. Команда lowres — то же для сценариев и пакетной работы.\n"
    )


def build(frozen: Path, out: Path) -> Path:
    version, architecture = _version(), _architecture()
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{PACKAGE}_{version}_{architecture}.deb"
    with tempfile.TemporaryDirectory(prefix="lowres-deb-") as staging:
        root = Path(staging) / "root"
        lay_out(root, frozen)
        debian = root / "DEBIAN"
        debian.mkdir()
        control = _control(version, architecture, _depends(frozen), _installed_size_kib(root))
        (debian / "control").write_text(control, encoding="utf-8")
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(root), str(deb)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the .deb from the frozen lowres-desktop folder.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / PACKAGE, help="the frozen folder")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the package goes")
    args = parser.parse_args(argv)
    print(build(args.dist, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
