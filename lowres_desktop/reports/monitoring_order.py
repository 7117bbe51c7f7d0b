"""Document 3: the order on the results of a monitoring round, in the manner of seeds 000 and 004.

The findings give, item by item, the share of schools at each status and
name them («выполнено частично в 40 % ОО (СОШ № 5, 11)»); the directives are
grouped by action as seed 004 groups them: one sub-point per measure not
carried out, naming the schools that owe it («… – СОШ № 5, 11, ООШ № 66»).
However many schools and measures, the body stays a few pages: a region's
lists go to the appendices. Appendix 1 is the table of shares, appendix 2 the
grid school × item, appendix 3 what was found as recorded per cell.
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
from lowres_desktop.wording.common import format_percent, item_heading
from lowres_desktop.wording.morphology import GENITIVE, counted, title_in_case

if TYPE_CHECKING:
    from lowres_desktop.domain.monitoring import ItemSummary, RoundSummary

STATUS_MARKS = {Status.DONE: "+", Status.PARTIAL: "±", Status.NOT_DONE: "–", Status.NOT_APPLICABLE: "н/п"}
_STATUS_PHRASES = {
    Status.DONE: "выполнено",
    Status.PARTIAL: "выполнено частично",
    Status.NOT_DONE: "не выполнено",
}


Phrase = Callable[[list[str]], str]
"""Names several schools at once («СОШ № 5, 11, ООШ № 38»): services/monitoring.py's schools_phrase."""


GRID_SCHOOLS = 200
"""Schools up to which appendix 2 is the grid school × measure; a region's grid ran to 60 pages of
marks, and its appendix 2 lists, measure by measure, the schools that still owe it instead."""
FINDINGS_IN_BODY = 15
"""Measures the body reports one by one; of more it gives the weakest and refers to appendix 1."""
WEAKEST = 5
QUOTE_CHARS = 120
"""A measure quoted in the body is cut to this length (at a word): its full text is in appendix 1."""


def _named(names: list[str], phrase: Phrase) -> str:
    return phrase(names) if len(names) <= SCHOOLS_NAMED else f"{len(names)} ОО – см. приложение № 2"


def _short(text: str) -> str:
    """An item's first line as a quotation: without a leading bullet or a closing full stop, cut short."""
    line = item_heading(text).rstrip(".;: ")
    if len(line) <= QUOTE_CHARS:
        return line
    return line[:QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


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


def _done_share(item: ItemSummary) -> float:
    return item.shares[Status.DONE] or 0.0


def findings(summary: RoundSummary, phrase: Phrase) -> list[Paragraph]:
    """Item by item for a few measures; for many, the overall picture and the weakest measures."""
    if len(summary.items) <= FINDINGS_IN_BODY:
        return [Paragraph(finding(item, phrase)) for item in summary.items]
    complete = sum(1 for item in summary.items if item.counts[Status.DONE] and _done_share(item) >= 100.0)
    weakest = sorted(summary.items, key=_done_share)[:WEAKEST]
    measures = counted(len(summary.items), "мероприятие", GENITIVE)
    return [
        Paragraph(
            f"Из {measures} плана всеми ОО выполнено {complete}. Ниже всего доля ОО, "
            "выполнивших мероприятие, по следующим мероприятиям:"
        ),
        *(Paragraph(finding(item, phrase)) for item in weakest),
        Paragraph("Итоги по каждому мероприятию приведены в приложении № 1."),
    ]


def directives(summary: RoundSummary, phrase: Phrase) -> tuple[str, ...]:
    """Seed 004's sub-points: one per measure some schools did not carry out, naming those schools."""
    lines = []
    for item in summary.items:
        owing = item.schools[Status.NOT_DONE] + item.schools[Status.PARTIAL]
        if not owing:
            continue
        names = [s.short_name for s in owing]
        schools = (
            phrase(names)
            if len(names) <= SCHOOLS_NAMED
            else f"{len(names)}\u00a0ОО (перечень – в приложении № 2)"
        )
        measure = f"п. {item.reference} «{_short(item.text)}»"
        lines.append(f"Обеспечить выполнение мероприятия {measure} – {schools}.")
    return tuple(lines)


def proposed_points(summary: RoundSummary, phrase: Phrase) -> tuple[Point, ...]:
    owed = directives(summary, phrase)
    points = []
    if owed:
        points.append(Point("Руководителям общеобразовательных организаций в срок до ____________:", owed))
    points += [
        Point("Муниципальным методическим службам оказать адресную методическую помощь общеобразовательным "
              "организациям, не выполнившим мероприятия в полном объёме."),
        Point("Отделу общего образования провести повторный мониторинг выполнения мероприятий "
              "в следующем полугодии."),
        Point("Контроль исполнения приказа оставляю за собой."),
    ]  # fmt: skip
    return tuple(points)


def owing_table(summary: RoundSummary, phrase: Phrase) -> Table:
    """Measure by measure, every school that did not (fully) carry it out: what the directives cite."""
    rows = []
    for item in summary.items:
        for status in (Status.NOT_DONE, Status.PARTIAL):
            schools = item.schools[status]
            if schools:
                rows.append((
                    Cell(item.reference),
                    Cell(_short(item.text), align="left"),
                    Cell(_STATUS_PHRASES[status], align="left"),
                    Cell(str(len(schools))),
                    Cell(phrase([s.short_name for s in schools]), align="left"),
                ))  # fmt: skip
    header = ((HeaderCell("Пункт плана"), HeaderCell("Мероприятие"), HeaderCell("Итог"),
               HeaderCell("Число ОО"), HeaderCell("Общеобразовательные организации")),)  # fmt: skip
    return Table(header, tuple(rows), (14, 70, 26, 14, 140))


def findings_table(summary: RoundSummary) -> Table | None:
    """What was found in each school, as recorded per cell: seed 004's «В МАОУ СОШ № 5 имеется …»."""
    status_of: dict[tuple[str, int], Status] = {}
    for item in summary.items:
        for status, schools in item.schools.items():
            for school in schools:
                status_of[(school.login, item.item_id)] = status
    references = {item.item_id: item.reference for item in summary.items}
    rows = []
    for school in summary.schools:
        for item in summary.items:
            comment = summary.comments.get((school.login, item.item_id))
            if not comment:
                continue
            status = status_of.get((school.login, item.item_id))
            rows.append((
                Cell(str(len(rows) + 1)),
                Cell(school.short_name, align="left"),
                Cell(references[item.item_id]),
                Cell(_STATUS_PHRASES.get(status, "не применимо") if status else "не внесено", align="left"),
                Cell(comment, align="left"),
            ))  # fmt: skip
    if not rows:
        return None
    header = ((HeaderCell("№ п/п"), HeaderCell("ОО"), HeaderCell("Пункт плана"), HeaderCell("Итог"),
               HeaderCell("Что установлено при мониторинге")),)  # fmt: skip
    return Table(header, tuple(rows), (10, 45, 14, 34, 140))


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
        *findings(summary, phrase),
    ]
    if summary.recorded < summary.cells:
        preamble.append(Paragraph(
            f"Сведения внесены по {summary.recorded} из {counted(summary.cells, 'позиция', GENITIVE)} "
            "мониторинга; по остальным позициям результаты не представлены."
        ))  # fmt: skip
    note = Paragraph("«+» – выполнено, «±» – выполнено частично, «–» – не выполнено (выделено заливкой), "
                     "«н/п» – не применимо, пустая клетка – сведения не внесены.", style="note")  # fmt: skip
    if len(summary.schools) <= GRID_SCHOOLS:
        by_school = Appendix("Итоги мониторинга по общеобразовательным организациям",
                             (*grid_tables(summary), note), landscape=True)  # fmt: skip
    else:
        by_school = Appendix("Общеобразовательные организации, не выполнившие мероприятия в полном объёме",
                             (owing_table(summary, phrase),), landscape=True)  # fmt: skip
    appendices = [
        Appendix("Итоги мониторинга по мероприятиям плана", (shares_table(summary, phrase),), landscape=True),
        by_school,
    ]
    found = findings_table(summary)
    if found is not None:
        title_text = "Результаты мониторинга: что установлено в общеобразовательных организациях"
        appendices.append(Appendix(title_text, (found,), landscape=True))
    numbers = ", ".join(str(n) for n in range(1, len(appendices))) + f" и {len(appendices)}"
    preamble.append(Paragraph(f"Итоги мониторинга представлены в приложениях № {numbers}."))
    return Document(
        requisites=requisites,
        doc_type=DocumentType.ORDER,
        title=title(summary),
        preamble=tuple(preamble),
        points=points if points is not None else proposed_points(summary, phrase),
        appendices=tuple(appendices),
        issued=issued,
        number=number,
        directive_inline=True,
        directive_lead="На основании вышеизложенного",
    )
