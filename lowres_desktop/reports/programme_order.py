"""Document 6: the order approving a municipal programme, in the manner of seed 002.

The order approves the programme; appendix 1 is the programme itself: its
passport (name, grounds, developers, period, aim, tasks, expected results,
methods), «Актуальность программы» stating the identification of the schools
with low results (the rule, the procedures, the list), then the plan and the
target indicators; appendix 2 is the results table the identification rests
on («Приложение 1» of seed 002's programme).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from lowres_desktop.reports import low_results_order, roadmap_order
from lowres_desktop.reports.model import (
    Appendix,
    Block,
    Cell,
    Document,
    DocumentType,
    HeaderCell,
    Paragraph,
    Point,
    Requisites,
    Table,
)
from lowres_desktop.wording.common import format_percent

if TYPE_CHECKING:
    from lowres_desktop.domain.roadmaps import RoadmapDocument

AIM = (
    "Повышение качества общего образования в общеобразовательных организациях, имеющих низкие "
    "образовательные результаты"
)
LAW = "Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»"
METHODS = (
    "Количественный и качественный анализ результатов оценочных процедур (ВПР, ОГЭ, ЕГЭ) и ежегодных "
    "отчётов общеобразовательных организаций, мониторинг выполнения мероприятий программы"
)


def _expected(roadmap: RoadmapDocument, data: low_results_order.LowResultsData) -> str:
    targets = [
        f"{i.name} – {i.target_text or i.target_value}"
        for i in roadmap.indicators
        if i.target_text or i.target_value
    ]
    if targets:
        return "; ".join(targets)
    share = data.profile.categories.target_share
    return (
        "Снижение доли общеобразовательных организаций, имеющих низкие образовательные результаты, "
        f"от общего количества ОО муниципалитета до {format_percent(share)}"
    )


def passport(
    roadmap: RoadmapDocument, data: low_results_order.LowResultsData, requisites: Requisites
) -> Table:
    """Seed 002's passport: a row per heading, what the programme is, in two columns."""
    whole = roadmap_order.with_period(roadmap)
    tasks = "\n".join(f"{n}. {s.title}" for n, s in enumerate((s for s in roadmap.sections if s.title), 1))
    grounds = LAW + (f"; {roadmap.order_text}" if roadmap.order_text else "")
    sources = sorted({i.source for i in roadmap.indicators if i.source})
    years = "гг." if roadmap.period.first_year != roadmap.period.last_year else "г."
    rows = [
        ("Название программы", whole),
        ("Основания для разработки", grounds),
        ("Разработчики программы", " ".join(line.capitalize() for line in requisites.authority_lines[-1:])
         or "Орган управления образованием"),
        ("Сроки реализации", f"{roadmap.period.text()} {years}"),
        ("Цель", AIM),
        ("Задачи", tasks or AIM),
        ("Ожидаемые результаты", _expected(roadmap, data)),
        ("Методы сбора и обработки информации", METHODS + (f" ({', '.join(sources)})" if sources else "")),
    ]  # fmt: skip
    header = ((HeaderCell("Раздел паспорта"), HeaderCell("Содержание")),)
    body = tuple((Cell(name, align="left"), Cell(value, align="left")) for name, value in rows)
    return Table(header, body, (45, 125))


def proposed_points(roadmap: RoadmapDocument) -> tuple[Point, ...]:
    """Seed 002: approve the programme, take it into work, the control point."""
    approve, *rest = roadmap_order.proposed_points(roadmap)
    return (Point(approve.text.replace("(приложение)", "(приложение № 1)")), *rest)


def build(
    roadmap: RoadmapDocument,
    data: low_results_order.LowResultsData,
    requisites: Requisites,
    issued: date | None = None,
    number: str = "",
) -> Document:
    whole = roadmap_order.with_period(roadmap)
    relevance: list[Block] = [
        Paragraph("Актуальность программы", style="heading"),
        Paragraph(
            "Для выявления общеобразовательных организаций, имеющих низкие образовательные результаты, "
            f"{low_results_order.analysed(data)}."
        ),
        *low_results_order.analysis(data, "приложении № 2"),
    ]
    plan: list[Block] = [Paragraph("План мероприятий", style="heading"), *roadmap_order.plan_blocks(roadmap)]
    programme = Appendix(
        whole,
        (
            Paragraph("Паспорт программы", style="heading"),
            passport(roadmap, data, requisites),
            *relevance,
            *plan,
        ),
    )
    appendices = (programme, low_results_order.results_appendix(data)) if data.flagged else (programme,)
    return Document(
        requisites=requisites,
        doc_type=DocumentType.ORDER,
        title=roadmap_order.title(roadmap),
        preamble=(Paragraph(roadmap_order.reason(roadmap) + ","),),
        points=proposed_points(roadmap),
        appendices=appendices,
        issued=issued,
        number=number,
        directive_inline=True,
    )
