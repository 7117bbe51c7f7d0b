"""The `lowres` command: the same services as the desktop app, for scripts and batch work.

Exit codes: 0 success, 1 a file rejected or another expected problem (the
message says what), 2 a usage error.

Start-up is kept short: this module and the `cli_*` modules it lists import
only argparse and the standard library at their top, so `lowres --help`
costs little more than the interpreter; a command's run function imports the
services it uses (SQLAlchemy, openpyxl, ReportLab…) when it runs.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from types import ModuleType
from typing import TextIO

from lowres_desktop import __version__
from lowres_desktop.russian_argparse import russian_parser

COMMAND_MODULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("import", "results", "template", "history", "undo"), "lowres_desktop.cli_import"),
    (("flag", "demo"), "lowres_desktop.cli_flag"),
    (("categories", "dynamics"), "lowres_desktop.cli_analysis"),
    (("profile",), "lowres_desktop.cli_profiles"),
    (("roadmap", "monitoring"), "lowres_desktop.cli_roadmaps"),
    (("report",), "lowres_desktop.cli_documents"),
    (("requisites",), "lowres_desktop.cli_requisites"),
    (("backup",), "lowres_desktop.cli_backup"),
)
"""Which module adds and runs which commands.

Each module has `add_parsers(commands)`, adding exactly these commands to the
subparsers, and `run(db, args, out, err) -> int`, called with the database
open for one of them (`args.command`); a DomainError it raises is shown as
the message and exit code 1. A module may also have
`before_database(args)`, called before the database machinery is loaded, to
start work that does not need it.
"""


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or given the arguments, of the module of the command they name.

    Building every command's parser imports every `cli_*` module and what their
    options need; `lowres flag` needs only its own. Help, a mistyped command or
    anything unusual before the command (see `_named_command`) gets all of them.
    """
    parser = russian_parser(
        "lowres",
        "Школы с низкими образовательными результатами: импорт и выявление.",
        f"lowres-desktop {__version__}",
    )
    parser.add_argument(
        "--db", metavar="PATH", help="файл базы данных (по умолчанию LOWRES_DB или файл в папке пользователя)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="КОМАНДА")
    named = None if argv is None else _named_command(argv)
    for names, module in COMMAND_MODULES:
        if named is None or named in names:
            import_module(module).add_parsers(commands)
    return parser


def _named_command(argv: Sequence[str]) -> str | None:
    """The command the arguments name, if they name one before any other option than `--db PATH`."""
    words = iter(argv)
    for word in words:
        if word.startswith("-"):
            option, joined, _value = word.partition("=")
            if len(option) < 3 or not "--db".startswith(option):  # argparse takes «--d» for «--db» too
                return None
            if not joined:
                next(words, None)
            continue
        return word if any(word in names for names, _module in COMMAND_MODULES) else None
    return None


def _command_module(command: str) -> ModuleType:
    return import_module(next(module for names, module in COMMAND_MODULES if command in names))


def _utf8_when_redirected(stream: TextIO) -> None:
    """A file or a pipe gets UTF-8 whatever the code page (cp1251 would turn «≥» into «?»).

    A console keeps its own encoding: Windows' console takes Unicode anyway.
    """
    if not hasattr(stream, "reconfigure"):
        return
    if stream.isatty():
        stream.reconfigure(errors="replace")
    else:
        stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    to_stdout = out is None
    out = out or sys.stdout
    err = err or sys.stderr
    for stream in (out, err):
        _utf8_when_redirected(stream)
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _parser(argv).parse_args(argv)
    if to_stdout and getattr(args, "format", None) == "csv" and not out.isatty():
        # Excel opens a CSV file as UTF-8 only when it starts with the byte-order mark.
        out.write("\ufeff")
    module = _command_module(args.command)
    if hasattr(module, "before_database"):  # e.g. reading the files to import meanwhile
        module.before_database(args)
    from lowres_desktop.domain.errors import DomainError
    from lowres_desktop.paths import chosen_database
    from lowres_desktop.services.database import open_database

    if hasattr(module, "run_without_database"):  # e.g. restoring a database that no longer opens
        _collect_from_now_on()
        try:
            return module.run_without_database(chosen_database(args.db), args, out, err)
        except DomainError as error:
            print(error.message, file=err)
            return 1
    try:
        db = open_database(args.db)
    except DomainError as error:
        print(error.message, file=err)
        return 1
    _collect_from_now_on()
    if db.shared_file_warning:
        print(db.shared_file_warning, file=err)
    try:
        return module.run(db, args, out, err)
    except DomainError as error:
        print(error.message, file=err)
        return 1
    finally:
        db.close()


def _collect_from_now_on() -> None:
    """Start the cyclic garbage collector that `run` held back, the program's modules set aside.

    Importing SQLAlchemy and defining the models allocates hundreds of
    thousands of objects, none of them garbage; with the collector on, it
    walks them again and again (a tenth of `lowres flag`). Frozen, they are
    left out of every later collection, which stays on for the command's own
    work. Nothing happens when the collector was not held back (`main` called
    from a test or another program).
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run() -> None:
    """The console-script entry: a closed pipe (`lowres flag … | head`) is not an error.

    The garbage collector stays off until the database is open (see `_collect_from_now_on`).
    """
    gc.disable()
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)


if __name__ == "__main__":
    run()
