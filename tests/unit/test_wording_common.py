"""Common wording: an item's heading as pages and documents quote it after its number."""

from __future__ import annotations

import pytest

from lowres_desktop.wording.common import in_brackets, item_heading


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


@pytest.mark.parametrize(
    ("remark", "shown"),
    [
        ("Документы не представлены.", "(Документы не представлены)"),
        ("  протокол на сайте ОО  ", "(протокол на сайте ОО)"),
        ("утверждено в 2020 г.", "(утверждено в 2020 г.)"),
        ("планы, отчёты и т. д.", "(планы, отчёты и т. д.)"),
        ("ждём ответа…", "(ждём ответа…)"),
        ("Где отчёт?", "(Где отчёт?)"),
    ],
)
def test_a_remark_in_brackets_drops_the_full_stop_of_its_sentence_only(remark: str, shown: str) -> None:
    assert in_brackets(remark) == shown
