"""How a batch's change records are laid out in `import_changes`.

Undo needs every value a batch wrote and every value it replaced. A region's
file writes tens of thousands of results, and one row per value made that
record cost as much as the results themselves. So the values a batch wrote
for one school are packed into one row per school and kind of record
(target «results» or «comparisons»): `new_values` holds the field names once
and one entry `[procedure_id, year, values…]` per record, `old_values` the
replaced values by "procedure_id/year" (absent for records the batch created).
Schools keep one row each (target «school»). Rows written one per value by
earlier versions (target «result», «comparison») are read as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

PACKED_TARGETS = {"result": "results", "comparison": "comparisons"}
_UNPACKED_TARGETS = {packed: single for single, packed in PACKED_TARGETS.items()}


@dataclass(frozen=True)
class Change:
    """One value a batch wrote: `old` is None when the record did not exist before."""

    target: str
    school_id: int
    procedure_id: int | None
    year: int | None
    old: dict[str, Any] | None
    new: dict[str, Any]


def _key(procedure_id: int | None, year: int | None) -> str:
    return f"{procedure_id}/{year}"


class PackedChanges:
    """A batch's change records, packed per school as they are added.

    The import adds one record per value it writes (tens of thousands): `add_values`
    takes the values as a tuple in the order of `fields`, so that no dict nor
    `Change` is built per record.
    """

    def __init__(self) -> None:
        self._single: list[Change] = []
        self._groups: dict[tuple[str, int], tuple[tuple[str, ...], list[list[Any]], dict[str, Any]]] = {}

    def add(self, change: Change) -> None:
        if change.target in PACKED_TARGETS:
            self.add_values(
                change.target,
                change.school_id,
                change.procedure_id,
                change.year,
                tuple(change.new),
                tuple(change.new.values()),
                change.old,
            )
        else:
            self._single.append(change)

    def add_values(
        self,
        target: str,
        school_id: int,
        procedure_id: int | None,
        year: int | None,
        fields: tuple[str, ...],
        values: tuple[Any, ...],
        old: dict[str, Any] | None,
    ) -> None:
        """One written record of a packed target (`PACKED_TARGETS`); `old` None when it is new."""
        group = self._groups.get((target, school_id))
        if group is None:
            group = self._groups[(target, school_id)] = (fields, [], {})
        group[1].append([procedure_id, year, *values])
        if old is not None:
            group[2][_key(procedure_id, year)] = old

    def rows(self) -> list[Change]:
        """The rows to store, each as a Change: one per school and packed target, one per other change."""
        return self._single + [
            Change(
                PACKED_TARGETS[target],
                school_id,
                None,
                None,
                old or None,
                {"fields": list(fields), "changes": entries},
            )
            for (target, school_id), (fields, entries, old) in self._groups.items()
        ]


def pack(changes: Iterable[Change]) -> list[Change]:
    """The rows to store for these changes (see `PackedChanges`)."""
    packed = PackedChanges()
    for change in changes:
        packed.add(change)
    return packed.rows()


def unpack(row: Change) -> Iterator[Change]:
    """The changes one stored row holds."""
    single = _UNPACKED_TARGETS.get(row.target)
    if single is None:
        yield row
        return
    fields = row.new["fields"]
    old = row.old or {}
    for procedure_id, year, *values in row.new["changes"]:
        yield Change(
            single,
            row.school_id,
            procedure_id,
            year,
            old.get(_key(procedure_id, year)),
            dict(zip(fields, values, strict=True)),
        )
