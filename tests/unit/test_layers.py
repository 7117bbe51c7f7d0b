"""The layer rules of the architecture notes, checked by importing modules in a clean interpreter.

Everything outside `ui/`, `app.py` and `__main__.py` must import without Qt, so the
CLI, the services and the tests below them never need a display. `domain/` is pure
Python: importing it may load nothing but the standard library and `domain` itself,
and must not open files. Modules are discovered from the package folder, so a new
module is covered without touching this test.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGE_DIR = REPO_ROOT / "lowres_desktop"

# Runs in a fresh interpreter: finds modules under a part of the package, imports them one
# by one and reports, for each module that appeared in sys.modules, which import pulled it in.
_PROBE = textwrap.dedent(
    """
    import importlib, json, sys, traceback
    from pathlib import Path

    subtree, excluded = sys.argv[1], set(sys.argv[2].split(",")) - {""}
    opened = []

    def _audit(event, args):
        # Imports read .py/.pyc files through the same event; anything else is a data file.
        if event == "open" and isinstance(args[0], (str, bytes)):
            name = str(args[0])
            if not name.endswith((".py", ".pyc", ".pth", ".so", ".zip", ".egg")):
                opened.append(name)

    baseline = set(sys.modules)
    import lowres_desktop

    package_dir = Path(lowres_desktop.__file__).resolve().parent
    root = package_dir / subtree if subtree else package_dir
    names = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(package_dir).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        name = ".".join(("lowres_desktop",) + parts)
        if "__pycache__" in parts or "_bundled" in parts:
            continue
        if any(name == e or name.startswith(e + ".") for e in excluded):
            continue
        names.append(name)

    sys.addaudithook(_audit)
    first_loader = {m: "lowres_desktop" for m in set(sys.modules) - baseline}
    errors = {}
    opened_by = {}
    for name in names:
        before = set(sys.modules)
        opened_before = len(opened)
        try:
            importlib.import_module(name)
        except BaseException:
            errors[name] = traceback.format_exc()
        for module in set(sys.modules) - before:
            first_loader.setdefault(module, name)
        for path in opened[opened_before:]:
            opened_by.setdefault(path, name)

    report = {
        "imported": names, "loaded_by": first_loader, "errors": errors, "opened_by": opened_by,
    }
    print(json.dumps(report))
    """
)


def _probe(subtree: str, excluded: list[str]) -> dict:
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE, subtree, ",".join(excluded)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    assert not report["errors"], "modules failed to import:\n" + "\n".join(
        f"{name}:\n{error}" for name, error in report["errors"].items()
    )
    return report


def _top_level(module: str) -> str:
    return module.partition(".")[0]


def _describe(offenders: dict[str, str]) -> str:
    """One entry per top-level package, naming the module whose import loaded it."""
    by_package: dict[str, str] = {}
    for module, loader in sorted(offenders.items()):
        by_package.setdefault(_top_level(module), loader)
    return ", ".join(f"{package} (loaded by {loader})" for package, loader in by_package.items())


def test_modules_outside_ui_import_without_qt() -> None:
    report = _probe("", ["lowres_desktop.ui", "lowres_desktop.app", "lowres_desktop.__main__"])
    imported = report["imported"]
    assert "lowres_desktop.cli" in imported, imported
    assert "lowres_desktop.domain" in imported, imported
    assert not any(m.startswith("lowres_desktop.ui") for m in imported)

    forbidden = {"PySide6", "shiboken6", "pyqtgraph"}
    offenders = {
        module: loader for module, loader in report["loaded_by"].items() if _top_level(module) in forbidden
    }
    assert not offenders, "Qt loaded outside ui/: " + _describe(offenders)


def test_domain_is_pure_python() -> None:
    report = _probe("domain", [])
    assert "lowres_desktop.domain" in report["imported"]

    loaded = report["loaded_by"]
    named = {"sqlalchemy", "openpyxl", "alembic", "reportlab", "docx", "PySide6", "pyqtgraph"}
    offenders = {m: by for m, by in loaded.items() if _top_level(m) in named}
    assert not offenders, "domain/ imports infrastructure: " + _describe(offenders)

    # Beyond the named ones: domain may load only the standard library and itself.
    own = {"lowres_desktop", "lowres_desktop.domain"}
    outside = {
        m: by
        for m, by in loaded.items()
        if not (
            _top_level(m) in sys.stdlib_module_names or m in own or m.startswith("lowres_desktop.domain.")
        )
    }
    assert not outside, "domain/ loads modules outside the standard library: " + _describe(outside)

    opened = report["opened_by"]
    assert not opened, "domain/ opens files when imported: " + ", ".join(
        f"{path} (by {by})" for path, by in sorted(opened.items())
    )


_ABOVE_DOCUMENTS = ("lowres_desktop.services", "lowres_desktop.storage", "lowres_desktop.ui")


def _imported_names(path: Path) -> list[tuple[int, str]]:
    """Every module an import statement of `path` names, wherever the statement stands.

    Statements under `if TYPE_CHECKING:` and inside functions count too: a type hint naming a
    services/ record still ties the documents to the layer above them. Relative imports are
    resolved against the module's package; `from lowres_desktop import services` names
    `lowres_desktop.services`.
    """
    package = ".".join(("lowres_desktop",) + path.relative_to(PACKAGE_DIR).parent.parts)
    named: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            named.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            named.append((node.lineno, module))
            named.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return named


def test_documents_and_wording_stand_below_services() -> None:
    """reports/ and wording/ are used by services/, so they may not load services/ or storage/,
    nor name them in any import statement (not even for type hints)."""
    for subtree in ("reports", "wording"):
        report = _probe(subtree, [])
        assert any(m.startswith(f"lowres_desktop.{subtree}.") for m in report["imported"])
        offenders = {m: by for m, by in report["loaded_by"].items() if m.startswith(_ABOVE_DOCUMENTS)}
        assert not offenders, f"{subtree}/ loads layers above it: " + ", ".join(
            f"{m} (by {by})" for m, by in sorted(offenders.items())
        )

        sources = sorted((PACKAGE_DIR / subtree).rglob("*.py"))
        assert sources, subtree
        named = [
            f"{path.relative_to(REPO_ROOT)}:{line} imports {module}"
            for path in sources
            for line, module in _imported_names(path)
            if any(module == above or module.startswith(above + ".") for above in _ABOVE_DOCUMENTS)
        ]
        assert not named, f"{subtree}/ names layers above it in imports: " + "; ".join(sorted(set(named)))
