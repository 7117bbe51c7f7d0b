"""One rule, one truth: every consumer of a year's list names the same schools as a plain reading of the rule.

Hypothesis draws rule profiles (thresholds per kind, a set of procedures, the
counts, the years, a minimum of participants) and tables of results (values at
and around the thresholds, missing values, small classes, schools without
results and a closed school). For each, with the profile made current, the
page's service, `lowres flag`, the order's list, the categories' ШНОР and the
schools given roadmaps by «Для выявленных школ…» must be one set, equal to
`reference_flagged` below, which reads the rule as the README states it and
shares no code with the program. The denominator is checked the same way.
"""

from __future__ import annotations

import io
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lowres_desktop.cli import main as lowres
from lowres_desktop.domain.categories import Category
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, Result, School, SchoolKind
from lowres_desktop.reports.model import Table
from lowres_desktop.services.categories import categories_for_year
from lowres_desktop.services.documents import DocumentKind, DocumentRequest, build_document
from lowres_desktop.services.identify_schools import identify_schools
from lowres_desktop.services.roadmaps import generate_school_roadmaps
from lowres_desktop.services.rule_profiles import save_profile
from lowres_desktop.storage.unit_of_work import Database

PROCEDURES = [
    ProcedureKey(ProcedureKind.VPR, "МА", 5),
    ProcedureKey(ProcedureKind.VPR, "РУ", 6),
    ProcedureKey(ProcedureKind.OGE, "МА"),
    ProcedureKey(ProcedureKind.OGE, "РУ"),
    ProcedureKey(ProcedureKind.EGE, "МАП"),
]
YEARS = [2019, 2020, 2021, 2022]
LATEST = YEARS[-1]
KINDS = (ProcedureKind.VPR, ProcedureKind.OGE, ProcedureKind.EGE)
EDGES = [0.0, 19.9, 20.0, 25.0, 29.9, 30.0, 35.0, 49.9, 50.0, 80.0]


@dataclass(frozen=True)
class ResultTable:
    schools: list[School]
    results: list[Result]


def _school(number: int, active: bool) -> School:
    name = f"СОШ № {number}"
    return School(f"sch{number:04d}", f"МБОУ «{name}»", name, SchoolKind.SOSH, "Район", active)


@st.composite
def profiles(draw: st.DrawFn) -> RuleProfile:
    thresholds = tuple((kind, float(draw(st.sampled_from([20, 25, 30, 35, 50])))) for kind in KINDS)
    chosen = draw(st.one_of(st.none(), st.sets(st.sampled_from(PROCEDURES), min_size=1)))
    return RuleProfile(
        name="Проверка",
        order="приказ № 1",
        default_threshold=30.0,
        thresholds=thresholds,
        procedures=None if chosen is None else frozenset(chosen),
        min_low_latest=draw(st.integers(1, 3)),
        min_low_each_year=draw(st.integers(1, 2)),
        years_each=draw(st.integers(1, 3)),
        min_participants=draw(st.sampled_from([0, 0, 5, 15])),
    )


@st.composite
def tables(draw: st.DrawFn) -> ResultTable:
    count = draw(st.integers(2, 9))
    closed = draw(st.integers(0, count))  # == count: every school open
    schools = [_school(n + 1, active=n != closed) for n in range(count)]
    results = []
    for school in schools:
        first_year = draw(st.sampled_from(YEARS))  # a school may have results only in late years, or none
        for year in YEARS:
            if year < first_year:
                continue
            for procedure in PROCEDURES:
                if not draw(st.booleans()):
                    continue
                # Values on and around every threshold, so «at or over» is tested at its edge.
                pct_low = draw(st.one_of(st.none(), st.sampled_from(EDGES)))
                participants = draw(st.one_of(st.none(), st.integers(1, 40)))
                results.append(Result(school.login, procedure, year, participants, pct_low, 10.0))
    return ResultTable(schools, results)


def reference_flagged(table: ResultTable, profile: RuleProfile, year: int) -> tuple[set[str], int]:
    """The rule read plainly, and the denominator: open schools with a counted value in the rule's years."""
    window = list(range(year - profile.years_each + 1, year + 1))
    flagged = set()
    assessed = set()
    for school in table.schools:
        if not school.active:
            continue
        low_per_year = dict.fromkeys(window, 0)
        for r in table.results:
            if r.login != school.login or r.year not in window:
                continue
            if profile.procedures is not None and r.procedure not in profile.procedures:
                continue
            if r.pct_low is None:
                continue
            assessed.add(school.login)
            threshold = dict(profile.thresholds).get(r.procedure.kind, profile.default_threshold)
            enough = r.participants is None or r.participants >= profile.min_participants
            if r.pct_low >= threshold and enough:
                low_per_year[r.year] += 1
        many = low_per_year[year] >= profile.min_low_latest
        each = all(low_per_year[y] >= profile.min_low_each_year for y in window)
        if many or each:
            flagged.add(school.login)
    return flagged, len(assessed)


def _database(folder: Path, table: ResultTable, profile: RuleProfile) -> Database:
    db = Database.open(str(folder / "city.sqlite"))
    with db.unit_of_work() as uow:
        for school in table.schools:
            uow.schools.add(school)
        known = set(uow.procedures.all())
        uow.procedures.add_many([p for p in PROCEDURES if p not in known])
        uow.results.save(table.results)
        uow.commit()
    save_profile(db, profile, make_current=True)
    return db


def _order_schools(db: Database, names: dict[str, str]) -> set[str]:
    document = build_document(db, DocumentRequest(DocumentKind.LOW_RESULTS, year=LATEST))
    lists = [
        block
        for block in document.preamble
        if isinstance(block, Table) and any(cell.text == "Критерий" for cell in block.header[0])
    ]
    return {names[row[1].text] for table in lists for row in table.rows}


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), table=tables())
def test_every_list_is_the_rule_s_list(profile: RuleProfile, table: ResultTable) -> None:
    expected, assessed = reference_flagged(table, profile, LATEST)
    with tempfile.TemporaryDirectory() as folder:
        db = _database(Path(folder), table, profile)
        try:
            page = identify_schools(db, LATEST)
            assert page.profile == profile
            assert set(page.logins()) == expected
            assert page.schools_total == assessed
            active = sum(1 for s in table.schools if s.active)
            assert page.schools_without_results == active - assessed

            out, err = io.StringIO(), io.StringIO()
            command = ["--db", db.target, "flag", "--year", str(LATEST), "--format", "json"]
            assert lowres(command, out, err) == 0, err.getvalue()
            printed = json.loads(out.getvalue())
            assert {s["login"] for s in printed["flagged"]} == expected
            assert (printed["profile"], printed["fingerprint"]) == (profile.name, profile.fingerprint())
            assert printed["schools_total"] == assessed

            names = {s.short_name: s.login for s in table.schools}
            if assessed:
                assert _order_schools(db, names) == expected
            else:
                with pytest.raises(DomainError, match="Нет школ с результатами за"):
                    _order_schools(db, names)

            if any(r.year == LATEST for r in table.results):
                rows = categories_for_year(db, LATEST, profile).rows
                low = {row.school.login for row in rows if Category.LOW in row.computed.categories}
                assert low == expected

            generated = generate_school_roadmaps(db, LATEST)
            assert generated.profile == profile
            assert {login for login, _id in generated.created} == expected
        finally:
            db.close()
