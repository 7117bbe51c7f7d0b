"""The committed `ui_*.py` files are what `forms/compile_forms.py` makes of the current `.ui` files."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from lowres_desktop.paths import forms_dir

GENERATED_DIR = Path(__file__).resolve().parents[2] / "lowres_desktop" / "ui" / "forms"


def _compile_forms() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compile_forms", forms_dir() / "compile_forms.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _comparable(text: str, marker: str) -> list[str]:
    """Without the line where pyside6-uic stamps its own version."""
    return [line for line in text.splitlines() if not line.startswith(marker)]


def test_generated_forms_are_current(tmp_path: Path) -> None:
    compiler = _compile_forms()
    fresh = compiler.compile_all(tmp_path)
    assert {p.name for p in fresh} >= {"ui_about_dialog.py", "ui_error_dialog.py"}
    committed = {p.name for p in GENERATED_DIR.glob("ui_*.py")}
    assert committed == {p.name for p in fresh}, "stale or missing files: run forms/compile_forms.py"
    for path in fresh:
        expected = path.read_text(encoding="utf-8")
        actual = (GENERATED_DIR / path.name).read_text(encoding="utf-8")
        assert actual.startswith(f"# generated from forms/{path.name[3:-3]}.ui, do not edit\n")
        assert _comparable(actual, compiler.UIC_VERSION_MARKER) == _comparable(
            expected, compiler.UIC_VERSION_MARKER
        ), f"{path.name} is stale: run forms/compile_forms.py"


def test_about_dialog_composes_its_form(qtbot) -> None:
    from lowres_desktop import __version__
    from lowres_desktop.ui.dialogs.about_dialog import AboutDialog

    dialog = AboutDialog("/tmp/x.sqlite")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "О программе"
    assert dialog.ui.versionLabel.text() == f"Версия {__version__}"
    assert dialog.ui.databaseLabel.text() == "База данных: /tmp/x.sqlite"
