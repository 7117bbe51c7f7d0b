"""What a monitoring round yields: shares and school lists per item, gaps per school, changes, overdue."""

from __future__ import annotations

from datetime import date

import pytest

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.monitoring import (
    Change,
    Entry,
    MonitoringRound,
    Status,
    compare_rounds,
    is_overdue,
    school_gaps,
    tally_items,
    validate_round,
)

D, P, N, NA = Status.DONE, Status.PARTIAL, Status.NOT_DONE, Status.NOT_APPLICABLE
SCHOOLS = tuple(f"s{n}" for n in range(1, 11))


def _round(**changes) -> MonitoringRound:  # type: ignore[no-untyped-def]
    values = {"name": "Мониторинг", "roadmap_id": 1, "schools": SCHOOLS, "item_ids": (10, 20)}
    values.update(changes)
    return MonitoringRound(**values)


def test_seed000_style_shares() -> None:
    # Item 10: done in 9 of 10 schools; item 20: not done in 9 schools, one school N/A, none unrecorded.
    entries = [Entry(s, 10, D) for s in SCHOOLS[:9]] + [Entry("s10", 10, N)]
    entries += [Entry(s, 20, N) for s in SCHOOLS[:8]] + [Entry("s9", 20, P), Entry("s10", 20, NA)]
    first, second = tally_items(_round(), entries)
    assert first.share(D) == 90.0 and first.share(N) == 10.0
    assert second.applicable == 9
    assert second.share(N) == pytest.approx(800 / 9)
    assert second.share(NA) == 10.0
    assert second.schools[P] == ("s9",)


def test_unrecorded_cells_are_not_counted() -> None:
    tally = tally_items(_round(), [Entry("s1", 10, D), Entry("s2", 10, None)])[0]
    assert tally.share(D) == 100.0
    assert len(tally.unrecorded) == 9
    assert tally_items(_round(), [])[0].share(D) is None


def test_gaps_per_school_in_item_order() -> None:
    entries = [Entry("s1", 20, N, "нет положения"), Entry("s1", 10, P), Entry("s2", 10, D)]
    gaps = school_gaps(_round(), entries)
    assert [(g.item_id, g.status, g.comment) for g in gaps["s1"]] == [(10, P, ""), (20, N, "нет положения")]
    assert gaps["s2"] == []


def test_comparison_with_the_previous_round() -> None:
    before = _round(id=1, schools=("s1", "s2"))
    now = _round(id=2, schools=("s1", "s2"))
    old = [Entry("s1", 10, N), Entry("s2", 10, D), Entry("s1", 20, P)]
    new = [Entry("s1", 10, D), Entry("s2", 10, P), Entry("s1", 20, P)]
    items, changes = compare_rounds(now, new, before, old)
    assert [(c.item_id, c.share_done_before, c.share_done_now) for c in items] == [
        (10, 50.0, 50.0),
        (20, 0.0, 0.0),
    ]
    assert [(c.login, c.item_id, c.change) for c in changes] == [
        ("s1", 10, Change.IMPROVED),
        ("s1", 20, Change.SAME),
        ("s2", 10, Change.WORSENED),
    ]


def test_overdue() -> None:
    today = date(2021, 1, 1)
    assert is_overdue(date(2020, 12, 31), None, today)
    assert not is_overdue(date(2021, 1, 1), None, today)
    assert not is_overdue(None, None, today)
    assert not is_overdue(date(2020, 3, 31), [D, NA, D], today)
    assert is_overdue(date(2020, 3, 31), [D, P], today)
    assert is_overdue(date(2020, 3, 31), [None], today)


def test_round_validation() -> None:
    with pytest.raises(DomainError, match="школу"):
        validate_round(_round(schools=()))
    with pytest.raises(DomainError, match="мероприятие"):
        validate_round(_round(item_ids=()))
    with pytest.raises(DomainError, match="позже"):
        validate_round(_round(starts_on=date(2021, 6, 14), ends_on=date(2021, 6, 10)))
