"""The demonstration database prints its documents under demonstration requisites, not placeholders."""

from __future__ import annotations

from pathlib import Path

from lowres_desktop.services.demo_data import DEMO_REQUISITES, fill_demo_data
from lowres_desktop.services.requisites import load_requisites
from lowres_desktop.storage.unit_of_work import Database


def test_demo_data_fills_the_requisites_marked_as_demonstration(tmp_path: Path) -> None:
    db = Database.open(str(tmp_path / "demo.sqlite"))
    assert load_requisites(db).place == "г. Город"
    fill_demo_data(db)
    requisites = load_requisites(db)
    db.close()
    assert requisites == DEMO_REQUISITES
    assert any("ДЕМО" in line for line in requisites.authority_lines)
