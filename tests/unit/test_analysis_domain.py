"""Rule profiles, categories, dynamics, objectivity signs and mentor ranking: the pure rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from lowres_desktop.domain.categories import (
    Category,
    OfficialStatus,
    YearSummary,
    categorize,
    disagrees,
    main_category,
    summarize,
)
from lowres_desktop.domain.dynamics import (
    Trend,
    YearShare,
    district_breakdown,
    list_change,
    procedure_trends,
    summarize_trends,
    years_on_list,
)
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.mentors import SchoolProfile, rank_mentor_candidates
from lowres_desktop.domain.objectivity import MarkComparison, SignKind, objectivity_signs
from lowres_desktop.domain.profiles import (
    CategorySettings,
    ObjectivitySettings,
    RuleProfile,
    assess,
    compare_lists,
    default_profile,
)
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, Result, School, SchoolKind
from lowres_desktop.domain.rule import Criterion

VPR_MA5 = ProcedureKey(ProcedureKind.VPR, "МА", 5)
VPR_RU5 = ProcedureKey(ProcedureKind.VPR, "РУ", 5)
EGE_MA = ProcedureKey(ProcedureKind.EGE, "МАП")


def r(
    login: str,
    procedure: ProcedureKey,
    year: int,
    low: float | None,
    high: float | None = 10.0,
    participants: int | None = 50,
) -> Result:
    return Result(login, procedure, year, participants, low, high)


def test_thresholds_per_kind_and_chosen_procedures() -> None:
    results = [r("a", VPR_MA5, 2019, 28), r("a", EGE_MA, 2019, 22), r("a", VPR_RU5, 2019, 40)]
    strict = RuleProfile("ЕГЭ строже", thresholds=((ProcedureKind.EGE, 20.0), (ProcedureKind.VPR, 25.0)))
    [assessment] = assess(results, 2019, strict)
    assert assessment.flagged
    assert {(x.procedure, x.threshold) for x in assessment.verdict.reasons} == {
        (VPR_MA5, 25.0),
        (EGE_MA, 20.0),
        (VPR_RU5, 25.0),
    }
    only_vpr = replace(strict, procedures=frozenset({VPR_MA5}))
    assert not assess(results, 2019, only_vpr)[0].flagged


def test_too_few_participants_do_not_count_and_say_so() -> None:
    results = [r("a", VPR_MA5, 2019, 50, participants=6), r("a", VPR_RU5, 2019, 40, participants=60)]
    profile = RuleProfile("От 10 участников", min_participants=10)
    [assessment] = assess(results, 2019, profile)
    assert not assessment.flagged
    [skipped] = assessment.skipped
    assert (skipped.procedure, skipped.participants, skipped.min_participants) == (VPR_MA5, 6, 10)
    assert assess(results, 2019, replace(profile, min_participants=0))[0].flagged


def test_more_years_back_and_more_procedures_in_the_latest_year() -> None:
    results = [r("a", VPR_MA5, y, 35) for y in (2017, 2018, 2019)] + [
        r("b", VPR_MA5, 2019, 31),
        r("b", VPR_RU5, 2019, 33),
    ]
    three_years = RuleProfile("Три года", years_each=3, min_low_latest=3)
    by_login = {a.login: a for a in assess(results, 2019, three_years)}
    assert by_login["a"].verdict.criteria == {Criterion.EACH_YEAR}
    assert not by_login["b"].flagged


def test_invalid_profiles_are_refused_in_russian() -> None:
    with pytest.raises(DomainError, match="Порог"):
        RuleProfile("x", thresholds=((ProcedureKind.OGE, 0.0),))
    with pytest.raises(DomainError, match="название"):
        RuleProfile("  ")
    with pytest.raises(DomainError, match="хотя бы одну"):
        RuleProfile("x", procedures=frozenset())
    with pytest.raises(DomainError, match="не меньше 1"):
        CategorySettings(persistent_years=0)
    with pytest.raises(DomainError):
        ObjectivitySettings(lowered_threshold=0)


def test_what_if_the_threshold_were_25_percent() -> None:
    results = [
        r("a", VPR_MA5, 2019, 27),
        r("a", VPR_RU5, 2019, 26),
        r("b", VPR_MA5, 2019, 30),
        r("b", VPR_RU5, 2019, 31),
        r("c", VPR_MA5, 2019, 5),
    ]
    saved = assess(results, 2019, default_profile())
    draft = assess(results, 2019, replace(default_profile(), default_threshold=25.0))
    difference = compare_lists(draft, saved)
    assert difference.flagged == {"a", "b"}
    assert difference.entered == {"a"} and difference.left == frozenset()
    assert compare_lists(saved, draft).left == {"a"}


def _flagged_every_year(login: str, years: range) -> list[Result]:
    return [r(login, p, y, 40) for y in years for p in (VPR_MA5, VPR_RU5)]


def test_unor_counts_consecutive_years_and_knows_when_the_run_began() -> None:
    results = _flagged_every_year("a", range(2018, 2022)) + [r("a", VPR_MA5, 2022, 5)]
    results += _flagged_every_year("a", range(2023, 2025))
    by_year = categorize(results, [], range(2018, 2025), default_profile())
    a = {year: entries[0] for year, entries in by_year.items()}
    assert a[2019].categories == {Category.LOW}
    assert a[2020].categories == {Category.LOW, Category.PERSISTENT}
    assert (a[2021].flagged_since, a[2021].years_in_row, a[2021].main) == (2018, 4, Category.PERSISTENT)
    assert a[2022].categories == frozenset() and a[2022].flagged_since is None
    assert a[2024].categories == {Category.LOW} and a[2024].flagged_since == 2023


def test_risk_group_one_low_procedure_or_close_to_the_threshold() -> None:
    results = [r("one", VPR_MA5, 2019, 35), r("close", VPR_MA5, 2019, 27.5), r("far", VPR_MA5, 2019, 20)]
    entries = {e.login: e for e in categorize(results, [], [2019], default_profile())[2019]}
    assert entries["one"].categories == {Category.RISK}
    assert entries["close"].categories == {Category.RISK}
    assert [n.value for n in entries["close"].assessment.near] == [27.5]
    assert entries["far"].categories == frozenset()
    no_margin = replace(default_profile(), categories=CategorySettings(risk_margin=0.0))
    assert categorize(results, [], [2019], no_margin)[2019][0].categories == frozenset()


def test_stably_high_needs_every_year_high_and_none_low() -> None:
    years = range(2017, 2020)
    good = [r("good", p, y, 2, high=45) for y in years for p in (VPR_MA5, VPR_RU5)]
    dip = [r("dip", p, y, 2, high=45 if y != 2018 else 20) for y in years for p in (VPR_MA5, VPR_RU5)]
    one_low = [
        r("low", p, y, 2 if (y, p) != (2018, VPR_MA5) else 31, high=60)
        for y in years
        for p in (VPR_MA5, VPR_RU5)
    ]
    entries = {e.login: e for e in categorize(good + dip + one_low, [], years, default_profile())[2019]}
    assert entries["good"].categories == {Category.HIGH}
    assert entries["good"].high_means == ((2017, 45.0), (2018, 45.0), (2019, 45.0))
    assert entries["dip"].categories == frozenset()
    assert entries["low"].categories == frozenset()


def test_year_summaries_count_only_what_the_profile_counts() -> None:
    results = [
        r("a", VPR_MA5, 2019, 1, high=40),
        r("a", VPR_RU5, 2019, 1, high=20, participants=3),
        r("a", EGE_MA, 2019, 1, high=None),
    ]
    profile = RuleProfile("x", min_participants=5)
    assert summarize(results, profile) == {("a", 2019): YearSummary(2, 40.0)}


def test_official_status_disagreement() -> None:
    assert disagrees({Category.LOW}, {Category.LOW}, True) is False
    assert disagrees(set(), {Category.PERSISTENT}, True) is True
    assert disagrees({Category.LOW, Category.PERSISTENT}, {Category.PERSISTENT}, True) is False
    assert disagrees({Category.LOW}, set(), True) is True
    assert disagrees({Category.LOW}, set(), False) is False
    assert disagrees({Category.RISK}, set(), True) is False
    assert main_category({Category.LOW, Category.PERSISTENT}) == Category.PERSISTENT
    with pytest.raises(DomainError, match="номер приказа"):
        OfficialStatus("a", 2019, Category.LOW, " ", date(2019, 3, 26))


def test_list_change_counts_like_seed_003() -> None:
    previous = [f"s{n}" for n in range(17)]
    current = [f"s{n}" for n in range(12, 17)] + ["new"]
    change = list_change(2019, current, previous, schools_total=220)
    assert (len(change.left), len(change.stayed), len(change.entered)) == (12, 5, 1)
    assert round(change.left_share or 0) == 71
    assert round(change.stayed_share or 0) == 29
    assert change.flagged == 6 and round(change.flagged_share or 0, 1) == 2.7
    assert list_change(2019, [], [], 0).left_share is None


def test_years_on_list_and_target_share() -> None:
    lists = {2017: ["a", "b"], 2018: ["a"], 2019: ["a", "b"]}
    assert years_on_list(lists, 2019) == {"a": (3, 3), "b": (1, 2)}
    assert YearShare(2019, 15, 100, 15.0).target_met
    assert not YearShare(2019, 16, 100, 15.0).target_met


def test_procedure_trends_and_seed_000_shares() -> None:
    results = [
        r("a", EGE_MA, 2018, 10),
        r("a", EGE_MA, 2019, 30),
        r("b", EGE_MA, 2018, 20),
        r("b", EGE_MA, 2019, 21),
        r("b", VPR_MA5, 2018, 40),
        r("b", VPR_MA5, 2019, 10),
        r("c", EGE_MA, 2019, 50),
    ]
    trends = procedure_trends(results, ["a", "b", "c"], 2019, tolerance=2.0)
    assert [(t.login, t.trend) for t in trends if t.procedure == EGE_MA] == [
        ("a", Trend.NEGATIVE),
        ("b", Trend.STABLE),
    ]
    summary = {s.procedure: s for s in summarize_trends(trends)}
    assert summary[EGE_MA].negative_share == 50.0
    assert summary[VPR_MA5].positive_share == 100.0


def test_district_breakdown_is_seed_003_table_3() -> None:
    table = district_breakdown(
        {2018: ["a"], 2019: ["a", "b"]}, {"a": "Ленинский", "b": None, "c": "Советский"}
    )
    assert table["Ленинский"] == {2018: ("a",), 2019: ("a",)}
    assert table[None] == {2018: (), 2019: ("b",)}
    assert table["Советский"] == {2018: (), 2019: ()}


def test_objectivity_lowered_share_and_jump_with_few_participants() -> None:
    settings = ObjectivitySettings(lowered_threshold=15, jump_points=20, jump_max_participants=30)
    comparisons = [
        MarkComparison("a", VPR_MA5, 2019, 40, 22.0, 70.0, 8.0),
        MarkComparison("b", VPR_MA5, 2019, 40, 10.0, 80.0, 10.0),
    ]
    history = [r(login, VPR_MA5, y, 5, high=20) for login in "xyz" for y in (2017, 2018, 2019)]
    jumper = [
        r("j", VPR_MA5, 2017, 5, high=15),
        r("j", VPR_MA5, 2018, 5, high=20),
        r("j", VPR_MA5, 2019, 5, high=70, participants=12),
    ]
    crowd = [r("k", VPR_MA5, 2018, 5, high=20), r("k", VPR_MA5, 2019, 5, high=70, participants=90)]
    signs = objectivity_signs(comparisons, history + jumper + crowd, 2019, settings)
    assert [(s.login, s.kind) for s in signs] == [("a", SignKind.LOWERED), ("j", SignKind.HIGH_JUMP)]
    jump = signs[1]
    assert (jump.value, jump.limit, jump.participants) == (70.0, 17.5, 12)
    assert jump.municipal is not None and jump.municipal == pytest.approx((20 * 3 + 70 + 70) / 5)
    with pytest.raises(DomainError, match="в сумме"):
        MarkComparison("a", VPR_MA5, 2019, 40, 50.0, 20.0, 10.0)


def test_mentors_from_the_same_district_and_similar_kind_first() -> None:
    mentee = School("m", "МБОУ «СОШ № 1»", "СОШ № 1", SchoolKind.SOSH, "Ленинский")
    pool = [
        (School("g", "Гимназия № 2", "Гимназия № 2", SchoolKind.GYMNASIUM, "Ленинский"), 60.0),
        (School("s", "СОШ № 3", "СОШ № 3", SchoolKind.SOSH, "Ленинский"), 35.0),
        (School("far", "СОШ № 4", "СОШ № 4", SchoolKind.SOSH, "Советский"), 50.0),
        (School("busy", "СОШ № 5", "СОШ № 5", SchoolKind.OOSH, "Ленинский"), 40.0),
        (mentee, 99.0),
    ]
    ranked = rank_mentor_candidates(mentee, pool, {"busy": 2})
    assert [c.school.login for c in ranked] == ["s", "busy", "g", "far"]
    with pytest.raises(DomainError):
        SchoolProfile("m", mentor_login="m")
