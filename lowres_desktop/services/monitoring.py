"""Use cases of monitoring rounds: create, record school × item statuses and evidence, summarise.

`round_summary` returns a `RoundSummary` of plain dataclasses — per-item shares
and school lists, per-school items not done, the comparison with the previous
round — which the grid's summary tab, the CSV export and the documents of
«Об итогах мониторинга» all consume without SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.monitoring import (
    Change,
    ChangeLine,
    Entry,
    GapLine,
    ItemSummary,
    MonitoringRound,
    RoundSummary,
    SchoolDirectives,
    SchoolRef,
    Status,
    compare_rounds,
    school_gaps,
    tally_items,
    validate_round,
)
from lowres_desktop.domain.records import School
from lowres_desktop.domain.roadmaps import NumberedItem, Roadmap, numbered_items
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.files.atomic import write_bytes_atomic
from lowres_desktop.files.cells import CsvWriter
from lowres_desktop.services.roadmaps import order_text
from lowres_desktop.storage.monitoring_repository import EvidenceFile
from lowres_desktop.storage.unit_of_work import Database, UnitOfWork
from lowres_desktop.wording.common import format_percent

STATUS_WORDS = {
    Status.DONE: "выполнено",
    Status.PARTIAL: "частично",
    Status.NOT_DONE: "не выполнено",
    Status.NOT_APPLICABLE: "не применимо",
}
STATUS_SYMBOLS = {Status.DONE: "✔", Status.PARTIAL: "◐", Status.NOT_DONE: "✘", Status.NOT_APPLICABLE: "—"}
CHANGE_WORDS = {Change.IMPROVED: "улучшение", Change.WORSENED: "ухудшение", Change.SAME: "без изменений"}
MAX_EVIDENCE_BYTES = 50 * 1024 * 1024


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


_NUMBERED = re.compile(r"^(?P<prefix>.*?)\s*№\s*(?P<number>\d+\S*?)(?P<suffix>\s*\(.*\))?$")


def schools_phrase(names: list[str]) -> str:
    """«СОШ № 5, 11, 28, ООШ № 38, 66»: seed 004's way of naming several schools at once.

    Names that differ only in their number are merged; others are listed as they are.
    """
    groups: list[tuple[tuple[str, str], list[str]]] = []
    for name in sorted(names, key=natural_sort_key):
        match = _NUMBERED.match(name)
        if match is None:
            groups.append(((name, ""), []))
            continue
        key = (match.group("prefix"), match.group("suffix") or "")
        if groups and groups[-1][0] == key and groups[-1][1]:
            groups[-1][1].append(match.group("number"))
        else:
            groups.append((key, [match.group("number")]))
    return ", ".join(
        f"{prefix} № {', '.join(numbers)}{suffix}" if numbers else prefix
        for (prefix, suffix), numbers in groups
    )


# --- listing and editing rounds ---------------------------------------------------------------


@dataclass(frozen=True)
class RoundListing:
    round: MonitoringRound
    roadmap_title: str
    cells: int
    recorded: int


def list_rounds(db: Database, roadmap_id: int | None = None) -> list[RoundListing]:
    with db.unit_of_work() as uow:
        titles = {listing.id: listing.title for listing in uow.roadmaps.listing()}
        recorded = uow.monitoring.recorded_counts()
        listings = []
        for monitoring_round in uow.monitoring.all(roadmap_id):
            assert monitoring_round.id is not None
            listings.append(
                RoundListing(
                    monitoring_round,
                    titles.get(monitoring_round.roadmap_id, ""),
                    len(monitoring_round.schools) * len(monitoring_round.item_ids),
                    recorded.get(monitoring_round.id, 0),
                )
            )
    return listings


def save_round(db: Database, monitoring_round: MonitoringRound) -> int:
    """Create or change a round; schools or items taken out of it lose their entries."""
    validate_round(monitoring_round)
    with db.unit_of_work() as uow:
        roadmap = uow.roadmaps.get(monitoring_round.roadmap_id)
        if roadmap is None:
            raise DomainError("Дорожная карта мониторинга не найдена.")
        known = {item.id for section in roadmap.sections for item in section.items}
        if not set(monitoring_round.item_ids) <= known:
            raise DomainError("Среди проверяемых мероприятий есть не принадлежащие этой дорожной карте.")
        round_id = uow.monitoring.save(monitoring_round, _now())
        uow.commit()
    return round_id


def delete_round(db: Database, round_id: int) -> None:
    with db.unit_of_work() as uow:
        uow.monitoring.delete(round_id)
        uow.commit()


# --- the grid ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundGrid:
    """Schools × checked items of one round, with what has been recorded so far."""

    round: MonitoringRound
    roadmap: Roadmap
    schools: list[School]
    items: list[NumberedItem]
    entries: dict[tuple[str, int], Entry]

    def entry(self, login: str, item_id: int) -> Entry:
        return self.entries.get((login, item_id)) or Entry(login, item_id, None)


def _load(uow: UnitOfWork, round_id: int) -> tuple[MonitoringRound, Roadmap, dict[str, School], list[Entry]]:
    monitoring_round = uow.monitoring.get(round_id)
    if monitoring_round is None:
        raise DomainError("Мониторинг не найден: возможно, его удалили.")
    roadmap = uow.roadmaps.get(monitoring_round.roadmap_id)
    assert roadmap is not None
    schools = {school.login: school for school in uow.schools.all()}
    return monitoring_round, roadmap, schools, uow.monitoring.entries(round_id)


def round_grid(db: Database, round_id: int) -> RoundGrid:
    with db.unit_of_work() as uow:
        monitoring_round, roadmap, schools, entries = _load(uow, round_id)
    by_id = {numbered.item.id: numbered for numbered in numbered_items(roadmap)}
    return RoundGrid(
        monitoring_round,
        roadmap,
        # In the order of their names, as every list of schools: not the order they were ticked in.
        sorted(
            (schools[login] for login in monitoring_round.schools),
            key=lambda s: natural_sort_key(s.short_name),
        ),
        [by_id[item_id] for item_id in monitoring_round.item_ids if item_id in by_id],
        {(e.login, e.item_id): e for e in entries},
    )


def set_entry(
    db: Database, round_id: int, login: str, item_id: int, status: Status | None, comment: str | None = None
) -> Entry:
    """Record one cell; `comment` None keeps the comment already there."""
    with db.unit_of_work() as uow:
        if comment is None:
            current = next(
                (e for e in uow.monitoring.entries(round_id) if e.login == login and e.item_id == item_id),
                None,
            )
            comment = current.comment if current else ""
        uow.monitoring.set_entry(round_id, login, item_id, status, comment, _now())
        uow.commit()
        evidence = tuple(f.file_name for f in uow.monitoring.evidence(round_id, login, item_id))
    return Entry(login, item_id, status, comment, evidence)


def add_evidence(db: Database, round_id: int, login: str, item_id: int, path: Path) -> int:
    size = path.stat().st_size
    if size > MAX_EVIDENCE_BYTES:
        raise DomainError(
            f"Файл «{path.name}» слишком большой ({size // (1024 * 1024)} МБ); "
            f"можно прикрепить до {MAX_EVIDENCE_BYTES // (1024 * 1024)} МБ. Приложите ссылку в комментарии."
        )
    content = path.read_bytes()
    with db.unit_of_work() as uow:
        evidence_id = uow.monitoring.add_evidence(round_id, login, item_id, path.name, content, _now())
        uow.commit()
    return evidence_id


def list_evidence(db: Database, round_id: int, login: str, item_id: int) -> list[EvidenceFile]:
    with db.unit_of_work() as uow:
        return uow.monitoring.evidence(round_id, login, item_id)


def save_evidence_copy(db: Database, evidence_id: int, folder: Path) -> Path:
    """Write an evidence file out (to open or to send); the name is kept, a clash gets a suffix."""
    with db.unit_of_work() as uow:
        name, content = uow.monitoring.evidence_content(evidence_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    counter = 1
    while target.exists():
        target = folder / f"{Path(name).stem} ({counter}){Path(name).suffix}"
        counter += 1
    return write_bytes_atomic(target, content)


def delete_evidence(db: Database, evidence_id: int) -> None:
    with db.unit_of_work() as uow:
        uow.monitoring.delete_evidence(evidence_id)
        uow.commit()


# --- the summary --------------------------------------------------------------------------------


def _previous(uow: UnitOfWork, current: MonitoringRound) -> MonitoringRound | None:
    def key(r: MonitoringRound) -> tuple[date, int]:
        return (r.ends_on or r.starts_on or date.min, r.id or 0)

    earlier = [
        r for r in uow.monitoring.all(current.roadmap_id) if r.id != current.id and key(r) < key(current)
    ]
    return max(earlier, key=key) if earlier else None


def round_summary(db: Database, round_id: int) -> RoundSummary:
    with db.unit_of_work() as uow:
        monitoring_round, roadmap, schools, entries = _load(uow, round_id)
        previous = _previous(uow, monitoring_round)
        previous_entries = uow.monitoring.entries(previous.id) if previous and previous.id else []
    refs = {login: SchoolRef(login, s.short_name, s.full_name) for login, s in schools.items()}
    by_id = {numbered.item.id: numbered for numbered in numbered_items(roadmap)}
    comparisons: dict[int, float | None] = {}
    changes: list[ChangeLine] = []
    if previous is not None:
        compared, moves = compare_rounds(monitoring_round, entries, previous, previous_entries)
        comparisons = {c.item_id: c.share_done_before for c in compared}
        changes = [
            ChangeLine(refs[m.login], by_id[m.item_id].reference, m.before, m.after, m.change)
            for m in moves
            if m.change != Change.SAME and m.item_id in by_id
        ]
    items = []
    for tally in tally_items(monitoring_round, entries):
        numbered = by_id.get(tally.item_id)
        if numbered is None:
            continue
        items.append(
            ItemSummary(
                item_id=tally.item_id,
                reference=numbered.reference,
                number=numbered.number,
                text=numbered.item.text,
                deadline=numbered.item.deadline_text,
                executors=list(numbered.item.executors),
                counts={status: tally.count(status) for status in Status},
                shares={status: tally.share(status) for status in Status},
                schools={status: [refs[login] for login in tally.schools[status]] for status in Status},
                unrecorded=[refs[login] for login in tally.unrecorded],
                share_done_before=comparisons.get(tally.item_id),
            )
        )
    directives = [
        SchoolDirectives(
            refs[login],
            [
                GapLine(by_id[g.item_id].reference, by_id[g.item_id].item.text, g.status, g.comment)
                for g in gaps
                if g.item_id in by_id
            ],
        )
        for login, gaps in school_gaps(monitoring_round, entries).items()
    ]
    return RoundSummary(
        round_id=round_id,
        name=monitoring_round.name,
        period_text=monitoring_round.period_text,
        starts_on=monitoring_round.starts_on,
        ends_on=monitoring_round.ends_on,
        roadmap_id=roadmap.id or 0,
        roadmap_title=roadmap.title,
        roadmap_order_text=order_text(roadmap.order),
        schools=[refs[login] for login in monitoring_round.schools],
        items=items,
        directives=directives,
        previous_round_name=previous.name if previous else None,
        changes=changes,
        recorded=sum(1 for e in entries if e.status is not None),
        cells=len(monitoring_round.schools) * len(monitoring_round.item_ids),
        comments={(e.login, e.item_id): e.comment.strip() for e in entries if e.comment.strip()},
    )


def share_sentence(item: ItemSummary, status: Status) -> str:
    """Seed 000's phrasing: «в 90 % ОО — не выполнено (СОШ № 5, 11)».

    The shares of the three applicable statuses are of the schools where the item applies, so
    they add up to 100 %; «не применимо» is counted in schools, never as a share beside them
    (one done and one not applicable read «100 %» and «50 %» before).
    """
    names = schools_phrase([s.short_name for s in item.schools[status]])
    tail = f" ({names})" if names else ""
    if status == Status.NOT_APPLICABLE:
        return f"{STATUS_WORDS[status]} — в {item.counts[status]} ОО{tail}"
    return f"в {format_percent(item.shares[status])} ОО — {STATUS_WORDS[status]}{tail}"


SUMMARY_COLUMNS = [
    "item",
    "text",
    "deadline",
    "done_pct",
    "partial_pct",
    "not_done_pct",
    "not_applicable_pct",
    "done_schools",
    "partial_schools",
    "not_done_schools",
    "not_applicable_schools",
    "unrecorded_schools",
    "done_pct_previous",
]


def _csv_number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def write_summary_csv(summary: RoundSummary, out: TextIO) -> None:
    """One row per checked item: shares (dot decimals, for spreadsheets and scripts) and school lists."""
    writer = CsvWriter(out, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for item in summary.items:
        writer.writerow(
            [
                item.reference,
                item.text,
                item.deadline,
                *(_csv_number(item.shares[status]) for status in Status),
                *(schools_phrase([s.short_name for s in item.schools[status]]) for status in Status),
                schools_phrase([s.short_name for s in item.unrecorded]),
                _csv_number(item.share_done_before),
            ]
        )


def copy_round(db: Database, round_id: int, name: str) -> int:
    """A new round of the same roadmap, schools and items, with nothing recorded yet."""
    with db.unit_of_work() as uow:
        monitoring_round = uow.monitoring.get(round_id)
    if monitoring_round is None:
        raise DomainError("Мониторинг не найден: возможно, его удалили.")
    return save_round(
        db, replace(monitoring_round, id=None, name=name, starts_on=None, ends_on=None, period_text="")
    )
