"""Deadline words of the seeds' roadmaps → dates; the words themselves never change."""

from __future__ import annotations

from datetime import date

import pytest

from lowres_desktop.domain.deadlines import DeadlineKind, Period, format_date, parse_deadline

Y2020 = Period(2020, 2020)
SCHOOL_YEAR = Period(2020, 2021)
FIVE_YEARS = Period(2020, 2024)


@pytest.mark.parametrize(
    ("text", "period", "kind", "start", "end"),
    [
        ("Февраль-март 2020", Y2020, DeadlineKind.DATED, "01.02.2020", "31.03.2020"),
        ("Август-сентябрь 2020", Y2020, DeadlineKind.DATED, "01.08.2020", "30.09.2020"),
        ("До сентября 2020", Y2020, DeadlineKind.DATED, "01.01.2020", "31.08.2020"),
        ("Май-июнь 2020 года", Y2020, DeadlineKind.DATED, "01.05.2020", "30.06.2020"),
        ("Ноябрь 2020", Y2020, DeadlineKind.DATED, "01.11.2020", "30.11.2020"),
        ("В течение года", Y2020, DeadlineKind.WHOLE_PERIOD, "01.01.2020", "31.12.2020"),
        ("ноябрь, 2020", SCHOOL_YEAR, DeadlineKind.DATED, "01.11.2020", "30.11.2020"),
        ("Ноябрь, декабрь 2020 года", SCHOOL_YEAR, DeadlineKind.DATED, "01.11.2020", "31.12.2020"),
        ("Октябрь- ноябрь 2020 года", SCHOOL_YEAR, DeadlineKind.DATED, "01.10.2020", "30.11.2020"),
        ("Сентябрь, октябрь", SCHOOL_YEAR, DeadlineKind.DATED, "01.09.2020", "31.10.2020"),
        ("ноябрь-февраль", SCHOOL_YEAR, DeadlineKind.DATED, "01.11.2020", "28.02.2021"),
        ("В течение учебного года", SCHOOL_YEAR, DeadlineKind.WHOLE_PERIOD, "01.09.2020", "31.05.2021"),
        ("до 10.03.2021", SCHOOL_YEAR, DeadlineKind.DATED, "01.01.2020", "10.03.2021"),
        ("ежегодно", FIVE_YEARS, DeadlineKind.RECURRING, "01.01.2020", "31.12.2024"),
        ("1 раз в полугодие", FIVE_YEARS, DeadlineKind.RECURRING, "01.01.2020", "31.12.2024"),
        ("Ежегодно (сентябрь)", FIVE_YEARS, DeadlineKind.RECURRING, "01.01.2020", "31.12.2024"),
        ("постоянно", FIVE_YEARS, DeadlineKind.WHOLE_PERIOD, "01.01.2020", "31.12.2024"),
        (
            "В течение всего периода реализации «дорожной карты»",
            FIVE_YEARS,
            DeadlineKind.WHOLE_PERIOD,
            "01.01.2020",
            "31.12.2024",
        ),
        (
            "март 2020, далее – по мере необходимости",
            FIVE_YEARS,
            DeadlineKind.DATED,
            "01.03.2020",
            "31.03.2020",
        ),
        ("По графику", Y2020, DeadlineKind.SCHEDULE, "", ""),
        ("по планам ГМО", Y2020, DeadlineKind.SCHEDULE, "", ""),
        ("По графику МКУДПО «ГЦРО»", Y2020, DeadlineKind.SCHEDULE, "", ""),
        ("По отдельному графику", SCHOOL_YEAR, DeadlineKind.SCHEDULE, "", ""),
        ("апрель 2109", FIVE_YEARS, DeadlineKind.UNKNOWN, "", ""),
    ],
)
def test_deadline_words_give_dates(
    text: str, period: Period, kind: DeadlineKind, start: str, end: str
) -> None:
    deadline = parse_deadline(text, period)
    assert deadline.text == text
    assert deadline.kind == kind
    assert (format_date(deadline.start), format_date(deadline.end)) == (start, end)


def test_without_a_period_words_without_a_year_give_no_dates() -> None:
    assert parse_deadline("В течение года").start is None
    assert parse_deadline("Сентябрь, октябрь").end is None
    assert parse_deadline("Март 2020").end == date(2020, 3, 31)
