"""Compile the Qt Designer forms in this folder into `lowres_desktop/ui/forms/ui_*.py`.

Run `python forms/compile_forms.py` after editing a `.ui` file and commit the
output: the program then needs no Qt tools at run time, and
`tests/ui/test_forms.py` fails while a generated file is stale.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FORMS_DIR = Path(__file__).resolve().parent
OUTPUT_DIR = FORMS_DIR.parent / "lowres_desktop" / "ui" / "forms"
UIC_VERSION_MARKER = "## Created by: Qt User Interface Compiler"
"""pyside6-uic stamps its version on this line; it is the only line that may differ."""


def uic_command() -> list[str]:
    """pyside6-uic of the Python running this script, so its version matches PySide6's."""
    name = "pyside6-uic.exe" if os.name == "nt" else "pyside6-uic"
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pyside6-uic")
    if found:
        return [found]
    raise SystemExit("pyside6-uic not found: install PySide6 into the Python running this script")


def output_name(form: Path) -> str:
    return f"ui_{form.stem}.py"


def compile_form(form: Path, output_dir: Path) -> Path:
    target = output_dir / output_name(form)
    with tempfile.TemporaryDirectory() as scratch:
        raw = Path(scratch) / target.name
        subprocess.run([*uic_command(), str(form), "-o", str(raw)], check=True)
        generated = raw.read_text(encoding="utf-8")
    header = f"# generated from forms/{form.name}, do not edit\n"
    target.write_text(header + generated, encoding="utf-8", newline="\n")
    return target


def forms() -> list[Path]:
    return sorted(FORMS_DIR.glob("*.ui"))


def compile_all(output_dir: Path = OUTPUT_DIR) -> list[Path]:
    output_dir.mkdir(parents=True, exist_ok=True)
    return [compile_form(form, output_dir) for form in forms()]


def main() -> int:
    for path in compile_all():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
