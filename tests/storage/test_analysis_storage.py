"""Analysis storage and services on a real SQLite file: profiles, statuses, school profiles, facts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from lowres_desktop.domain.categories import Category, OfficialStatus, categorize, summarize
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.mentors import ProblemType, SchoolProfile, SocialConditions
from lowres_desktop.domain.objectivity import MarkComparison, SignKind
from lowres_desktop.domain.profiles import RuleProfile, default_profile
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.reports.model import Paragraph
from lowres_desktop.services.categories import categories_for_year, record_official_statuses
from lowres_desktop.services.category_history import category_history
from lowres_desktop.services.chart_series import CATEGORY_COLORS, dashboard, heat_map, school_charts
from lowres_desktop.services.demo_data import demo_content, fill_demo_data
from lowres_desktop.services.documents import DocumentKind, DocumentRequest, build_document
from lowres_desktop.services.dynamics import dynamics_for_year
from lowres_desktop.services.identify_schools import identify_schools
from lowres_desktop.services.import_workbook import import_workbook
from lowres_desktop.services.objectivity import objectivity_for_year, save_mark_comparisons
from lowres_desktop.services.rule_profiles import (
    delete_profile,
    find_profile,
    list_profiles,
    load_preview_data,
    preview_profile,
    save_profile,
    set_current_profile,
)
from lowres_desktop.services.school_profiles import (
    problem_types,
    save_problem_types,
    save_school_profile,
    school_profile,
)
from lowres_desktop.storage.unit_of_work import Database

VPR_MA5 = ProcedureKey(ProcedureKind.VPR, "МА", 5)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = Database.open(str(tmp_path_factory.mktemp("demo") / "demo.sqlite"))
    fill_demo_data(db)
    return db


def test_a_profile_survives_the_round_trip_and_becomes_current(tmp_path: Path) -> None:
    db = Database.open(str(tmp_path / "p.sqlite"))
    profile = RuleProfile(
        "Кузбасс, приказ № 1721 от 23.10.2020",
        order="приказ Минобрнауки Кузбасса от 23.10.2020 № 1721",
        thresholds=((ProcedureKind.EGE, 20.0),),
        procedures=frozenset({VPR_MA5, ProcedureKey(ProcedureKind.EGE, "МАП")}),
        min_participants=7,
        years_each=3,
    )
    save_profile(db, profile, make_current=True)
    assert find_profile(db, profile.name) == profile
    assert list_profiles(db).current == profile
    renamed = replace(profile, name="Кузбасс 2021")
    save_profile(db, renamed, previous_name=profile.name)
    assert list_profiles(db).names() == [default_profile().name, "Кузбасс 2021"]
    assert list_profiles(db).current.name == "Кузбасс 2021"
    with pytest.raises(DomainError, match="не меняется"):
        save_profile(db, default_profile())
    save_profile(db, replace(profile, name="Другой"))
    with pytest.raises(DomainError, match="уже есть"):
        save_profile(db, replace(profile, name="Другой"), previous_name="Кузбасс 2021")
    set_current_profile(db, default_profile().name)
    assert list_profiles(db).current == default_profile()
    delete_profile(db, "Другой")
    with pytest.raises(DomainError, match="Профиля «Другой» нет"):
        find_profile(db, "Другой")
    db.close()


def test_the_current_profile_decides_the_list_when_none_is_named(tmp_path: Path) -> None:
    db = Database.open(str(tmp_path / "current.sqlite"))
    fill_demo_data(db)
    lower = replace(default_profile(), name="25 %", default_threshold=25.0)
    save_profile(db, lower)
    before = identify_schools(db, 2024)
    assert before.profile == default_profile()
    set_current_profile(db, lower.name)
    now = identify_schools(db, 2024)
    assert now.profile == lower
    assert now.logins() == identify_schools(db, 2024, lower).logins()
    assert set(now.logins()) > set(before.logins())
    db.close()


def test_the_preview_answers_what_if_the_threshold_were_25(demo_db: Database) -> None:
    data = load_preview_data(demo_db, 2024)
    saved = default_profile()
    same = preview_profile(data, saved, saved)
    assert same.entered == [] and same.left == []
    lower = preview_profile(data, replace(saved, default_threshold=25.0), saved)
    assert lower.flagged > same.flagged
    assert len(lower.entered) == lower.flagged - same.flagged and lower.left == []
    higher = preview_profile(data, replace(saved, default_threshold=40.0), saved)
    assert higher.flagged < same.flagged and higher.entered == []


def test_fast_facts_give_the_same_categories_as_the_whole_results(demo_db: Database) -> None:
    schools, results = demo_content()
    profile = replace(default_profile(), min_participants=40)
    expected = categorize(results, [s.login for s in schools], range(2018, 2025), profile)
    with demo_db.unit_of_work() as uow:
        history = category_history(uow, profile)
        summaries = uow.analysis.facts.year_summaries(range(2018, 2025), None, 40)
    assert history.by_year == expected
    wanted = summarize(results, profile)
    assert summaries.keys() == wanted.keys()
    for key, summary in wanted.items():
        assert summaries[key].results == summary.results
        assert summaries[key].mean_high == pytest.approx(summary.mean_high)


def test_categories_beside_official_statuses(demo_db: Database) -> None:
    table = categories_for_year(demo_db, 2019, default_profile())
    assert len(table.rows) == 100 and table.has_official_list
    by_login = {row.school.login: row for row in table.rows}
    seed = by_login["sch420220"]
    assert Category.LOW in seed.computed.categories and not seed.disagrees
    assert seed.official[0].order_number == "1351"
    disagreeing = [row for row in table.rows if row.disagrees]
    assert disagreeing and all(not row.school.login.startswith("sch") for row in disagreeing)
    record_official_statuses(
        demo_db,
        "demo420517",
        2019,
        [OfficialStatus("demo420517", 2019, Category.PERSISTENT, "698", date(2019, 3, 26))],
    )
    again = {row.school.login: row for row in categories_for_year(demo_db, 2019, default_profile()).rows}
    assert again["demo420517"].disagrees
    record_official_statuses(demo_db, "demo420517", 2019, [])
    with pytest.raises(DomainError):
        categories_for_year(demo_db, 2031, default_profile())


def test_dynamics_of_the_demo_city(demo_db: Database) -> None:
    found = dynamics_for_year(demo_db, 2020, default_profile())
    change = found.change
    assert change.previously_flagged == len(identify_schools(demo_db, 2019).flagged)
    assert change.flagged == len(identify_schools(demo_db, 2020).flagged)
    assert set(change.stayed) | set(change.entered) == {
        f.school.login for f in identify_schools(demo_db, 2020).flagged
    }
    assert [s.year for s in found.shares] == [2018, 2019, 2020]
    assert found.years_on_list["sch420237"][0] >= 2
    assert {row.district for row in found.districts_flagged} >= {"Центральный район (демо)"}
    assert all(s.schools >= s.negative for s in found.trend_summary)


def test_school_profile_with_problem_types_and_a_mentor_from_the_pool(demo_db: Database) -> None:
    view = school_profile(demo_db, "sch420220", 2024, default_profile())
    assert [t.code for t in view.catalogue] == [1, 2, 3, 4, 5, 6]
    assert view.candidates, "the demo city has stably high schools"
    best = view.candidates[0]
    save_school_profile(
        demo_db,
        SchoolProfile("sch420220", frozenset({3, 6}), SocialConditions.NEUTRAL, best.school.login, "пример"),
    )
    again = school_profile(demo_db, "sch420220", 2024, default_profile())
    assert again.profile.problem_types == {3, 6}
    assert again.mentor == best.school
    other = school_profile(demo_db, "sch423377", 2024, default_profile())
    assert next(c for c in other.candidates if c.school == best.school).mentees == 1
    save_problem_types(demo_db, [*problem_types(demo_db), ProblemType(7, "школы в удалённых посёлках")])
    assert problem_types(demo_db)[-1].title == "школы в удалённых посёлках"
    with pytest.raises(DomainError, match="Нет типов"):
        save_school_profile(demo_db, SchoolProfile("sch420220", frozenset({99})))


def test_objectivity_signs_from_stored_comparisons(demo_db: Database) -> None:
    report = objectivity_for_year(demo_db, 2023, default_profile())
    assert report.comparisons > 0
    kinds = {sign.kind for row in report.schools for sign in row.signs}
    assert SignKind.LOWERED in kinds
    assert (
        save_mark_comparisons(demo_db, [MarkComparison("sch420220", VPR_MA5, 2023, 40, 40.0, 55.0, 5.0)]) == 1
    )
    lowered = objectivity_for_year(demo_db, 2023, default_profile())
    row = next(r for r in lowered.schools if r.school.login == "sch420220")
    assert any(s.kind == SignKind.LOWERED and s.value == 40.0 for s in row.signs)


def test_chart_series_for_the_card_the_heat_map_and_the_dashboard(demo_db: Database) -> None:
    charts = school_charts(demo_db, "sch420220", default_profile())
    assert charts.low.years == list(range(2018, 2025))
    assert [level.value for level in charts.low.levels] == [30.0]
    assert any(line.dashed for line in charts.low.lines)
    assert charts.categories[1].year == 2019 and Category.LOW in charts.categories[1].categories
    kuzbass = replace(default_profile(), thresholds=((ProcedureKind.EGE, 20.0),))
    assert len(school_charts(demo_db, "sch420220", kuzbass).low.levels) == 3
    heat = heat_map(demo_db, 2024, default_profile())
    assert len(heat.rows) == 100 and len(heat.procedures) == 8
    assert all(len(row.values) == 8 for row in heat.rows)
    board = dashboard(demo_db, 2024, default_profile())
    assert board.share.groups[0] == "2018" and board.share.levels and board.share.levels[0].value == 15.0
    assert [bars.color for bars in board.categories.bars] == list(CATEGORY_COLORS.values())
    # Stacked by main category: a УНОР school (also ШНОР) is counted once.
    assert sum(sum(b.values) for b in board.districts.bars) == sum(
        1 for e in category_history_entries(demo_db, 2024) if e.categories
    )
    assert board.districts.bars[1].label == "прочие ШНОР"


def _region(tmp_path: Path, schools: int, low: Callable[[int, int], float]) -> Database:
    """`schools` schools in 20 districts, each with % «2» `low(number, district)` in ВПР МА 5 and
    РУ 5 of 2023 and 2024 (40 flags a school both years), imported as an office would."""
    workbook = Workbook()
    sheet = workbook.active
    blocks = [f"ВПР {subject} 5 {year}" for year in (2023, 2024) for subject in ("МА", "РУ")]
    sheet.append(["Территория", "Название ОО", "Логин ОО", *(x for b in blocks for x in (b, None))])
    sheet.append([None, None, None, *["% 2", "% Выс. рез-тов"] * len(blocks)])
    for number in range(1, schools + 1):
        district = number % 20 + 1
        row = [low(number, district), 10] * len(blocks)
        sheet.append([f"Район {district}", f"СОШ № {number}", f"sch{number}", *row])
    workbook.save(tmp_path / "region.xlsx")
    db = Database.open(str(tmp_path / "region.sqlite"))
    import_workbook(db, tmp_path / "region.xlsx")
    return db


def test_a_regions_district_chart_shows_the_15_districts_with_most_flagged_schools(tmp_path: Path) -> None:
    # Districts differ in how many of their schools are flagged.
    db = _region(tmp_path, 120, lambda number, district: 40 if number % 7 < district % 5 else 5)
    try:
        board = dashboard(db, 2024, default_profile())
        entries = category_history_entries(db, 2024)
    finally:
        db.close()
    flagged: dict[str, int] = {}
    for number in range(1, 121):
        flagged.setdefault(f"Район {number % 20 + 1}", 0)
    for entry in entries:
        if Category.LOW in entry.categories:
            flagged[f"Район {int(entry.login[3:]) % 20 + 1}"] += 1
    chart = board.districts
    assert chart.title == "15 районов из 20 с наибольшим числом ШНОР"
    assert len(chart.groups) == 15
    assert min(flagged[d] for d in chart.groups) >= max(flagged[d] for d in flagged if d not in chart.groups)
    for index, district in enumerate(chart.groups):
        shown = sum(bars.values[index] for bars in chart.bars)
        assert shown <= 6, "a district of six schools never shows more than six"
        assert chart.bars[0].values[index] + chart.bars[1].values[index] == flagged[district]


def category_history_entries(db: Database, year: int):  # type: ignore[no-untyped-def]
    with db.unit_of_work() as uow:
        return category_history(uow, default_profile(), up_to=year).by_year[year]


@pytest.mark.parametrize(("schools", "named"), [(30, True), (31, False)])
def test_the_dynamics_note_names_up_to_30_schools_in_a_sentence(
    tmp_path: Path, schools: int, named: bool
) -> None:
    db = _region(tmp_path, schools, lambda _number, _district: 40)  # all flagged both years
    try:
        document = build_document(db, DocumentRequest(DocumentKind.DYNAMICS, year=2024))
    finally:
        db.close()
    text = " ".join(b.text for b in document.preamble if isinstance(b, Paragraph)).replace("\u00a0", " ")
    assert f"остались в списке {schools} ОО (100 %)" in text
    assert (": СОШ № 1, 2, 3" in text) is named
    assert ("остались в списке 31 ОО (100 %), перечень – в таблице 4." in text) is not named
