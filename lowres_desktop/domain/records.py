"""Frozen records that every layer passes around: schools, procedures and results."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


class ProcedureKind(StrEnum):
    VPR = "ВПР"
    OGE = "ОГЭ"
    EGE = "ЕГЭ"
    NIKO = "НИКО"
    OTHER = "ДР"


class SchoolKind(StrEnum):
    SOSH = "СОШ"
    OOSH = "ООШ"
    VSOSH = "В(С)ОШ"
    GYMNASIUM = "гимназия"
    LYCEUM = "лицей"
    BOARDING = "школа-интернат"
    SPECIAL = "специальная"
    OTHER = "другое"


@dataclass(frozen=True, order=True)
class ProcedureKey:
    """One assessment procedure: kind, subject code (МА, РУ, МАБ, …) and grade when it has one."""

    kind: ProcedureKind
    subject: str
    grade: int | None = None

    @property
    def code(self) -> str:
        parts = [self.kind.value, self.subject]
        if self.grade is not None:
            parts.append(str(self.grade))
        return " ".join(parts)


@dataclass(frozen=True)
class School:
    login: str
    full_name: str
    short_name: str
    kind: SchoolKind
    district: str | None = None
    active: bool = True


class Result(NamedTuple):
    """A school's result in one procedure and year; None means «no data».

    A named tuple rather than a frozen dataclass: a region's file or a country's
    analysis builds tens or hundreds of thousands of them, and a frozen
    dataclass takes three times as long to build (one guarded attribute write
    per field).
    """

    login: str
    procedure: ProcedureKey
    year: int
    participants: int | None
    pct_low: float | None
    pct_high: float | None

    @property
    def key(self) -> tuple[str, ProcedureKey, int]:
        return (self.login, self.procedure, self.year)


ResultValues = tuple[int | None, float | None, float | None]
"""A result's participants, % «2» and % high without its key: how a whole year's table is held."""
