"""A problem's place names its column in Excel's letters, as openpyxl spells them."""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from lowres_desktop.importing.problems import CellProblem, column_letters


def test_every_excel_column_is_spelled_as_openpyxl_spells_it() -> None:
    for number in range(1, 16385):  # A … XFD, Excel's last column
        assert column_letters(number) == get_column_letter(number), number


def test_a_problem_names_its_column_by_letters() -> None:
    problem = CellProblem(sheet="Лист1", row=7, column=28, value="x", why="не число")
    assert problem.place == "лист «Лист1», строка 7, столбец AB"
