"""Step two of an import: the identifiers a file names schools by, resolved to logins.

A federal login names a school directly (an unknown one is created); a ГИА
«Код ОО» is looked up among the codes the database has learned, or assigned by
the user to an existing school, a new school, or nobody (its rows skipped).
When several files are planned together, a school created for an earlier file
is known to the later ones, so it is counted and created once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from lowres_desktop.importing.parsed import IdKind, SchoolInFile
from lowres_desktop.services.import_workbook.choices import CREATE_SCHOOL, ImportChoices, SchoolRef
from lowres_desktop.storage.unit_of_work import UnitOfWork


class NewSchool(NamedTuple):
    login: str
    school: SchoolInFile


class Alias(NamedTuple):
    """An identifier to record for a school, so that later files naming it so find it."""

    ref: SchoolRef
    login: str


@dataclass(frozen=True)
class UnknownSchool:
    ref: SchoolRef
    name: str
    sheet: str
    row: int


@dataclass
class Earlier:
    """What files planned before this one will have created by the time this one is applied."""

    logins: set[str] = field(default_factory=set)
    aliases: dict[SchoolRef, str] = field(default_factory=dict)


class SchoolResolver:
    """Identifiers from one file → logins in the database, and what to create or record."""

    def __init__(self, uow: UnitOfWork, choices: ImportChoices, earlier: Earlier | None = None) -> None:
        earlier = earlier or Earlier()
        self.logins = set(uow.imports.history.school_ids()) | earlier.logins
        self.aliases = uow.imports.identifiers.logins_by_value(IdKind.LOGIN.value)
        self.gia = uow.imports.identifiers.logins_by_value(IdKind.GIA_CODE.value)
        for ref, login in earlier.aliases.items():
            (self.gia if ref.kind == IdKind.GIA_CODE else self.aliases).setdefault(ref.value, login)
        self.choices = choices
        self.created: dict[SchoolRef, str] = {}
        self.new: list[NewSchool] = []
        self.recorded: list[Alias] = []
        self.unknown: list[UnknownSchool] = []

    def login(self, school: SchoolInFile, sheet: str) -> str | None:
        ref = SchoolRef(school.id_kind, school.login)
        if ref in self.created:
            return self.created[ref]
        if ref in self.choices.assign:
            target = self.choices.assign[ref]
            if target is None:
                return None
            if target == CREATE_SCHOOL:
                return self._create(ref, school)
            self.recorded.append(Alias(ref, target))
            self.created[ref] = target
            return target
        if school.id_kind == IdKind.LOGIN:
            if school.login in self.logins:
                return school.login
            if school.login in self.aliases:
                return self.aliases[school.login]
            return self._create(ref, school)
        if school.login in self.gia:
            return self.gia[school.login]
        self.unknown.append(UnknownSchool(ref, school.name, sheet, school.row))
        return None

    def learn_gia_code(self, code: str, login: str) -> None:
        """A file naming a school by its login and its ГИА code: later files may give only the code."""
        if code not in self.gia:
            self.gia[code] = login
            self.recorded.append(Alias(SchoolRef(IdKind.GIA_CODE, code), login))

    def _create(self, ref: SchoolRef, school: SchoolInFile) -> str:
        login = ref.value if ref.kind == IdKind.LOGIN else f"gia{ref.value}"
        if ref.kind != IdKind.LOGIN:
            self.recorded.append(Alias(ref, login))
        if login not in self.logins:
            self.logins.add(login)
            self.new.append(NewSchool(login, school))
        self.created[ref] = login
        return login

    def carry(self, earlier: Earlier) -> None:
        """Add what this file creates to what the next file may count on."""
        earlier.logins |= {new.login for new in self.new}
        earlier.aliases |= {alias.ref: alias.login for alias in self.recorded}
