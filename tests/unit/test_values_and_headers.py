"""Cells and headers as offices type them."""

from __future__ import annotations

import pytest

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, SchoolKind
from lowres_desktop.domain.schools import guess_school_kind, natural_sort_key, short_school_name
from lowres_desktop.importing.procedure_headers import parse_procedure_header
from lowres_desktop.importing.values import BadValue, parse_count, parse_percent


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("-", None),
        (" – ", None),
        (12, 12.0),
        (12.5, 12.5),
        ("12,5", 12.5),
        ("40%", 40.0),
        ("40 %", 40.0),
        ("\u00a07 ", 7.0),
        ("100", 100.0),
        (0, 0.0),
    ],
)
def test_percent_values(raw: object, expected: float | None) -> None:
    assert parse_percent(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "140", 140, -1, "12,5,1", True, float("nan")])
def test_bad_percent_values_are_refused(raw: object) -> None:
    with pytest.raises(BadValue):
        parse_percent(raw)


def test_participants_must_be_whole() -> None:
    assert parse_count("25") == 25
    with pytest.raises(BadValue):
        parse_count("2,5")


@pytest.mark.parametrize(
    ("header", "procedure", "year"),
    [
        ("ВПр МА 5 2019", ProcedureKey(ProcedureKind.VPR, "МА", 5), 2019),
        ("впр ру 6 2018", ProcedureKey(ProcedureKind.VPR, "РУ", 6), 2018),
        ("ОГЭ РУ 2018", ProcedureKey(ProcedureKind.OGE, "РУ"), 2018),
        ("ЕГЭ  МАП 2019", ProcedureKey(ProcedureKind.EGE, "МАП"), 2019),
        ("ЕГЭ МАБ\u00a02019", ProcedureKey(ProcedureKind.EGE, "МАБ"), 2019),
        ("НИКО ФИ 8 2021", ProcedureKey(ProcedureKind.NIKO, "ФИ", 8), 2021),
        ("ВПР МА 5 кл 2020", ProcedureKey(ProcedureKind.VPR, "МА", 5), 2020),
    ],
)
def test_procedure_headers(header: str, procedure: ProcedureKey, year: int) -> None:
    assert parse_procedure_header(header) == (procedure, year)


@pytest.mark.parametrize("header", ["Логин ОО", "% 2", "ВПР МА", "2019", None, 2019, "ГИА МА 2019"])
def test_other_headers_name_no_procedure(header: object) -> None:
    assert parse_procedure_header(header) is None


@pytest.mark.parametrize(
    ("name", "kind", "short"),
    [
        ("МБОУ «СОШ № 12»", SchoolKind.SOSH, "СОШ № 12"),
        ("МБОУ «ООШ № 103»", SchoolKind.OOSH, "ООШ № 103"),
        ("МБОУ В(С)ОШ № 1", SchoolKind.VSOSH, "В(С)ОШ № 1"),
        ("МАОУ «Гимназия «Новые горизонты»»", SchoolKind.GYMNASIUM, "Гимназия «Новые горизонты»"),
        ("МБОУ «ООШ № 62» (демо)", SchoolKind.OOSH, "ООШ № 62 (демо)"),
        ("Школа-интернат № 3", SchoolKind.BOARDING, "Школа-интернат № 3"),
    ],
)
def test_school_names(name: str, kind: SchoolKind, short: str) -> None:
    assert guess_school_kind(name) == kind
    assert short_school_name(name) == short


def test_natural_sort_puts_9_before_12() -> None:
    names = ["СОШ № 12", "СОШ № 9", "ООШ № 103"]
    assert sorted(names, key=natural_sort_key) == ["ООШ № 103", "СОШ № 9", "СОШ № 12"]
