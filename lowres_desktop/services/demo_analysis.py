"""The analysis part of the demonstration data: mark comparisons, official statuses, a saved profile.

Drawn from a random generator of its own, so the results of the demo city
(services/demo_data.py) stay exactly as they were. Seed 002's fifteen
schools get the official status ШНОР for 2019 from that order (№ 1351 of
09.12.2020); the computed 2019 list also holds a few generated schools, so
the categories view has disagreements to show.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime

from lowres_desktop.domain.categories import Category, OfficialStatus
from lowres_desktop.domain.objectivity import MarkComparison
from lowres_desktop.domain.profiles import default_profile
from lowres_desktop.domain.records import ProcedureKind, Result, School
from lowres_desktop.storage.unit_of_work import UnitOfWork

COMPARISON_YEARS = range(2020, 2025)
EXAMPLE_PROFILE = replace(
    default_profile(),
    name="Пример: ОГЭ и ЕГЭ 15 %, не менее 10 участников",
    order="проект приказа на 2025 год (демонстрационный)",
    thresholds=((ProcedureKind.OGE, 15.0), (ProcedureKind.EGE, 15.0)),
    min_participants=10,
)


def demo_comparisons(results: list[Result]) -> list[MarkComparison]:
    """A comparison for every ВПР result of 2020–2024; about one school in twelve inflates its journal."""
    rng = random.Random(20210614)
    logins = sorted({r.login for r in results})
    inflating = {login for login in logins if rng.random() < 0.08}
    comparisons = []
    for result in sorted(results, key=lambda r: (r.login, r.procedure, r.year)):
        if result.procedure.kind != ProcedureKind.VPR or result.year not in COMPARISON_YEARS:
            continue
        lowered = rng.uniform(18, 34) if result.login in inflating else rng.uniform(3, 13)
        raised = rng.uniform(1, 6)
        lowered, raised = round(lowered, 1), round(raised, 1)
        comparisons.append(
            MarkComparison(
                result.login,
                result.procedure,
                result.year,
                result.participants,
                lowered,
                round(100 - lowered - raised, 1),
                raised,
            )
        )
    return comparisons


def fill_demo_analysis(uow: UnitOfWork, schools: list[School], results: list[Result]) -> None:
    """Inside the demo's unit of work, after schools and results are written."""
    uow.analysis.comparisons.save(demo_comparisons(results))
    for school in schools:
        if school.login.startswith("sch"):
            status = OfficialStatus(school.login, 2019, Category.LOW, "1351", date(2020, 12, 9))
            uow.analysis.statuses.replace_for_school_year(school.login, 2019, [status])
    uow.analysis.profiles.save(EXAMPLE_PROFILE, None, datetime(2024, 9, 1))
