"""The three built-in templates reproduce the seeds' roadmaps: sections, items, texts, indicators."""

from __future__ import annotations

from datetime import date

import pytest

from lowres_desktop.domain.deadlines import Period
from lowres_desktop.domain.roadmaps import (
    Numbering,
    Roadmap,
    RoadmapItem,
    RoadmapSection,
    moved_to,
    numbered_items,
)
from lowres_desktop.services.roadmap_templates import builtin_executors, builtin_templates, template
from lowres_desktop.services.roadmaps import new_roadmap, school_roadmap


def test_three_templates_ship() -> None:
    assert [t.key for t in builtin_templates()] == [
        "seed001_novosibirsk_2020",
        "seed002_novokuznetsk_2020_2021",
        "seed003_novosibirsk_2020_2024",
    ]


@pytest.mark.parametrize(
    ("key", "counts"),
    [
        ("seed001_novosibirsk_2020", [7, 4, 8, 9]),
        ("seed002_novokuznetsk_2020_2021", [5, 15, 5, 6]),
        ("seed003_novosibirsk_2020_2024", [8, 13, 5, 8, 5, 2, 4, 3]),
    ],
)
def test_items_per_section_match_the_seed(key: str, counts: list[int]) -> None:
    roadmap = template(key).roadmap
    assert [len(section.items) for section in roadmap.sections] == counts


def test_seed001_spot_checks() -> None:
    roadmap = template("seed001_novosibirsk_2020").roadmap
    assert roadmap.order.number == "0212-09 а" and roadmap.order.date == date(2020, 2, 28)
    assert [s.title for s in roadmap.sections] == [
        "Организационные мероприятия",
        "Нормативно-правовое обеспечение",
        "Информационно-аналитическое сопровождение",
        "Методическое сопровождение",
    ]
    first = roadmap.sections[0].items[0]
    assert first.text.startswith("Обсуждение итогов мониторинга качества подготовки обучающихся")
    assert first.deadline_text == "Февраль-март 2020"
    assert first.executors == ("МОУО", "ОО")
    assert (first.starts_on, first.ends_on) == (date(2020, 2, 1), date(2020, 3, 31))
    # A row broken over a page in the seed is one item with the whole text.
    norms = roadmap.sections[1].items[0]
    assert norms.text.endswith("в части показателей оценки качества подготовки обучающихся")
    assert norms.deadline_text == "Август-сентябрь 2020"
    assert roadmap.sections[1].items[3].deadline_text == "До сентября 2020"
    assert roadmap.sections[1].items[3].executors == ("Руководители ОО",)
    last = roadmap.sections[3].items[-1]
    assert last.text.startswith("Проведение адресных консультаций")
    assert last.executors == ("МКУДПО «ГЦРО»",)
    assert roadmap.sections[3].items[7].executors == ("Руководитель, куратор ГМО учителей математики",)


def test_seed002_spot_checks() -> None:
    roadmap = template("seed002_novokuznetsk_2020_2021").roadmap
    assert roadmap.numbering == Numbering.NESTED
    numbers = [n.number for n in numbered_items(roadmap)]
    assert numbers[:5] == ["1.1", "1.2", "1.3", "1.4", "1.5"] and numbers[-1] == "4.6"
    item = roadmap.sections[1].items[6]
    lines = item.text.split("\n")
    assert lines[0].endswith("на базе школ с высокими результатами обучения:")
    assert lines[1] == "- Технологии выравнивания возможностей обучающихся ШНОР."
    assert len(lines) == 6
    assert item.executors == ("ИПК", "ГМО", "РМО")
    assert roadmap.sections[0].items[1].deadline_text == "ноябрь, 2020"
    assert roadmap.sections[2].items[0].executors[1].startswith("отделение Новокузнецкого городского округа")
    assert roadmap.indicators[0].target_value == 15 and not roadmap.indicators[0].higher_is_better


def test_seed003_spot_checks_and_25_indicators() -> None:
    roadmap = template("seed003_novosibirsk_2020_2024").roadmap
    assert (roadmap.period.first_year, roadmap.period.last_year) == (2020, 2024)
    assert roadmap.sections[2].title == "Мониторинговые исследования"
    assert roadmap.sections[0].items[1].deadline_text == "1 раз в полугодие"
    consult = roadmap.sections[1].items[7]
    assert "\n- работы с детьми с ОВЗ." in consult.text and "\nпо организации:\n" in consult.text
    assert roadmap.sections[1].items[12].deadline_text == "апрель 2109"
    assert roadmap.sections[1].items[12].ends_on is None
    assert roadmap.sections[3].items[0].executors == (
        "ДО мэрии г. Новосибирска",
        "Муниципальные учреждения дополнительного профессионального образования",
    )
    assert len(roadmap.indicators) == 25
    assert roadmap.indicators[0].source == "Мониторинг МКУДПО «ГЦРО»"
    assert roadmap.indicators[8].target_value == 70
    assert roadmap.indicators[4].target_text == "10% /10%"
    assert roadmap.indicators[11].source == "ОО-1" and roadmap.indicators[11].target_value == 25
    assert all(i.target_year == 2024 and i.unit == "%" for i in roadmap.indicators)


def test_every_executor_is_in_the_directory() -> None:
    directory = {e.name for e in builtin_executors()}
    for built in builtin_templates():
        used = {name for s in built.roadmap.sections for i in s.items for name in i.executors}
        assert used <= directory, used - directory


def _deadlines(roadmap: Roadmap) -> list[str]:
    return [item.deadline_text for section in roadmap.sections for item in section.items]


def test_a_school_roadmap_made_years_later_is_due_in_its_own_years() -> None:
    """A 2024–2025 roadmap from seed 002's 2020–2021 plan said «Ноябрь 2020 года», overdue when made."""
    source = template("seed002_novokuznetsk_2020_2021").roadmap
    made = school_roadmap(source, "sch1", "МБОУ «СОШ № 1»", Period(2024, 2025))
    texts = _deadlines(made)
    assert "Ноябрь 2024 года" in texts
    assert "Октябрь- ноябрь 2024 года" in texts
    assert not any("2020" in text for text in texts)
    for section in made.sections:
        for item in section.items:
            if item.ends_on is not None:
                assert date(2024, 1, 1) <= item.ends_on <= date(2025, 12, 31), item.deadline_text


def test_a_new_roadmap_from_a_template_over_other_years_moves_only_the_years_of_its_period() -> None:
    made = new_roadmap("seed001_novosibirsk_2020", period=Period(2026, 2026))
    source = _deadlines(template("seed001_novosibirsk_2020").roadmap)
    moved = _deadlines(made)
    assert [
        text.replace("2020", "2026").replace("2019", "2025").replace("2021", "2027") for text in source
    ] == moved
    assert moved_to(made, Period(2026, 2026)) == made


def test_a_year_far_from_the_period_stays_as_written() -> None:
    roadmap = Roadmap(
        "План",
        Period(2020, 2021),
        sections=(
            RoadmapSection("1", (RoadmapItem("анализ", "по итогам ЕГЭ 2015 и к 2030 году, 2021/2022"),)),
        ),
    )
    assert _deadlines(moved_to(roadmap, Period(2023, 2024))) == [
        "по итогам ЕГЭ 2015 и к 2030 году, 2024/2025"
    ]
