"""Step three of an import: what applying a file would change, compared with the database; no writes.

Each record of the file meets the stored one under the domain's merge policy
(`domain/merge.py`): new, changed, unchanged, kept as stored, or a conflict
to show. The plan also holds what the database held when planned, so that
applying (which plans and writes in one transaction) need not read it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from lowres_desktop.domain.merge import Value, file_wins, merge, unchanged
from lowres_desktop.domain.objectivity import MarkComparison
from lowres_desktop.domain.quotes import typographic_quotes
from lowres_desktop.domain.records import ProcedureKey, Result
from lowres_desktop.importing.parsed import SchoolInFile
from lowres_desktop.services.collector import collector_paused
from lowres_desktop.services.import_workbook.choices import ImportChoices, Key, RecordRef
from lowres_desktop.services.import_workbook.reading import FileReading
from lowres_desktop.services.import_workbook.resolving import (
    Alias,
    Earlier,
    NewSchool,
    SchoolResolver,
    UnknownSchool,
)
from lowres_desktop.storage.import_repository import StoredRow
from lowres_desktop.storage.unit_of_work import Database, UnitOfWork

Ids = tuple[int, int, int]
"""(school id, procedure id, year) of a stored record."""


class Rename(NamedTuple):
    login: str
    old: str
    new: str


class Place(NamedTuple):
    """Where the file names a school, to place a conflict."""

    sheet: str
    row: int


@dataclass(frozen=True)
class Conflict:
    record: RecordRef
    stored: tuple[Value, ...]
    incoming: tuple[Value, ...]
    sheet: str
    row: int

    @property
    def target(self) -> str:
        return self.record.target

    @property
    def key(self) -> Key:
        return self.record.key


@dataclass
class ImportPlan:
    """What applying the file would do, given the choices."""

    schools_new: list[NewSchool] = field(default_factory=list)
    schools_renamed: list[Rename] = field(default_factory=list)
    unknown: list[UnknownSchool] = field(default_factory=list)
    """Identifiers matching no school and not assigned: rows skipped or the file refused."""
    procedures_new: list[ProcedureKey] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    """Merged results to write."""
    results_new: int = 0
    results_changed: int = 0
    results_unchanged: int = 0
    results_kept: int = 0
    comparisons: list[MarkComparison] = field(default_factory=list)
    comparisons_new: int = 0
    comparisons_changed: int = 0
    aliases: list[Alias] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    stored_results: dict[Ids, StoredRow] = field(default_factory=dict, repr=False)
    stored_comparisons: dict[Ids, StoredRow] = field(default_factory=dict, repr=False)


def result_values(result: Result) -> tuple[Value, ...]:
    return (result.participants, result.pct_low, result.pct_high)


def comparison_values(c: MarkComparison) -> tuple[Value, ...]:
    return (c.participants, c.lowered_pct, c.confirmed_pct, c.raised_pct)


def build_plan(
    uow: UnitOfWork, reading: FileReading, choices: ImportChoices, earlier: Earlier | None = None
) -> ImportPlan:
    """Resolve the file's schools, then meet each of its records with the stored one."""
    plan = ImportPlan()
    resolver = SchoolResolver(uow, choices, earlier)
    results, comparisons, names = _records(reading, resolver, plan)
    plan.schools_new, plan.aliases, plan.unknown = resolver.new, resolver.recorded, resolver.unknown
    if earlier is not None:
        resolver.carry(earlier)
    history = uow.imports.history
    stored = _StoredIds(history.school_ids(), history.procedure_ids())
    used = {r.procedure for r in results} | {c.procedure for c in comparisons}
    plan.procedures_new = sorted(used - set(stored.procedures))
    plan.schools_renamed = _renames(uow, names)
    known = stored.schools_of([*results, *comparisons])
    plan.stored_results = history.stored_results(known)
    _plan_results(plan, choices, results, stored)
    plan.stored_comparisons = history.stored_comparisons(known) if comparisons else {}
    _plan_comparisons(plan, choices, comparisons, stored)
    return plan


class _StoredIds(NamedTuple):
    """The database's ids of schools (by login) and procedures, to find a record's stored row."""

    schools: dict[str, int]
    procedures: dict[ProcedureKey, int]

    def schools_of(self, records: Sequence[Result | MarkComparison]) -> list[int]:
        """The ids of the stored schools the records name, each once."""
        return [self.schools[login] for login in {r.login for r in records} if login in self.schools]

    def of(self, record: Result | MarkComparison) -> Ids | None:
        """The record's (school, procedure, year) ids; None when the school or procedure is new."""
        if record.login not in self.schools or record.procedure not in self.procedures:
            return None
        return (self.schools[record.login], self.procedures[record.procedure], record.year)


def _renames(uow: UnitOfWork, names: dict[str, SchoolInFile]) -> list[Rename]:
    """The stored schools the file names otherwise."""
    if not names:
        return []
    stored_schools = {s.login: s for s in uow.schools.all()}
    renames = []
    for login, school in names.items():
        stored = stored_schools.get(login)
        if stored is not None and stored.full_name != school.name:
            renames.append(Rename(login, stored.full_name, school.name))
    return renames


def _plan_results(
    plan: ImportPlan, choices: ImportChoices, results: list[Result], stored: _StoredIds
) -> None:
    for result in results:
        incoming = result_values(result)
        merged = _meet(plan, choices, "result", result, incoming, plan.stored_results, stored.of(result))
        if merged is incoming:
            plan.results.append(result)  # new: the file's record as it is (a region's file has 27,000)
        elif merged is not None:
            plan.results.append(Result(result.login, result.procedure, result.year, *merged))


def _plan_comparisons(
    plan: ImportPlan, choices: ImportChoices, comparisons: list[MarkComparison], stored: _StoredIds
) -> None:
    for c in comparisons:
        incoming = comparison_values(c)
        merged = _meet(plan, choices, "comparison", c, incoming, plan.stored_comparisons, stored.of(c))
        if merged is not None:
            plan.comparisons.append(MarkComparison(c.login, c.procedure, c.year, *merged))


def _records(
    reading: FileReading, resolver: SchoolResolver, plan: ImportPlan
) -> tuple[list[Result], list[MarkComparison], dict[str, SchoolInFile]]:
    """The file's records under resolved logins (skipped schools dropped), and the names it gives."""
    results: list[Result] = []
    comparisons: list[MarkComparison] = []
    names: dict[str, SchoolInFile] = {}
    for sheet in reading.parsed:
        logins: dict[str, str | None] = {}
        for found in sheet.schools:
            school = replace(found, name=typographic_quotes(found.name))
            login = resolver.login(school, sheet.sheet)
            logins[school.login] = login
            if login is None:
                continue
            if school.gia_code:
                resolver.learn_gia_code(school.gia_code, login)
            plan.places.setdefault(login, Place(sheet.sheet, school.row))
            if school.name:
                names.setdefault(login, school)
        for result in sheet.results:
            login = logins.get(result.login)
            if login is not None:
                results.append(result if login == result.login else result._replace(login=login))
        for comparison in sheet.comparisons:
            login = logins.get(comparison.login)
            if login is not None:
                comparisons.append(replace(comparison, login=login))
    return results, comparisons, names


def _meet(
    plan: ImportPlan,
    choices: ImportChoices,
    target: str,
    record: Result | MarkComparison,
    incoming: tuple[Value, ...],
    stored_rows: dict[Ids, StoredRow],
    ids: Ids | None,
) -> tuple[Value, ...] | None:
    """The values to write for one record (None when nothing changes, `incoming` itself when it is new),
    counted into the plan."""
    stored = stored_rows.get(ids) if ids else None
    is_result = target == "result"
    if stored is None:
        if is_result:
            plan.results_new += 1
        else:
            plan.comparisons_new += 1
        return incoming
    ref = RecordRef(target, record.key)
    wins = file_wins(choices.on_conflict, choices.replace, ref)
    merged, conflict = merge(stored.values, incoming, wins)
    if conflict:
        plan.conflicts.append(Conflict(ref, stored.values, incoming, *plan.places.get(record.login, ("", 0))))
        if is_result and not wins:
            plan.results_kept += 1
    if unchanged(merged, stored.values):
        if is_result:
            plan.results_unchanged += 1
        return None
    if is_result:
        plan.results_changed += 1
    else:
        plan.comparisons_changed += 1
    return merged


def plan_import(db: Database, reading: FileReading, choices: ImportChoices | None = None) -> ImportPlan:
    """What `apply_import` would do now; writes nothing."""
    with collector_paused(), db.unit_of_work() as uow:
        return build_plan(uow, reading, choices or ImportChoices())


def plan_files(db: Database, files: Sequence[tuple[FileReading, ImportChoices]]) -> list[ImportPlan]:
    """Plans of files to be applied in this order: a school one file creates is not new in the next."""
    earlier = Earlier()
    with collector_paused(), db.unit_of_work() as uow:
        return [build_plan(uow, reading, choices, earlier) for reading, choices in files]
