"""The `lowres roadmap …` and `lowres monitoring …` subcommands.

Only argparse and the standard library at the top (see cli_flag.py): the
roadmap services are imported by `run`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from lowres_desktop.cli_options import add_format_option, add_profile_options
from lowres_desktop.files.cells import CsvWriter

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    roadmap = commands.add_parser("roadmap", help="дорожные карты: список, шаблоны, экспорт и импорт Excel")
    actions = roadmap.add_subparsers(dest="roadmap_command", required=True, metavar="ДЕЙСТВИЕ")
    listing = actions.add_parser("list", help="дорожные карты в базе")
    add_format_option(listing, "table", "csv")
    actions.add_parser("templates", help="встроенные шаблоны (семена 001–003)")
    new = actions.add_parser("new", help="создать дорожную карту из шаблона")
    new.add_argument("--template", required=True, metavar="KEY", help="ключ шаблона (см. roadmap templates)")
    export = actions.add_parser("export", help="выгрузить дорожную карту в Excel")
    export.add_argument("id", type=int, metavar="ID", help="номер дорожной карты (см. roadmap list)")
    export.add_argument(
        "--out", type=Path, required=True, metavar="FILE.xlsx", help="книга Excel, куда выгрузить"
    )
    importing = actions.add_parser("import", help="загрузить дорожную карту из Excel")
    importing.add_argument("file", type=Path, metavar="FILE.xlsx", help="книга Excel (из roadmap export)")
    generate = actions.add_parser("generate", help="дорожные карты школ для всех выявленных школ года")
    generate.add_argument("--year", type=int, required=True, help="год выявления")
    generate.add_argument(
        "--template",
        metavar="KEY",
        help="ключ шаблона (см. roadmap templates; по умолчанию карта школы Новокузнецка 2020–2021)",
    )
    add_profile_options(generate)

    rounds = commands.add_parser("monitoring", help="мониторинги выполнения дорожных карт")
    round_actions = rounds.add_subparsers(dest="monitoring_command", required=True, metavar="ДЕЙСТВИЕ")
    round_actions.add_parser("list", help="мониторинги в базе")
    summary = round_actions.add_parser("summary", help="итоги мониторинга по мероприятиям")
    summary.add_argument("round", type=int, metavar="ROUND", help="номер мониторинга (см. monitoring list)")
    add_format_option(summary, "table", "csv")


def run(db: Database, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.command == "roadmap":
        return _run_roadmap(db, args, out)
    return _run_monitoring(db, args, out)


def _run_roadmap(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from lowres_desktop.services import roadmaps

    command = args.roadmap_command
    if command == "list":
        overviews = roadmaps.list_roadmaps(db)
        if args.format == "csv":
            writer = CsvWriter(out, lineterminator="\n")
            writer.writerow(
                ["id", "title", "level", "school", "period", "order", "items", "rounds", "overdue"]
            )
            for o in overviews:
                writer.writerow(
                    [
                        o.listing.id,
                        o.listing.title,
                        o.listing.level.value,
                        o.listing.school_login or "",
                        o.listing.period.text(),
                        roadmaps.order_text(o.listing.order),
                        o.listing.item_count,
                        o.rounds,
                        o.overdue,
                    ]
                )
        else:
            if not overviews:
                print("Дорожных карт нет: создайте из шаблона (lowres roadmap new --template KEY).", file=out)
            for o in overviews:
                school = f" — {o.listing.school_name}" if o.listing.school_name else ""
                print(f"{o.listing.id:>4}. {o.listing.title}{school}", file=out)
                print(
                    f"      {o.listing.period.text()}; {roadmaps.LEVEL_WORDS[o.listing.level]}; "
                    f"мероприятий {o.listing.item_count}, просрочено {o.overdue}, мониторингов {o.rounds}",
                    file=out,
                )
        return 0
    if command == "templates":
        from lowres_desktop.services.roadmap_templates import builtin_templates

        for built in builtin_templates():
            print(f"{built.key}\n      {built.name}; мероприятий {built.roadmap.item_count}", file=out)
        return 0
    if command == "new":
        roadmap_id = roadmaps.create_from_template(db, args.template)
        print(f"Создана дорожная карта {roadmap_id}.", file=out)
        return 0
    if command == "export":
        path = roadmaps.export_roadmap_xlsx(db, args.id, args.out)
        print(f"Дорожная карта {args.id} выгружена: {path}", file=out)
        return 0
    if command == "import":
        imported = roadmaps.import_roadmap_xlsx(db, args.file)
        print(
            f"Загружена дорожная карта {imported.id} «{imported.title}»: разделов {imported.sections}, "
            f"мероприятий {imported.items}, показателей {imported.indicators}.",
            file=out,
        )
        for warning in imported.warnings:
            print(f"  предупреждение: {warning}", file=out)
        return 0
    template = args.template or roadmaps.DEFAULT_SCHOOL_TEMPLATE
    from lowres_desktop.services.rule_profiles import chosen_profile
    from lowres_desktop.wording.analysis import profile_title

    profile = chosen_profile(db, args.profile, args.threshold)
    generated = roadmaps.generate_school_roadmaps(db, args.year, source_template=template, profile=profile)
    print(f"Школы выбраны по правилу: {profile_title(generated.profile)}.", file=out)
    print(
        f"Создано дорожных карт школ: {len(generated.created)}; уже были у {len(generated.skipped)} школ.",
        file=out,
    )
    return 0


def _run_monitoring(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from lowres_desktop.domain.monitoring import Status
    from lowres_desktop.services import monitoring
    from lowres_desktop.wording.common import format_percent

    if args.monitoring_command == "list":
        for listing in monitoring.list_rounds(db):
            r = listing.round
            print(
                f"{r.id:>4}. {r.name} — {listing.roadmap_title}\n"
                f"      школ {len(r.schools)}, мероприятий {len(r.item_ids)}, "
                f"заполнено {listing.recorded} из {listing.cells}",
                file=out,
            )
        return 0
    summary = monitoring.round_summary(db, args.round)
    if args.format == "csv":
        monitoring.write_summary_csv(summary, out)
        return 0
    print(f"{summary.name}: {summary.roadmap_title}", file=out)
    print(f"Заполнено {summary.recorded} из {summary.cells} ячеек.", file=out)
    for item in summary.items:
        print(f"{item.reference}. {item.text.splitlines()[0]}", file=out)
        for status in (Status.DONE, Status.PARTIAL, Status.NOT_DONE):
            if item.counts[status]:
                print(f"      {monitoring.share_sentence(item, status)}", file=out)
        if item.share_done_before is not None:
            print(
                f"      в прошлом мониторинге выполнено: {format_percent(item.share_done_before)}", file=out
            )
    return 0
