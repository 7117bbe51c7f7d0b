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
from operator import itemgetter
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


def pack(changes: Iterable[Change]) -> list[Change]:
    """The rows to store, each as a Change: one per school and packed target, one per other change."""
    rows: list[Change] = []
    groups: dict[tuple[str, int], tuple[list[str], itemgetter[str], list[list[Any]], dict[str, Any]]] = {}
    for change in changes:
        packed = PACKED_TARGETS.get(change.target)
        if packed is None:
            rows.append(change)
            continue
        group = groups.get((packed, change.school_id))
        if group is None:
            fields = list(change.new)
            group = groups[(packed, change.school_id)] = (fields, itemgetter(*fields), [], {})
        _fields, values_of, entries, old = group
        entries.append([change.procedure_id, change.year, *values_of(change.new)])
        if change.old is not None:
            old[_key(change.procedure_id, change.year)] = change.old
    for (packed, school_id), (fields, _values_of, entries, old) in groups.items():
        rows.append(
            Change(packed, school_id, None, None, old or None, {"fields": fields, "changes": entries})
        )
    return rows


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
