"""`lowres` starts fast: building its parser imports none of the heavy libraries.

The commands' modules are listed in cli.COMMAND_MODULES; each adds its own
commands and imports the services only when a command runs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from importlib import import_module
from pathlib import Path

from lowres_desktop import cli
from lowres_desktop.cli import COMMAND_MODULES, _named_command

HEAVY = (
    "sqlalchemy",
    "alembic",
    "openpyxl",
    "reportlab",
    "docx",
    "PySide6",
    "lowres_desktop.services.database",
    "numpy",
)
UNUSED_BY_FLAG = (
    "lowres_desktop.storage.roadmap_repository",
    "lowres_desktop.storage.monitoring_repository",
    "lowres_desktop.storage.import_repository",
    "lowres_desktop.storage.documents_repository",
    "lowres_desktop.storage.models_roadmaps",
    "lowres_desktop.storage.models_import",
    "lowres_desktop.storage.models_documents",
    "lowres_desktop.storage.schema",
    "lowres_desktop.storage.school_records_repository",
    "lowres_desktop.storage.models_school_records",
    "lowres_desktop.storage.comparisons_repository",
    "lowres_desktop.storage.models_office",
    "lowres_desktop.services.categories",
)
OTHER_COMMANDS = ("lowres_desktop.cli_documents", "lowres_desktop.cli_roadmaps", "lowres_desktop.cli_import")
"""Modules of other commands: `lowres flag` builds only its own command's parser."""


def _printed_last(code: str) -> str:
    """The last line `code` prints, run in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1]


def _imported_after(code: str, also: tuple[str, ...] = ()) -> list[str]:
    """Which of the heavy libraries and `UNUSED_BY_FLAG` (and `also`) running `code` imports."""
    probe = (
        "import sys\n"
        f"{code}\n"
        f"print(__import__('json').dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}"
        f" or m in {HEAVY + UNUSED_BY_FLAG + also!r})))"
    )
    return json.loads(_printed_last(probe))


def test_help_and_every_commands_parser_import_no_heavy_library() -> None:
    code = (
        "from lowres_desktop import cli\n"
        "parser = cli._parser()\n"
        "for names, _module in cli.COMMAND_MODULES:\n"
        "    for name in names:\n"
        "        try:\n"
        "            parser.parse_args([name, '--help'])\n"
        "        except SystemExit:\n"
        "            pass\n"
    )
    assert _imported_after(code) == []


def test_the_parser_of_a_named_command_is_built_alone_and_every_command_otherwise() -> None:
    assert _named_command(["--db", "flag", "import", "book.xlsx"]) == "import"
    assert _named_command(["--d", "city.sqlite", "flag", "--year", "2019"]) == "flag"
    assert _named_command(["--db=city.sqlite", "history"]) == "history"
    for unusual in (
        ["--help", "flag"],
        ["-h"],
        ["--version"],
        ["flg"],
        [],
        ["--", "flag"],
        ["--dbx", "flag"],
    ):
        assert _named_command(unusual) is None, unusual
    listed = cli._parser(["--help"])._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(listed) == {name for names, _module in COMMAND_MODULES for name in names}
    alone = cli._parser(["--db", "x", "flag", "--year", "2019"])._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(alone) == {"flag", "demo"}


def test_each_module_adds_exactly_the_commands_the_table_gives_it() -> None:
    seen: list[str] = []
    for names, module in COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        commands = parser.add_subparsers(dest="command")
        import_module(module).add_parsers(commands)
        assert tuple(commands.choices) == names, module
        seen += names
    assert len(seen) == len(set(seen))


def test_flag_on_an_up_to_date_database_imports_no_alembic_openpyxl_or_reportlab(tmp_path: Path) -> None:
    db = tmp_path / "city.sqlite"
    code_demo = f"from lowres_desktop.cli import main\nmain(['--db', {str(db)!r}, 'demo'])"
    assert "sqlalchemy" in _imported_after(code_demo)
    code = f"from lowres_desktop.cli import main\nmain(['--db', {str(db)!r}, 'flag', '--year', '2019'])"
    imported = _imported_after(code, (*OTHER_COMMANDS, "lowres_desktop.files.cells"))
    assert "sqlalchemy" in imported
    assert "lowres_desktop.files.cells" not in imported  # the CSV writer, for `--format csv` only
    assert [m for m in imported if m.split(".")[0] in ("alembic", "openpyxl", "reportlab", "docx")] == []
    assert [m for m in imported if m in OTHER_COMMANDS] == []
    assert "sqlalchemy.dialects.sqlite" in imported
    assert [m for m in imported if m.startswith("sqlalchemy.dialects.postgresql")] == []
    # A unit of work imports an area's repositories, with their models, when first used: flag
    # uses none of these, nor the audit log's model (it writes nothing), nor the categories' views.
    assert [m for m in imported if m in UNUSED_BY_FLAG] == []


def test_the_command_line_collects_garbage_again_once_the_database_is_open(tmp_path: Path) -> None:
    """`run` holds the collector back while the libraries load; the command itself runs with it on,
    the start-up's objects frozen out of its collections."""
    db = tmp_path / "city.sqlite"
    code = (
        "import gc, io\n"
        "from lowres_desktop.cli import main\n"
        "gc.disable()\n"
        f"main(['--db', {str(db)!r}, 'history'], out=io.StringIO())\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 0)"
    )
    assert _printed_last(code) == "True True"


def test_importing_a_plain_workbook_reads_it_without_openpyxl_or_numpy(tmp_path: Path) -> None:
    """The region's workbook goes through python-calamine; openpyxl (which loads numpy) and xlrd are
    imported only for the files that need them, not for every import's start-up."""
    from tests.data.region_workbook import build_region

    workbook = build_region(tmp_path / "region.xlsx", 20)
    db = tmp_path / "region.sqlite"
    arguments = ["--db", str(db), "import", str(workbook)]
    code = f"from lowres_desktop.cli import main\nassert main({arguments!r}) == 0"
    unused = (
        "lowres_desktop.storage.schema",
        "lowres_desktop.storage.models_roadmaps",
        "lowres_desktop.domain.profiles",
        "lowres_desktop.storage.models_analysis",
        "lowres_desktop.storage.documents_repository",
        "lowres_desktop.storage.models_documents",
    )
    imported = _imported_after(code, ("xlrd", *unused))
    assert "sqlalchemy" in imported
    assert [m for m in imported if m.split(".")[0] in ("openpyxl", "numpy", "alembic", "reportlab")] == []
    assert "xlrd" not in imported  # the reader of .xls files
    # The new database gets its tables from storage.sqlite_schema, not from every model; reading
    # and writing mark comparisons needs no rule profiles (nor their models); a new database gets
    # no copy before the import, so the copies' limit (a setting) is not read.
    assert [m for m in imported if m in unused] == []
