"""packaging/check_installer_wine.py: the parts that need no wine, and the whole check on request.

The wine check itself takes about two minutes and needs wine, wine32 and mingw-w64,
so CI does not run it (see packaging/README.md); these tests keep its parsing and
its one edit of installer.iss honest on every run. `LOWRES_WINE_CHECK=1` runs
the whole check here too.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "check_installer_wine.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_installer_wine", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


check = _load()


def test_per_user_variant_changes_only_the_default_folder() -> None:
    iss = (ROOT / "packaging" / "installer.iss").read_text(encoding="utf-8-sig")
    variant = check.per_user_variant(iss)
    changed = [(a, b) for a, b in zip(iss.splitlines(), variant.splitlines(), strict=True) if a != b]
    assert changed == [(check.AUTOPF_LINE, check.PER_USER_LINE)]


def test_per_user_variant_refuses_a_script_without_the_autopf_line() -> None:
    with pytest.raises(ValueError, match="0 lines"):
        check.per_user_variant("[Setup]\nDefaultDirName={userpf}\\lowres-desktop\n")


def test_parse_reg_query_reads_names_with_spaces_and_empty_values() -> None:
    output = (
        "\r\nHKEY_CURRENT_USER\\Environment\r\n"
        "    Path    REG_EXPAND_SZ    C:\\tools;%USERPROFILE%\\bin;C:\\Program Files\\x\r\n"
        "    Inno Setup: App Path    REG_SZ    C:\\users\\u\\AppData\\Local\\Programs\\lowres-desktop\r\n"
        "    Inno Setup: Deselected Tasks    REG_SZ    \r\n"
    )
    assert check.parse_reg_query(output) == {
        "Path": ("REG_EXPAND_SZ", "C:\\tools;%USERPROFILE%\\bin;C:\\Program Files\\x"),
        "Inno Setup: App Path": ("REG_SZ", "C:\\users\\u\\AppData\\Local\\Programs\\lowres-desktop"),
        "Inno Setup: Deselected Tasks": ("REG_SZ", ""),
    }


def test_log_error_finds_the_message_setup_suppressed() -> None:
    log = (
        "2026-12-02 10:16:13.160   Warning: SHGetKnownFolderPath failed with code 0x80070057\n"
        "2026-12-02 10:16:13.177   Defaulting to OK for suppressed message box (OK):\n"
        '                          Внутренняя ошибка: Failed to expand shell folder constant "autopf"\n'
    )
    assert check.log_error(log) == 'Внутренняя ошибка: Failed to expand shell folder constant "autopf"'
    assert check.log_error("Installation process succeeded.\n") == "(no message in the log)"


@pytest.mark.skipif(
    os.environ.get("LOWRES_WINE_CHECK") != "1",
    reason="two minutes under wine: run packaging/check_installer_wine.py by hand (LOWRES_WINE_CHECK=1)",
)
def test_the_whole_wine_check_passes() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=1200, check=False
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
