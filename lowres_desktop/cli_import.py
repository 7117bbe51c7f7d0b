"""The import and exchange part of the `lowres` command.

`import FILE… [--on-conflict replace|keep|fail] [--skip-unmatched]`,
`results [--year] [--school] [--format]`, `template --out FILE.xlsx`,
`history` and `undo BATCH`. Only argparse and the standard library at the
top (see cli_flag.py): the import machinery is imported by `run`.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from lowres_desktop.cli_options import add_format_option
from lowres_desktop.domain.merge import ConflictPolicy
from lowres_desktop.files.cells import CsvWriter

if TYPE_CHECKING:
    from lowres_desktop.importing.workbook_reader import WorkbookFile
    from lowres_desktop.services.import_workbook import ImportReport
    from lowres_desktop.storage.unit_of_work import Database


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    importing = commands.add_parser("import", help="импортировать книги Excel с результатами")
    importing.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        type=Path,
        help="книги .xlsx, .xls, .ods или файлы CSV; по очереди",
    )
    importing.add_argument(
        "--on-conflict",
        choices=[ConflictPolicy.REPLACE.value, ConflictPolicy.KEEP.value, ConflictPolicy.FAIL.value],
        default=ConflictPolicy.FAIL.value,
        help="если значения в файле расходятся с базой: заменить, оставить как в базе "
        "или отказаться от файла (по умолчанию fail)",
    )
    importing.add_argument(
        "--skip-unmatched",
        action="store_true",
        help="пропустить строки школ, чей код ОО (ГИА) не найден в базе, вместо отказа от файла",
    )
    results = commands.add_parser("results", help="вывести результаты из базы")
    results.add_argument("--year", type=int, help="только этот год")
    results.add_argument("--school", metavar="LOGIN", help="только эта школа (логин)")
    add_format_option(results, "table", "csv", "json")
    template = commands.add_parser("template", help="записать шаблон для ввода результатов (.xlsx)")
    template.add_argument(
        "--out", type=Path, required=True, metavar="FILE.xlsx", help="книга Excel, куда записать"
    )
    history = commands.add_parser("history", help="журнал импорта: пакеты, их файлы и счётчики")
    history.add_argument(
        "batch",
        type=int,
        nargs="?",
        metavar="BATCH",
        help="показать значения одного пакета: что было и что стало",
    )
    undo = commands.add_parser("undo", help="отменить пакет импорта, вернув заменённые им значения")
    undo.add_argument("batch", type=int, metavar="BATCH", help="номер пакета (lowres history)")


def before_database(args: argparse.Namespace) -> None:
    """Start reading the files to import while SQLAlchemy loads and the database opens."""
    if args.command == "import":
        from lowres_desktop.importing.read_ahead import ReadAhead

        args.read_ahead = ReadAhead(args.files)


def run(db: Database, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.command == "import":
        choices = ConflictPolicy(args.on_conflict), args.skip_unmatched
        return _run_import(db, args.files, *choices, out, err, args.read_ahead.result)
    if args.command == "results":
        return _run_results(db, args.year, args.school, args.format, out)
    if args.command == "template":
        from lowres_desktop.services.import_template import write_template

        path = write_template(db, args.out)
        print(f"Шаблон записан: {path}", file=out)
        return 0
    if args.command == "history":
        return _run_history(db, out) if args.batch is None else _run_batch_values(db, args.batch, out)
    from lowres_desktop.services.import_history import undo_batch

    report = undo_batch(db, args.batch)
    print(
        f"Пакет № {report.batch_id} («{report.file_name}») отменён: восстановлено результатов "
        f"{report.results_restored}, удалено добавленных {report.results_removed}, сравнений отметок "
        f"{report.comparisons_restored}, удалено новых школ {report.schools_removed}, "
        f"возвращено названий {report.schools_renamed_back}.",
        file=out,
    )
    return 0


def _print_import_report(report: ImportReport, out: TextIO) -> None:
    from lowres_desktop.importing.layouts import SHORT_TITLES

    layout = ", ".join(SHORT_TITLES.get(name, name) for name in report.layout.split(", ") if name)
    print(f"Файл «{report.file_name}» (лист «{report.sheet}», вид: {layout}):", file=out)
    if not report.changed_anything:
        when = (
            f" (уже импортирован {report.imported_before:%d.%m.%Y %H:%M})" if report.imported_before else ""
        )
        same = report.results_unchanged - report.results_kept
        print(f"  изменений нет{when}: результатов, совпадающих с базой, {same}.", file=out)
        if report.results_kept:
            print(f"  оставлено как в базе (расхождения): {report.results_kept}", file=out)
    else:
        print(
            f"  школ новых: {len(report.schools_new)}, переименованных: {len(report.schools_renamed)}",
            file=out,
        )
        print(
            f"  результатов новых: {report.results_new}, изменённых: {report.results_changed}, "
            f"без изменений: {report.results_unchanged}",
            file=out,
        )
        if report.results_kept:
            print(f"  оставлено как в базе (расхождения): {report.results_kept}", file=out)
        if report.comparisons_new or report.comparisons_changed:
            print(
                f"  сравнений отметок с журналом новых: {report.comparisons_new}, "
                f"изменённых: {report.comparisons_changed}",
                file=out,
            )
        for login, old, new in report.schools_renamed:
            print(f"  переименована {login}: «{old}» → «{new}»", file=out)
        if report.procedures_new:
            codes = ", ".join(p.code for p in report.procedures_new)
            print(f"  новые процедуры: {codes}", file=out)
        if report.batch_id is not None:
            print(f"  пакет № {report.batch_id} (отменить: lowres undo {report.batch_id})", file=out)
    for warning in report.warnings:
        print(f"  предупреждение: {warning}", file=out)


def _run_import(
    db: Database,
    files: Sequence[Path],
    on_conflict: ConflictPolicy,
    skip_unmatched: bool,
    out: TextIO,
    err: TextIO,
    read: Callable[[Path], WorkbookFile],
) -> int:
    from lowres_desktop.importing.layouts import LayoutNotFound
    from lowres_desktop.services.import_workbook import FileJob, ImportChoices, apply_all

    jobs = [
        FileJob(path, ImportChoices(on_conflict=on_conflict, skip_unmatched=skip_unmatched)) for path in files
    ]
    status = 0
    for outcome in apply_all(db, jobs, read=read):
        if outcome.report is not None:
            _print_import_report(outcome.report, out)
            continue
        status = 1
        print(outcome.rejection, file=err)
        if isinstance(outcome.error, LayoutNotFound):
            print(
                "Столбцы такого файла можно указать вручную в программе: Файл → Импорт результатов…; "
                "после этого файлы с тем же заголовком импортируются и здесь.",
                file=err,
            )
    return status


def _run_results(db: Database, year: int | None, login: str | None, fmt: str, out: TextIO) -> int:
    from lowres_desktop.services.results_table import RESULT_COLUMNS, stored_results
    from lowres_desktop.wording.common import format_number

    found = stored_results(db, year, login)
    rows = [(r.login, r.procedure.code, r.year, r.participants, r.pct_low, r.pct_high) for r in found.results]
    if fmt == "csv":
        writer = CsvWriter(out, lineterminator="\n")
        writer.writerow(RESULT_COLUMNS)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
    elif fmt == "json":
        json.dump(
            [dict(zip(RESULT_COLUMNS, row, strict=True)) for row in rows], out, ensure_ascii=False, indent=2
        )
        out.write("\n")
    else:
        print(
            f"{'Логин':<12} {'Процедура':<12} {'Год':>4} {'Участн.':>7} {'% «2»':>7} {'% выс.':>7}  Школа",
            file=out,
        )
        for login_, code, year_, participants, low, high in rows:
            print(
                f"{login_:<12} {code:<12} {year_:>4} {'' if participants is None else participants:>7} "
                f"{format_number(low):>7} {format_number(high):>7}  {found.names.get(login_, '')}",
                file=out,
            )
        print(f"Всего результатов: {len(rows)}", file=out)
    return 0


def _run_batch_values(db: Database, batch_id: int, out: TextIO) -> int:
    from lowres_desktop.services.import_history import batch_values

    values = batch_values(db, batch_id)
    print(f"Пакет № {batch_id}: значений {len(values)}", file=out)
    for value in values:
        where = " ".join(str(part) for part in (value.procedure, value.year) if part)
        print(
            f"  {value.login:<12} {value.what:<18} {where:<14} было: {value.was}  →  стало: {value.became}",
            file=out,
        )
    return 0


def _run_history(db: Database, out: TextIO) -> int:
    from lowres_desktop.importing.layouts import SHORT_TITLES
    from lowres_desktop.services.import_history import import_history

    batches = import_history(db)
    if not batches:
        print("Журнал импорта пуст.", file=out)
        return 0
    for batch in batches:
        state = f"отменён {batch.undone_at:%d.%m.%Y %H:%M}" if batch.undone_at else "действует"
        kind = "правка" if batch.kind == "manual" else SHORT_TITLES.get(batch.layout, batch.layout or "файл")
        print(
            f"№ {batch.id:<4} {batch.imported_at:%d.%m.%Y %H:%M}  {batch.os_user:<12} {state:<24} "
            f"{batch.file_name} [{kind}]",
            file=out,
        )
        print(
            f"       новых школ {batch.schools_new}, результатов новых {batch.results_new}, изменённых "
            f"{batch.results_changed}, без изменений {batch.results_unchanged}, "
            f"оставлено {batch.results_kept}, "
            f"сравнений {batch.comparisons_written}, предупреждений {len(batch.warnings)}"
            + (f"; SHA-256 {batch.sha256[:12]}…" if batch.sha256 else ""),
            file=out,
        )
    return 0
