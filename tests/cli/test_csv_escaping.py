"""The command line's CSV never carries a live formula: a name beginning with «=» comes out as text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.cli.test_cli import lowres
from tests.data.bad_inputs.make_bad_inputs import _sheet

HEADERS = ["Логин ОО", "Название ОО", "Процедура", "Год", "Участников", "% «2»", "% высоких"]
NAME = '=HYPERLINK("http://example.org","СОШ № 1")'


def test_flag_and_categories_csv_write_a_formula_looking_name_as_text(tmp_path: Path) -> None:
    path = tmp_path / "results.xlsx"
    _sheet(
        path,
        HEADERS,
        ["sch1", NAME, "ОГЭ РУ", 2025, 20, 50, 10],
        ["sch1", NAME, "ОГЭ МА", 2025, 20, 50, 10],
        ["sch2", "＋СОШ № 2", "ОГЭ РУ", 2025, 20, 5, 40],
    )
    db = str(tmp_path / "office.sqlite")
    assert lowres("--db", db, "import", str(path)).returncode == 0
    flagged = lowres("--db", db, "flag", "--year", "2025", "--format", "csv")
    assert flagged.returncode == 0, flagged.stderr
    names = [row[1] for row in csv.reader(io.StringIO(flagged.stdout))][1:]
    # Names from files get typographic quotes on import; what matters is the leading apostrophe.
    assert len(names) == 1 and names[0].startswith("'=HYPERLINK(")
    categories = lowres("--db", db, "categories", "--year", "2025", "--format", "csv")
    assert categories.returncode == 0, categories.stderr
    fields = [field for row in csv.reader(io.StringIO(categories.stdout)) for field in row]
    assert any(f.startswith("'=HYPERLINK(") for f in fields) and "'＋СОШ № 2" in fields
    assert not any(field.startswith(("=", "+", "＋")) for field in fields)
