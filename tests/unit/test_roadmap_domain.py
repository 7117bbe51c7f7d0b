"""Editing a roadmap as pure functions: renumbering, moves, copies, executors, indicator progress."""

from __future__ import annotations

import pytest

from lowres_desktop.domain.deadlines import Period
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.roadmaps import (
    Indicator,
    IndicatorValue,
    Numbering,
    Roadmap,
    RoadmapItem,
    RoadmapLevel,
    RoadmapSection,
    duplicate_item,
    indicator_progress,
    move_item,
    move_section,
    numbered_items,
    remove_item,
    split_executors,
    validate_roadmap,
)


def _roadmap(numbering: Numbering = Numbering.FLAT) -> Roadmap:
    return Roadmap(
        "План",
        Period(2020, 2021),
        numbering=numbering,
        sections=(
            RoadmapSection("А", (RoadmapItem("a1", id=1), RoadmapItem("a2", id=2), RoadmapItem("a3", id=3))),
            RoadmapSection("Б", (RoadmapItem("b1", id=4),)),
        ),
    )


def _texts(roadmap: Roadmap) -> list[tuple[str, str]]:
    return [(n.number, n.item.text) for n in numbered_items(roadmap)]


def test_numbering_styles() -> None:
    assert _texts(_roadmap()) == [("1", "a1"), ("2", "a2"), ("3", "a3"), ("1", "b1")]
    nested = _roadmap(Numbering.NESTED)
    assert [n.number for n in numbered_items(nested)] == ["1.1", "1.2", "1.3", "2.1"]
    assert [n.reference for n in numbered_items(_roadmap())] == ["1.1", "1.2", "1.3", "2.1"]


def test_moving_an_item_renumbers_and_keeps_its_id() -> None:
    moved = move_item(_roadmap(Numbering.NESTED), (0, 0), (1, 1))
    assert [(n.number, n.item.text, n.item.id) for n in numbered_items(moved)] == [
        ("1.1", "a2", 2),
        ("1.2", "a3", 3),
        ("2.1", "b1", 4),
        ("2.2", "a1", 1),
    ]
    within = move_item(_roadmap(), (0, 2), (0, 0))
    assert [t for _, t in _texts(within)] == ["a3", "a1", "a2", "b1"]


def test_duplicate_is_a_new_item_and_remove_drops_one() -> None:
    copied = duplicate_item(_roadmap(), (0, 1))
    assert [(n.item.text, n.item.id) for n in numbered_items(copied)][:4] == [
        ("a1", 1),
        ("a2", 2),
        ("a2", None),
        ("a3", 3),
    ]
    assert [t for _, t in _texts(remove_item(_roadmap(), (0, 0)))] == ["a2", "a3", "b1"]
    assert [s.title for s in move_section(_roadmap(), 1, 0).sections] == ["Б", "А"]


def test_validation_messages_are_russian() -> None:
    with pytest.raises(DomainError, match="школу"):
        validate_roadmap(Roadmap("План", Period(2020, 2020), level=RoadmapLevel.SCHOOL))
    with pytest.raises(DomainError, match="наоборот"):
        validate_roadmap(Roadmap("План", Period(2021, 2020)))
    with pytest.raises(DomainError, match="Мероприятие 2.1"):
        validate_roadmap(replace_first_item_text(_roadmap()))


def replace_first_item_text(roadmap: Roadmap) -> Roadmap:
    sections = list(roadmap.sections)
    sections[1] = RoadmapSection("Б", (RoadmapItem("  "),))
    return Roadmap(roadmap.title, roadmap.period, sections=tuple(sections))


def test_executors_split_with_the_directory_first() -> None:
    known = ["МОУО", "МКУДПО «ГЦРО»", "отделы образований районов, округа г. Новосибирска", "ОО"]
    assert split_executors('МОУО, МКУДПО "ГЦРО"', known) == ("МОУО", "МКУДПО «ГЦРО»")
    assert split_executors(
        "отдел общего образования; отделы образований районов, округа г. Новосибирска", known
    ) == ("отдел общего образования", "отделы образований районов, округа г. Новосибирска")
    assert split_executors("ИПК, ГМО, РМО,", known) == ("ИПК", "ГМО", "РМО")
    assert split_executors("МОУО, ОО", known) == ("МОУО", "ОО")
    assert split_executors("", known) == ()


def test_indicator_progress_up_and_down() -> None:
    up = Indicator("Доля ОУ", target_value=80, id=1)
    values = [IndicatorValue(1, 2021, 40), IndicatorValue(1, 2022, 60)]
    progress = indicator_progress(up, values)
    assert progress.latest_year == 2022 and progress.latest_value == 60
    assert progress.reached is False and progress.fraction == pytest.approx(0.75)
    down = Indicator("Доля ШНОР", target_value=15, higher_is_better=False, id=2)
    assert indicator_progress(down, [IndicatorValue(2, 2021, 12)]).reached is True
    per_school = indicator_progress(
        Indicator("Доля молодых", target_value=25, per_school=True, id=3),
        [IndicatorValue(3, 2022, 20, "a"), IndicatorValue(3, 2022, 30, "b")],
    )
    assert per_school.by_year == {2022: 25} and per_school.reached is True
    assert indicator_progress(up, []).reached is None
