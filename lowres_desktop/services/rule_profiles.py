"""Use cases of rule profiles: list, save, choose the current one, preview a draft.

The built-in default (seed 002's rule) is always available and cannot be
changed or deleted; users copy it and save their region's order under its
own name. The preview answers «what if the threshold were 25 %» while the
dialog's numbers change: the results are read once, every change is
evaluated in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.profiles import (
    RuleProfile,
    assess,
    compare_lists,
    default_profile,
)
from lowres_desktop.domain.records import ProcedureKey, Result, School
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.wording.common import format_number

PREVIEW_YEARS_BACK = 5
"""The preview reads this many years so that «years back» can grow without a new read."""


@dataclass(frozen=True)
class ProfileList:
    profiles: list[RuleProfile]
    """The built-in default first, then the saved ones by name."""
    current: RuleProfile

    def names(self) -> list[str]:
        return [p.name for p in self.profiles]


def list_profiles(db: Database) -> ProfileList:
    with db.unit_of_work() as uow:
        saved, current = uow.analysis.profiles.saved_and_current()
    return ProfileList([default_profile(), *saved], current or default_profile())


def current_profile(db: Database) -> RuleProfile:
    return list_profiles(db).current


def find_profile(db: Database, name: str | None) -> RuleProfile:
    """The profile named `name`, or the current one for None; a Russian error lists the names."""
    listing = list_profiles(db)
    if name is None:
        return listing.current
    for profile in listing.profiles:
        if profile.name == name:
            return profile
    names = "; ".join(f"«{n}»" for n in listing.names())
    raise DomainError(f"Профиля «{name}» нет. Есть профили: {names}.")


def chosen_profile(db: Database, name: str | None, threshold: float | None = None) -> RuleProfile:
    """The profile a command names (the current one for None), its thresholds overridden by `threshold`.

    The override is a profile of its own, named for what changed, so a list
    or document made with it never passes for the saved profile's.
    """
    profile = find_profile(db, name)
    if threshold is None:
        return profile
    return replace(
        profile,
        name=f"{profile.name}; порог {format_number(threshold)} %",
        default_threshold=threshold,
        thresholds=(),
    )


def _refuse_default(name: str | None) -> None:
    if name == default_profile().name:
        raise DomainError("Профиль по умолчанию не меняется: сохраните копию под своим названием.")


def save_profile(
    db: Database, profile: RuleProfile, previous_name: str | None = None, make_current: bool = False
) -> None:
    """Save a new profile, or replace the one saved as `previous_name`."""
    _refuse_default(profile.name)
    _refuse_default(previous_name)
    with db.unit_of_work() as uow:
        uow.analysis.profiles.save(profile, previous_name, datetime.now())
        uow.session.flush()
        if make_current:
            uow.analysis.profiles.set_current(profile.name)
        uow.commit()


def set_current_profile(db: Database, name: str) -> None:
    """The profile every view uses from now on; the default's name clears the choice."""
    find_profile(db, name)
    with db.unit_of_work() as uow:
        uow.analysis.profiles.set_current(None if name == default_profile().name else name)
        uow.commit()


def delete_profile(db: Database, name: str) -> None:
    _refuse_default(name)
    with db.unit_of_work() as uow:
        uow.analysis.profiles.delete(name)
        uow.commit()


@dataclass(frozen=True)
class PreviewData:
    """What the profile dialog reads once: a year's schools, results and procedures."""

    year: int
    schools: dict[str, School]
    results: list[Result]
    procedures: list[ProcedureKey]
    years: list[int]


def load_preview_data(db: Database, year: int) -> PreviewData:
    with db.unit_of_work() as uow:
        schools = {s.login: s for s in uow.analysis.facts.schools().values() if s.active}
        results = [
            r
            for r in uow.results.for_years(range(year - PREVIEW_YEARS_BACK + 1, year + 1))
            if r.login in schools
        ]
        procedures = uow.procedures.all()
        years = uow.results.years()
    return PreviewData(year, schools, results, procedures, years)


@dataclass(frozen=True)
class ProfilePreview:
    year: int
    flagged: int
    schools_total: int
    """Schools with results in the years the draft looks at."""
    entered: list[School]
    """Schools the draft would add to the saved profile's list."""
    left: list[School]

    @property
    def share(self) -> float:
        return 100.0 * self.flagged / self.schools_total if self.schools_total else 0.0


def preview_profile(data: PreviewData, draft: RuleProfile, saved: RuleProfile) -> ProfilePreview:
    """How many schools `draft` flags in the data's year, and the difference from `saved`."""
    if draft.years_each > PREVIEW_YEARS_BACK:
        raise DomainError(f"Предпросмотр учитывает не больше {PREVIEW_YEARS_BACK} лет назад.")
    now = assess(data.results, data.year, draft, data.schools)
    window = set(draft.years(data.year))
    assessed = {
        r.login
        for r in data.results
        if r.year in window and r.pct_low is not None and draft.counts(r.procedure)
    }
    before = assess(data.results, data.year, saved, data.schools) if saved != draft else now
    difference = compare_lists(now, before)

    def named(logins: frozenset[str]) -> list[School]:
        return sorted((data.schools[login] for login in logins), key=lambda s: natural_sort_key(s.short_name))

    return ProfilePreview(
        data.year,
        len(difference.flagged),
        len(assessed),
        named(difference.entered),
        named(difference.left),
    )
