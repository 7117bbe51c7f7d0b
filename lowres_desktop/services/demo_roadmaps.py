"""Demonstration roadmaps and monitoring rounds, so the roadmap and monitoring pages show real-looking work.

Seed 003's municipal roadmap is stored as approved, two school roadmaps are
made from seed 002's program for flagged demo schools, and two monitoring
rounds check ten of the municipal measures in eight schools the rule flags
for 2021: the first half of 2020/21 (December) and the year's end (June, the
dates of seed 000), the second better than the first. Everything comes from
a fixed random seed, so every demo database is the same.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime

from lowres_desktop.domain.deadlines import Period
from lowres_desktop.domain.monitoring import MonitoringRound, Status
from lowres_desktop.domain.profiles import assess, default_profile
from lowres_desktop.domain.records import Result, School
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.roadmap_templates import builtin_executors, template
from lowres_desktop.services.roadmaps import school_roadmap
from lowres_desktop.storage.unit_of_work import UnitOfWork

DEMO_YEAR = 2021
CHECKED_ITEMS = [(0, 1), (0, 2), (1, 0), (1, 3), (1, 9), (2, 1), (2, 4), (3, 2), (6, 3), (7, 1)]
"""(section, item) of seed 003's measures a school can be checked on."""
ROUNDS = [
    (
        "Мониторинг выполнения дорожной карты за 1 полугодие 2020/2021 учебного года",
        "1 полугодие 2020-2021 учебного года",
        date(2020, 12, 10),
        date(2020, 12, 24),
    ),
    (
        "Мониторинг выполнения дорожной карты за 2020/2021 учебный год",
        "2020-2021 учебный год",
        date(2021, 6, 10),
        date(2021, 6, 14),
    ),
]
_COMMENTS = {
    Status.DONE: [
        "Протокол совещания от {day}.{month}.2021 размещён на сайте ОО.",
        "Приказ ОО об утверждении плана от {day}.{month}.2020, план выполняется.",
        "Положение о ВСОКО утверждено {day}.{month}.2020, механизмы описаны.",
        "Справка по итогам, ссылка на сайт ОО активна.",
    ],
    Status.PARTIAL: [
        "План утверждён, мероприятия проведены частично (2 из 4).",
        "Положение есть, указана недействующая нормативно-правовая база.",
        "Участвуют отдельные педагоги, не по всем предметам.",
    ],
    Status.NOT_DONE: [
        "Документы не представлены.",
        "Работа не начата, сроки перенесены руководителем ОО.",
        "Материалы на сайте ОО отсутствуют.",
    ],
    Status.NOT_APPLICABLE: ["Не применимо для ООШ (нет выпускников 11 класса)."],
}
_NOW = datetime(2021, 6, 14, 12, 0)


def _first_status(rng: random.Random) -> Status:
    roll = rng.random()
    if roll < 0.42:
        return Status.DONE
    if roll < 0.67:
        return Status.PARTIAL
    if roll < 0.96:
        return Status.NOT_DONE
    return Status.NOT_APPLICABLE


def _later_status(rng: random.Random, before: Status) -> Status:
    if before == Status.NOT_DONE:
        return rng.choice([Status.NOT_DONE, Status.PARTIAL, Status.DONE, Status.DONE])
    if before == Status.PARTIAL:
        return rng.choice([Status.PARTIAL, Status.DONE, Status.DONE])
    if before == Status.DONE and rng.random() < 0.08:
        return Status.PARTIAL
    return before


def _comment(rng: random.Random, status: Status) -> str:
    return rng.choice(_COMMENTS[status]).format(day=rng.randint(10, 28), month=f"{rng.randint(1, 12):02d}")


def fill_demo_roadmaps(uow: UnitOfWork, schools: Sequence[School], results: Sequence[Result]) -> None:
    """Write the demonstration roadmaps and rounds in the caller's unit of work."""
    rng = random.Random(20210614)
    uow.roadmaps.ensure_executors(builtin_executors())
    municipal_id = uow.roadmaps.add(template("seed003_novosibirsk_2020_2024").roadmap, _NOW)
    municipal = uow.roadmaps.get(municipal_id)
    assert municipal is not None

    by_login = {school.login: school for school in schools}
    # A new demo database has no saved profile: its current profile is the default one.
    assessments = assess(results, DEMO_YEAR, default_profile(), list(by_login))
    flagged = sorted(
        (by_login[a.login] for a in assessments if a.flagged), key=lambda s: natural_sort_key(s.short_name)
    )
    checked = flagged[:8]
    program = template("seed002_novokuznetsk_2020_2021").roadmap
    for school in checked[:2]:
        uow.roadmaps.add(
            school_roadmap(program, school.login, school.full_name, Period(DEMO_YEAR, DEMO_YEAR + 1)), _NOW
        )

    items = [municipal.sections[s].items[i].id for s, i in CHECKED_ITEMS]
    logins = tuple(school.login for school in checked)
    previous: dict[tuple[str, int], Status] = {}
    for name, period_text, starts_on, ends_on in ROUNDS:
        round_id = uow.monitoring.save(
            MonitoringRound(
                name,
                municipal_id,
                logins,
                tuple(i for i in items if i is not None),
                period_text,
                starts_on,
                ends_on,
            ),
            _NOW,
        )
        for login in logins:
            for item_id in items:
                assert item_id is not None
                before = previous.get((login, item_id))
                status = _first_status(rng) if before is None else _later_status(rng, before)
                previous[(login, item_id)] = status
                uow.monitoring.set_entry(round_id, login, item_id, status, _comment(rng, status), _NOW)

    indicators = municipal.indicators
    for index, values in ((0, (80.0, 100.0)), (8, (35.0, 52.0)), (20, (75.0, 100.0)), (22, (100.0, 100.0))):
        indicator_id = indicators[index].id
        assert indicator_id is not None
        for year, value in zip((2020, 2021), values, strict=True):
            uow.roadmaps.set_indicator_value(indicator_id, year, None, value)
    young = indicators[11].id
    assert young is not None
    for login in logins:
        uow.roadmaps.set_indicator_value(young, 2021, login, float(rng.randint(12, 34)))
