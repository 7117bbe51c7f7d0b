"""The series behind every analysis chart, filled from the database into domain/chart_series.py's records.

The app draws them with pyqtgraph and documents draw the same objects with
ReportLab, so a chart shown at a meeting and the one printed in the order
agree to the point. Colours are chosen here, once: the same category has
the same colour on every chart, table and page. Percentage axes run 0–100.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from lowres_desktop.domain.categories import Category, SchoolCategories
from lowres_desktop.domain.chart_series import (
    BarChart,
    Bars,
    CategoryYear,
    Dashboard,
    Level,
    Line,
    LineChart,
    SchoolCharts,
)
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, School
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.categories import one_school_categories
from lowres_desktop.services.category_history import shared_category_history
from lowres_desktop.services.collector import collector_paused
from lowres_desktop.storage.unit_of_work import Database, UnitOfWork
from lowres_desktop.wording.analysis import CATEGORY_TITLES, profile_title
from lowres_desktop.wording.common import format_percent

CATEGORY_COLORS: dict[Category, str] = {
    Category.PERSISTENT: "#7f0000",
    Category.LOW: "#d62728",
    Category.RISK: "#ff9f1c",
    Category.HIGH: "#2ca02c",
}
NO_CATEGORY_COLOR = "#c8c8c8"
THRESHOLD_COLOR = "#c00000"
AVERAGE_COLOR = "#555555"
TARGET_COLOR = "#1f3a93"
ENTERED_COLOR = "#d62728"
LEFT_COLOR = "#2ca02c"
PROCEDURE_COLORS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b",
    "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79",
)  # fmt: skip
"""Distinct on a projector; the same order as the card's existing chart."""


def category_color(category: Category | None) -> str:
    return CATEGORY_COLORS[category] if category else NO_CATEGORY_COLOR


def text_on(background: str, dark: str, light: str = "#ffffff") -> str:
    """`light` on a dark background, `dark` on a light one: «УНОР» written on its dark red block
    must be read from the back of a room, on a projector."""
    red, green, blue = (int(background[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return light if luminance < 0.4 else dark


def _threshold_levels(profile: RuleProfile, kinds: set[ProcedureKind]) -> list[Level]:
    values = {kind: profile.threshold(kind) for kind in kinds} or {
        ProcedureKind.VPR: profile.default_threshold
    }
    if len(set(values.values())) == 1:
        value = next(iter(values.values()))
        return [Level(f"порог {format_percent(value)}", value, THRESHOLD_COLOR)]
    return [
        Level(f"порог {kind.value} {format_percent(value)}", value, THRESHOLD_COLOR)
        for kind, value in sorted(values.items())
    ]


Means = dict[tuple[ProcedureKey, int], tuple[float | None, float | None]]

_means: WeakKeyDictionary[Database, tuple[object, Means]] = WeakKeyDictionary()
_means_lock = threading.Lock()


def _shared_municipal_means(db: Database, uow: UnitOfWork) -> Means:
    """The municipal means, remembered per database and data version like the category history.

    They average every result (a second for a country), yet only change with
    the data, while the card and the analysis page ask again for every school.
    """
    version = db.data_version()
    with _means_lock:
        kept = _means.get(db)
    if version is not None and kept is not None and kept[0] == version:
        return kept[1]
    means = uow.analysis.facts.municipal_means()
    if version is not None and db.data_version() == version:
        with _means_lock:
            _means[db] = (version, means)
    return means


def school_charts(db: Database, login: str, profile: RuleProfile) -> SchoolCharts:
    """One school's charts and results: its own rows, the cached municipal means, its categories."""
    with db.unit_of_work() as uow:
        school = uow.schools.get(login)
        if school is None:
            raise DomainError(f"Школы с логином {login} нет в базе.")
        results = uow.results.for_school(login)
        every_year = uow.results.years()
        means = _shared_municipal_means(db, uow)
    results.sort(key=lambda r: (r.procedure, r.year))
    procedures = sorted({r.procedure for r in results if profile.counts(r.procedure)})
    years = sorted({r.year for r in results})
    colors = {p: PROCEDURE_COLORS[i % len(PROCEDURE_COLORS)] for i, p in enumerate(procedures)}

    def chart(title: str, y_label: str, index: int, levels: list[Level]) -> LineChart:
        lines = []
        for procedure in procedures:
            own = sorted(
                (r.year, value)
                for r in results
                if r.procedure == procedure and (value := (r.pct_low, r.pct_high)[index]) is not None
            )
            city = sorted(
                (year, pair[index])
                for (p, year), pair in means.items()
                if p == procedure and year in years and pair[index] is not None
            )
            lines.append(Line(procedure.code, own, colors[procedure]))
            if city:
                lines.append(Line(f"{procedure.code}: среднее", city, colors[procedure], dashed=True))
        return LineChart(title, y_label, lines, levels, years)

    caption = f"{school.short_name} · {profile_title(profile)}"
    result_years = {result.year for result in results}
    strip = [
        CategoryYear(entry.year, entry.categories, entry.year in result_years)
        for entry in one_school_categories(login, results, every_year, profile, school.active)
    ]
    return SchoolCharts(
        school,
        caption,
        chart("Доля «2» (не преодолели порог)", "% участников", 0,
              _threshold_levels(profile, {p.kind for p in procedures})),
        chart("Доля высоких результатов", "% участников", 1, []),
        strip,
        results,
    )  # fmt: skip


@dataclass(frozen=True)
class HeatRow:
    school: School
    values: tuple[float | None, ...]
    """% «2» per procedure of the map, None where there is no result."""
    category: Category | None
    entry: SchoolCategories


@dataclass(frozen=True)
class HeatMap:
    year: int
    caption: str
    procedures: list[ProcedureKey]
    thresholds: list[float]
    rows: list[HeatRow]


def heat_map(db: Database, year: int, profile: RuleProfile) -> HeatMap:
    """Schools × procedures of `year` coloured by % «2»; every active school with a result that year."""
    with db.unit_of_work() as uow:
        every, matrix = uow.analysis.facts.year_matrix(year)
        history = shared_category_history(db, uow, profile, up_to=year, output_years=[year])
        schools = uow.analysis.facts.schools()
    shown = [n for n, p in enumerate(every) if profile.counts(p)]
    entries = {e.login: e for e in history.by_year.get(year, [])}
    with collector_paused():
        rows = [
            HeatRow(schools[login], tuple(values[n] for n in shown), entries[login].main, entries[login])
            for login, values in matrix
            if login in entries
        ]
        rows.sort(key=lambda r: (r.school.district or "", natural_sort_key(r.school.short_name)))
    procedures = [every[n] for n in shown]
    return HeatMap(
        year,
        f"{year} г. · {profile_title(profile)}",
        procedures,
        [profile.threshold(p.kind) for p in procedures],
        rows,
    )


DISTRICTS_SHOWN = 15
"""Districts the dashboard's chart shows at most: a region has forty, which no projector reads."""
_UNKNOWN_DISTRICT = "район не указан"


def _districts_chart(entries: list[SchoolCategories], schools: dict[str, School], year: int) -> BarChart:
    """Stacked bars of each district's schools by main category: a school counts once.

    УНОР schools are ШНОР too, so stacking every category a school has would count it twice
    and a district's bar would exceed its schools: the ШНОР part is «прочие ШНОР». Of more
    than `DISTRICTS_SHOWN` districts, those with the most ШНОР are shown (ties by name); the
    title, short enough for a quarter of the screen, says so (the year is in the page's caption).
    """
    by_district: dict[str, dict[Category, int]] = {}
    for school in schools.values():
        if school.active:
            by_district.setdefault(school.district or _UNKNOWN_DISTRICT, dict.fromkeys(Category, 0))
    for entry in entries:
        main = entry.main
        if main is not None:
            by_district[schools[entry.login].district or _UNKNOWN_DISTRICT][main] += 1
    names = sorted(by_district, key=natural_sort_key)
    title = f"Категории по районам, {year} г."
    if len(names) > DISTRICTS_SHOWN:
        flagged = {d: by_district[d][Category.PERSISTENT] + by_district[d][Category.LOW] for d in names}
        worst = set(sorted(names, key=lambda d: (-flagged[d], natural_sort_key(d)))[:DISTRICTS_SHOWN])
        names = [d for d in names if d in worst]
        title = f"{DISTRICTS_SHOWN} районов из {len(by_district)} с наибольшим числом ШНОР"
    titles = {**CATEGORY_TITLES, Category.LOW: f"прочие {CATEGORY_TITLES[Category.LOW]}"}
    return BarChart(
        title,
        "число школ",
        names,
        [Bars(titles[c], [float(by_district[d][c]) for d in names], CATEGORY_COLORS[c]) for c in Category],
        stacked=True,
    )


def dashboard(db: Database, year: int, profile: RuleProfile) -> Dashboard:
    """The meeting's four charts: share against the target, entered/left, categories, districts."""
    with db.unit_of_work() as uow:
        history = shared_category_history(db, uow, profile, up_to=year)
        schools = uow.analysis.facts.schools()
    if year not in history.years:
        raise DomainError(f"За {year} год в базе нет результатов.")
    years = history.years
    labels = [str(y) for y in years]
    target = profile.categories.target_share
    assessed = {y: history.assessed.get(y, 0) for y in years}
    shares = [100.0 * len(history.flagged(y)) / assessed[y] if assessed[y] else 0.0 for y in years]
    share = BarChart(
        "Доля ШНОР от числа школ с результатами",
        "% школ",
        labels,
        [Bars("ШНОР", shares, CATEGORY_COLORS[Category.LOW])],
        levels=[Level(f"цель: не более {format_percent(target)}", target, TARGET_COLOR)],
        y_max=100.0,
    )
    entered, left = [], []
    for one in years:
        known = one - 1 in years
        now, before = history.flagged(one), history.flagged(one - 1)
        entered.append(float(len(now - before)) if known else 0.0)
        left.append(float(len(before - now)) if known else 0.0)
    flow = BarChart(
        "Вошли в список и вышли из него",
        "число школ",
        labels,
        [Bars("вошли", entered, ENTERED_COLOR), Bars("вышли", left, LEFT_COLOR)],
    )
    by_category = BarChart(
        "Школы по категориям",
        "число школ",
        labels,
        [
            Bars(CATEGORY_TITLES[c], [float(len(history.members(y, c))) for y in years], CATEGORY_COLORS[c])
            for c in Category
        ],
    )
    districts = _districts_chart(history.by_year[year], schools, year)
    return Dashboard(year, f"{year} г. · {profile_title(profile)}", share, flow, by_category, districts)
