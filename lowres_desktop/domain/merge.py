"""How a value from a file meets the value the database holds: the import's merge policy.

Values merge per measure: a value the file leaves empty never erases a stored
one. A conflict is a measure both sides have with different values; the
policy decides it — replace (the file wins), keep (the database wins), fail
(refuse the file), or per record (the user marked where the file wins).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from enum import StrEnum
from typing import TypeVar

EPSILON = 1e-9
Value = float | int | None
T = TypeVar("T")


class ConflictPolicy(StrEnum):
    REPLACE = "replace"
    KEEP = "keep"
    FAIL = "fail"
    PER_RECORD = "per_record"


def same(x: Value, y: Value) -> bool:
    """Equal values, or both missing; figures that differ only by rounding noise are equal."""
    return (x is None and y is None) or (x is not None and y is not None and abs(x - y) < EPSILON)


def merge(
    stored: Sequence[Value], incoming: Sequence[Value], file_wins: bool
) -> tuple[tuple[Value, ...], bool]:
    """(merged values, whether both sides had a different value for some measure)."""
    conflict = any(
        s is not None and i is not None and not same(s, i) for s, i in zip(stored, incoming, strict=True)
    )
    merged = tuple(
        (i if i is not None else s) if file_wins else (s if s is not None else i)
        for s, i in zip(stored, incoming, strict=True)
    )
    return merged, conflict


def unchanged(merged: Sequence[Value], stored: Sequence[Value]) -> bool:
    return all(same(a, b) for a, b in zip(merged, stored, strict=True))


def file_wins(policy: ConflictPolicy, marked: Collection[T], record: T) -> bool:
    """Whether the file's value wins for `record`: always under replace (and fail, which refuses
    before writing), never under keep, and where the user marked it under per record."""
    if policy == ConflictPolicy.PER_RECORD:
        return record in marked
    return policy != ConflictPolicy.KEEP
