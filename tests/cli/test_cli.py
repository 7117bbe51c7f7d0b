"""The `lowres` command end to end, in a child process, as scripts and benchmarks use it."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.data.seed_workbook import SEED_FLAGGED_NUMBERS, build_seed_workbook


def lowres(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lowres_desktop.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8-sig",  # a redirected CSV starts with the BOM for Excel
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_seed_import_and_flag_name_exactly_the_schools_of_the_order(tmp_path: Path, seed_xlsx: Path) -> None:
    db = str(tmp_path / "city.sqlite")
    imported = lowres("--db", db, "import", str(seed_xlsx))
    assert imported.returncode == 0, imported.stderr
    assert "школ новых: 15" in imported.stdout
    assert "результатов новых: 212" in imported.stdout
    assert "«Итого по городу»" in imported.stdout

    flagged = lowres("--db", db, "flag", "--year", "2019", "--format", "csv")
    assert flagged.returncode == 0, flagged.stderr
    rows = list(csv.reader(io.StringIO(flagged.stdout)))
    assert rows[0][:3] == ["login", "name", "district"]
    numbers = sorted(int(re.search(r"№ (\d+)", row[1]).group(1)) for row in rows[1:])
    assert numbers == SEED_FLAGGED_NUMBERS
    by_login = {row[0]: row for row in rows[1:]}
    assert "ВПР, математика, 5\u00a0класс (2019): 40\u00a0% ≥ 30\u00a0%" in by_login["sch420220"][4]


def test_reimport_says_nothing_changed(tmp_path: Path, seed_xlsx: Path) -> None:
    db = str(tmp_path / "city.sqlite")
    assert lowres("--db", db, "import", str(seed_xlsx)).returncode == 0
    again = lowres("--db", db, "import", str(seed_xlsx))
    assert again.returncode == 0
    assert "изменений нет" in again.stdout


def test_a_rejected_file_exits_1_names_the_cell_and_writes_nothing(tmp_path: Path, seed_xlsx: Path) -> None:
    db = str(tmp_path / "city.sqlite")

    def edit(values: dict) -> None:
        values["sch423415"][("ЕГЭ РУ", 2018)][1] = "140"

    bad = build_seed_workbook(tmp_path / "bad.xlsx", edit=edit)
    rejected = lowres("--db", db, "import", str(bad))
    assert rejected.returncode == 1
    assert "лист «Приложение 1», строка 13, столбец AI" in rejected.stderr
    assert "«140»" in rejected.stderr
    listed = lowres("--db", db, "flag", "--year", "2019", "--format", "json")
    assert json.loads(listed.stdout)["schools_total"] == 0

    mixed = lowres("--db", db, "import", str(bad), str(seed_xlsx))
    assert mixed.returncode == 1
    assert "школ новых: 15" in mixed.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert lowres("--db", str(tmp_path / "x.sqlite"), "flag").returncode == 2
    assert lowres("frobnicate").returncode == 2


def test_lowres_db_environment_variable_chooses_the_database(tmp_path: Path, seed_xlsx: Path) -> None:
    env = {"LOWRES_DB": str(tmp_path / "from-env.sqlite")}
    assert lowres("import", str(seed_xlsx), env=env).returncode == 0
    assert (tmp_path / "from-env.sqlite").exists()
    listed = lowres("flag", "--year", "2019", "--format", "json", env=env)
    assert len(json.loads(listed.stdout)["flagged"]) == 15


def test_demo_fills_a_city_and_refuses_a_second_time(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.sqlite")
    filled = lowres("--db", db, "demo")
    assert filled.returncode == 0, filled.stderr
    assert "100 школ" in filled.stdout
    payload = json.loads(lowres("--db", db, "flag", "--year", "2019", "--format", "json").stdout)
    assert payload["schools_total"] == 100
    logins = {school["login"] for school in payload["flagged"]}
    seed_logins = {"sch420220", "sch423377", "sch426100", "sch426105", "sch426098", "sch426101"}
    assert seed_logins <= logins
    assert all("(демо)" in s["name"] for s in payload["flagged"] if not s["login"].startswith("sch"))
    years = {
        year: len(
            json.loads(lowres("--db", db, "flag", "--year", str(year), "--format", "json").stdout)["flagged"]
        )
        for year in (2020, 2024)
    }
    assert all(0 < count < 40 for count in years.values())
    again = lowres("--db", db, "demo")
    assert again.returncode == 1
    assert "уже есть школы" in again.stderr


def test_table_format_is_readable(tmp_path: Path, seed_xlsx: Path) -> None:
    db = str(tmp_path / "city.sqlite")
    lowres("--db", db, "import", str(seed_xlsx))
    table = lowres("--db", db, "flag", "--year", "2019")
    assert "Выявлено 15 школ из 15 ОО, по которым есть результаты за 2018–2019 годы" in table.stdout
    assert "порог 30\u00a0% доли «2»" in table.stdout
    assert "по умолчанию текущий профиль базы" in " ".join(lowres("flag", "--help").stdout.split())


def test_a_database_that_cannot_be_opened_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_text("мусор" * 1000, encoding="utf-8")
    result = lowres("--db", str(broken), "flag", "--year", "2019")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "не является базой данных" in result.stderr


def test_redirected_output_is_utf8_whatever_the_code_page_and_csv_starts_with_the_bom(
    tmp_path: Path, seed_xlsx: Path
) -> None:
    """PYTHONIOENCODING=cp1251 stands for a Russian Windows, whose redirected output is the ANSI code page."""
    db = str(tmp_path / "city.sqlite")
    assert lowres("--db", db, "import", str(seed_xlsx)).returncode == 0
    cp1251 = {**os.environ, "PYTHONIOENCODING": "cp1251"}
    command = [sys.executable, "-m", "lowres_desktop.cli", "--db", db, "flag", "--year", "2019"]
    csv_bytes = subprocess.run([*command, "--format", "csv"], capture_output=True, env=cp1251, timeout=120)
    assert csv_bytes.returncode == 0, csv_bytes.stderr
    assert csv_bytes.stdout.startswith(b"\xef\xbb\xbflogin,name,district")
    assert "40\u00a0% ≥ 30\u00a0%" in csv_bytes.stdout.decode("utf-8-sig")
    table = subprocess.run(command, capture_output=True, env=cp1251, timeout=120)
    assert not table.stdout.startswith(b"\xef\xbb\xbf")
    assert "Выявлено 15 школ из 15" in table.stdout.decode("utf-8")
    assert "≥" in table.stdout.decode("utf-8")
    refused = subprocess.run(
        [sys.executable, "-m", "lowres_desktop.cli", "--db", db, "undo", "999"],
        capture_output=True,
        env=cp1251,
        timeout=120,
    )
    assert refused.returncode == 1
    assert "999" in refused.stderr.decode("utf-8")
    assert "Traceback" not in refused.stderr.decode("utf-8")
