"""The documents part of the `lowres` command: `report KIND --out FILE.pdf|FILE.docx`.

The basis is proposed from the data as in the window; `--type`, `--issuer`,
`--grounds`, `--points`, `--control` and `--executor` change it. Placeholder
requisites («И. О. Фамилия») are printed only after a warning on stderr.

Only argparse, the standard library and the list of document kinds at the
top (see cli_flag.py): the document builders are imported by `run`.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from lowres_desktop.cli_options import add_profile_options
from lowres_desktop.services.document_kinds import DocumentKind

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = commands.add_parser(
        "report", help="сформировать документ (приказ с приложениями) в PDF или DOCX"
    )
    report.add_argument(
        "kind",
        choices=[k.value for k in DocumentKind],
        metavar="KIND",
        help="вид документа: " + "; ".join(f"{k.value} – {k.title}" for k in DocumentKind),
    )
    report.add_argument("--out", type=Path, required=True, metavar="FILE", help="файл .pdf или .docx")
    report.add_argument("--year", type=int, help="год (по умолчанию последний год с результатами)")
    add_profile_options(report)
    report.add_argument("--school", metavar="LOGIN", help="логин школы (для паспорта школы)")
    report.add_argument(
        "--roadmap", type=int, metavar="ID", help="номер «дорожной карты» (lowres roadmap list)"
    )
    report.add_argument("--round", type=int, metavar="ID", help="номер мониторинга (lowres monitoring list)")
    report.add_argument("--date", type=_parse_date, metavar="ДД.ММ.ГГГГ", help="дата документа")
    report.add_argument("--number", default="", help="регистрационный номер документа")
    report.add_argument(
        "--points",
        type=Path,
        metavar="FILE",
        help="текст пунктов (UTF-8): пункт на строку, подпункт — строка с отступом",
    )
    report.add_argument(
        "--type",
        choices=["приказ", "распоряжение", "справка"],
        help="вид документа по ГОСТ (по умолчанию приказ, для паспорта и справки о динамике — справка)",
    )
    report.add_argument(
        "--issuer",
        action="append",
        metavar="СТРОКА",
        help="строка наименования на бланке (повторить для каждой строки; по умолчанию из реквизитов)",
    )
    report.add_argument("--grounds", metavar="ТЕКСТ", help="основание: «На основании приказа … от … № … «…»»")
    report.add_argument("--control", metavar="ТЕКСТ", help="последний пункт: контроль исполнения")
    report.add_argument("--executor", metavar="ТЕКСТ", help="исполнитель и телефон («Прасолова; 2274507»)")


def _parse_date(text: str) -> date:
    try:
        return datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"дата «{text}» не в виде ДД.ММ.ГГГГ") from error


def run(db: Database, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from dataclasses import replace

    from lowres_desktop.domain.errors import DomainError
    from lowres_desktop.services.documents import (
        DocumentRequest,
        DocumentType,
        build_document,
        parse_points,
        proposed_basis,
        save_document,
        split_control,
    )
    from lowres_desktop.services.requisites import load_requisites, placeholder_fields

    if args.out.suffix.lower() not in (".pdf", ".docx"):
        raise DomainError(f"Файл «{args.out}»: укажите расширение .pdf или .docx.")
    request = DocumentRequest(
        kind=DocumentKind(args.kind),
        year=args.year,
        profile=args.profile,
        threshold=args.threshold,
        issued=args.date,
        number=args.number,
        roadmap_id=args.roadmap,
        round_id=args.round,
        login=args.school,
    )
    basis = proposed_basis(db, request)
    if args.type:  # proposed again: the control point names the type («исполнения распоряжения»)
        chosen = replace(basis, doc_type=DocumentType(args.type.upper()))
        basis = proposed_basis(db, replace(request, basis=chosen))
    # Points the user did not give stay the builder's (it knows, say, that no school was flagged);
    # a points file is the whole list, its «Контроль …» line the control point.
    points, control = None, basis.control
    if args.points:
        points, control = split_control(parse_points(args.points.read_text(encoding="utf-8")))
    basis = replace(
        basis,
        points=points,
        issuer=tuple(args.issuer) if args.issuer else basis.issuer,
        grounds=args.grounds if args.grounds is not None else basis.grounds,
        control=args.control if args.control is not None else control,
        executor="\n".join(p.strip() for p in args.executor.split(";")) if args.executor else basis.executor,
    )
    missing = placeholder_fields(load_requisites(db))
    if missing:
        print(
            "Внимание: реквизиты организации не заданы (" + ", ".join(missing) + ") — в документе "
            "напечатаны заполнители. Задайте их: lowres requisites set …",
            file=err,
        )
    save_document(build_document(db, replace(request, basis=basis)), args.out)
    print(f"Документ записан: {args.out}", file=out)
    return 0
