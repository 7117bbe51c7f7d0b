"""The organisation's requisites: saved in the database, read back whole, validated."""

from __future__ import annotations

from pathlib import Path

import pytest

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.reports.model import Requisites
from lowres_desktop.services.requisites import load_requisites, save_requisites
from lowres_desktop.storage.unit_of_work import Database


def test_requisites_round_trip(tmp_path: Path) -> None:
    db = Database.open(str(tmp_path / "r.sqlite"))
    try:
        assert load_requisites(db) == Requisites()
        saved = Requisites(
            authority_lines=("МЭРИЯ ГОРОДА НОВОСИБИРСКА", "ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ"),
            name_genitive="департамента образования мэрии города Новосибирска",
            place="г. Новосибирск",
            signatory_position="Начальник департамента",
            signatory_name="Р. М. Ахметгареев",
            executor_name="Прасолова",
            executor_phone="2274508",
            emblem_png=b"\x89PNG fake",
        )
        save_requisites(db, saved)
        assert load_requisites(db) == saved
        save_requisites(db, Requisites(emblem_png=None))
        assert load_requisites(db).emblem_png is None
        with pytest.raises(DomainError):
            save_requisites(db, Requisites(authority_lines=("  ",)))
    finally:
        db.close()
