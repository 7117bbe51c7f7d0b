"""Document 3: the order on the results of a monitoring round, in the manner of seeds 000 and 004.

The findings give, item by item, the share of schools at each status and
names them («в 40 % ОО — не выполнено (СОШ № 5, 11)»); the directives are
addressed to the named schools that did not (fully) carry out an item.
Appendix 1 is the table of shares, appendix 2 the grid school × item.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from lowres_desktop.domain.monitoring import Status
from lowres_desktop.reports.layout import GOST_LAYOUT, Layout
from lowres_desktop.reports.model import (
    SCHOOLS_NAMED,
    Appendix,
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
from lowres_desktop.wording.morphology import GENITIVE, title_in_case

if TYPE_CHECKING:
    from lowres_desktop.services.monitoring import ItemSummary, RoundSummary

STATUS_MARKS = {Status.DONE: "+", Status.PARTIAL: "±", Status.NOT_DONE: "–", Status.NOT_APPLICABLE: "н/п"}
_STATUS_PHRASES = {
    Status.DONE: "выполнено",
    Status.PARTIAL: "выполнено частично",
    Status.NOT_DONE: "не выполнено",
}


Phrase = Callable[[list[str]], str]
"""Names several schools at once («СОШ № 5, 11, ООШ № 38»): services/monitoring.py's schools_phrase."""


def _named(names: list[str], phrase: Phrase) -> str:
    return phrase(names) if len(names) <= SCHOOLS_NAMED else f"{len(names)} ОО – см. приложение № 2"


def _short(text: str) -> str:
    """An item's first line as a quotation: without a leading bullet or a closing full stop."""
    return text.strip().splitlines()[0].lstrip("-–• ").rstrip(".;: ")


def _instrumental(order_text: str) -> str:
    """«приказ от … № …» → «приказом от … № …», for «В соответствии с …»."""
    for word, form in (
        ("приказ", "приказом"),
        ("распоряжение", "распоряжением"),
        ("постановление", "постановлением"),
    ):
        if order_text.lower().startswith(word):
            return form + order_text[len(word) :]
    return order_text


def _basis(summary: RoundSummary) -> str:
    if summary.roadmap_order_text:
        approved = title_in_case(summary.roadmap_title, GENITIVE)
        return f"{_instrumental(summary.roadmap_order_text)} «Об утверждении {approved}»"
    return f"планом мероприятий «{summary.roadmap_title}»"


def _period(summary: RoundSummary) -> str:
    if summary.starts_on and summary.ends_on:
        return f"с {summary.starts_on:%d.%m.%Y} по {summary.ends_on:%d.%m.%Y}"
    return summary.period_text


def title(summary: RoundSummary) -> str:
    return f"Об итогах мониторинга выполнения {title_in_case(summary.roadmap_title, GENITIVE)}"


def finding(item: ItemSummary, phrase: Phrase) -> str:
    parts = []
    for status in (Status.DONE, Status.PARTIAL, Status.NOT_DONE):
        if not item.counts[status]:
            continue
        names = _named([s.short_name for s in item.schools[status]], phrase)
        parts.append(f"{_STATUS_PHRASES[status]} в {format_percent(item.shares[status])} ОО ({names})")
    if not parts:
        parts.append("сведения не внесены")
    text = f"{item.reference}. «{_short(item.text)}»: " + "; ".join(parts)
    if item.share_done_before is not None:
        text += f" (в предыдущем мониторинге выполнено в {format_percent(item.share_done_before)} ОО)"
    return text + "."


def proposed_points(summary: RoundSummary) -> tuple[Point, ...]:
    subpoints = []
    for directive in summary.directives:
        if not directive.gaps:
            continue
        gaps = "; ".join(f"п. {gap.reference} «{_short(gap.text)}»" for gap in directive.gaps)
        subpoints.append(f"{directive.school.full_name} – обеспечить выполнение мероприятий: {gaps}.")
    points = []
    if subpoints:
        points.append(
            Point("Руководителям общеобразовательных организаций в срок до ____________:", tuple(subpoints))
        )
    points += [
        Point("Муниципальным методическим службам оказать адресную методическую помощь общеобразовательным "
              "организациям, не выполнившим мероприятия в полном объёме."),
        Point("Отделу общего образования провести повторный мониторинг выполнения мероприятий "
              "в следующем полугодии."),
        Point("Контроль исполнения приказа оставляю за собой."),
    ]  # fmt: skip
    return tuple(points)


def shares_table(summary: RoundSummary, phrase: Phrase) -> Table:
    rows = []
    for item in summary.items:
        rows.append((
            Cell(item.reference),
            Cell(item.text, align="left"),
            *(Cell(format_percent(item.shares[s]) if item.counts[s] else "—") for s in
              (Status.DONE, Status.PARTIAL, Status.NOT_DONE)),
            Cell(_named([s.short_name for s in item.schools[Status.NOT_DONE] + item.schools[Status.PARTIAL]],
                        phrase), align="left"),
        ))  # fmt: skip
    header = (
        (HeaderCell("№ п/п", rows=2), HeaderCell("Мероприятие", rows=2), HeaderCell("Доля ОО", span=3),
         HeaderCell("ОО, не выполнившие полностью", rows=2)),
        (HeaderCell("выполнено"), HeaderCell("частично"), HeaderCell("не выполнено")),
    )  # fmt: skip
    return Table(header, tuple(rows), (12, 80, 20, 20, 20, 48))


def grid_tables(summary: RoundSummary, layout: Layout = GOST_LAYOUT) -> list[Table]:
    """School × item statuses, split by items so each part fits a landscape page."""
    status_of: dict[tuple[str, int], Status] = {}
    for item in summary.items:
        for status, schools in item.schools.items():
            for school in schools:
                status_of[(school.login, item.item_id)] = status
    name_widths = (8.0, 45.0)
    column = 7.0
    per_table = max(1, int((layout.landscape_width_mm - sum(name_widths)) // column))
    chunks = [summary.items[i : i + per_table] for i in range(0, len(summary.items), per_table)]
    tables = []
    for number, chunk in enumerate(chunks, start=1):
        header = (
            (HeaderCell("№", rows=2), HeaderCell("Общеобразовательная организация", rows=2),
             HeaderCell("Пункты плана", span=len(chunk))),
            tuple(HeaderCell(item.reference) for item in chunk),
        )  # fmt: skip
        rows = []
        for index, school in enumerate(summary.schools, start=1):
            row = [Cell(str(index)), Cell(school.short_name, align="left")]
            for item in chunk:
                status = status_of.get((school.login, item.item_id))
                row.append(Cell(STATUS_MARKS[status] if status else "", marked=status == Status.NOT_DONE))
            rows.append(tuple(row))
        caption = f"Часть {number}" if len(chunks) > 1 else ""
        tables.append(Table(header, tuple(rows), (*name_widths, *[column] * len(chunk)), small=True,
                            caption=caption))  # fmt: skip
    return tables


def build(
    summary: RoundSummary,
    phrase: Phrase,
    requisites: Requisites,
    issued: date | None = None,
    number: str = "",
    points: tuple[Point, ...] | None = None,
) -> Document:
    names = [s.short_name for s in summary.schools]
    schools = (
        f": {phrase(names)}"
        if len(names) <= SCHOOLS_NAMED
        else ", перечень которых приведён в приложении № 2"
    )
    preamble = [
        Paragraph(
            f"В соответствии с {_basis(summary)} {_period(summary)} проведён мониторинг выполнения "
            f"плана мероприятий в {len(summary.schools)} "
            f"общеобразовательных организациях (далее – ОО){schools}."
        ),
        Paragraph("По результатам мониторинга выявлено следующее:"),
        *(Paragraph(finding(item, phrase)) for item in summary.items),
    ]
    if summary.recorded < summary.cells:
        preamble.append(Paragraph(
            f"Сведения внесены по {summary.recorded} из {summary.cells} позиций мониторинга; "
            "по остальным позициям результаты не представлены."
        ))  # fmt: skip
    preamble.append(Paragraph("Итоги мониторинга по мероприятиям и по ОО представлены в приложениях № 1 и 2. "
                              "На основании вышеизложенного"))  # fmt: skip
    note = Paragraph("«+» – выполнено, «±» – выполнено частично, «–» – не выполнено (выделено заливкой), "
                     "«н/п» – не применимо, пустая клетка – сведения не внесены.", style="note")  # fmt: skip
    appendices = (
        Appendix("Итоги мониторинга по мероприятиям плана", (shares_table(summary, phrase),), landscape=True),
        Appendix("Итоги мониторинга по общеобразовательным организациям", (*grid_tables(summary), note),
                 landscape=True),
    )  # fmt: skip
    return Document(
        requisites=requisites,
        doc_type=DocumentType.ORDER,
        title=title(summary),
        preamble=tuple(preamble),
        points=points if points is not None else proposed_points(summary),
        appendices=appendices,
        issued=issued,
        number=number,
        directive_inline=True,
    )
