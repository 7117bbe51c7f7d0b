"""Common wording: an item's heading as pages and documents quote it after its number."""

from __future__ import annotations

import pytest

from lowres_desktop.wording.common import item_heading


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        (
            "- оказание методической помощи в совершенствовании модели;",
            "оказание методической помощи в совершенствовании модели",
        ),
        (
            "– поощрение руководителей по результатам мониторинга ОО,\nвторая строка",
            "поощрение руководителей по результатам мониторинга ОО",
        ),
        ("Проведение семинаров в форме ОГЭ, ЕГЭ.", "Проведение семинаров в форме ОГЭ, ЕГЭ."),
        ("  \n", ""),
    ],
)
def test_an_item_is_quoted_without_the_marks_of_its_list(text: str, heading: str) -> None:
    assert item_heading(text) == heading
