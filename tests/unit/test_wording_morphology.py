"""Titles and counted nouns put into the case a sentence needs, against the seeds' own wording."""

from __future__ import annotations

import pytest

from lowres_desktop.wording.morphology import (
    ACCUSATIVE,
    GENITIVE,
    counted,
    inflect_title,
    short_name,
    title_in_case,
)


@pytest.mark.parametrize(
    ("title", "accusative", "genitive"),
    [
        (  # seed 003
            "План мероприятий («дорожная карта») города Новосибирска",
            "План мероприятий («дорожную карту») города Новосибирска",
            "Плана мероприятий («дорожной карты») города Новосибирска",
        ),
        (  # seed 002
            "Муниципальная программа по повышению качества общего образования",
            "муниципальную программу по повышению качества общего образования",
            "муниципальной программы по повышению качества общего образования",
        ),
        (
            "План-график («дорожная карта») по повышению качества",
            "План-график («дорожную карту») по повышению качества",
            "Плана-графика («дорожной карты») по повышению качества",
        ),
        (  # seed 004
            "Программа повышения качества образования в школах с низкими результатами обучения",
            "Программу повышения качества образования в школах с низкими результатами обучения",
            "Программы повышения качества образования в школах с низкими результатами обучения",
        ),
        ("Дорожная карта школы", "дорожную карту школы", "дорожной карты школы"),
    ],
)
def test_titles_in_case(title: str, accusative: str, genitive: str) -> None:
    assert inflect_title(title, ACCUSATIVE) == accusative
    assert inflect_title(title, GENITIVE) == genitive


def test_a_title_that_is_no_noun_phrase_is_quoted_after_a_noun() -> None:
    assert inflect_title("О мерах поддержки", GENITIVE) is None
    assert title_in_case("О мерах поддержки", GENITIVE) == "документа «О мерах поддержки»"


@pytest.mark.parametrize(
    ("title", "nominative", "genitive", "gender"),
    [
        ("План мероприятий («дорожная карта»)", "План", "Плана", "masc"),
        ("Муниципальная программа по повышению", "Программа", "Программы", "femn"),
        ("Дорожная карта школы", "«дорожная карта»", "«дорожной карты»", "femn"),
    ],
)
def test_short_names_follow_the_title(title: str, nominative: str, genitive: str, gender: str) -> None:
    name = short_name(title)
    assert (name.nominative, name.genitive, name.gender) == (nominative, genitive, gender)


@pytest.mark.parametrize(
    ("count", "case", "expected"),
    [
        (0, GENITIVE, "0\u00a0мероприятий"),
        (1, GENITIVE, "1\u00a0мероприятия"),
        (21, GENITIVE, "21\u00a0мероприятия"),
        (22, GENITIVE, "22\u00a0мероприятий"),
        (21, "nomn", "21\u00a0мероприятие"),
        (3, "nomn", "3\u00a0мероприятия"),
        (11, "nomn", "11\u00a0мероприятий"),
    ],
)
def test_numerals_agree(count: int, case: str, expected: str) -> None:
    assert counted(count, "мероприятие", case) == expected
