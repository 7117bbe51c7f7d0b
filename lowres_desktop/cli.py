"""The `lowres` command: the same services as the desktop app, for scripts and batch work.

Exit codes: 0 success, 1 a file rejected or another expected problem (the
message says what), 2 a usage error.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from lowres_desktop import __version__
from lowres_desktop.cli_analysis import add_analysis_parsers, run_analysis
from lowres_desktop.cli_documents import add_report_parser, run_report
from lowres_desktop.cli_import import add_import_options, add_import_parsers, run_import_commands
from lowres_desktop.cli_roadmaps import add_roadmap_parsers, run_roadmaps
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.rule import RuleParameters
from lowres_desktop.services.database import open_database
from lowres_desktop.services.demo_data import fill_demo_data
from lowres_desktop.services.identify_schools import Identification, identify_schools
from lowres_desktop.wording.common import (
    criteria_text,
    format_percent,
    plural,
    reason_text,
    rule_text,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lowres",
        description="Школы с низкими образовательными результатами: импорт и выявление.",
    )
    parser.add_argument("--version", action="version", version=f"lowres-desktop {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="файл базы данных (по умолчанию LOWRES_DB или файл в папке пользователя)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="КОМАНДА")
    importing = commands.add_parser("import", help="импортировать книги Excel с результатами")
    importing.add_argument("files", nargs="+", metavar="FILE", type=Path)
    add_import_options(importing)
    flag = commands.add_parser("flag", help="выявить школы с низкими результатами")
    flag.add_argument("--year", type=int, required=True, help="последний год учитываемых результатов")
    flag.add_argument("--format", choices=["table", "csv", "json"], default="table")
    flag.add_argument(
        "--threshold",
        type=float,
        help="порог «низких результатов», %% (по умолчанию 30 или порог профиля)",
    )
    commands.add_parser("demo", help="заполнить пустую базу демонстрационными данными")
    add_analysis_parsers(commands, flag)
    add_roadmap_parsers(commands)
    add_report_parser(commands)
    add_import_parsers(commands)
    return parser


def _print_flagged(found: Identification, fmt: str, out: TextIO) -> None:
    rows = [
        (
            f.school.login,
            f.school.full_name,
            f.school.district or "",
            criteria_text(f.verdict, found.params),
            "; ".join(reason_text(r) for r in f.verdict.reasons),
        )
        for f in found.flagged
    ]
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["login", "name", "district", "criteria", "reasons"])
        writer.writerows(rows)
    elif fmt == "json":
        payload = {
            "year": found.year,
            "threshold": found.params.threshold,
            "schools_total": found.schools_total,
            "flagged": [
                {
                    "login": f.school.login,
                    "name": f.school.full_name,
                    "district": f.school.district,
                    "criteria": sorted(c.value for c in f.verdict.criteria),
                    "reasons": [
                        {
                            "procedure": r.procedure.code,
                            "year": r.year,
                            "value": r.value,
                            "threshold": r.threshold,
                            "text": reason_text(r),
                        }
                        for r in f.verdict.reasons
                    ],
                }
                for f in found.flagged
            ],
        }
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        print(rule_text(found.params, found.year), file=out)
        count = len(found.flagged)
        print(
            f"Выявлено {count} {plural(count, 'школа', 'школы', 'школ')} из {found.schools_total} "
            f"({format_percent(found.share)}).",
            file=out,
        )
        for number, (login, name, district, criteria, _reasons) in enumerate(rows, start=1):
            print(f"{number:>3}. {login:<12} {name} — {district}", file=out)
            print(f"     {criteria}", file=out)
            for reason in found.flagged[number - 1].verdict.reasons:
                print(f"       · {reason_text(reason)}", file=out)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    for stream in (out, err):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = _parser().parse_args(argv)
    try:
        db = open_database(args.db)
    except DomainError as error:
        print(error.message, file=err)
        return 1
    try:
        handled = run_import_commands(db, args, out, err)
        if handled is not None:
            return handled
        if args.command == "report":
            return run_report(db, args, out)
        handled = run_roadmaps(db, args, out)
        if handled is None:
            handled = run_analysis(db, args, out)
        if handled is not None:
            return handled
        if args.command == "flag":
            threshold = RuleParameters().threshold if args.threshold is None else args.threshold
            found = identify_schools(db, args.year, RuleParameters(threshold=threshold))
            if found.schools_total == 0:
                print("В базе нет школ: сначала импортируйте результаты (lowres import FILE).", file=err)
            _print_flagged(found, args.format, out)
            return 0
        summary = fill_demo_data(db)
        print(
            f"Демонстрационные данные записаны: {summary.schools} школ, "
            f"{summary.results} результатов за {summary.first_year}–{summary.last_year} гг. "
            f"База: {db.target}",
            file=out,
        )
        return 0
    except DomainError as error:
        print(error.message, file=err)
        return 1
    finally:
        db.close()


def run() -> None:
    """The console-script entry: a closed pipe (`lowres flag … | head`) is not an error."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)


if __name__ == "__main__":
    run()
