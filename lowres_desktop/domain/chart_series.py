"""The plain records of every analysis chart: lines, bars, levels and the pages that group them.

services/chart_series.py fills them from the database; the app draws them with
pyqtgraph and reports/ draws the same objects with ReportLab, so neither of
those needs the services to know what a chart is.
"""

from __future__ import annotations

from dataclasses import dataclass

from lowres_desktop.domain.categories import Category, main_category
from lowres_desktop.domain.records import Result, School


@dataclass(frozen=True)
class Line:
    label: str
    points: list[tuple[int, float]]
    color: str
    dashed: bool = False


@dataclass(frozen=True)
class Level:
    """A horizontal line: a threshold or a target."""

    label: str
    value: float
    color: str


@dataclass(frozen=True)
class LineChart:
    title: str
    y_label: str
    lines: list[Line]
    levels: list[Level]
    years: list[int]
    y_max: float = 100.0


@dataclass(frozen=True)
class Bars:
    label: str
    values: list[float]
    color: str


@dataclass(frozen=True)
class BarChart:
    """Groups along x (years or districts), one bar set per series; `stacked` piles them up."""

    title: str
    y_label: str
    groups: list[str]
    bars: list[Bars]
    stacked: bool = False
    levels: list[Level] | None = None
    y_max: float | None = None
    """100 for shares; None lets counts choose their own top."""


@dataclass(frozen=True)
class CategoryYear:
    year: int
    categories: frozenset[Category]
    has_results: bool = True
    """False for a year without any result of the school: «нет данных», not «нет категории»
    (which reads as "left the list")."""

    @property
    def main(self) -> Category | None:
        return main_category(self.categories)


@dataclass(frozen=True)
class SchoolCharts:
    """The school card: % «2» and % high per procedure over the years, and its categories."""

    school: School
    caption: str
    low: LineChart
    high: LineChart
    categories: list[CategoryYear]
    results: list[Result]
    """The school's results by procedure and year: the card's table beside the charts."""


@dataclass(frozen=True)
class Dashboard:
    year: int
    caption: str
    share: BarChart
    flow: BarChart
    categories: BarChart
    districts: BarChart
