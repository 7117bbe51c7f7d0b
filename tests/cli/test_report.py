"""`lowres report KIND --out FILE` end to end: seed 002's workbook in, the order out."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from docx import Document as read_docx

from tests.cli.test_cli import lowres
from tests.data.seed_workbook import SEED_FLAGGED_NUMBERS


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_low_results_order_from_seed_002(tmp_path: Path, seed_xlsx: Path) -> None:
    db = str(tmp_path / "city.sqlite")
    assert lowres("--db", db, "import", str(seed_xlsx)).returncode == 0
    points = tmp_path / "points.txt"
    points.write_text(
        "Утвердить список ШНОР (приложение).\nРуководителям ШНОР:\n    разработать программы;\n"
        "Контроль оставляю за собой.\n",
        encoding="utf-8",
    )
    out = tmp_path / "order.pdf"
    made = lowres(
        "--db",
        db,
        "report",
        "low-results",
        "--year",
        "2019",
        "--date",
        "09.12.2020",
        "--number",
        "1351",
        "--points",
        str(points),
        "--out",
        str(out),
    )
    assert made.returncode == 0, made.stderr
    assert str(out) in made.stdout
    text = _pdf_text(out).replace("\u00a0", " ")
    named = {int(n) for n in re.findall(r"(?:СОШ|ООШ) № (\d+)", text)}
    assert named == set(SEED_FLAGGED_NUMBERS)
    assert "выявлено 15 ОО (100 % от числа ОО, по которым есть результаты)" in " ".join(text.split())
    assert "2.1. разработать программы;" in text
    assert "от 09.12.2020 № 1351" in text

    docx_out = tmp_path / "order.docx"
    assert (
        lowres("--db", db, "report", "low-results", "--year", "2019", "--out", str(docx_out)).returncode == 0
    )
    paragraphs = [p.text for p in read_docx(str(docx_out)).paragraphs]
    assert "ПРИКАЗ" in paragraphs


def test_report_refuses_unknown_extensions_and_empty_databases(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.sqlite")
    wrong = lowres("--db", db, "report", "low-results", "--out", str(tmp_path / "order.txt"))
    assert wrong.returncode == 1 and ".pdf или .docx" in wrong.stderr
    empty = lowres("--db", db, "report", "low-results", "--out", str(tmp_path / "order.pdf"))
    assert empty.returncode == 1 and "импортируйте" in empty.stderr
    assert not (tmp_path / "order.pdf").exists()
    bad_date = lowres("--db", db, "report", "low-results", "--date", "2020-12-09", "--out", "x.pdf")
    assert bad_date.returncode == 2


def test_requisites_from_the_command_line_and_the_basis_of_a_report(tmp_path: Path) -> None:
    db = str(tmp_path / "city.sqlite")
    shown = lowres("--db", db, "requisites", "show")
    assert shown.returncode == 0 and "И. О. Фамилия" in shown.stdout
    assert "инициалы и фамилия подписывающего" in shown.stderr, "placeholders are named"
    assert lowres("--db", db, "demo").returncode == 0
    made = lowres(
        "--db", db, "requisites", "set", "--authority", "АДМИНИСТРАЦИЯ ГОРОДА ТОМСКА",
        "--authority", "ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ", "--signatory-name", "И.В. Васильева",
        "--place", "г. Томск",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "АДМИНИСТРАЦИЯ ГОРОДА ТОМСКА / ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ" in made.stdout
    assert "Инициалы и фамилия подписывающего: И.В. Васильева" in made.stdout and not made.stderr
    out = tmp_path / "directive.pdf"
    made = lowres(
        "--db", db, "report", "monitoring", "--out", str(out), "--type", "распоряжение",
        "--grounds", "На основании приказа департамента образования от 01.06.2021 № 0464-од "
        "«О проведении мониторинга»", "--executor", "Прасолова; 2274507",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Внимание" not in made.stderr
    text = " ".join(_pdf_text(out).replace("-\n", "").split())
    assert "АДМИНИСТРАЦИЯ ГОРОДА ТОМСКА ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ РАСПОРЯЖЕНИЕ" in text
    assert "№ 0464-од «О проведении мониторинга», в соответствии с приказом" in text  # seed 000's basis
    assert "Контроль исполнения распоряжения оставляю за собой." in text
    assert "Прасолова 2274507" in text and "И. В. Васильева" in text


def test_a_report_warns_of_placeholder_requisites(tmp_path: Path, seed_xlsx: Path) -> None:
    db = str(tmp_path / "city.sqlite")
    assert lowres("--db", db, "import", str(seed_xlsx)).returncode == 0
    made = lowres("--db", db, "report", "low-results", "--year", "2019", "--out", str(tmp_path / "o.pdf"))
    assert made.returncode == 0
    assert "Внимание: реквизиты организации не заданы" in made.stderr
    assert "lowres requisites set" in made.stderr
