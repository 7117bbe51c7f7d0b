"""`lowres roadmap …` and `lowres monitoring summary` end to end, on the demo database."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.cli.test_cli import lowres


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    assert lowres("--db", path, "demo").returncode == 0
    return path


def test_roadmap_list_shows_the_demo_roadmaps(demo_db: str) -> None:
    listed = lowres("--db", demo_db, "roadmap", "list", "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert rows[0]["title"].startswith("План-график («дорожная карта»)")
    assert rows[0]["items"] == "48" and rows[0]["rounds"] == "2"
    assert rows[0]["order"] == "приказ от 17.02.2020 № 0177-ога"
    assert [r["level"] for r in rows[1:]] == ["school", "school"]


def test_export_then_import_gives_the_same_roadmap(demo_db: str, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    exported = lowres("--db", demo_db, "roadmap", "export", "1", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.exists()
    imported = lowres("--db", demo_db, "roadmap", "import", str(out))
    assert imported.returncode == 0, imported.stderr
    assert "разделов 8, мероприятий 48, показателей 25" in imported.stdout


def test_import_of_a_file_without_a_plan_fails_in_russian(demo_db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("не книга", encoding="utf-8")
    failed = lowres("--db", demo_db, "roadmap", "import", str(bad))
    assert failed.returncode == 1
    assert "не удалось открыть как книгу Excel" in failed.stderr


def test_monitoring_summary_as_csv(demo_db: str) -> None:
    summary = lowres("--db", demo_db, "monitoring", "summary", "2", "--format", "csv")
    assert summary.returncode == 0, summary.stderr
    rows = list(csv.DictReader(io.StringIO(summary.stdout)))
    assert len(rows) == 10
    first = rows[0]
    assert first["item"] == "1.2"
    shares = [float(first[f"{s}_pct"]) for s in ("done", "partial", "not_done")]
    assert sum(shares) == pytest.approx(100.0)
    assert first["done_pct_previous"] != ""
    table = lowres("--db", demo_db, "monitoring", "summary", "2")
    assert "в прошлом мониторинге выполнено" in table.stdout
    missing = lowres("--db", demo_db, "monitoring", "summary", "99")
    assert missing.returncode == 1 and "не найден" in missing.stderr


def test_templates_and_generation(demo_db: str) -> None:
    templates = lowres("--db", demo_db, "roadmap", "templates")
    assert "seed003_novosibirsk_2020_2024" in templates.stdout
    generated = lowres("--db", demo_db, "roadmap", "generate", "--year", "2021")
    assert generated.returncode == 0, generated.stderr
    assert "уже были у 2 школ" in generated.stdout
