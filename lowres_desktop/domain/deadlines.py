"""Deadlines as the orders write them, and the dates that can be read from those words.

Roadmaps give deadlines in words: «Февраль-март 2020», «ноябрь, 2020», «До
сентября 2020», «В течение учебного года», «ежегодно», «1 раз в полугодие»,
«По отдельному графику». The words are what gets printed, so they are kept
verbatim; the dates are only what the program can honestly infer (for
overdue marks and sorting), and stay empty when the words name no time
(«По графику»). Words without a year take it from the roadmap's period.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache


class DeadlineKind(StrEnum):
    """What sort of time the words name; decides whether a passed end date means «overdue»."""

    DATED = "dated"
    """A month, a range of months or a date: «Февраль-март 2020», «до 10.03.2021»."""
    WHOLE_PERIOD = "whole_period"
    """«В течение года», «В течение всего периода», «постоянно»: the whole period of the roadmap."""
    RECURRING = "recurring"
    """«ежегодно», «1 раз в полугодие», «1 раз в квартал»: repeats within the period."""
    SCHEDULE = "schedule"
    """«По графику», «по планам ГМО»: the time is set elsewhere."""
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Period:
    """The years a roadmap covers, inclusive: 2020–2024, or 2020 alone."""

    first_year: int
    last_year: int

    @property
    def start(self) -> date:
        return date(self.first_year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.last_year, 12, 31)

    def text(self) -> str:
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}\u2013{self.last_year}"


@dataclass(frozen=True)
class Deadline:
    text: str
    kind: DeadlineKind
    start: date | None
    end: date | None


MONTHS: dict[str, int] = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_MONTH_WORD = re.compile(
    r"\b(январ[ьяе]|феврал[ьяе]|марта?|марте|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|августа?|августе|"
    r"сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_FULL_DATE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_PLAUSIBLE_YEARS = range(1990, 2101)

_RECURRING = re.compile(
    r"ежегодно|ежекварт|ежемесячно|раз\s+в\s+|раз\s+полугоди|по\s+мере\s+необходимости", re.I
)
_WHOLE_PERIOD = re.compile(r"в\s+течени[ие]|постоянно|весь\s+период|всего\s+периода", re.I)
_SCHEDULE = re.compile(r"по\s+(отдельн\w*\s+)?(граф|план)", re.I)
_ACADEMIC = re.compile(r"учебн\w+\s+год", re.I)
_BEFORE = re.compile(r"^\s*(до|не\s+позднее)\b", re.I)


def _month_number(word: str) -> int:
    lowered = word.lower()
    for stem, number in MONTHS.items():
        if lowered.startswith(stem):
            return number
    raise ValueError(word)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _dated(text: str, period: Period | None) -> tuple[date, date] | None:
    full_dates = [
        date(int(y), int(m), int(d))
        for d, m, y in _FULL_DATE.findall(text)
        if int(y) in _PLAUSIBLE_YEARS
        and 1 <= int(m) <= 12
        and 1 <= int(d) <= calendar.monthrange(int(y), int(m))[1]
    ]
    if full_dates:
        if _BEFORE.search(text):
            return (period.start if period else full_dates[0]), full_dates[-1]
        return full_dates[0], full_dates[-1]
    without_dates = _FULL_DATE.sub(" ", text)
    months = [_month_number(m) for m in _MONTH_WORD.findall(without_dates)]
    if not months:
        return None
    years = [int(y) for y in _YEAR.findall(without_dates)]
    if any(year not in _PLAUSIBLE_YEARS for year in years):
        return None
    if years:
        first_year = years[0]
        last_year = years[-1] if len(years) > 1 else first_year
    elif period is not None:
        first_year = last_year = period.first_year
    else:
        return None
    first_month, last_month = months[0], months[-1]
    if len(years) < 2 and last_month < first_month:
        last_year = first_year + 1
    if _BEFORE.search(without_dates):
        # «До сентября 2020»: done by the end of the month before the one named.
        end_year, end_month = (last_year, last_month - 1) if last_month > 1 else (last_year - 1, 12)
        end = _last_day(end_year, end_month)
        return (period.start if period else date(end_year, 1, 1)), end
    return date(first_year, first_month, 1), _last_day(last_year, last_month)


def _academic_year(text: str, period: Period | None) -> tuple[date, date] | None:
    years = [int(y) for y in _YEAR.findall(text) if int(y) in _PLAUSIBLE_YEARS]
    first = years[0] if years else (period.first_year if period else None)
    if first is None:
        return None
    return date(first, 9, 1), date(first + 1, 5, 31)


@lru_cache(maxsize=4096)
def parse_deadline(text: str, period: Period | None = None) -> Deadline:
    """Read the dates that `text` names; the text itself is kept exactly as given.

    Remembered per text and period: a region's thousand school roadmaps repeat the same
    few dozen deadlines, and the roadmaps page reads every one to count the overdue.
    """
    words = " ".join(text.split())
    if _RECURRING.search(words) and not _MONTH_WORD.search(_RECURRING.split(words)[0]):
        start, end = (period.start, period.end) if period else (None, None)
        return Deadline(text, DeadlineKind.RECURRING, start, end)
    if _WHOLE_PERIOD.search(words):
        if _ACADEMIC.search(words):
            bounds = _academic_year(words, period)
            if bounds:
                return Deadline(text, DeadlineKind.WHOLE_PERIOD, *bounds)
        years = [int(y) for y in _YEAR.findall(words) if int(y) in _PLAUSIBLE_YEARS]
        if years and re.search(r"\bгод", words, re.I) and not re.search(r"период", words, re.I):
            return Deadline(text, DeadlineKind.WHOLE_PERIOD, date(years[0], 1, 1), date(years[-1], 12, 31))
        start, end = (period.start, period.end) if period else (None, None)
        return Deadline(text, DeadlineKind.WHOLE_PERIOD, start, end)
    dated = _dated(words, period)
    if dated is not None:
        return Deadline(text, DeadlineKind.DATED, *dated)
    if _RECURRING.search(words):
        start, end = (period.start, period.end) if period else (None, None)
        return Deadline(text, DeadlineKind.RECURRING, start, end)
    if _SCHEDULE.search(words):
        return Deadline(text, DeadlineKind.SCHEDULE, None, None)
    return Deadline(text, DeadlineKind.UNKNOWN, None, None)


def format_date(value: date | None) -> str:
    """ДД.ММ.ГГГГ, the way the orders write dates; empty when there is none."""
    return value.strftime("%d.%m.%Y") if value else ""
