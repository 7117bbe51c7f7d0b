"""Column headers that name a procedure and a year, as in seed 002: «ВПр МА 5 2019», «ЕГЭ МАП 2019»."""

from __future__ import annotations

import re

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind

_HEADER = re.compile(
    r"^(?P<kind>ВПР|ОГЭ|ЕГЭ|НИКО)\s+(?P<subject>[А-ЯA-Z]{2,4})\s*(?P<grade>\d{1,2})?"
    r"(?:\s*(?:КЛ\.?|КЛАСС))?\s+(?P<year>(?:19|20)\d{2})$"
)


def parse_procedure_header(text: object) -> tuple[ProcedureKey, int] | None:
    """The procedure and year a header names, or None when it names none."""
    if not isinstance(text, str):
        return None
    normalized = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().upper().replace("Ё", "Е")
    match = _HEADER.match(normalized)
    if not match:
        return None
    grade = int(match["grade"]) if match["grade"] else None
    procedure = ProcedureKey(ProcedureKind(match["kind"]), match["subject"], grade)
    return procedure, int(match["year"])


_CODE = re.compile(
    r"^(?P<kind>ВПР|ОГЭ|ЕГЭ|НИКО)\s+(?P<subject>[А-ЯA-Z]{2,4})\s*(?P<grade>\d{1,2})?(?:\s*(?:КЛ\.?|КЛАСС))?$"
)


def parse_procedure_code(text: object) -> ProcedureKey | None:
    """The procedure a code names, the way the seed's headers write it: «ВПР МА 5», «ОГЭ РУ», «ЕГЭ МАП»."""
    if not isinstance(text, str):
        return None
    normalized = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().upper().replace("Ё", "Е")
    match = _CODE.match(normalized)
    if not match:
        return None
    grade = int(match["grade"]) if match["grade"] else None
    return ProcedureKey(ProcedureKind(match["kind"]), match["subject"], grade)
