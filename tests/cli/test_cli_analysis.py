"""`lowres flag --profile`, `lowres categories` and `lowres dynamics` end to end."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from lowres_desktop.cli import main
from lowres_desktop.domain.profiles import default_profile


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "demo.sqlite")
    assert run("--db", path, "demo")[0] == 0
    return path


def test_categories_csv_lists_every_school_with_its_categories(demo: str) -> None:
    code, out, _err = run("--db", demo, "categories", "--year", "2019", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:4] == ["login", "name", "district", "category"]
    assert len(rows) == 100
    assert {(r["profile"], r["fingerprint"]) for r in rows} == {
        (default_profile().name, default_profile().fingerprint())
    }
    seed = next(r for r in rows if r["login"] == "sch420220")
    assert seed["category"] == "ШНОР" and "приказ № 1351 от 09.12.2020" in seed["official"]
    assert "ВПР, математика, 5\u00a0класс (2019): 40\u00a0% ≥ 30\u00a0%" in seed["reasons"]
    assert any(r["disagrees"] == "да" for r in rows)
    assert {r["category"] for r in rows} >= {"ШНОР", "группа риска"}
    later = list(
        csv.DictReader(io.StringIO(run("--db", demo, "categories", "--year", "2024", "--format", "csv")[1]))
    )
    assert {r["category"] for r in later} >= {"УНОР", "стабильно высокие"}
    persistent = next(r for r in later if r["category"] == "УНОР")
    assert int(persistent["years_in_row"]) >= 3 and int(persistent["flagged_since"]) <= 2022


def test_categories_table_names_the_profile_and_year(demo: str) -> None:
    code, out, _err = run("--db", demo, "categories", "--year", "2024")
    assert code == 0
    assert out.startswith(f"Категории школ, 2024 г. Профиль «{default_profile().name}»")
    assert "Всего школ 100; УНОР:" in out


def test_dynamics_prints_entered_left_stayed_with_shares(demo: str) -> None:
    code, out, _err = run("--db", demo, "dynamics", "--year", "2020")
    assert code == 0
    assert "Из 19 школ списка 2019 г. вышли 9 (47,4\u00a0%), остались 10 (52,6\u00a0%)." in out
    assert "Вошли (1):" in out and "Вышли (9):" in out and "Остались (10):" in out
    payload = json.loads(run("--db", demo, "dynamics", "--year", "2020", "--format", "json")[1])
    assert (len(payload["entered"]), len(payload["left"]), len(payload["stayed"])) == (1, 9, 10)
    assert payload["target_share"] == 15.0
    assert payload["left_share"] == pytest.approx(900 / 19)


def test_flag_with_a_profile_uses_its_thresholds_and_participants(demo: str) -> None:
    name = "Пример: ОГЭ и ЕГЭ 15 %, не менее 10 участников"
    code, out, _err = run("--db", demo, "flag", "--year", "2022", "--profile", name, "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert payload["profile"] == name
    default = json.loads(run("--db", demo, "flag", "--year", "2022", "--profile", default_profile().name,
                             "--format", "json")[1])  # fmt: skip
    plain = json.loads(run("--db", demo, "flag", "--year", "2022", "--format", "json")[1])
    assert [s["login"] for s in default["flagged"]] == [s["login"] for s in plain["flagged"]]
    assert {s["login"] for s in payload["flagged"]} != {s["login"] for s in default["flagged"]}
    table = run("--db", demo, "flag", "--year", "2022", "--profile", name)[1]
    assert "пороги: ВПР 30\u00a0%, ОГЭ 15\u00a0%, ЕГЭ 15\u00a0%" in table
    assert "меньше 10 человек, не учитываются" in table


def test_an_unknown_profile_or_year_is_a_message(demo: str, tmp_path: Path) -> None:
    code, _out, err = run("--db", demo, "flag", "--year", "2022", "--profile", "Нет такого")
    assert code == 1 and "Профиля «Нет такого» нет" in err
    code, _out, err = run("--db", demo, "dynamics", "--year", "2030")
    assert code == 1 and "За 2030 год в базе нет результатов" in err
