"""Roadmaps to Excel and back, and plans typed by hand in Excel brought in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.roadmaps import Numbering
from lowres_desktop.importing.roadmap_xlsx import read_roadmap_xlsx, write_roadmap_xlsx
from lowres_desktop.services.roadmap_templates import builtin_executors, builtin_templates

KNOWN = [e.name for e in builtin_executors()]


def _content(roadmap):  # type: ignore[no-untyped-def]
    return [
        (s.title, [(i.text, i.deadline_text, i.starts_on, i.ends_on, i.executors) for i in s.items])
        for s in roadmap.sections
    ]


@pytest.mark.parametrize("built", builtin_templates(), ids=lambda t: t.key)
def test_every_template_survives_a_round_trip(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plan.xlsx"
    write_roadmap_xlsx(built.roadmap, path)
    parsed = read_roadmap_xlsx(path, KNOWN)
    back = parsed.roadmap
    assert parsed.warnings == []
    assert _content(back) == _content(built.roadmap)
    assert (back.title, back.period, back.order, back.numbering) == (
        built.roadmap.title,
        built.roadmap.period,
        built.roadmap.order,
        built.roadmap.numbering,
    )
    assert [
        (i.name, i.source, i.target_value, i.target_text, i.higher_is_better) for i in back.indicators
    ] == [
        (i.name, i.source, i.target_value, i.target_text, i.higher_is_better)
        for i in built.roadmap.indicators
    ]


def test_a_plan_typed_by_hand_comes_in(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["План мероприятий по повышению качества образования на 2021-2022 годы"])
    sheet.append([])
    sheet.append(["№ п/п", "Мероприятия", "Сроки", "Исполнители"])
    sheet.append(["1. Организационные мероприятия"])
    sheet.append([1.1, "Совещание с руководителями\n- по итогам ВПР", "Октябрь 2021", 'МОУО, МКУДПО "ГЦРО"'])
    sheet.append(
        [
            "1.2",
            "Анализ ВСОКО",
            "В течение учебного года",
            "ОО; отделы образований районов, округа г. Новосибирска",
        ]
    )
    sheet.append([None, "Методическая поддержка"])
    sheet.append(["2.1", "Семинары", "По графику", "ИПК"])
    path = tmp_path / "typed.xlsx"
    workbook.save(path)

    roadmap = read_roadmap_xlsx(path, KNOWN).roadmap

    assert roadmap.title.startswith("План мероприятий по повышению качества")
    assert (roadmap.period.first_year, roadmap.period.last_year) == (2021, 2022)
    assert roadmap.numbering == Numbering.NESTED
    assert [s.title for s in roadmap.sections] == ["Организационные мероприятия", "Методическая поддержка"]
    first, second = roadmap.sections[0].items
    assert first.text == "Совещание с руководителями\n- по итогам ВПР"
    assert first.executors == ("МОУО", "МКУДПО «ГЦРО»")
    assert (first.starts_on, first.ends_on) == (date(2021, 10, 1), date(2021, 10, 31))
    assert second.executors == ("ОО", "отделы образований районов, округа г. Новосибирска")
    assert (second.starts_on, second.ends_on) == (date(2021, 9, 1), date(2022, 5, 31))


def test_typed_dates_override_the_words(tmp_path: Path) -> None:
    built = builtin_templates()[0].roadmap
    first = built.sections[0].items[0]
    from dataclasses import replace

    changed = replace(first, starts_on=date(2020, 2, 10), ends_on=date(2020, 2, 20), dates_manual=True)
    sections = (replace(built.sections[0], items=(changed,) + built.sections[0].items[1:]),) + built.sections[
        1:
    ]
    path = tmp_path / "manual.xlsx"
    write_roadmap_xlsx(replace(built, sections=sections), path)
    item = read_roadmap_xlsx(path, KNOWN).roadmap.sections[0].items[0]
    assert item.dates_manual and (item.starts_on, item.ends_on) == (date(2020, 2, 10), date(2020, 2, 20))


def test_a_workbook_without_a_plan_is_refused(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["Логин", "Результат"])
    path = tmp_path / "results.xlsx"
    workbook.save(path)
    with pytest.raises(DomainError, match="не найдена строка заголовка"):
        read_roadmap_xlsx(path)
    broken = tmp_path / "broken.xlsx"
    broken.write_text("не книга", encoding="utf-8")
    with pytest.raises(DomainError, match="не удалось открыть"):
        read_roadmap_xlsx(broken)
