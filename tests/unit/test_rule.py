"""Seed 002's rule as the default profile: both branches, the inclusive threshold, parameters, reasons."""

from __future__ import annotations

import pytest

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.profiles import RuleProfile, assess, default_profile
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, Result
from lowres_desktop.domain.rule import Criterion, LowProcedure

MA5 = ProcedureKey(ProcedureKind.VPR, "МА", 5)
RU5 = ProcedureKey(ProcedureKind.VPR, "РУ", 5)
OGE_MA = ProcedureKey(ProcedureKind.OGE, "МА")


def result(login: str, procedure: ProcedureKey, year: int, pct_low: float | None) -> Result:
    return Result(login, procedure, year, None, pct_low, None)


def rule(**changes: object) -> RuleProfile:
    return RuleProfile(name="проба", **changes)  # type: ignore[arg-type]


def verdict_of(results: list[Result], year: int = 2019, params: RuleProfile | None = None):
    assessments = assess(results, year, params or default_profile())
    assert len(assessments) == 1
    return assessments[0].verdict


def test_two_low_procedures_in_latest_year_flag_the_school() -> None:
    verdict = verdict_of([result("a", MA5, 2019, 40), result("a", RU5, 2019, 31)])
    assert verdict.flagged
    assert verdict.criteria == {Criterion.MANY_IN_LATEST}
    assert verdict.low_count(2019) == 2


def test_one_low_procedure_only_in_latest_year_is_not_enough() -> None:
    verdict = verdict_of([result("a", MA5, 2019, 40), result("a", RU5, 2018, 10)])
    assert not verdict.flagged
    assert verdict.reasons == (LowProcedure(MA5, 2019, 40, 30.0),)


def test_one_low_procedure_in_each_of_two_years_flags_the_school() -> None:
    verdict = verdict_of([result("a", MA5, 2019, 35), result("a", OGE_MA, 2018, 50)])
    assert verdict.criteria == {Criterion.EACH_YEAR}
    assert [(r.procedure, r.year, r.value) for r in verdict.reasons] == [
        (MA5, 2019, 35),
        (OGE_MA, 2018, 50),
    ]


def test_threshold_is_inclusive() -> None:
    at = verdict_of([result("a", MA5, 2019, 30.0), result("a", RU5, 2019, 30.0)])
    below = verdict_of([result("a", MA5, 2019, 29.99), result("a", RU5, 2019, 30.0)])
    assert at.flagged
    assert not below.flagged


def test_years_before_the_window_are_ignored() -> None:
    verdict = verdict_of([result("a", MA5, 2019, 35), result("a", MA5, 2017, 90)])
    assert not verdict.flagged
    assert all(r.year == 2019 for r in verdict.reasons)


def test_missing_values_are_not_low() -> None:
    verdict = verdict_of([result("a", MA5, 2019, None), result("a", RU5, 2019, 45)])
    assert not verdict.flagged


def test_parameters_change_the_outcome() -> None:
    data = [result("a", MA5, 2019, 26), result("a", RU5, 2019, 27)]
    assert not verdict_of(data).flagged
    assert verdict_of(data, params=rule(default_threshold=25)).flagged


def test_only_the_chosen_procedures_count() -> None:
    data = [result("a", MA5, 2019, 40), result("a", RU5, 2019, 40)]
    only_math = rule(procedures=frozenset({MA5}))
    assert not verdict_of(data, params=only_math).flagged


def test_three_years_back_needs_a_low_result_in_each() -> None:
    params = rule(years_each=3, min_low_latest=5)
    two_years = [result("a", MA5, 2019, 40), result("a", MA5, 2018, 40)]
    assert not verdict_of(two_years, params=params).flagged
    assert verdict_of(two_years + [result("a", RU5, 2017, 33)], params=params).flagged


def test_every_school_gets_a_verdict_including_those_without_results() -> None:
    assessments = assess([result("b", MA5, 2019, 10)], 2019, default_profile(), logins=["a"])
    assert [(a.login, a.flagged) for a in assessments] == [("a", False), ("b", False)]


@pytest.mark.parametrize(
    "kwargs",
    [{"default_threshold": 0}, {"default_threshold": 120}, {"min_low_latest": 0}, {"years_each": 0}],
)
def test_impossible_parameters_are_refused_in_russian(kwargs: dict[str, float]) -> None:
    with pytest.raises(DomainError, match="[А-Яа-я]"):
        rule(**kwargs)
