"""What a school's official name tells about it: its kind and the short name staff use."""

from __future__ import annotations

import re

from lowres_desktop.domain.records import SchoolKind

_KIND_MARKERS: tuple[tuple[str, SchoolKind], ...] = (
    (r"В\s*\(\s*С\s*\)\s*О?Ш|ВЕЧЕРН", SchoolKind.VSOSH),
    (r"ИНТЕРНАТ", SchoolKind.BOARDING),
    (r"КОРРЕКЦ|СПЕЦИАЛЬН", SchoolKind.SPECIAL),
    (r"ГИМНАЗИЯ", SchoolKind.GYMNASIUM),
    (r"ЛИЦЕЙ", SchoolKind.LYCEUM),
    (r"\bООШ\b|ОСНОВН\w* ОБЩЕОБРАЗОВАТЕЛЬН", SchoolKind.OOSH),
    (r"\bСОШ\b|СРЕДН\w* ОБЩЕОБРАЗОВАТЕЛЬН|\bСШ\b", SchoolKind.SOSH),
)

_LEGAL_FORM = re.compile(r"^\s*(М[АБК]?ОУ|Г[АБК]?ОУ|Ч?ОУ|НОУ|АНО)\s+", re.IGNORECASE)


def guess_school_kind(name: str) -> SchoolKind:
    upper = name.upper()
    for pattern, kind in _KIND_MARKERS:
        if re.search(pattern, upper):
            return kind
    return SchoolKind.OTHER


SHORT_NAME_LENGTH = 200
"""The longest short name kept (the database column and its CHECK hold 200 characters)."""


def short_school_name(name: str) -> str:
    """«МБОУ «СОШ № 12»» → «СОШ № 12»: the legal form and the outer quotes go; at most 200 characters."""
    short = _LEGAL_FORM.sub("", name.strip())
    if short.startswith("«"):
        depth = 0
        for index, char in enumerate(short):
            depth += {"«": 1, "»": -1}.get(char, 0)
            if depth == 0:
                short = short[1:index] + short[index + 1 :]
                break
    short = re.sub(r"\s+", " ", short).strip() or name.strip()
    return short if len(short) <= SHORT_NAME_LENGTH else short[: SHORT_NAME_LENGTH - 1].rstrip() + "…"


_NUMBER = re.compile(r"\d+")


def natural_sort_key(text: str) -> str:
    """Sort «СОШ № 9» before «СОШ № 12», ignoring case.

    Numbers are zero-padded inside one string, so comparing keys stays a
    plain string comparison: a region's list sorts in a blink.
    """
    return _NUMBER.sub(lambda number: number.group().zfill(12), text.lower())
