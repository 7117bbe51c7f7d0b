"""Saved names keep every dot the user typed; the extension is added only when missing."""

from __future__ import annotations

from pathlib import Path

from lowres_desktop.files.names import file_name_from, with_extension


def test_a_name_with_dots_keeps_them_and_gets_the_extension() -> None:
    folder = Path("/документы")
    saved = with_extension(folder / "Приказ №12 от 01.02.2025", ".pdf")
    assert saved == folder / "Приказ №12 от 01.02.2025.pdf"
    assert with_extension("отчёт v1.2", ".xlsx") == Path("отчёт v1.2.xlsx")


def test_a_name_that_has_the_extension_in_any_case_is_left_as_it_is() -> None:
    assert with_extension("Приказ.PDF", ".pdf") == Path("Приказ.PDF")
    assert with_extension("/tmp/a.b.docx", ".docx") == Path("/tmp/a.b.docx")


def test_another_extension_is_kept_and_the_format_added() -> None:
    assert with_extension("итоги.csv", ".xlsx") == Path("итоги.csv.xlsx")


def test_a_proposed_name_is_one_windows_accepts_and_ends_after_a_whole_word() -> None:
    title = 'Об итогах мониторинга: «дорожная карта» / план "А" <2025>? | * \\ конец'
    name = file_name_from(title, "документ", limit=40)
    assert not set('\\/:*?"<>|') & set(name)
    assert len(name) <= 40 and title.startswith(name.split("_")[0])
    assert name == "Об итогах мониторинга_ «дорожная карта»"
    assert file_name_from(" :: .. ", "документ") == "документ"
    order = "Приказ № 12 от 02.12.2026 Об итогах выявления общеобразовательных организаций, имеющих низкие"
    assert file_name_from(order + " результаты", "документ") == order.split(",")[0]
    assert file_name_from("Приказ № 12 от 01.02.2025", "документ") == "Приказ № 12 от 01.02.2025"
