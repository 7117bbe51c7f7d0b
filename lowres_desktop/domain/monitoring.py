"""Monitoring rounds: what each school did about each checked roadmap item, and what follows.

A round records one status per school × item. From those the orders of seed
000 and 004 are written: per item the share of schools in each status («в 90 %
ОО не применяется …»), per item the schools in each status («в ООУ № 11, 28,
38»), per school the items it has not done (the directives addressed to it),
and how the picture changed since the previous round of the same roadmap.

Shares are taken over the schools where the item applies and a status is
recorded: «не применимо» (an ООШ has no ЕГЭ) and cells still empty are
counted separately, so they neither inflate nor dilute «выполнено».
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from lowres_desktop.domain.errors import DomainError


class Status(StrEnum):
    DONE = "done"
    PARTIAL = "partial"
    NOT_DONE = "not_done"
    NOT_APPLICABLE = "not_applicable"


APPLICABLE = (Status.DONE, Status.PARTIAL, Status.NOT_DONE)
_RANK = {Status.NOT_DONE: 0, Status.PARTIAL: 1, Status.DONE: 2}


@dataclass(frozen=True)
class MonitoringRound:
    name: str
    roadmap_id: int
    schools: tuple[str, ...]
    """Logins of the schools checked."""
    item_ids: tuple[int, ...]
    """The roadmap items checked, in the order they are shown."""
    period_text: str = ""
    """The period as the order writes it: «1 полугодие 2020-2021 учебного года»."""
    starts_on: date | None = None
    ends_on: date | None = None
    id: int | None = None


@dataclass(frozen=True)
class Entry:
    login: str
    item_id: int
    status: Status | None
    comment: str = ""
    evidence: tuple[str, ...] = ()
    """Names of the evidence files attached."""


def validate_round(monitoring_round: MonitoringRound) -> None:
    if not monitoring_round.name.strip():
        raise DomainError("Укажите название мониторинга.")
    if not monitoring_round.schools:
        raise DomainError("Выберите хотя бы одну школу для мониторинга.")
    if not monitoring_round.item_ids:
        raise DomainError("Выберите хотя бы одно мероприятие дорожной карты для проверки.")
    start, end = monitoring_round.starts_on, monitoring_round.ends_on
    if start and end and start > end:
        raise DomainError("Дата начала мониторинга позже даты окончания.")


@dataclass(frozen=True)
class ItemTally:
    item_id: int
    schools: dict[Status, tuple[str, ...]]
    """Logins in each status, in the round's school order."""
    unrecorded: tuple[str, ...]

    def count(self, status: Status) -> int:
        return len(self.schools.get(status, ()))

    @property
    def applicable(self) -> int:
        return sum(self.count(status) for status in APPLICABLE)

    def share(self, status: Status) -> float | None:
        """Percent of the schools where the item applies and was checked; None when none were."""
        if status == Status.NOT_APPLICABLE:
            checked = self.applicable + self.count(Status.NOT_APPLICABLE)
            return 100.0 * self.count(status) / checked if checked else None
        return 100.0 * self.count(status) / self.applicable if self.applicable else None


def _index(entries: Iterable[Entry]) -> dict[tuple[str, int], Entry]:
    return {(entry.login, entry.item_id): entry for entry in entries}


def tally_items(monitoring_round: MonitoringRound, entries: Iterable[Entry]) -> list[ItemTally]:
    by_key = _index(entries)
    tallies = []
    for item_id in monitoring_round.item_ids:
        groups: dict[Status, list[str]] = {status: [] for status in Status}
        unrecorded = []
        for login in monitoring_round.schools:
            entry = by_key.get((login, item_id))
            if entry is None or entry.status is None:
                unrecorded.append(login)
            else:
                groups[entry.status].append(login)
        tallies.append(
            ItemTally(
                item_id, {status: tuple(logins) for status, logins in groups.items()}, tuple(unrecorded)
            )
        )
    return tallies


@dataclass(frozen=True)
class Gap:
    """An item a school has not (fully) done: a line of the directive addressed to it."""

    item_id: int
    status: Status
    comment: str


def school_gaps(monitoring_round: MonitoringRound, entries: Iterable[Entry]) -> dict[str, list[Gap]]:
    """For every school of the round, the items «не выполнено» or «частично», in item order."""
    by_key = _index(entries)
    gaps: dict[str, list[Gap]] = {}
    for login in monitoring_round.schools:
        found = []
        for item_id in monitoring_round.item_ids:
            entry = by_key.get((login, item_id))
            if entry is not None and entry.status in (Status.NOT_DONE, Status.PARTIAL):
                found.append(Gap(item_id, entry.status, entry.comment))
        gaps[login] = found
    return gaps


class Change(StrEnum):
    IMPROVED = "improved"
    WORSENED = "worsened"
    SAME = "same"


@dataclass(frozen=True)
class StatusChange:
    login: str
    item_id: int
    before: Status
    after: Status

    @property
    def change(self) -> Change:
        if self.before not in _RANK or self.after not in _RANK or self.before == self.after:
            return Change.SAME
        return Change.IMPROVED if _RANK[self.after] > _RANK[self.before] else Change.WORSENED


@dataclass(frozen=True)
class ItemComparison:
    item_id: int
    share_done_before: float | None
    share_done_now: float | None

    @property
    def delta(self) -> float | None:
        if self.share_done_before is None or self.share_done_now is None:
            return None
        return self.share_done_now - self.share_done_before


def compare_rounds(
    current: MonitoringRound,
    current_entries: Sequence[Entry],
    previous: MonitoringRound,
    previous_entries: Sequence[Entry],
) -> tuple[list[ItemComparison], list[StatusChange]]:
    """Per item checked in both, «выполнено» then and now; per school × item, the status moves."""
    before = {t.item_id: t for t in tally_items(previous, previous_entries)}
    now = tally_items(current, current_entries)
    items = [
        ItemComparison(t.item_id, before[t.item_id].share(Status.DONE), t.share(Status.DONE))
        for t in now
        if t.item_id in before
    ]
    old = _index(previous_entries)
    changes = []
    for entry in current_entries:
        was = old.get((entry.login, entry.item_id))
        if entry.status is None or was is None or was.status is None:
            continue
        if entry.login in current.schools and entry.item_id in before:
            changes.append(StatusChange(entry.login, entry.item_id, was.status, entry.status))
    changes.sort(key=lambda c: (current.schools.index(c.login), current.item_ids.index(c.item_id)))
    return items, changes


def is_overdue(ends_on: date | None, latest: Iterable[Status | None] | None, today: date) -> bool:
    """An item whose end has passed is overdue unless the latest round found it done everywhere.

    `latest` holds the statuses of the latest round that checked the item (None
    when no round did); «не применимо» does not count against it.
    """
    if ends_on is None or ends_on >= today:
        return False
    if latest is None:
        return True
    statuses = [s for s in latest if s != Status.NOT_APPLICABLE]
    return not statuses or any(s != Status.DONE for s in statuses)


@dataclass(frozen=True)
class SchoolRef:
    login: str
    short_name: str
    full_name: str


@dataclass(frozen=True)
class ItemSummary:
    item_id: int
    reference: str
    number: str
    text: str
    deadline: str
    executors: list[str]
    counts: dict[Status, int]
    shares: dict[Status, float | None]
    """Percent per status; «не применимо» over all checked, the others over the applicable."""
    schools: dict[Status, list[SchoolRef]]
    unrecorded: list[SchoolRef]
    share_done_before: float | None
    """«выполнено» in the previous round of the same roadmap, when it checked this item."""


@dataclass(frozen=True)
class GapLine:
    reference: str
    text: str
    status: Status
    comment: str


@dataclass(frozen=True)
class SchoolDirectives:
    """Seed 004, part I: what a school must still do, one line per item not (fully) done."""

    school: SchoolRef
    gaps: list[GapLine]


@dataclass(frozen=True)
class ChangeLine:
    school: SchoolRef
    reference: str
    before: Status
    after: Status
    change: Change


@dataclass(frozen=True)
class RoundSummary:
    round_id: int
    name: str
    period_text: str
    starts_on: date | None
    ends_on: date | None
    roadmap_id: int
    roadmap_title: str
    roadmap_order_text: str
    schools: list[SchoolRef]
    items: list[ItemSummary]
    directives: list[SchoolDirectives]
    previous_round_name: str | None
    changes: list[ChangeLine]
    recorded: int
    cells: int
    comments: dict[tuple[str, int], str] = field(default_factory=dict)
    """What was found, as recorded per cell (login, item id): the monitoring order's last appendix."""
