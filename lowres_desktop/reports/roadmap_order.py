"""Document 2: the order approving a roadmap, in the manner of seeds 001 and 003.

The order approves the plan; the appendix holds the plan itself (№, measure,
deadline, executors, with its sections as full-width rows) and the target
indicators with the latest value reached.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

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
from lowres_desktop.wording.common import format_number
from lowres_desktop.wording.morphology import ACCUSATIVE, GENITIVE, short_name, title_in_case

if TYPE_CHECKING:
    from lowres_desktop.domain.roadmaps import RoadmapDocument


def with_period(roadmap: RoadmapDocument) -> str:
    period = roadmap.period.text()
    if str(roadmap.period.first_year) in roadmap.title and str(roadmap.period.last_year) in roadmap.title:
        return roadmap.title
    suffix = "год" if roadmap.period.first_year == roadmap.period.last_year else "годы"
    return f"{roadmap.title} на {period} {suffix}"


def title(roadmap: RoadmapDocument) -> str:
    return f"Об утверждении {title_in_case(with_period(roadmap), GENITIVE)}"


def proposed_points(roadmap: RoadmapDocument) -> tuple[Point, ...]:
    """«Утвердить План мероприятий («дорожную карту») … (далее – План)», then what each does with it."""
    whole = with_period(roadmap)
    short = short_name(whole)
    approve = Point(
        f"Утвердить {title_in_case(whole, ACCUSATIVE)} (далее – {short.nominative}) (приложение)."
    )
    if roadmap.school_name:
        return (
            approve,
            Point(
                f"Руководителю {roadmap.school_name} обеспечить выполнение мероприятий {short.genitive} "
                "в установленные сроки."
            ),
            Point(
                f"Отделу общего образования осуществлять мониторинг выполнения {short.genitive} не реже "
                "1 раза в полугодие."
            ),
            Point("Контроль исполнения приказа оставляю за собой."),
        )
    return (
        approve,
        Point(
            "Отделу общего образования осуществлять координацию деятельности образовательных организаций "
            f"по реализации мероприятий {short.genitive}."
        ),
        Point(
            f"Рекомендовать муниципальным методическим службам обеспечить исполнение мероприятий "
            f"{short.genitive} в соответствии с компетенциями и полномочиями."
        ),
        Point(
            "Руководителям общеобразовательных организаций своевременно и качественно исполнять мероприятия "
            f"{short.genitive}, отнесённые к компетенции образовательной организации."
        ),
        Point("Контроль исполнения приказа оставляю за собой."),
    )


def plan_table(roadmap: RoadmapDocument) -> Table:
    rows: list[tuple[Cell, ...]] = []
    sections: set[int] = set()
    for section in roadmap.sections:
        if section.title:
            sections.add(len(rows))
            rows.append((Cell(f"{section.number}. {section.title}"),))
        for item in section.items:
            text = item.text
            if item.schools:
                text += f" ({', '.join(item.schools)})"
            rows.append((
                Cell(item.number),
                Cell(text, align="left"),
                Cell(item.deadline, align="left"),
                Cell(item.executors_text, align="left"),
            ))  # fmt: skip
    header = ((HeaderCell("№ п/п"), HeaderCell("Мероприятия"), HeaderCell("Сроки исполнения"),
               HeaderCell("Ответственные исполнители")),)  # fmt: skip
    return Table(header, tuple(rows), (10, 85, 30, 45), frozenset(sections))


def indicators_table(roadmap: RoadmapDocument) -> Table:
    years = [i.latest_year for i in roadmap.indicators if i.latest_year]
    reached_title = f"Достигнуто ({max(years)} г.)" if years else "Достигнуто"
    rows = []
    for indicator in roadmap.indicators:
        target = indicator.target_text or format_number(indicator.target_value)
        if indicator.target_year and str(indicator.target_year) not in target:
            target += f" к {indicator.target_year} г."
        latest = "—" if indicator.latest_value is None else format_number(indicator.latest_value)
        if (
            indicator.latest_year
            and indicator.latest_value is not None
            and years
            and indicator.latest_year != max(years)
        ):
            latest += f" ({indicator.latest_year} г.)"
        rows.append((
            Cell(str(indicator.number)),
            Cell(indicator.name, align="left"),
            Cell(indicator.source, align="left"),
            Cell(target + (f", {indicator.unit}" if indicator.unit and indicator.unit not in target else "")),
            Cell(latest, marked=indicator.reached is False),
        ))  # fmt: skip
    header = ((HeaderCell("№ п/п"), HeaderCell("Показатель"), HeaderCell("Источник данных"),
               HeaderCell("Целевое значение"), HeaderCell(reached_title)),)  # fmt: skip
    return Table(header, tuple(rows), (10, 72, 40, 26, 22))


def reason(roadmap: RoadmapDocument) -> str:
    """The opening sentence, to the comma before «ПРИКАЗЫВАЮ:» (the grounds may precede it)."""
    if roadmap.school_name:
        return (
            f"В целях повышения качества образования в {roadmap.school_name}, показывающей низкие "
            "образовательные результаты, и в соответствии с муниципальной программой поддержки школ "
            "с низкими образовательными результатами"
        )
    return (
        "В целях обеспечения системной работы по повышению качества образования в общеобразовательных "
        "организациях, показывающих низкие образовательные результаты, координации действий отделов "
        "образования, образовательных организаций и муниципальных методических служб"
    )


def plan_blocks(roadmap: RoadmapDocument) -> list[Block]:
    """The plan's table, then the target indicators with the values reached."""
    blocks: list[Block] = [plan_table(roadmap)]
    if roadmap.indicators:
        blocks += [Paragraph("Целевые показатели", style="heading"), indicators_table(roadmap)]
        if any(i.reached is False for i in roadmap.indicators):
            blocks.append(Paragraph("Заливкой выделены значения, не достигшие целевых.", style="note"))
    return blocks


def build(
    roadmap: RoadmapDocument,
    requisites: Requisites,
    issued: date | None = None,
    number: str = "",
    points: tuple[Point, ...] | None = None,
) -> Document:
    whole = with_period(roadmap)
    return Document(
        requisites=requisites,
        doc_type=DocumentType.ORDER,
        title=title(roadmap),
        preamble=(Paragraph(reason(roadmap) + ","),),
        points=points if points is not None else proposed_points(roadmap),
        appendices=(Appendix(whole, tuple(plan_blocks(roadmap))),),
        issued=issued,
        number=number,
        directive_inline=True,
    )
