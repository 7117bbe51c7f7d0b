"""Freeing a loader's big lists in slices: the lists end empty, the items others hold survive."""

from __future__ import annotations

import sys

from lowres_desktop.services.collector import RELEASED_PER_SLICE, release_gradually


def test_release_gradually_empties_every_list_and_keeps_shared_items() -> None:
    kept = object()
    big = [object() for _ in range(RELEASED_PER_SLICE * 2 + 7)] + [kept]
    small = [1, 2, 3]
    release_gradually(big, small, [])
    assert big == [] and small == []
    assert sys.getrefcount(kept) == 2  # the local name and the call's argument: the list let go
