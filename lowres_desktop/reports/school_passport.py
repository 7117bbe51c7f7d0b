"""Document 4: a school's passport for a meeting (an information note).

The school's data and profile, its categories over the years, the charts of
the school card (% «2» and % high results per procedure against the city's
mean, drawn as vector graphics from the same series the app shows), and the
progress of its roadmap by the latest monitoring round.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from lowres_desktop.reports.charts import chart_from_series
from lowres_desktop.reports.model import (
    Block,
    Cell,
    Chart,
    Document,
    DocumentType,
    HeaderCell,
    Paragraph,
    Requisites,
    Table,
)
from lowres_desktop.wording.morphology import GENITIVE, counted

if TYPE_CHECKING:
    from lowres_desktop.domain.chart_series import SchoolCharts


@dataclass(frozen=True)
class RoadmapLine:
    number: str
    text: str
    deadline: str
    status: str
    """The latest monitoring's word for this school, or «не проверялось»."""
    overdue: bool


@dataclass(frozen=True)
class PassportData:
    facts: list[tuple[str, str]]
    """(label, value) lines of the school's data: name, login, district, kind, mentor, problems."""
    categories: list[tuple[int, str]]
    """Year → the categories' words («ШНОР, УНОР»)."""
    charts: SchoolCharts
    roadmap_title: str | None
    roadmap_round: str | None
    roadmap_lines: list[RoadmapLine]
    rule: str = ""
    """The rule profile the categories were decided by, named as every list names it."""


def title(data: PassportData) -> str:
    return f"Паспорт общеобразовательной организации: {data.charts.school.full_name}"


def build(data: PassportData, requisites: Requisites, issued: date | None = None) -> Document:
    facts = Table(
        ((HeaderCell("Сведения"), HeaderCell("Значение")),),
        tuple((Cell(label, align="left"), Cell(value or "—", align="left")) for label, value in data.facts),
        (55, 115),
    )
    blocks: list[Block] = [Paragraph("1. Общие сведения", style="heading"), facts]
    blocks.append(Paragraph("2. Категории по годам", style="heading"))
    if data.rule:
        blocks.append(Paragraph(f"Категории определены по правилу: {data.rule}.", style="note"))
    if data.categories:
        blocks.append(Table(
            ((HeaderCell("Год"), HeaderCell("Категории")),),
            tuple((Cell(str(year)), Cell(words, align="left")) for year, words in data.categories),
            (25, 145),
        ))  # fmt: skip
    else:
        blocks.append(Paragraph("Результатов школы в базе нет."))
    blocks += [
        Paragraph("3. Результаты оценочных процедур", style="heading"),
        Paragraph("Сплошные линии – результаты школы, пунктирные – средние по муниципалитету.", style="note"),
        Chart(chart_from_series(data.charts.low, height_mm=95)),
        Chart(chart_from_series(data.charts.high, height_mm=95)),
        Paragraph("4. Выполнение «дорожной карты»", style="heading"),
    ]
    if data.roadmap_title is None:
        blocks.append(Paragraph("«Дорожная карта» школы в базе не найдена."))
    else:
        checked = f" по итогам мониторинга «{data.roadmap_round}»" if data.roadmap_round else ""
        blocks.append(Paragraph(f"«{data.roadmap_title}»{checked}:"))
        rows = tuple(
            (
                Cell(line.number),
                Cell(line.text, align="left"),
                Cell(line.deadline, align="left"),
                Cell(line.status + (", срок истёк" if line.overdue else ""), marked=line.overdue),
            )
            for line in data.roadmap_lines
        )
        blocks.append(Table(
            ((HeaderCell("№ п/п"), HeaderCell("Мероприятие"), HeaderCell("Срок"), HeaderCell("Состояние")),),
            rows,
            (12, 92, 33, 33),
        ))  # fmt: skip
        done = sum(1 for line in data.roadmap_lines if line.status == "выполнено")
        if data.roadmap_lines:
            blocks.append(Paragraph(
                f"Выполнено {done} из {counted(len(data.roadmap_lines), 'мероприятие', GENITIVE)}; "
                "заливкой выделены мероприятия с истёкшим сроком, не выполненные полностью.",
                style="note",
            ))  # fmt: skip
    return Document(
        requisites=requisites,
        doc_type=DocumentType.NOTE,
        title=title(data),
        preamble=tuple(blocks),
        points=(),
        issued=issued,
    )
