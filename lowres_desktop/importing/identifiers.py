"""School logins, ГИА codes and names from a file, made comparable and checked before they key anything.

A login is the key that links results to a school: «sch420220» with a zero-width
space after it looks identical on screen and would create a second school, a
full-width «ｓｃｈ420220» too; «=1+2» is no login at all and would travel into
every export. So every layout's output passes here once, in the import
service: logins and codes are normalised (NFKC, invisible characters removed,
trimmed) and checked against the federal login pattern (Latin letters, then
letters, digits, «_», «.», «-», as ФИС ОКО issues «sch420220») or the ГИА
«Код ОО» pattern (digits); names lose invisible characters and are limited to
what the database keeps. Problems are placed at the school's row.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from lowres_desktop.importing.parsed import ColumnRole, IdKind, ParsedSheet, SchoolInFile
from lowres_desktop.importing.problems import CellProblem

LOGIN = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{0,63}")
GIA_CODE = re.compile(r"\d{1,12}")
MAX_NAME = 500
"""The longest school name kept (the database column holds 500 characters)."""
_SPACES = re.compile(r"\s+")


def _visible(text: str) -> str:
    """Without format characters (zero-width space and joiners, BOM, soft hyphen, direction marks)."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def normalize_identifier(text: str) -> str:
    """A login or code as it is compared and stored: NFKC, nothing invisible, no surrounding spaces."""
    return _visible(unicodedata.normalize("NFKC", text)).strip()


def normalize_name(text: str) -> str:
    """A name without invisible characters and with single spaces (NFKC would turn «№» into «No»)."""
    return _SPACES.sub(" ", _visible(text)).strip()


def identifier_problem(identifier: str, kind: IdKind) -> str | None:
    """Why a normalised login or ГИА code is not one, in Russian; None when it is."""
    if kind == IdKind.GIA_CODE:
        if GIA_CODE.fullmatch(identifier):
            return None
        return f"код ОО «{identifier}» не похож на код ГИА: ожидаются цифры (например 540001)"
    if LOGIN.fullmatch(identifier):
        return None
    if any("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in identifier):
        return f"в логине ОО «{identifier}» русские буквы: логин пишется латиницей (например sch420220)"
    return (
        f"логин ОО «{identifier}» не похож на логин ФИС ОКО: латинские буквы и цифры, "
        "без пробелов и знаков вроде «=», «+», «@» (например sch420220)"
    )


def check_identifiers(parsed: ParsedSheet) -> ParsedSheet:
    """Normalise every login, code and name of a parsed sheet; a bad one becomes a problem at its row."""
    column = next(
        (c.column for c in parsed.columns if c.role in (ColumnRole.LOGIN, ColumnRole.GIA_CODE)), 1
    )
    name_column = next((c.column for c in parsed.columns if c.role == ColumnRole.NAME), column)
    renamed: dict[str, str] = {}
    rows: dict[str, int] = {}
    schools: list[SchoolInFile] = []
    for school in parsed.schools:
        identifier = normalize_identifier(school.login)
        renamed[school.login] = identifier
        why = identifier_problem(identifier, school.id_kind)
        if why is None and identifier in rows and identifier != school.login:
            why = (
                f"логин уже встречался в строке {rows[identifier]}: здесь он же, "
                "с невидимыми или широкими знаками"
            )
        rows.setdefault(identifier, school.row)
        if why:
            parsed.problems.append(CellProblem(parsed.sheet, school.row, column, school.login, why))
        name = normalize_name(school.name)
        if len(name) > MAX_NAME:
            parsed.problems.append(
                CellProblem(
                    parsed.sheet,
                    school.row,
                    name_column,
                    name[:40] + "…",
                    f"название ОО длиннее {MAX_NAME} знаков ({len(name)}): это не название школы",
                )
            )
        gia = normalize_identifier(school.gia_code) if school.gia_code else school.gia_code
        schools.append(replace(school, login=identifier, name=name, gia_code=gia))
    parsed.schools = schools
    if any(old != new for old, new in renamed.items()):
        parsed.results = [
            r._replace(login=renamed.get(r.login, normalize_identifier(r.login))) for r in parsed.results
        ]
        parsed.comparisons = [
            replace(c, login=renamed.get(c.login, normalize_identifier(c.login))) for c in parsed.comparisons
        ]
    return parsed
