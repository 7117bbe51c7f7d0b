"""The documents part of the `lowres` command: `report KIND --out FILE.pdf|FILE.docx`.

Only argparse, the standard library and the list of document kinds at the
top (see cli_flag.py): the document builders are imported by `run`.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from lowres_desktop.cli_profiles import add_profile_options
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


def _parse_date(text: str) -> date:
    try:
        return datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"дата «{text}» не в виде ДД.ММ.ГГГГ") from error


def run(db: Database, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from lowres_desktop.domain.errors import DomainError
    from lowres_desktop.services.documents import DocumentRequest, build_document, save_document

    if args.out.suffix.lower() not in (".pdf", ".docx"):
        raise DomainError(f"Файл «{args.out}»: укажите расширение .pdf или .docx.")
    points = args.points.read_text(encoding="utf-8") if args.points else None
    request = DocumentRequest(
        kind=DocumentKind(args.kind),
        year=args.year,
        profile=args.profile,
        threshold=args.threshold,
        issued=args.date,
        number=args.number,
        points_text=points,
        roadmap_id=args.roadmap,
        round_id=args.round,
        login=args.school,
    )
    save_document(build_document(db, request), args.out)
    print(f"Документ записан: {args.out}", file=out)
    return 0
