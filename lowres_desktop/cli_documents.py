"""The documents part of the `lowres` command: `report KIND --out FILE.pdf|FILE.docx`.

Kept beside cli.py like the other parts: cli.py calls `add_report_parser`
when it builds its parser and `run_report` when it runs.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.rule import RuleParameters
from lowres_desktop.services.documents import DocumentKind, DocumentRequest, build_document, save_document
from lowres_desktop.storage.unit_of_work import Database


def add_report_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
    report.add_argument(
        "--threshold",
        type=float,
        default=RuleParameters().threshold,
        help="порог «низких результатов», %% (по умолчанию 30)",
    )
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


def run_report(db: Database, args: argparse.Namespace, out: TextIO) -> int | None:
    """Write the document; None when the command is not `report`."""
    if args.command != "report":
        return None
    if args.out.suffix.lower() not in (".pdf", ".docx"):
        raise DomainError(f"Файл «{args.out}»: укажите расширение .pdf или .docx.")
    points = args.points.read_text(encoding="utf-8") if args.points else None
    request = DocumentRequest(
        kind=DocumentKind(args.kind),
        year=args.year,
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
