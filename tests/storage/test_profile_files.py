"""A region's rule as a JSON file: what is read, what is refused (naming the key), and replacing."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.profiles import RuleProfile, default_profile
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.services.profile_files import (
    ImportOutcome,
    ProfileConflict,
    export_profile,
    import_profile,
    profile_from_document,
    read_profile_file,
)
from lowres_desktop.services.rule_profiles import current_profile, find_profile, list_profiles, save_profile
from lowres_desktop.storage.unit_of_work import Database

ISSUE_EXAMPLE = {
    "name": "Область, приказ № 77 от 01.09.2023",
    "order": "приказ № 77 от 01.09.2023",
    "thresholds": {"ВПР": 25, "ОГЭ": 30, "ЕГЭ": 30},
    "procedures": None,
    "min_low_latest": 2,
    "min_low_each_year": 1,
    "years_each": 2,
    "min_participants": 0,
}


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database.open(str(tmp_path / "city.sqlite"))
    yield database
    database.close()


def _file(tmp_path: Path, data: object, name: str = "rule.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_documented_example_reads_as_written() -> None:
    profile = profile_from_document(ISSUE_EXAMPLE)
    assert profile.name == "Область, приказ № 77 от 01.09.2023"
    assert profile.order == "приказ № 77 от 01.09.2023"
    assert [profile.threshold(k) for k in (ProcedureKind.VPR, ProcedureKind.OGE, ProcedureKind.EGE)] == [
        25.0,
        30.0,
        30.0,
    ]
    assert profile.procedures is None
    assert (profile.min_low_latest, profile.min_low_each_year, profile.years_each) == (2, 1, 2)


def test_missing_keys_take_the_default_and_the_name_falls_back_to_the_file(tmp_path: Path) -> None:
    profile = read_profile_file(_file(tmp_path, {"thresholds": {"ВПР": 25}}, "Кузбасс.json"))
    assert profile.name == "Кузбасс"
    expected = replace(default_profile(), name="Кузбасс", order="", thresholds=((ProcedureKind.VPR, 25.0),))
    assert profile == expected


def test_an_export_reads_back_the_same_with_its_fingerprint(db: Database, tmp_path: Path) -> None:
    region = RuleProfile(
        "Область",
        order="приказ № 77",
        thresholds=((ProcedureKind.VPR, 25.0), (ProcedureKind.EGE, 20.0)),
        procedures=frozenset(
            {ProcedureKey(ProcedureKind.VPR, "МА", 5), ProcedureKey(ProcedureKind.EGE, "МАП")}
        ),
        min_participants=10,
        years_each=3,
    )
    save_profile(db, region)
    path = tmp_path / "Область.json"
    assert export_profile(db, "Область", path) == region
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["procedures"] == ["ВПР МА 5", "ЕГЭ МАП"]
    assert written["fingerprint"] == region.fingerprint()
    assert read_profile_file(path) == region


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"colour": "red"}, "colour"),
        ({"thresholds": {"ВПР": "25"}}, "thresholds.ВПР"),
        ({"thresholds": {"ВПР": 120}}, "thresholds.ВПР"),
        ({"thresholds": {"ВПР": -1}}, "thresholds.ВПР"),
        ({"thresholds": {"ВПР": 0}}, "thresholds.ВПР"),
        ({"thresholds": {"ВПРР": 25}}, "thresholds.ВПРР"),
        ({"thresholds": [25, 30]}, "thresholds"),
        ({"procedures": ["ВПР МА 5", "ВПР ХЗ 5"]}, "procedures[1]"),
        ({"procedures": ["математика"]}, "procedures[0]"),
        ({"procedures": []}, "procedures"),
        ({"procedures": "ВПР МА 5"}, "procedures"),
        ({"min_low_latest": 2.5}, "min_low_latest"),
        ({"min_low_latest": 0}, "min_low_latest"),
        ({"years_each": True}, "years_each"),
        ({"min_participants": -3}, "min_participants"),
        ({"name": 77}, "name"),
        ({"name": "  "}, "name"),
        ({"categories": {"risk_margin": 200}}, "categories.risk_margin"),
        ({"categories": {"unknown": 1}}, "categories.unknown"),
        ({"fingerprint": "00000000"}, "fingerprint"),
    ],
)
def test_a_wrong_file_is_refused_naming_the_key(
    db: Database, tmp_path: Path, change: dict[str, object], key: str
) -> None:
    before = list_profiles(db).names()
    with pytest.raises(DomainError) as refused:
        import_profile(db, _file(tmp_path, {**ISSUE_EXAMPLE, **change}))
    assert f"ключ «{key}»" in refused.value.message
    assert list_profiles(db).names() == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{not json", "не JSON: строка 1"),
        (b"\xff\xfe\x00", "не в кодировке UTF-8"),
        (b"[1, 2]", "объект JSON"),
    ],
)
def test_a_file_that_is_not_a_profile_is_refused(
    db: Database, tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "rule.json"
    path.write_bytes(content)
    with pytest.raises(DomainError, match=words):
        import_profile(db, path)


def test_a_huge_file_is_refused_before_it_is_read(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "rule.json"
    path.write_bytes(b" " * 2_000_000)
    with pytest.raises(DomainError, match="слишком велик"):
        import_profile(db, path)


def test_import_with_use_makes_it_current_and_a_repeat_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = _file(tmp_path, ISSUE_EXAMPLE)
    first = import_profile(db, path, use=True)
    assert first.outcome is ImportOutcome.ADDED
    assert current_profile(db).name == ISSUE_EXAMPLE["name"]
    again = import_profile(db, path)
    assert again.outcome is ImportOutcome.UNCHANGED
    assert list_profiles(db).names().count(ISSUE_EXAMPLE["name"]) == 1


def test_the_same_name_with_other_parameters_needs_replace(db: Database, tmp_path: Path) -> None:
    import_profile(db, _file(tmp_path, ISSUE_EXAMPLE))
    stricter = _file(tmp_path, {**ISSUE_EXAMPLE, "thresholds": {"ВПР": 20}}, "other.json")
    with pytest.raises(ProfileConflict, match="уже есть с другими параметрами") as refused:
        import_profile(db, stricter)
    assert "--replace" in refused.value.message
    assert find_profile(db, ISSUE_EXAMPLE["name"]).threshold(ProcedureKind.VPR) == 25.0
    with pytest.raises(ProfileConflict):
        import_profile(db, stricter, confirm=lambda _conflict: False)
    replaced = import_profile(db, stricter, replace=True)
    assert replaced.outcome is ImportOutcome.REPLACED
    assert find_profile(db, ISSUE_EXAMPLE["name"]).threshold(ProcedureKind.VPR) == 20.0
    asked = []
    back = import_profile(db, _file(tmp_path, ISSUE_EXAMPLE), confirm=lambda c: asked.append(c) or True)
    assert back.outcome is ImportOutcome.REPLACED
    assert [c.existing.threshold(ProcedureKind.VPR) for c in asked] == [20.0]
    assert find_profile(db, ISSUE_EXAMPLE["name"]).threshold(ProcedureKind.VPR) == 25.0


def test_the_built_in_default_is_never_replaced(db: Database, tmp_path: Path) -> None:
    same = _file(tmp_path, {"name": default_profile().name, "order": default_profile().order}, "same.json")
    assert import_profile(db, same).outcome is ImportOutcome.UNCHANGED
    other = _file(tmp_path, {"name": default_profile().name, "thresholds": {"ВПР": 20}}, "other.json")
    with pytest.raises(DomainError, match="не меняется"):
        import_profile(db, other, replace=True)
    assert find_profile(db, default_profile().name) == default_profile()
