"""Use case: fill an empty database with demonstration data.

Seed 002's fifteen schools keep their real 2018–2019 numbers; their later
years and about eighty-five more schools, marked «(демо)» in their names,
are generated from a fixed random seed so that every view and chart has a
city of about a hundred schools over 2018–2024 to show, with schools that
enter and leave the list.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, Result, School
from lowres_desktop.domain.schools import guess_school_kind, short_school_name
from lowres_desktop.importing.procedure_headers import parse_procedure_header
from lowres_desktop.importing.values import parse_percent
from lowres_desktop.reports.model import Requisites
from lowres_desktop.services.demo_analysis import fill_demo_analysis
from lowres_desktop.services.demo_roadmaps import fill_demo_roadmaps
from lowres_desktop.services.progress import (
    CancelCheck,
    ProgressCallback,
    check_cancel,
    never_cancel,
    no_progress,
)
from lowres_desktop.services.requisites import write_requisites
from lowres_desktop.services.seed_appendix import seed_appendix_cells
from lowres_desktop.storage.unit_of_work import Database, UnitOfWork

FIRST_YEAR = 2018
LAST_YEAR = 2024
GENERATED_SCHOOLS = 85
DEMO_MARK = "(демо)"
DISTRICTS = [
    f"{name} район {DEMO_MARK}"
    for name in (
        "Центральный",
        "Куйбышевский",
        "Заводской",
        "Кузнецкий",
        "Орджоникидзевский",
        "Новоильинский",
    )
]
_VPR = ProcedureKind.VPR
PROCEDURES = [
    ProcedureKey(_VPR, "МА", 5),
    ProcedureKey(_VPR, "МА", 6),
    ProcedureKey(_VPR, "РУ", 5),
    ProcedureKey(_VPR, "РУ", 6),
    ProcedureKey(ProcedureKind.OGE, "МА"),
    ProcedureKey(ProcedureKind.OGE, "РУ"),
    ProcedureKey(ProcedureKind.EGE, "МА"),
    ProcedureKey(ProcedureKind.EGE, "РУ"),
]
# Typical share of «2» for an average school, and of high results, per kind of procedure.
_TYPICAL_LOW = {ProcedureKind.VPR: 14.0, ProcedureKind.OGE: 6.0, ProcedureKind.EGE: 2.0}
_TYPICAL_HIGH = {ProcedureKind.VPR: 22.0, ProcedureKind.OGE: 18.0, ProcedureKind.EGE: 20.0}
_PARTICIPANTS = {ProcedureKind.VPR: (30, 120), ProcedureKind.OGE: (20, 100), ProcedureKind.EGE: (8, 50)}


DEMO_REQUISITES = Requisites(
    authority_lines=("АДМИНИСТРАЦИЯ ДЕМОНСТРАЦИОННОГО ГОРОДА", "КОМИТЕТ ОБРАЗОВАНИЯ (ДЕМО)"),
    name_genitive="комитета образования",
    place="г. Демоград",
    signatory_position="Председатель комитета",
    signatory_name="А. Б. Образцова",
    executor_name="Иванова Мария Петровна",
    executor_phone="8 (000) 000-00-00",
)


@dataclass(frozen=True)
class DemoSummary:
    schools: int
    results: int
    first_year: int
    last_year: int


@dataclass(frozen=True)
class _DemoSchool:
    school: School
    quality: float
    trend: float


def _clamp(value: float) -> float:
    return round(min(100.0, max(0.0, value)))


def _generated_result(
    rng: random.Random, entry: _DemoSchool, procedure: ProcedureKey, year: int
) -> Result | None:
    if procedure.kind == ProcedureKind.EGE and entry.school.kind.value == "ООШ":
        return None
    quality = entry.quality + entry.trend * (year - FIRST_YEAR)
    typical_low = _TYPICAL_LOW[procedure.kind]
    low = typical_low * (1.0 - 0.75 * quality) + rng.gauss(0, typical_low * 0.45)
    high = _TYPICAL_HIGH[procedure.kind] * (1.0 + 0.6 * quality) + rng.gauss(0, 5)
    lo, hi = _PARTICIPANTS[procedure.kind]
    participants = rng.randint(lo, hi)
    return Result(entry.school.login, procedure, year, participants, _clamp(low), _clamp(high))


def _seed_part() -> tuple[list[School], list[Result]]:
    schools: dict[str, School] = {}
    results = []
    for cell in seed_appendix_cells():
        schools.setdefault(
            cell.login,
            School(
                login=cell.login,
                full_name=cell.name,
                short_name=short_school_name(cell.name),
                kind=guess_school_kind(cell.name),
                district=cell.territory,
            ),
        )
        named = parse_procedure_header(f"{cell.header} {cell.year}")
        assert named is not None
        low, high = parse_percent(cell.pct_low), parse_percent(cell.pct_high)
        if low is None and high is None:
            continue
        results.append(Result(cell.login, named[0], cell.year, None, low, high))
    return list(schools.values()), results


def _generated_schools(rng: random.Random, taken_numbers: set[int]) -> list[_DemoSchool]:
    numbers = [n for n in range(1, 120) if n not in taken_numbers][:GENERATED_SCHOOLS]
    entries = []
    for index, number in enumerate(numbers):
        roll = rng.random()
        if roll < 0.07:
            name, quality = f"МАОУ «Гимназия № {number}» {DEMO_MARK}", rng.uniform(0.8, 1.2)
        elif roll < 0.12:
            name, quality = f"МАОУ «Лицей № {number}» {DEMO_MARK}", rng.uniform(0.8, 1.2)
        elif roll < 0.27:
            name, quality = f"МБОУ «ООШ № {number}» {DEMO_MARK}", rng.uniform(-1.1, 0.5)
        else:
            name, quality = f"МБОУ «СОШ № {number}» {DEMO_MARK}", rng.uniform(-0.9, 0.9)
        school = School(
            login=f"demo{420500 + number}",
            full_name=name,
            short_name=short_school_name(name),
            kind=guess_school_kind(name),
            district=DISTRICTS[index % len(DISTRICTS)],
        )
        entries.append(_DemoSchool(school, quality, rng.uniform(-0.05, 0.06)))
    return entries


def demo_content() -> tuple[list[School], list[Result]]:
    """The demonstration schools and results, the same on every call."""
    rng = random.Random(20201209)
    seed_schools, results = _seed_part()
    taken = {int(s.short_name.split("№")[-1]) for s in seed_schools}
    seed_entries = [_DemoSchool(s, rng.uniform(-1.4, -0.6), rng.uniform(0.04, 0.16)) for s in seed_schools]
    generated = _generated_schools(rng, taken)
    for entry in seed_entries:
        for year in range(2020, LAST_YEAR + 1):
            for procedure in PROCEDURES:
                result = _generated_result(rng, entry, procedure, year)
                if result is not None:
                    results.append(result)
    for entry in generated:
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            for procedure in PROCEDURES:
                result = _generated_result(rng, entry, procedure, year)
                if result is not None:
                    results.append(result)
    return seed_schools + [e.school for e in generated], results


def fill_demo_data(
    db: Database, progress: ProgressCallback = no_progress, cancel: CancelCheck = never_cancel
) -> DemoSummary:
    """Fill an empty database; refuses one that already holds schools."""
    progress(0, 3, "Подготовка демонстрационных данных…")
    schools, results = demo_content()

    def write(uow: UnitOfWork) -> None:
        if uow.schools.count():
            raise DomainError(
                "В базе уже есть школы: демонстрационные данные заполняются только в пустую базу. "
                "Создайте новую базу (Файл → Создать базу…) или откройте демонстрационную."
            )
        progress(1, 3, "Запись школ…")
        for school in schools:
            uow.schools.add(school)
        known = set(uow.procedures.ids())
        uow.procedures.add_many(sorted({r.procedure for r in results} - known))
        check_cancel(cancel)
        progress(2, 3, "Запись результатов…")
        uow.results.save(results)
        fill_demo_analysis(uow, schools, results)
        fill_demo_roadmaps(uow, schools, results)
        write_requisites(uow, DEMO_REQUISITES)
        check_cancel(cancel)
        uow.commit()

    db.run_write(write)
    progress(3, 3, "Готово")
    return DemoSummary(len(schools), len(results), FIRST_YEAR, LAST_YEAR)
