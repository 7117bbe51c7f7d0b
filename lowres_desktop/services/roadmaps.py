"""Use cases of roadmaps: list, create from a template, edit, generate for flagged schools, indicators.

Each function is one user action in one unit of work. What the document
builders need is exposed as plain dataclasses (`RoadmapDocument`), so orders
can be printed from a roadmap without any SQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from lowres_desktop.domain.deadlines import Period, format_date
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.monitoring import MonitoringRound, Status, is_overdue
from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.domain.roadmaps import (
    ApprovalOrder,
    DocumentIndicator,
    DocumentItem,
    DocumentSection,
    Executor,
    IndicatorProgress,
    Numbering,
    Roadmap,
    RoadmapDocument,
    RoadmapItem,
    RoadmapLevel,
    RoadmapListing,
    RoadmapSection,
    executors_in_use,
    indicator_progress,
    is_time_bound,
    item_number,
    moved_to,
    validate_roadmap,
)
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.importing.roadmap_xlsx import read_roadmap_xlsx, write_roadmap_xlsx
from lowres_desktop.services.identify_schools import identify_schools
from lowres_desktop.services.progress import (
    CancelCheck,
    ProgressCallback,
    check_cancel,
    never_cancel,
    no_progress,
)
from lowres_desktop.services.roadmap_templates import builtin_executors, template
from lowres_desktop.storage.unit_of_work import Database, UnitOfWork

SCHOOL_EXECUTORS = frozenset({"ОО", "Руководители ОО"})
"""Executors that mean «the school itself»: their measures go into a school's own roadmap."""

DEFAULT_SCHOOL_TEMPLATE = "seed002_novokuznetsk_2020_2021"
"""Seed 002 is the program for flagged schools; its «ОО» measures make a school's roadmap."""

LEVEL_WORDS = {RoadmapLevel.MUNICIPAL: "муниципальная", RoadmapLevel.SCHOOL: "школьная"}
NUMBERING_WORDS = {Numbering.FLAT: "1, 2, … в каждом разделе", Numbering.NESTED: "1.1, 1.2, …"}


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def order_text(order: ApprovalOrder) -> str:
    """«приказ от 17.02.2020 № 0177-ога», or empty when nothing is known."""
    parts = [order.kind] if order.kind else []
    if order.date:
        parts.append(f"от {format_date(order.date)}")
    if order.number:
        parts.append(f"№ {order.number}")
    return " ".join(parts) if (order.date or order.number) else ""


# --- listing and status -----------------------------------------------------------------------


@dataclass(frozen=True)
class RoadmapOverview:
    listing: RoadmapListing
    rounds: int
    overdue: int


@dataclass(frozen=True)
class ItemState:
    """Where an item stands: the latest round that checked it, and whether it is overdue."""

    item_id: int
    latest_round: str | None
    statuses: dict[str, Status | None]
    overdue: bool


def _latest_statuses(
    uow: UnitOfWork, rounds: Iterable[MonitoringRound]
) -> dict[int, tuple[str, dict[str, Status | None]]]:
    """Item id → (round name, status per school) from the latest of `rounds` that checked the item."""
    ordered = sorted(rounds, key=lambda r: (r.ends_on or r.starts_on or date.min, r.id or 0))
    latest: dict[int, tuple[str, dict[str, Status | None]]] = {}
    for monitoring_round in ordered:
        assert monitoring_round.id is not None
        entries = uow.monitoring.statuses(monitoring_round.id)
        for item_id in monitoring_round.item_ids:
            latest[item_id] = (
                monitoring_round.name,
                {login: entries.get((login, item_id)) for login in monitoring_round.schools},
            )
    return latest


def _states(
    items: Iterable[RoadmapItem],
    period: Period,
    latest: dict[int, tuple[str, dict[str, Status | None]]],
    today: date,
) -> dict[int, ItemState]:
    states = {}
    for item in items:
        if item.id is None:
            continue
        name, statuses = latest.get(item.id, (None, {}))
        overdue = is_time_bound(item, period) and is_overdue(
            item.ends_on, statuses.values() if name else None, today
        )
        states[item.id] = ItemState(item.id, name, statuses, overdue)
    return states


def _item_states(uow: UnitOfWork, roadmap: Roadmap, today: date) -> dict[int, ItemState]:
    assert roadmap.id is not None
    latest = _latest_statuses(uow, uow.monitoring.all(roadmap.id))
    return _states(
        (item for section in roadmap.sections for item in section.items), roadmap.period, latest, today
    )


def list_roadmaps(db: Database, today: date | None = None) -> list[RoadmapOverview]:
    """Every roadmap with its rounds and overdue items, read in a few queries, not a few per roadmap:
    a region's authority keeps a roadmap for each of its thousand flagged schools."""
    today = today or date.today()
    with db.unit_of_work() as uow:
        items = uow.roadmaps.deadline_items()
        rounds: dict[int, list[MonitoringRound]] = {}
        for monitoring_round in uow.monitoring.all():
            rounds.setdefault(monitoring_round.roadmap_id, []).append(monitoring_round)
        overviews = []
        for listing in uow.roadmaps.listing():
            checked = rounds.get(listing.id, [])
            latest = _latest_statuses(uow, checked) if checked else {}
            states = _states(items.get(listing.id, []), listing.period, latest, today)
            overviews.append(
                RoadmapOverview(listing, len(checked), sum(1 for state in states.values() if state.overdue))
            )
    return overviews


def load_roadmap(db: Database, roadmap_id: int) -> Roadmap:
    with db.unit_of_work() as uow:
        roadmap = uow.roadmaps.get(roadmap_id)
    if roadmap is None:
        raise DomainError("Дорожная карта не найдена: возможно, её удалили.")
    return roadmap


def school_names(db: Database, roadmap: Roadmap) -> dict[str, str]:
    """Short names of the schools `roadmap` names (its own school and its measures' schools)."""
    logins = {login for section in roadmap.sections for item in section.items for login in item.schools}
    if roadmap.school_login:
        logins.add(roadmap.school_login)
    with db.unit_of_work() as uow:
        return uow.schools.short_names(logins)


def item_states(db: Database, roadmap_id: int, today: date | None = None) -> dict[int, ItemState]:
    with db.unit_of_work() as uow:
        roadmap = uow.roadmaps.get(roadmap_id)
        if roadmap is None:
            return {}
        return _item_states(uow, roadmap, today or date.today())


# --- creating, saving, deleting ---------------------------------------------------------------


def _ensure_directory(uow: UnitOfWork, roadmap: Roadmap | None = None) -> None:
    """Seed an empty directory with the built-in executors; name the ones a template brings in.

    Built-in entries the user deleted or renamed stay so, unless a roadmap uses them again.
    """
    if not uow.roadmaps.executors():
        uow.roadmaps.ensure_executors(builtin_executors())
    elif roadmap is not None:
        used = executors_in_use([roadmap])
        uow.roadmaps.ensure_executors(e for e in builtin_executors() if e.name in used)


def _add(uow: UnitOfWork, roadmap: Roadmap) -> int:
    validate_roadmap(roadmap)
    _ensure_directory(uow, roadmap)
    return uow.roadmaps.add(replace(roadmap, id=None), _now())


def _created(uow: UnitOfWork, roadmap: Roadmap) -> int:
    roadmap_id = _add(uow, roadmap)
    uow.commit()
    return roadmap_id


def create_roadmap(db: Database, roadmap: Roadmap) -> int:
    """A new roadmap, written as a long write: two users seeding the executors' directory at once
    queue instead of colliding on a new entry."""
    return db.run_write(lambda uow: _created(uow, roadmap))


def new_roadmap(
    template_key: str | None,
    level: RoadmapLevel = RoadmapLevel.MUNICIPAL,
    school_login: str | None = None,
    title: str | None = None,
    period: Period | None = None,
) -> Roadmap:
    """A roadmap not yet saved: a copy of a built-in template, or an empty one with one section."""
    if template_key:
        roadmap = template(template_key).roadmap
    else:
        year = date.today().year
        roadmap = Roadmap(
            title="План мероприятий («дорожная карта») по повышению качества образования",
            period=Period(year, year),
            sections=(RoadmapSection("Организационные мероприятия"),),
        )
    roadmap = replace(
        roadmap, level=level, school_login=school_login if level == RoadmapLevel.SCHOOL else None
    )
    if title:
        roadmap = replace(roadmap, title=title)
    if period:
        roadmap = moved_to(roadmap, period)
    return roadmap


def create_from_template(
    db: Database,
    template_key: str | None,
    level: RoadmapLevel = RoadmapLevel.MUNICIPAL,
    school_login: str | None = None,
    title: str | None = None,
    period: Period | None = None,
) -> int:
    return create_roadmap(db, new_roadmap(template_key, level, school_login, title, period))


def save_roadmap(db: Database, roadmap: Roadmap) -> Roadmap:
    """Save the editor's roadmap as one transaction; returns it as stored (new rows get ids)."""
    validate_roadmap(roadmap)
    with db.unit_of_work() as uow:
        if roadmap.id is None:
            roadmap_id = uow.roadmaps.add(roadmap, _now())
        else:
            uow.roadmaps.update(roadmap, _now())
            roadmap_id = roadmap.id
        uow.commit()
        stored = uow.roadmaps.get(roadmap_id)
    assert stored is not None
    return stored


def delete_roadmap(db: Database, roadmap_id: int) -> None:
    with db.unit_of_work() as uow:
        rounds = uow.monitoring.count_for_roadmap(roadmap_id)
        if rounds:
            raise DomainError(
                f"По этой дорожной карте проведено мониторингов: {rounds}. "
                "Сначала удалите их на странице «Мониторинг»."
            )
        uow.roadmaps.delete(roadmap_id)
        uow.commit()


# --- school roadmaps for flagged schools ------------------------------------------------------


@dataclass(frozen=True)
class GeneratedRoadmaps:
    year: int
    profile: RuleProfile
    """The rule profile that chose the schools."""
    created: list[tuple[str, int]]
    """(login, roadmap id) of each roadmap made."""
    skipped: list[str]
    """Logins of flagged schools that already had a school roadmap for the same period."""


def school_roadmap(source: Roadmap, login: str, school_name: str, period: Period) -> Roadmap:
    """A school's own roadmap from `source`: the measures the school carries out itself.

    When no item names the school («ОО», «Руководители ОО») every item is taken.
    """
    sections = []
    for section in source.sections:
        items = tuple(
            replace(item, id=None, schools=())
            for item in section.items
            if SCHOOL_EXECUTORS & set(item.executors)
        )
        if items:
            sections.append(RoadmapSection(section.title, items))
    if not sections:
        sections = [
            RoadmapSection(s.title, tuple(replace(i, id=None, schools=()) for i in s.items))
            for s in source.sections
        ]
    years = f"{period.text()} гг." if period.first_year != period.last_year else f"{period.text()} год"
    roadmap = Roadmap(
        title="План мероприятий («дорожная карта») по повышению качества образования "
        f"{school_name} на {years}",
        period=source.period,
        level=RoadmapLevel.SCHOOL,
        school_login=login,
        numbering=source.numbering,
        sections=tuple(sections),
        template_key=source.template_key,
    )
    return moved_to(roadmap, period)


def generate_school_roadmaps(
    db: Database,
    year: int,
    source_template: str | None = DEFAULT_SCHOOL_TEMPLATE,
    source_roadmap_id: int | None = None,
    profile: RuleProfile | None = None,
    period: Period | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelCheck = never_cancel,
) -> GeneratedRoadmaps:
    """One school roadmap for every school `profile` (default: the current one) flags for `year`.

    One transaction, run as a long write (`Database.run_write`): two users generating at once
    do not both create a school's roadmap; the schools are the same list the page and the order show.
    """
    progress(0, 2, "Выявление школ…")
    found = identify_schools(db, year, profile)
    period = period or Period(year, year + 1)
    source = (
        load_roadmap(db, source_roadmap_id) if source_roadmap_id else template(source_template or "").roadmap
    )

    def write(uow: UnitOfWork) -> GeneratedRoadmaps:
        created: list[tuple[str, int]] = []
        skipped: list[str] = []
        _ensure_directory(uow, source)
        existing = {
            (listing.school_login, listing.period)
            for listing in uow.roadmaps.listing()
            if listing.level == RoadmapLevel.SCHOOL
        }
        for index, flagged in enumerate(found.flagged):
            check_cancel(cancel)
            progress(1 + index, len(found.flagged) + 1, f"Дорожная карта {flagged.school.short_name}…")
            login = flagged.school.login
            if (login, period) in existing:
                skipped.append(login)
                continue
            roadmap = school_roadmap(source, login, flagged.school.full_name, period)
            created.append((login, uow.roadmaps.add(roadmap, _now())))
        uow.commit()
        return GeneratedRoadmaps(year, found.profile, created, skipped)

    generated = db.run_write(write)
    progress(1, 1, "Готово")
    return generated


# --- executors' directory ---------------------------------------------------------------------


@dataclass(frozen=True)
class ExecutorUsage:
    executor: Executor
    items: int


def list_executors(db: Database) -> list[ExecutorUsage]:
    with db.unit_of_work() as uow:
        _ensure_directory(uow)
        usage = uow.roadmaps.executor_usage()
        executors = uow.roadmaps.executors()
        uow.commit()
    return [ExecutorUsage(e, usage.get(e.name, 0)) for e in executors]


def save_executor(db: Database, executor: Executor, old_name: str | None = None) -> None:
    with db.unit_of_work() as uow:
        uow.roadmaps.save_executor(executor, old_name)
        uow.commit()


def delete_executor(db: Database, name: str) -> None:
    with db.unit_of_work() as uow:
        uow.roadmaps.delete_executor(name)
        uow.commit()


# --- target indicators ------------------------------------------------------------------------


def indicators_progress(db: Database, roadmap_id: int) -> list[IndicatorProgress]:
    with db.unit_of_work() as uow:
        roadmap = uow.roadmaps.get(roadmap_id)
        values = uow.roadmaps.indicator_values(roadmap_id)
    if roadmap is None:
        return []
    return [
        indicator_progress(indicator, [v for v in values if v.indicator_id == indicator.id])
        for indicator in roadmap.indicators
    ]


def set_indicator_value(
    db: Database,
    indicator_id: int,
    year: int,
    value: float | None,
    login: str | None = None,
    comment: str = "",
) -> None:
    with db.unit_of_work() as uow:
        uow.roadmaps.set_indicator_value(indicator_id, year, login, value, comment)
        uow.commit()


# --- what a document builder consumes ---------------------------------------------------------


def roadmap_document(db: Database, roadmap_id: int, today: date | None = None) -> RoadmapDocument:
    with db.unit_of_work() as uow:
        roadmap = uow.roadmaps.get(roadmap_id)
        if roadmap is None:
            raise DomainError("Дорожная карта не найдена: возможно, её удалили.")
        states = _item_states(uow, roadmap, today or date.today())
        names = {s.login: s.short_name for s in uow.schools.all()}
        values = uow.roadmaps.indicator_values(roadmap_id)
    sections = []
    for s, section in enumerate(roadmap.sections):
        items = []
        for i, item in enumerate(section.items):
            state = states.get(item.id) if item.id is not None else None
            items.append(
                DocumentItem(
                    number=item_number(roadmap.numbering, s, i),
                    reference=f"{s + 1}.{i + 1}",
                    text=item.text,
                    deadline=item.deadline_text,
                    starts_on=item.starts_on,
                    ends_on=item.ends_on,
                    executors=list(item.executors),
                    executors_text=", ".join(item.executors),
                    schools=sorted((names.get(login, login) for login in item.schools), key=natural_sort_key),
                    overdue=bool(state and state.overdue),
                )
            )
        sections.append(DocumentSection(s + 1, section.title, items))
    indicators = []
    for number, indicator in enumerate(roadmap.indicators, start=1):
        progress = indicator_progress(indicator, [v for v in values if v.indicator_id == indicator.id])
        indicators.append(
            DocumentIndicator(
                number,
                indicator.name,
                indicator.source,
                indicator.unit,
                indicator.target_text,
                indicator.target_value,
                indicator.target_year,
                progress.latest_year,
                progress.latest_value,
                progress.reached,
            )
        )
    return RoadmapDocument(
        id=roadmap_id,
        title=roadmap.title,
        level=roadmap.level,
        school_login=roadmap.school_login,
        school_name=names.get(roadmap.school_login) if roadmap.school_login else None,
        period=roadmap.period,
        order=roadmap.order,
        order_text=order_text(roadmap.order),
        sections=sections,
        indicators=indicators,
    )


# --- Excel ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportedRoadmap:
    id: int
    title: str
    sections: int
    items: int
    indicators: int
    warnings: list[str]


def export_roadmap_xlsx(db: Database, roadmap_id: int, path: Path) -> Path:
    """Write the roadmap in the layout documented in importing/roadmap_xlsx.py."""
    roadmap = load_roadmap(db, roadmap_id)
    try:
        write_roadmap_xlsx(roadmap, path)
    except OSError as error:
        raise DomainError(f"Не удалось записать «{path}»: {error.strerror or error}.") from error
    return path


def import_roadmap_xlsx(db: Database, path: Path) -> ImportedRoadmap:
    """A new roadmap from an Excel plan; executors not in the directory are added to it."""
    with db.unit_of_work() as uow:
        known = [e.name for e in uow.roadmaps.executors()] + [e.name for e in builtin_executors()]
    parsed = read_roadmap_xlsx(path, known)
    roadmap_id = create_roadmap(db, parsed.roadmap)
    roadmap = parsed.roadmap
    return ImportedRoadmap(
        roadmap_id,
        roadmap.title,
        len(roadmap.sections),
        roadmap.item_count,
        len(roadmap.indicators),
        parsed.warnings,
    )
