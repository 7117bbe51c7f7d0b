"""Document 5: the dynamics report for a meeting (an analytical note, seed 003's figures).

Who entered the list, who left it and who stayed («из 17 ОУ … вышли 12 ОУ
(71 %)»), the share of flagged schools against the target by year, how long
each school has been on the list, the dynamics of «% 2» by procedure, the
list by district and year, the meeting's charts drawn from the same
series as the app's dashboard, and seed 003's tables: the УНОР schools by
type of problem and the «группа риска» by district and year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from lowres_desktop.reports.charts import chart_from_series
from lowres_desktop.reports.model import (
    SCHOOLS_NAMED,
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
from lowres_desktop.wording.analysis import profile_title
from lowres_desktop.wording.common import format_percent, years_phrase

if TYPE_CHECKING:
    from lowres_desktop.domain.chart_series import Dashboard
    from lowres_desktop.domain.dynamics import Dynamics
    from lowres_desktop.domain.records import School

Phrase = Callable[[list[str]], str]


@dataclass(frozen=True)
class Problems:
    """Seed 003's table 2: per problem type of the catalogue, the short names of the УНОР schools."""

    by_type: list[tuple[str, list[str]]]
    persistent: int
    """УНОР schools of the year, with or without a problem type recorded."""


def _share(part: int, whole: int) -> str:
    return format_percent(100.0 * part / whole) if whole else "—"


def _ou(count: int) -> str:
    return f"{count} ОО"


def title(dynamics: Dynamics) -> str:
    return (
        "О динамике списка общеобразовательных организаций, имеющих низкие образовательные результаты, "
        f"в {dynamics.year} году"
    )


def _names(dynamics: Dynamics, logins: tuple[str, ...], phrase: Phrase) -> str:
    """«: СОШ № 5, 11» for a few schools; for more than SCHOOLS_NAMED, where table 4 names them."""
    if len(logins) > SCHOOLS_NAMED:
        return ", перечень – в таблице 4"
    return ": " + phrase([school.short_name for school in dynamics.named(logins)])


def _text(dynamics: Dynamics, phrase: Phrase) -> list[Block]:
    change = dynamics.change
    target = dynamics.profile.categories.target_share
    share = next((s for s in dynamics.shares if s.year == dynamics.year), None)
    met = share is not None and share.target_met
    blocks: list[Block] = [
        Paragraph(
            f"По итогам {dynamics.year} года в список общеобразовательных организаций, имеющих низкие "
            f"образовательные результаты (далее – ШНОР), включено {_ou(change.flagged)} из "
            f"{change.schools_total} ОО, по которым есть результаты за "
            f"{years_phrase(dynamics.profile.years(dynamics.year))} "
            f"({_share(change.flagged, change.schools_total)}). "
            f"Целевое значение – не более {format_percent(target)} – "
            + ("достигнуто." if met else "не достигнуто.")
        ),
        Paragraph(f"Список определён по правилу: {profile_title(dynamics.profile)}.", style="note"),
    ]
    previous = change.previously_flagged
    if previous:
        left = len(change.left)
        parts = [f"Из {_ou(previous)}, входивших в список в {change.previous_year} году, "
                 f"вышли из списка {_ou(left)} ({_share(left, previous)})"]  # fmt: skip
        if change.left:
            parts[0] += _names(dynamics, change.left, phrase)
        parts.append(f"остались в списке {_ou(len(change.stayed))} ({_share(len(change.stayed), previous)})"
                     + (_names(dynamics, change.stayed, phrase) if change.stayed else ""))  # fmt: skip
        blocks.append(Paragraph("; ".join(parts) + "."))
    if change.entered:
        blocks.append(Paragraph(
            f"Впервые (по сравнению с {change.previous_year} годом) в список вошли "
            f"{_ou(len(change.entered))}{_names(dynamics, change.entered, phrase)}."
        ))  # fmt: skip
    negative = [t for t in dynamics.trend_summary if t.negative]
    if negative:
        parts = [f"{t.procedure.code} – в {format_percent(t.negative_share)} ШНОР" for t in negative]
        blocks.append(Paragraph(
            f"Доля участников, получивших «2», выросла по сравнению с {change.previous_year} годом: "
            + "; ".join(parts) + "."
        ))  # fmt: skip
    return blocks


def _shares_table(dynamics: Dynamics) -> Table:
    rows = tuple(
        (
            Cell(str(s.year)),
            Cell(str(s.flagged)),
            Cell(str(s.schools_total)),
            Cell(format_percent(s.share), marked=not s.target_met),
            Cell(format_percent(s.target)),
        )
        for s in dynamics.shares
    )
    header = ((HeaderCell("Год"), HeaderCell("ШНОР"), HeaderCell("Всего ОО"), HeaderCell("Доля ШНОР"),
               HeaderCell("Цель, не более")),)  # fmt: skip
    return Table(header, rows, (20, 20, 20, 25, 25))


def _years_table(dynamics: Dynamics) -> Table:
    listed = sorted(dynamics.years_on_list.items(),
                    key=lambda item: (-item[1][0], dynamics.schools[item[0]].short_name))  # fmt: skip
    rows = tuple(
        (
            Cell(str(number)),
            Cell(dynamics.schools[login].short_name, align="left"),
            Cell(dynamics.schools[login].district or "", align="left"),
            Cell(str(in_row)),
            Cell(str(total)),
        )
        for number, (login, (in_row, total)) in enumerate(listed, start=1)
    )
    header = ((HeaderCell("№ п/п"), HeaderCell("ОО"), HeaderCell("Территория"), HeaderCell("Лет подряд"),
               HeaderCell("Всего лет в списке")),)  # fmt: skip
    return Table(header, rows, (10, 50, 50, 25, 25))


def _trends_table(dynamics: Dynamics) -> Table:
    rows = tuple(
        (
            Cell(t.procedure.code, align="left"),
            Cell(str(t.schools)),
            Cell(f"{t.positive} ({format_percent(t.positive_share)})"),
            Cell(f"{t.negative} ({format_percent(t.negative_share)})", marked=bool(t.negative)),
        )
        for t in dynamics.trend_summary
    )
    header = ((HeaderCell("Процедура"), HeaderCell("ШНОР с результатами"),
               HeaderCell("Доля «2» снизилась"), HeaderCell("Доля «2» выросла")),)  # fmt: skip
    return Table(header, rows, (40, 30, 35, 35))


def _districts_table(dynamics: Dynamics, phrase: Phrase) -> Table:
    years = dynamics.years[-4:]
    rows = []
    for row in dynamics.districts_flagged:
        cells = [Cell(row.district, align="left")]
        for year in years:
            schools: list[School] = row.by_year.get(year, [])
            named = f"{len(schools)}: {phrase([s.short_name for s in schools])}" if schools else "—"
            cells.append(Cell(named, align="left"))
        rows.append(tuple(cells))
    header = ((HeaderCell("Территория"), *(HeaderCell(str(y)) for y in years)),)
    return Table(header, tuple(rows), (40, *[130 / max(len(years), 1)] * len(years)))


def _problems_table(problems: Problems, phrase: Phrase) -> Table:
    rows = [
        (Cell(f"{n}) {title}", align="left"), Cell(phrase(names) if names else "—", align="left"))
        for n, (title, names) in enumerate(problems.by_type, start=1)
    ]
    rows.append((Cell("Всего школ с УНОР", align="left"), Cell(str(problems.persistent), align="left")))
    header = ((HeaderCell("Тип проблем"), HeaderCell("Общеобразовательные организации")),)
    return Table(header, tuple(rows), (80, 90))


def _risk_table(dynamics: Dynamics, phrase: Phrase) -> Table:
    """Seed 003's table 3: the «группа риска» of each district in each year, with the totals."""
    years = dynamics.years[-3:]
    rows = []
    totals = dict.fromkeys(years, 0)
    for row in dynamics.districts_risk:
        cells = [Cell(row.district, align="left")]
        for year in years:
            schools: list[School] = row.by_year.get(year, [])
            totals[year] += len(schools)
            cells.append(Cell(phrase([s.short_name for s in schools]) if schools else "—", align="left"))
        rows.append(tuple(cells))
    rows.append((Cell("Всего ОО", align="left"), *(Cell(str(totals[y])) for y in years)))
    header = ((HeaderCell("Район (округ)"), *(HeaderCell(str(y)) for y in years)),)
    return Table(header, tuple(rows), (40, *[130 / max(len(years), 1)] * len(years)))


def build(
    dynamics: Dynamics,
    dashboard: Dashboard,
    phrase: Phrase,
    requisites: Requisites,
    issued: date | None = None,
    problems: Problems | None = None,
) -> Document:
    blocks: list[Block] = [
        *_text(dynamics, phrase),
        Paragraph("1. Доля ШНОР от числа ОО с результатами", style="heading"),
        _shares_table(dynamics),
        Chart(chart_from_series(dashboard.share)),
        Chart(chart_from_series(dashboard.flow)),
        Paragraph(f"2. ШНОР {dynamics.year} года: сколько лет в списке", style="heading"),
        _years_table(dynamics),
        Paragraph(f"3. Динамика доли «2» в ШНОР, {dynamics.year - 1}–{dynamics.year} годы", style="heading"),
        _trends_table(dynamics),
        Paragraph("4. ШНОР по территориям", style="heading"),
        _districts_table(dynamics, phrase),
        Chart(chart_from_series(dashboard.districts, height_mm=90)),
        Chart(chart_from_series(dashboard.categories)),
    ]
    if problems is not None:
        blocks += [
            Paragraph(
                f"5. Распределение ОО с устойчиво низкими образовательными результатами (УНОР) "
                f"по типам выявленных проблем, {dynamics.year} год",
                style="heading",
            ),
            _problems_table(problems, phrase),
        ]
    blocks += [
        Paragraph(
            f"{6 if problems is not None else 5}. Динамика ОО «группы риска» по территориям", style="heading"
        ),
        _risk_table(dynamics, phrase),
    ]
    return Document(
        requisites=requisites,
        doc_type=DocumentType.NOTE,
        title=title(dynamics),
        preamble=tuple(blocks),
        points=(),
        issued=issued,
    )
