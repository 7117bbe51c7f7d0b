"""Roadmaps («дорожные карты»): sections of numbered measures with deadlines and executors.

Records are frozen, and every edit is a pure function returning a new
roadmap: the editor keeps the old value for undo, and numbering is never
stored but derived from positions, so moving an item renumbers everything
after it («1, 2, …» within a section, or «1.1, 1.2, …»). Items keep their
database id through moves and copies-in-place so that monitoring entries
recorded against an item stay attached to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from lowres_desktop.domain.deadlines import Deadline, DeadlineKind, Period, parse_deadline
from lowres_desktop.domain.errors import DomainError


class RoadmapLevel(StrEnum):
    MUNICIPAL = "municipal"
    SCHOOL = "school"


class Numbering(StrEnum):
    """How items are numbered: seeds 001 and 003 restart at 1 in each section, seed 002 writes 1.1."""

    FLAT = "flat"
    NESTED = "nested"


@dataclass(frozen=True)
class RoadmapItem:
    """One measure; `text` may hold several paragraphs and «- » bullet lines."""

    text: str
    deadline_text: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    dates_manual: bool = False
    """True when the user typed the dates; otherwise they follow the deadline words."""
    executors: tuple[str, ...] = ()
    schools: tuple[str, ...] = ()
    """Logins of the schools the measure concerns; empty means «all the roadmap is about»."""
    id: int | None = None
    version: int = field(default=0, compare=False)
    """The stored version the editor showed (0: not stored yet); a save over a newer one is refused."""


@dataclass(frozen=True)
class RoadmapSection:
    title: str
    items: tuple[RoadmapItem, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class Indicator:
    """A target indicator (seed 003, section 7): where the figure comes from and what to reach."""

    name: str
    source: str = ""
    unit: str = "%"
    target_value: float | None = None
    target_text: str = ""
    """The target as the order writes it («100%/ 100%»); `target_value` is the number compared."""
    target_year: int | None = None
    higher_is_better: bool = True
    per_school: bool = False
    id: int | None = None


@dataclass(frozen=True)
class ApprovalOrder:
    """The order that approved the roadmap: «приказ от 17.02.2020 № 0177-од»."""

    kind: str = "приказ"
    number: str = ""
    date: date | None = None
    issuer: str = ""


@dataclass(frozen=True)
class Roadmap:
    title: str
    period: Period
    level: RoadmapLevel = RoadmapLevel.MUNICIPAL
    school_login: str | None = None
    order: ApprovalOrder = field(default_factory=ApprovalOrder)
    numbering: Numbering = Numbering.FLAT
    sections: tuple[RoadmapSection, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    template_key: str | None = None
    id: int | None = None

    @property
    def item_count(self) -> int:
        return sum(len(section.items) for section in self.sections)


@dataclass(frozen=True)
class NumberedItem:
    number: str
    """As printed in the roadmap: «3» or «2.3», depending on its numbering."""
    reference: str
    """Unambiguous across the roadmap whatever the numbering: «2.3»."""
    section_number: int
    section_title: str
    item: RoadmapItem


Path = tuple[int, int]
"""(section index, item index), both from 0."""


def item_number(numbering: Numbering, section_index: int, item_index: int) -> str:
    if numbering == Numbering.NESTED:
        return f"{section_index + 1}.{item_index + 1}"
    return str(item_index + 1)


def numbered_items(roadmap: Roadmap) -> list[NumberedItem]:
    return [
        NumberedItem(item_number(roadmap.numbering, s, i), f"{s + 1}.{i + 1}", s + 1, section.title, item)
        for s, section in enumerate(roadmap.sections)
        for i, item in enumerate(section.items)
    ]


def validate_roadmap(roadmap: Roadmap) -> None:
    """Refuse what cannot be saved, with a message the user can act on."""
    if not roadmap.title.strip():
        raise DomainError("Укажите название дорожной карты.")
    if roadmap.period.first_year > roadmap.period.last_year:
        raise DomainError(
            f"Период указан наоборот: {roadmap.period.first_year} позже {roadmap.period.last_year}."
        )
    if roadmap.level == RoadmapLevel.SCHOOL and not roadmap.school_login:
        raise DomainError("Для дорожной карты школы выберите школу.")
    for s, section in enumerate(roadmap.sections, start=1):
        if not section.title.strip():
            raise DomainError(f"У раздела {s} нет названия.")
        for i, item in enumerate(section.items, start=1):
            where = f"Мероприятие {s}.{i}"
            if not item.text.strip():
                raise DomainError(f"{where}: не указано содержание.")
            if item.starts_on and item.ends_on and item.starts_on > item.ends_on:
                raise DomainError(f"{where}: дата начала позже даты окончания.")


def deadline_of(item: RoadmapItem, period: Period) -> Deadline:
    """The item's deadline words with the dates in force: typed ones, else parsed ones."""
    parsed = parse_deadline(item.deadline_text, period)
    if item.dates_manual:
        return Deadline(item.deadline_text, parsed.kind, item.starts_on, item.ends_on)
    return parsed


def with_parsed_dates(item: RoadmapItem, period: Period) -> RoadmapItem:
    """Dates follow the deadline words unless the user typed them."""
    if item.dates_manual:
        return item
    parsed = parse_deadline(item.deadline_text, period)
    return replace(item, starts_on=parsed.start, ends_on=parsed.end)


def reparse_dates(roadmap: Roadmap) -> Roadmap:
    """After the period changes, words like «ежегодно» cover the new years."""
    return replace(
        roadmap,
        sections=tuple(
            replace(s, items=tuple(with_parsed_dates(i, roadmap.period) for i in s.items))
            for s in roadmap.sections
        ),
    )


_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def moved_to(roadmap: Roadmap, period: Period) -> Roadmap:
    """`roadmap` over `period`, the years its deadlines name moved along with the period.

    A template of 2020–2021 made a school roadmap for 2024–2025 whose measures were due
    «Ноябрь 2020 года» and so overdue from the day it was made. A year in the deadline
    words that lies within the old period (or the year either side of it, as in
    «2019/2020 учебный год») moves by as many years as the period; other years stay.
    """
    shift = period.first_year - roadmap.period.first_year
    low, high = roadmap.period.first_year - 1, roadmap.period.last_year + 1

    def shifted(text: str) -> str:
        return _YEAR.sub(lambda m: str(int(m[1]) + shift) if low <= int(m[1]) <= high else m[1], text)

    sections = tuple(
        replace(s, items=tuple(replace(i, deadline_text=shifted(i.deadline_text)) for i in s.items))
        for s in roadmap.sections
    )
    return reparse_dates(replace(roadmap, period=period, sections=sections))


def is_time_bound(item: RoadmapItem, period: Period) -> bool:
    """Whether a passed end date can make the item overdue (a schedule «по графику» cannot)."""
    kind = deadline_of(item, period).kind
    return item.dates_manual or kind in (
        DeadlineKind.DATED,
        DeadlineKind.WHOLE_PERIOD,
        DeadlineKind.RECURRING,
    )


# --- edits: each returns a new roadmap -------------------------------------------------------


def _with_section(roadmap: Roadmap, index: int, section: RoadmapSection) -> Roadmap:
    sections = list(roadmap.sections)
    sections[index] = section
    return replace(roadmap, sections=tuple(sections))


def _check_path(roadmap: Roadmap, path: Path) -> None:
    s, i = path
    if not (0 <= s < len(roadmap.sections) and 0 <= i < len(roadmap.sections[s].items)):
        raise IndexError(path)


def add_section(roadmap: Roadmap, title: str, index: int | None = None) -> Roadmap:
    sections = list(roadmap.sections)
    sections.insert(len(sections) if index is None else index, RoadmapSection(title))
    return replace(roadmap, sections=tuple(sections))


def remove_section(roadmap: Roadmap, index: int) -> Roadmap:
    sections = list(roadmap.sections)
    del sections[index]
    return replace(roadmap, sections=tuple(sections))


def move_section(roadmap: Roadmap, source: int, target: int) -> Roadmap:
    """Move section `source` so that it ends up at index `target`."""
    sections = list(roadmap.sections)
    section = sections.pop(source)
    sections.insert(max(0, min(target, len(sections))), section)
    return replace(roadmap, sections=tuple(sections))


def rename_section(roadmap: Roadmap, index: int, title: str) -> Roadmap:
    return _with_section(roadmap, index, replace(roadmap.sections[index], title=title))


def insert_item(roadmap: Roadmap, section_index: int, item: RoadmapItem, index: int | None = None) -> Roadmap:
    section = roadmap.sections[section_index]
    items = list(section.items)
    items.insert(len(items) if index is None else index, item)
    return _with_section(roadmap, section_index, replace(section, items=tuple(items)))


def replace_item(roadmap: Roadmap, path: Path, item: RoadmapItem) -> Roadmap:
    _check_path(roadmap, path)
    s, i = path
    section = roadmap.sections[s]
    items = list(section.items)
    items[i] = item
    return _with_section(roadmap, s, replace(section, items=tuple(items)))


def remove_item(roadmap: Roadmap, path: Path) -> Roadmap:
    _check_path(roadmap, path)
    s, i = path
    section = roadmap.sections[s]
    items = list(section.items)
    del items[i]
    return _with_section(roadmap, s, replace(section, items=tuple(items)))


def duplicate_item(roadmap: Roadmap, path: Path) -> Roadmap:
    """A copy right after the original; it is a new measure, so it gets no id."""
    _check_path(roadmap, path)
    s, i = path
    copy = replace(roadmap.sections[s].items[i], id=None)
    return insert_item(roadmap, s, copy, i + 1)


def move_item(roadmap: Roadmap, source: Path, target: Path) -> Roadmap:
    """Move an item to `target` = (section, index in that section after the item is taken out)."""
    _check_path(roadmap, source)
    item = roadmap.sections[source[0]].items[source[1]]
    without = remove_item(roadmap, source)
    section_index, index = target
    count = len(without.sections[section_index].items)
    return insert_item(without, section_index, item, max(0, min(index, count)))


# --- executors --------------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[,;]\s*|\s*\n\s*")


def split_executors(text: str, known: Iterable[str]) -> tuple[str, ...]:
    """Split «МОУО, МКУДПО «ГЦРО»» into directory names.

    Names may contain commas themselves («отделы образований районов, округа
    г. Новосибирска»), so the known names are matched first, longest first,
    ignoring case and quote style; what is left is split at commas and
    semicolons.
    """
    remaining = " ".join(text.split())
    found: list[tuple[int, str]] = []
    for name in sorted(set(known), key=len, reverse=True):
        if not name.strip():
            continue
        pattern = re.compile(r"(?<![\w«])" + _quote_insensitive(name) + r"(?![\w»])", re.IGNORECASE)
        while (match := pattern.search(remaining)) is not None:
            found.append((match.start(), name))
            remaining = (
                remaining[: match.start()] + "\x00" * (match.end() - match.start()) + remaining[match.end() :]
            )
    for match in re.finditer(r"[^\x00]+", remaining):
        for part in _SEPARATORS.split(match.group()):
            cleaned = part.strip(" ,;.")
            if cleaned:
                found.append((match.start(), cleaned))
    names: list[str] = []
    for _, name in sorted(found, key=lambda pair: pair[0]):
        if name not in names:
            names.append(name)
    return tuple(names)


def _quote_insensitive(name: str) -> str:
    quotes = "[\"«»“”„']"
    return "".join(
        quotes if char in "\"«»“”„'" else r"\s+" if char == " " else re.escape(char) for char in name
    )


def executors_in_use(roadmaps: Sequence[Roadmap]) -> set[str]:
    return {name for r in roadmaps for s in r.sections for i in s.items for name in i.executors}


@dataclass(frozen=True)
class Executor:
    """An entry of the executors' directory: the short name the roadmaps print, and the full one."""

    name: str
    full_name: str = ""


@dataclass(frozen=True)
class RoadmapListing:
    """A line of the roadmap list, without loading every item."""

    id: int
    title: str
    level: RoadmapLevel
    school_login: str | None
    school_name: str | None
    period: Period
    order: ApprovalOrder
    item_count: int
    template_key: str | None


# --- target indicators ------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorValue:
    """An actual value of an indicator in a year, for the municipality (login None) or one school."""

    indicator_id: int
    year: int
    value: float
    login: str | None = None
    comment: str = ""


@dataclass(frozen=True)
class IndicatorProgress:
    indicator: Indicator
    by_year: dict[int, float]
    """The municipal value of each year; where only schools' values exist, their mean."""
    schools_by_year: dict[int, dict[str, float]]
    latest_year: int | None
    latest_value: float | None
    reached: bool | None
    """None when there is no value or no target yet."""
    fraction: float | None
    """How far along the way to the target, 0..1, for a progress bar."""


def indicator_progress(indicator: Indicator, values: Iterable[IndicatorValue]) -> IndicatorProgress:
    """Where an indicator stands against its target, from the values entered so far."""
    municipal: dict[int, float] = {}
    schools: dict[int, dict[str, float]] = {}
    for value in values:
        if value.login is None:
            municipal[value.year] = value.value
        else:
            schools.setdefault(value.year, {})[value.login] = value.value
    by_year = dict(municipal)
    for year, per_school in schools.items():
        by_year.setdefault(year, sum(per_school.values()) / len(per_school))
    by_year = dict(sorted(by_year.items()))
    latest_year = max(by_year) if by_year else None
    latest = by_year[latest_year] if latest_year is not None else None
    target = indicator.target_value
    if latest is None or target is None:
        return IndicatorProgress(indicator, by_year, schools, latest_year, latest, None, None)
    if indicator.higher_is_better:
        reached = latest >= target
        fraction = 1.0 if reached else (latest / target if target else 0.0)
    else:
        reached = latest <= target
        fraction = 1.0 if reached else (target / latest if latest else 1.0)
    return IndicatorProgress(
        indicator, by_year, schools, latest_year, latest, reached, max(0.0, min(1.0, fraction))
    )


@dataclass(frozen=True)
class DocumentItem:
    number: str
    """As printed: «3» or «2.3»."""
    reference: str
    """«2.3» whatever the numbering."""
    text: str
    deadline: str
    starts_on: date | None
    ends_on: date | None
    executors: list[str]
    executors_text: str
    schools: list[str]
    """Short names of the schools the item concerns, if any."""
    overdue: bool


@dataclass(frozen=True)
class DocumentSection:
    number: int
    title: str
    items: list[DocumentItem]


@dataclass(frozen=True)
class DocumentIndicator:
    number: int
    name: str
    source: str
    unit: str
    target_text: str
    target_value: float | None
    target_year: int | None
    latest_year: int | None
    latest_value: float | None
    reached: bool | None


@dataclass(frozen=True)
class RoadmapDocument:
    """Everything an order approving or reporting on a roadmap prints, as plain data."""

    id: int
    title: str
    level: RoadmapLevel
    school_login: str | None
    school_name: str | None
    period: Period
    order: ApprovalOrder
    order_text: str
    sections: list[DocumentSection]
    indicators: list[DocumentIndicator]
