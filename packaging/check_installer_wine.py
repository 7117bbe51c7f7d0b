#!/usr/bin/env python3
"""Check the Inno Setup installer's per-user silent install under wine, by hand.

The office IT person runs `setup.exe /VERYSILENT /CURRENTUSER /TASKS=desktopicon,addtopath`
on each PC; this script does the same in a clean WINEPREFIX and checks what that
install leaves behind, what a second install and an upgrade change, and what the
silent uninstall takes away and keeps. It prints one PASS / FAIL (or WINE-LIMIT)
line per item and exits 0 only when no item failed.

Why a stand-in program: PyInstaller does not cross-compile, so the folder it
installs is two tiny Windows console programs built here with mingw-w64 (they
print and record the path they run from, their folder and their arguments) plus
data files under _internal\\. The installer script itself is packaging/installer.iss
as it is, compiled with the real Inno Setup 6 compiler under wine.

Why one line of the script is changed for most checks: wine 8's
SHGetKnownFolderPath(FOLDERID_UserProgramFiles) returns E_INVALIDARG, so Inno
Setup cannot expand {autopf} in per-user mode ("Failed to expand shell folder
constant "autopf""), and DefaultDirName is expanded even when /DIR= is given.
The script shows that failure with the unchanged installer, proves with a probe
program that it is wine's call that fails, then builds a copy whose only change
is DefaultDirName={localappdata}\\Programs\\... (the folder Windows gives for
{autopf} per user) and checks everything else with it. With a wine that knows
the folder the unchanged installer is used throughout.

Needs (Debian): wine, wine64, wine32:i386 (ISCC.exe is a 32-bit program),
gcc-mingw-w64-x86-64, and Inno Setup 6.4.1's compiler (the npm package
`innosetup`: fetched with `npm pack` if --iscc and $LOWRES_ISCC are not given).
`--install-deps` installs the Debian packages with apt-get (as root).

Usage: python3 packaging/check_installer_wine.py [--iscc PATH/ISCC.exe] [--keep] [--install-deps]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

PACKAGING = Path(__file__).resolve().parent
ISCC_VERSION = "6.4.1"
APP_ID = "{6B0C7E53-3A7F-4C1B-9D0E-7A3B2C5D9E41}_is1"
APP_TITLE = "Школы с низкими образовательными результатами"
SHORTCUTS = (APP_TITLE, f"{APP_TITLE} — демонстрационная база", f"{APP_TITLE} — командная строка")
UNINSTALL_SUBKEY = rf"Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP_ID}"
UNINSTALL_SUBKEY_32 = UNINSTALL_SUBKEY.replace("Software", r"Software\WOW6432Node", 1)
SETTINGS_KEY = r"HKCU\Software\lowres\lowres-desktop"
# What the IT person runs (packaging/README.md), plus what makes wine's run checkable.
IT_COMMAND = ["/VERYSILENT", "/CURRENTUSER", "/TASKS=desktopicon,addtopath"]
UNATTENDED = ["/SUPPRESSMSGBOXES"]
# The user's own PATH before the install: an expandable entry and a plain one that must survive.
USER_PATH_BEFORE = r"C:\tools;%USERPROFILE%\bin"
AUTOPF_LINE = r"DefaultDirName={autopf}\{#AppName}"
PER_USER_LINE = r"DefaultDirName={localappdata}\Programs\{#AppName}"
APT_PACKAGES = ["wine", "wine64", "wine32:i386", "gcc-mingw-w64-x86-64"]

# The stand-in for both frozen programs: prints and records where it runs from and its arguments.
STUB_C = r"""
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
    char exe[MAX_PATH], cwd[MAX_PATH];
    GetModuleFileNameA(NULL, exe, MAX_PATH);
    GetCurrentDirectoryA(MAX_PATH, cwd);
    const char *out = getenv("LOWRES_STUB_OUT");
    FILE *f = fopen(out ? out : "lowres-stub.txt", "w");
    printf("stub exe=%s cwd=%s args=", exe, cwd);
    if (f) fprintf(f, "exe=%s\ncwd=%s\nargs=", exe, cwd);
    for (int i = 1; i < argc; i++) {
        printf(i > 1 ? " %s" : "%s", argv[i]);
        if (f) fprintf(f, i > 1 ? " %s" : "%s", argv[i]);
    }
    printf("\n");
    if (f) { fprintf(f, "\n"); fclose(f); }
    return 0;
}
"""

# Asks the shell for the folder {autopf} means per user, to tell wine's failure from ours.
PROBE_C = r"""
#define INITGUID
#include <windows.h>
#include <shlobj.h>
#include <knownfolders.h>
#include <stdio.h>
int main(void) {
    PWSTR path = NULL;
    HRESULT hr = SHGetKnownFolderPath(&FOLDERID_UserProgramFiles, KF_FLAG_CREATE, NULL, &path);
    printf("SHGetKnownFolderPath(FOLDERID_UserProgramFiles) hr=0x%08lx path=%ls\n",
           (unsigned long)hr, path ? path : L"(none)");
    CoTaskMemFree(path);
    return hr == S_OK ? 0 : 1;
}
"""


class Missing(Exception):
    """A tool the check needs is not installed."""


@dataclass
class Report:
    """The PASS / FAIL lines, printed as they come so that a long run shows progress."""

    results: list[tuple[str, str]] = field(default_factory=list)

    def check(self, name: str, ok: bool, detail: str = "", show: bool = False) -> bool:
        """One item; its detail is printed when it failed, or always with show (the evidence itself)."""
        status = "PASS" if ok else "FAIL"
        self.results.append((status, name))
        print(
            f"{status:10} {name}" + (f"\n{'':11}{detail}" if detail and (show or not ok) else ""), flush=True
        )
        return ok

    def note(self, status: str, name: str, detail: str) -> None:
        self.results.append((status, name))
        print(f"{status:10} {name}\n{'':11}{detail}", flush=True)

    def failed(self) -> int:
        return sum(status == "FAIL" for status, _ in self.results)


def per_user_variant(iss: str) -> str:
    """installer.iss with {autopf} replaced by the folder Windows gives it per user.

    Raises ValueError unless the line occurs exactly once, so that a changed
    DefaultDirName makes the check fail instead of testing something else.
    """
    count = iss.splitlines().count(AUTOPF_LINE)
    if count != 1:
        raise ValueError(f"installer.iss has {count} lines {AUTOPF_LINE!r}, expected 1")
    return "\n".join(PER_USER_LINE if line == AUTOPF_LINE else line for line in iss.splitlines()) + "\n"


def parse_reg_query(output: str) -> dict[str, tuple[str, str]]:
    """The values of one key from `reg query KEY` output: name -> (type, data)."""
    values: dict[str, tuple[str, str]] = {}
    for line in output.splitlines():
        match = re.match(r"^ {4}(.+?) {4}(REG_\w+) {4}(.*)$", line.rstrip("\r"))
        if match:
            values[match.group(1)] = (match.group(2), match.group(3))
    return values


def path_entries(value: str) -> list[str]:
    return [entry for entry in value.split(";") if entry]


class Wine:
    """A clean WINEPREFIX with its own HOME, so nothing lands in the user's menus or desktop."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.prefix = root / "prefix"
        home = root / "home"
        home.mkdir()
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("WINE", "XDG_", "DISPLAY"))},
            "WINEPREFIX": str(self.prefix),
            "WINEDEBUG": "-all",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"),
            # No Gecko/Mono prompts, no Linux menu entries for the shortcuts.
            "WINEDLLOVERRIDES": "mscoree=;mshtml=;winemenubuilder.exe=d",
        }

    def run(
        self,
        *args: str,
        cwd: Path | None = None,
        extra_env: dict[str, str] | None = None,
        settle: bool = False,
    ) -> subprocess.CompletedProcess[str]:
        """Run one wine command; with settle, also wait until every process it started has ended.

        Setup and the uninstaller hand over to a copy of themselves in %TEMP%, and `start`
        returns before its program does: their results are there only once wineserver exits.
        """
        result = subprocess.run(
            ["wine", *args], cwd=cwd, env={**self.env, **(extra_env or {})}, capture_output=True,
            text=True, errors="replace", timeout=600,
        )  # fmt: skip
        if settle:
            subprocess.run(["wineserver", "-w"], env=self.env, timeout=600, check=False)
        return result

    def boot(self) -> None:
        subprocess.run(["wineboot", "-i"], env=self.env, capture_output=True, timeout=300, check=True)
        subprocess.run(["wineserver", "-w"], env=self.env, timeout=300, check=False)
        # Windows 10 1809+ (MinVersion); no window system: Inno Setup's hidden wizard needs a
        # graphics driver, the null one is enough and needs no X server.
        self.run("winecfg", "/v", "win10")
        self.run("reg", "add", r"HKCU\Software\Wine\Drivers", "/v", "Graphics", "/d", "null", "/f")

    def expand(self, text: str) -> str:
        return self.run("cmd", "/c", f"echo {text}").stdout.strip()

    def unix(self, windows_path: str) -> Path:
        """The Linux path of a C:\\ path inside the prefix."""
        parts = PureWindowsPath(windows_path).parts
        if not parts or parts[0].upper() != "C:\\":
            raise ValueError(windows_path)
        return self.prefix.joinpath("drive_c", *parts[1:])

    def reg_values(self, key: str) -> dict[str, tuple[str, str]] | None:
        result = self.run("reg", "query", key)
        return parse_reg_query(result.stdout) if result.returncode == 0 else None


def need(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        raise Missing(f"{tool} not found: install {' '.join(APT_PACKAGES)} (or run with --install-deps)")
    return found


def find_iscc(explicit: str | None, cache: Path) -> Path:
    """ISCC.exe from --iscc, $LOWRES_ISCC, an earlier download, or `npm pack innosetup`."""
    for candidate in (explicit, os.environ.get("LOWRES_ISCC")):
        if candidate:
            if not Path(candidate).is_file():
                raise Missing(f"ISCC.exe not found at {candidate}")
            return Path(candidate)
    iscc = cache / "package" / "bin" / "ISCC.exe"
    if not iscc.is_file():
        npm = need("npm")
        cache.mkdir(parents=True, exist_ok=True)
        packed = subprocess.run(
            [npm, "pack", f"innosetup@{ISCC_VERSION}", "--pack-destination", str(cache)],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        if packed.returncode != 0:
            raise Missing(f"npm pack innosetup@{ISCC_VERSION} failed: {packed.stderr.strip()[-500:]}")
        with tarfile.open(cache / packed.stdout.strip().splitlines()[-1]) as archive:
            archive.extractall(cache, filter="data")
    return iscc


def compile_windows(source: str, exe: Path, *libs: str) -> None:
    c_file = exe.with_suffix(".c")
    c_file.write_text(source)
    subprocess.run(
        [need("x86_64-w64-mingw32-gcc"), "-O2", "-o", str(exe), str(c_file), *libs],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    c_file.unlink()


def stand_in_dist(dist: Path, stub: Path, version: str) -> None:
    """The folder PyInstaller would make: both programs and data under _internal\\."""
    if dist.exists():
        shutil.rmtree(dist)
    (dist / "_internal" / "resources").mkdir(parents=True)
    (dist / "_internal" / "db").mkdir()
    shutil.copy(stub, dist / "lowres-desktop.exe")
    shutil.copy(stub, dist / "lowres.exe")
    (dist / "_internal" / "VERSION").write_text(version)
    (dist / "_internal" / "resources" / "style.qss").write_text("QWidget {}\n")
    (dist / "_internal" / "db" / "schema.sql").write_text("-- schema\n")
    # A file the next version no longer ships (as an old Qt plugin after a PySide6 update).
    if version == "0.1.0":
        (dist / "_internal" / "resources" / "only-in-0.1.0.dll").write_text("old\n")


def build_setup(wine: Wine, iscc: Path, work: Path, iss_text: str, version: str) -> Path:
    (work / "packaging" / "installer.iss").write_text(iss_text, encoding="utf-8")
    result = wine.run(str(iscc), "/Q", f"/DAppVersion={version}", "installer.iss", cwd=work / "packaging")
    setup = work / "dist" / f"lowres-desktop-{version}-setup.exe"
    if "wine32 is missing" in result.stderr:
        raise Missing("wine32 is missing (ISCC.exe is a 32-bit program): install wine32:i386")
    if result.returncode != 0 or not setup.is_file():
        raise RuntimeError(
            f"ISCC failed ({result.returncode}): {result.stdout[-2000:]} {result.stderr[-2000:]}"
        )
    return setup


def read_log(wine: Wine, name: str) -> str:
    log = wine.prefix / "drive_c" / name
    return log.read_text(encoding="utf-8-sig", errors="replace") if log.is_file() else ""


def log_error(log: str) -> str:
    """The message Setup showed (or would have shown) before giving up."""
    lines = log.splitlines()
    for index, line in enumerate(lines):
        if "Defaulting to" in line and "suppressed message box" in line and index + 1 < len(lines):
            return lines[index + 1].strip()
    return "(no message in the log)"


def run_setup(wine: Wine, setup: Path, log_name: str, *extra: str) -> tuple[int, str]:
    result = wine.run(str(setup), *IT_COMMAND, *UNATTENDED, *extra, f"/LOG=C:\\{log_name}", settle=True)
    return result.returncode, read_log(wine, log_name)


def lnk_points_to(lnk: Path, *needles: str) -> bool:
    """Whether a shell link names each of needles (the target in ANSI, arguments in UTF-16)."""
    data = lnk.read_bytes().lower()
    return all(n.lower().encode() in data or n.lower().encode("utf-16-le") in data for n in needles)


def check_autopf(report: Report, wine: Wine, setup: Path, probe: Path, app: str) -> bool:
    """The unchanged installer per user; returns whether wine can expand {autopf} at all."""
    probed = wine.run(str(probe))
    wine_knows = probed.returncode == 0
    code, log = run_setup(wine, setup, "setup-autopf.log")
    code_dir, log_dir = run_setup(wine, setup, "setup-autopf-dir.log", f"/DIR={app}")
    if wine_knows:
        report.check("unchanged installer, /CURRENTUSER: installs with {autopf}", code == 0, log_error(log))
        return True
    error = log_error(log)
    warning = next(
        (line.split("   ", 1)[-1] for line in log.splitlines() if "SHGetKnownFolderPath" in line), ""
    )
    expected = 'Failed to expand shell folder constant "autopf"'
    if code != 0 and expected in error and expected in log_error(log_dir):
        report.note(
            "WINE-LIMIT", "unchanged installer, /CURRENTUSER (with and without /DIR=): {autopf} not expanded",
            f"setup exit {code} (with /DIR: {code_dir}); log: {warning!r} then {error!r}; "
            f"probe: {probed.stdout.strip()}",
        )  # fmt: skip
    else:
        report.check(
            "unchanged installer, /CURRENTUSER: fails only on wine's {autopf}",
            False,
            f"exit {code}, {error!r}; exit with /DIR {code_dir}; probe: {probed.stdout.strip()}",
        )
    report.check(
        "the failed install left no uninstall entry", wine.reg_values(rf"HKCU\{UNINSTALL_SUBKEY}") is None
    )
    return False


@dataclass
class Folders:
    app: str
    programs: str
    common_programs: str
    desktop: str
    public_desktop: str
    data: str
    temp: str


def check_installed(
    report: Report, wine: Wine, dist: Path, folders: Folders, version: str, label: str
) -> None:
    app = wine.unix(folders.app)
    files = sorted(p.relative_to(dist) for p in dist.rglob("*") if p.is_file())
    wrong = [
        str(p) for p in files if not (app / p).is_file() or (app / p).read_bytes() != (dist / p).read_bytes()
    ]
    report.check(
        f"{label}: {len(files)} files of the build in {folders.app}",
        not wrong,
        f"missing or different: {wrong}",
    )
    report.check(
        f"{label}: unins000.exe and unins000.dat in the folder",
        (app / "unins000.exe").is_file() and (app / "unins000.dat").is_file(),
    )
    links = {name: wine.unix(folders.programs) / f"{name}.lnk" for name in SHORTCUTS}
    report.check(
        f"{label}: 3 Start-menu shortcuts in the user's Programs ({folders.programs})",
        all(p.is_file() for p in links.values()),
        ", ".join(f"{n}: {p.is_file()}" for n, p in links.items()),
    )
    report.check(
        f"{label}: the shortcuts start lowres-desktop.exe, lowres-desktop.exe --demo, cmd /k lowres.exe",
        lnk_points_to(links[SHORTCUTS[0]], "lowres-desktop.exe")
        and lnk_points_to(links[SHORTCUTS[1]], "lowres-desktop.exe", "--demo")
        and lnk_points_to(links[SHORTCUTS[2]], "cmd.exe", "lowres.exe", "--help"),
    )
    common = wine.unix(folders.common_programs)
    stray = [p.name for p in common.glob("*")] if common.is_dir() else []
    report.check(
        f"{label}: nothing in All Users' Programs ({folders.common_programs})",
        not any(APP_TITLE in name for name in stray),
        f"found: {stray}",
    )
    desktop = wine.unix(folders.desktop) / f"{APP_TITLE}.lnk"
    public = wine.unix(folders.public_desktop) / f"{APP_TITLE}.lnk"
    report.check(
        f"{label}: desktop icon (task desktopicon) on the user's desktop, not the public one",
        desktop.is_file() and lnk_points_to(desktop, "lowres-desktop.exe") and not public.exists(),
    )
    env = wine.reg_values(r"HKCU\Environment") or {}
    kind, value = env.get("Path", ("", ""))
    entries = path_entries(value)
    report.check(
        f"{label}: HKCU\\Environment\\Path = the user's entries + the folder once, still REG_EXPAND_SZ",
        kind == "REG_EXPAND_SZ" and entries == [*path_entries(USER_PATH_BEFORE), folders.app],
        f"{kind} {value}",
        show=True,
    )
    hkcu = wine.reg_values(rf"HKCU\{UNINSTALL_SUBKEY}") or {}
    report.check(
        f"{label}: uninstall entry under HKCU, version {version}, folder {folders.app}",
        hkcu.get("DisplayVersion", ("", ""))[1] == version
        and hkcu.get("Inno Setup: App Path", ("", ""))[1].lower() == folders.app.lower(),
        f"DisplayVersion={hkcu.get('DisplayVersion')}, App Path={hkcu.get('Inno Setup: App Path')}",
        show=True,
    )
    hklm = [
        key
        for key in (rf"HKLM\{UNINSTALL_SUBKEY}", rf"HKLM\{UNINSTALL_SUBKEY_32}")
        if wine.reg_values(key) is not None
    ]
    report.check(f"{label}: no uninstall entry under HKLM", not hklm, f"found: {hklm}")
    keys = wine.run("reg", "query", r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall").stdout
    report.check(
        f"{label}: exactly one uninstall entry of the program", keys.count(APP_ID) == 1, keys.strip()
    )


def check_path_run(report: Report, wine: Wine, folders: Folders) -> None:
    """`lowres` typed in a new console finds the installed lowres.exe through the user's PATH."""
    cwd = f"{folders.temp}\\path-check"
    wine.unix(cwd).mkdir(parents=True, exist_ok=True)
    result = wine.run("cmd", "/c", f"cd /d {cwd} && lowres flag --source demo.xlsx", settle=True)
    recorded = wine.unix(cwd) / "lowres-stub.txt"
    text = recorded.read_text(errors="replace") if recorded.is_file() else ""
    expected = f"exe={folders.app}\\lowres.exe".lower()
    report.check(
        "`lowres flag --source demo.xlsx` in a new console runs the installed lowres.exe via PATH",
        expected in text.lower() and "args=flag --source demo.xlsx" in text,
        f"console: {result.stdout.strip()}",
        show=True,
    )


def check_shortcut_run(report: Report, wine: Wine, folders: Folders) -> None:
    """The desktop icon starts the program in its folder (as a double click would)."""
    out = f"{folders.temp}\\desktop-lnk.txt"
    lnk = f"{folders.desktop}\\{APP_TITLE}.lnk"
    wine.run("start", "/wait", lnk, extra_env={"LOWRES_STUB_OUT": out}, settle=True)
    recorded = wine.unix(out)
    text = recorded.read_text(errors="replace") if recorded.is_file() else ""
    report.check(
        "the desktop icon starts lowres-desktop.exe with the program folder as working folder",
        f"exe={folders.app}\\lowres-desktop.exe".lower() in text.lower()
        and f"cwd={folders.app}".lower() in text.lower(),
        f"recorded: {text.strip()!r}",
    )


def check_upgrade(report: Report, wine: Wine, folders: Folders) -> None:
    app = wine.unix(folders.app)
    version = (app / "_internal" / "VERSION").read_text() if (app / "_internal" / "VERSION").is_file() else ""
    report.check(
        "upgrade: the 0.2.0 files replaced the 0.1.0 ones in the same folder", version == "0.2.0", version
    )
    stale = app / "_internal" / "resources" / "only-in-0.1.0.dll"
    report.check("upgrade: a file only 0.1.0 shipped is gone from _internal", not stale.exists())
    others = [p.name for p in app.parent.iterdir() if p.name != app.name] if app.parent.is_dir() else []
    report.check("upgrade: no second program folder beside it", not others, f"found: {others}")


def check_uninstalled(report: Report, wine: Wine, folders: Folders, data_file: Path, data_text: str) -> None:
    app = wine.unix(folders.app)
    left = sorted(str(p.relative_to(app)) for p in app.rglob("*")) if app.exists() else []
    report.check("uninstall: the program folder is gone", not app.exists(), f"left: {left}")
    links = [wine.unix(folders.programs) / f"{n}.lnk" for n in SHORTCUTS]
    links.append(wine.unix(folders.desktop) / f"{APP_TITLE}.lnk")
    report.check(
        "uninstall: Start-menu shortcuts and the desktop icon are gone", not any(p.exists() for p in links)
    )
    report.check(
        "uninstall: the HKCU uninstall entry is gone", wine.reg_values(rf"HKCU\{UNINSTALL_SUBKEY}") is None
    )
    kind, value = (wine.reg_values(r"HKCU\Environment") or {}).get("Path", ("", ""))
    report.check(
        "uninstall: PATH lost the folder, kept the user's entries as they were (REG_EXPAND_SZ)",
        kind == "REG_EXPAND_SZ" and value == USER_PATH_BEFORE,
        f"{kind} {value}",
        show=True,
    )
    result = wine.run("cmd", "/c", "lowres --help")
    report.check(
        "uninstall: `lowres` is no longer found in a new console",
        result.returncode != 0 and "stub exe=" not in result.stdout,
        result.stdout.strip()[-200:],
    )
    kept = data_file.is_file() and data_file.read_text() == data_text
    report.check(
        f"uninstall: user data kept ({folders.data}\\{data_file.name} and its .backups)",
        kept and (data_file.parent / "lowres.sqlite3.backups" / "before-import.sqlite3").is_file(),
    )
    settings = wine.reg_values(SETTINGS_KEY) or {}
    report.check(
        f"uninstall: settings kept ({SETTINGS_KEY})", settings.get("geometry", ("", ""))[1] == "kept"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--iscc", help="path to Inno Setup 6's ISCC.exe (default: $LOWRES_ISCC or npm pack innosetup)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary WINEPREFIX and builds")
    parser.add_argument(
        "--install-deps", action="store_true", help=f"apt-get install {' '.join(APT_PACKAGES)} first"
    )
    args = parser.parse_args()
    started = time.monotonic()
    if args.install_deps:
        subprocess.run(["dpkg", "--add-architecture", "i386"], check=True)
        subprocess.run(["apt-get", "update", "-q"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "--no-install-recommends", *APT_PACKAGES], check=True
        )
    root = Path(tempfile.mkdtemp(prefix="lowres-wine-check-"))
    try:
        for tool in ("wine", "wineserver", "wineboot", "x86_64-w64-mingw32-gcc"):
            need(tool)
        iscc = find_iscc(args.iscc, Path(tempfile.gettempdir()) / f"lowres-innosetup-{ISCC_VERSION}")
        return run_checks(root, iscc, started)
    except Missing as missing:
        print(f"SKIP       the wine check cannot run: {missing}")
        return 2
    except (RuntimeError, subprocess.SubprocessError) as error:
        print(f"FAIL       the check itself stopped: {error}")
        return 1
    finally:
        if (root / "prefix").is_dir():
            # The prefix's wineserver outlives the last command by a few seconds: let it end first.
            subprocess.run(
                ["wineserver", "-w"], env={**os.environ, "WINEPREFIX": str(root / "prefix")}, check=False
            )
        if args.keep:
            print(f"kept: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def run_checks(root: Path, iscc: Path, started: float) -> int:
    report = Report()
    wine = Wine(root)
    wine_version = subprocess.run(["wine", "--version"], capture_output=True, text=True).stdout.strip()
    print(
        f"== clean WINEPREFIX {wine.prefix} ({wine_version}, Inno Setup {ISCC_VERSION} at {iscc})", flush=True
    )
    wine.boot()
    work = root / "work"
    (work / "packaging").mkdir(parents=True)
    shutil.copy(PACKAGING / "app.ico", work / "packaging" / "app.ico")
    stub, probe = root / "stub.exe", root / "probe.exe"
    compile_windows(STUB_C, stub)
    compile_windows(PROBE_C, probe, "-lshell32", "-lole32", "-luuid")
    iss = (PACKAGING / "installer.iss").read_text(encoding="utf-8-sig")
    dist = work / "dist" / "lowres-desktop"

    localappdata = wine.expand("%LOCALAPPDATA%")
    appdata = wine.expand("%APPDATA%")
    userprofile = wine.expand("%USERPROFILE%")
    folders = Folders(
        app=f"{localappdata}\\Programs\\lowres-desktop",
        programs=f"{appdata}\\Microsoft\\Windows\\Start Menu\\Programs",
        common_programs=wine.expand("%ProgramData%") + "\\Microsoft\\Windows\\Start Menu\\Programs",
        desktop=f"{userprofile}\\Desktop",
        public_desktop=wine.expand("%PUBLIC%") + "\\Desktop",
        data=f"{localappdata}\\lowres\\lowres-desktop",
        temp=wine.expand("%TEMP%"),
    )
    print("== the user's folders in the prefix:", flush=True)
    for name, value in vars(folders).items():
        print(f"   {name:16} {value}")

    stand_in_dist(dist, stub, "0.1.0")
    setup = build_setup(wine, iscc, work, iss, "0.1.0")
    report.check("installer.iss compiles unchanged (0.1.0)", setup.is_file())
    wine_knows_autopf = check_autopf(report, wine, setup, probe, folders.app)
    if not wine_knows_autopf:
        iss = per_user_variant(iss)
        print(f"== from here on: a copy of installer.iss with {PER_USER_LINE!r} instead of {AUTOPF_LINE!r}")
        setup = build_setup(wine, iscc, work, iss, "0.1.0")

    # The user's state before the first install: their own PATH, data and settings.
    wine.run(
        "reg", "add", r"HKCU\Environment", "/v", "Path", "/t", "REG_EXPAND_SZ", "/d", USER_PATH_BEFORE, "/f"
    )
    wine.run("reg", "add", SETTINGS_KEY, "/v", "geometry", "/d", "kept", "/f")
    data_dir = wine.unix(folders.data)
    (data_dir / "lowres.sqlite3.backups").mkdir(parents=True)
    data_file = data_dir / "lowres.sqlite3"
    data_text = "the user's database\n"
    data_file.write_text(data_text)
    (data_dir / "lowres.sqlite3.backups" / "before-import.sqlite3").write_text("backup\n")

    dir_arg = [f"/DIR={folders.app}"]
    print(f"== install 0.1.0: setup.exe {' '.join(IT_COMMAND + UNATTENDED + dir_arg)}", flush=True)
    code, log = run_setup(wine, setup, "setup-0.1.0.log", *dir_arg)
    if report.check("install 0.1.0 exits 0", code == 0, "" if code == 0 else log_error(log)):
        check_installed(report, wine, dist, folders, "0.1.0", "0.1.0")
        check_path_run(report, wine, folders)
        check_shortcut_run(report, wine, folders)

    print("== the same 0.1.0 setup again (the PATH entry must not be doubled)", flush=True)
    code, log = run_setup(wine, setup, "setup-0.1.0-again.log", *dir_arg)
    if report.check("second install of 0.1.0 exits 0", code == 0, "" if code == 0 else log_error(log)):
        check_installed(report, wine, dist, folders, "0.1.0", "0.1.0 again")

    stand_in_dist(dist, stub, "0.2.0")
    setup = build_setup(wine, iscc, work, iss, "0.2.0")
    print(f"== upgrade to 0.2.0: setup.exe {' '.join(IT_COMMAND + UNATTENDED)} (no /DIR)", flush=True)
    code, log = run_setup(wine, setup, "setup-0.2.0.log")
    if report.check("install 0.2.0 over 0.1.0 exits 0", code == 0, "" if code == 0 else log_error(log)):
        check_installed(report, wine, dist, folders, "0.2.0", "0.2.0 upgrade")
        check_upgrade(report, wine, folders)
        check_path_run(report, wine, folders)

    uninstaller = f"{folders.app}\\unins000.exe"
    print(f"== silent uninstall: {uninstaller} /VERYSILENT /SUPPRESSMSGBOXES", flush=True)
    result = wine.run(uninstaller, "/VERYSILENT", "/SUPPRESSMSGBOXES", "/LOG=C:\\uninstall.log", settle=True)
    report.check(
        "unins000.exe /VERYSILENT exits 0", result.returncode == 0, log_error(read_log(wine, "uninstall.log"))
    )
    check_uninstalled(report, wine, folders, data_file, data_text)

    counts = {
        status: sum(s == status for s, _ in report.results) for status in ("PASS", "FAIL", "WINE-LIMIT")
    }
    seconds = time.monotonic() - started
    print(f"== {seconds:.0f} s; not checked here: a real Windows 10/11 run (see packaging/README.md)")
    print(
        f"wine-installer: {counts['PASS']} passed, {counts['FAIL']} failed, {counts['WINE-LIMIT']} wine-limit"
    )
    return 1 if report.failed() else 0


if __name__ == "__main__":
    sys.exit(main())
