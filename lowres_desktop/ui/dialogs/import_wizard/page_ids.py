"""The wizard's pages by number, so that a page skipping another (no conflict) can say where to go."""

from __future__ import annotations

from enum import IntEnum


class PageId(IntEnum):
    FILES = 0
    MAPPING = 1
    HAND = 2
    PREVIEW = 3
    CONFLICTS = 4
    COMMIT = 5
