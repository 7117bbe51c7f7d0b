"""Use cases of the minimum-score table: the shipped values, staff's edits, and the lookup importing uses.

The shipped table (resources/reference/minimum-scores.csv, from
Рособрнадзор's minimum scores and the recommended ОГЭ scales) is the base;
rows staff edit are stored in the database and win. A year missing from the
table takes the nearest earlier year (else the nearest later one), and every
import says which row it used.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.importing.parsed import MinimumScore, MinimumScores
from lowres_desktop.paths import resources_dir
from lowres_desktop.storage.import_repository import StoredMinimumScore
from lowres_desktop.storage.unit_of_work import Database

__all__ = [
    "SCALES",
    "MinimumScoreEntry",
    "StoredMinimumScore",
    "minimum_score_lookup",
    "minimum_scores",
    "reset_minimum_score",
    "save_minimum_score",
    "shipped_minimum_scores",
]

SCALES = ("test", "primary", "mark")


@dataclass(frozen=True)
class MinimumScoreEntry:
    score: StoredMinimumScore
    edited: bool
    """True when staff changed or added the row (it is stored in the database)."""


@cache
def shipped_minimum_scores() -> tuple[StoredMinimumScore, ...]:
    path = resources_dir() / "reference" / "minimum-scores.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            StoredMinimumScore(
                row["kind"],
                row["subject"],
                int(row["year"]),
                row["scale"],
                float(row["minimum"]),
                float(row["high"]) if row["high"] else None,
                row["note"],
            )
            for row in csv.DictReader(handle)
        )


def minimum_scores(db: Database) -> list[MinimumScoreEntry]:
    """The effective table, by exam, subject and year."""
    with db.unit_of_work() as uow:
        edited = {(s.kind, s.subject, s.year): s for s in uow.imports.minimum_scores.all()}
    table = {(s.kind, s.subject, s.year): MinimumScoreEntry(s, False) for s in shipped_minimum_scores()}
    table |= {key: MinimumScoreEntry(score, True) for key, score in edited.items()}
    return [table[key] for key in sorted(table)]


def save_minimum_score(db: Database, score: StoredMinimumScore) -> None:
    if score.kind not in {ProcedureKind.OGE.value, ProcedureKind.EGE.value}:
        raise DomainError("Минимальные баллы задаются для ОГЭ и ЕГЭ.")
    if score.scale not in SCALES:
        raise DomainError("Шкала должна быть «test», «primary» или «mark».")
    if not 1990 <= score.year <= 2100:
        raise DomainError("Год должен быть от 1990 до 2100.")
    if score.minimum < 0 or (score.high is not None and score.high < score.minimum):
        raise DomainError("Минимальный балл не может быть отрицательным или выше порога высоких результатов.")
    with db.unit_of_work() as uow:
        uow.imports.minimum_scores.save(score)
        uow.commit()


def reset_minimum_score(db: Database, kind: str, subject: str, year: int) -> None:
    """Forget staff's edit of one row, so the shipped value (if any) applies again."""
    with db.unit_of_work() as uow:
        uow.imports.minimum_scores.delete(kind, subject, year)
        uow.commit()


def minimum_score_lookup(db: Database) -> MinimumScores:
    """The function importing asks: (procedure, year) → the threshold to use, or None."""
    by_subject: dict[tuple[str, str], list[StoredMinimumScore]] = {}
    for entry in minimum_scores(db):
        by_subject.setdefault((entry.score.kind, entry.score.subject), []).append(entry.score)

    def lookup(procedure: ProcedureKey, year: int) -> MinimumScore | None:
        rows = by_subject.get((procedure.kind.value, procedure.subject))
        if not rows:
            return None
        earlier = [r for r in rows if r.year <= year]
        row = max(earlier, key=lambda r: r.year) if earlier else min(rows, key=lambda r: r.year)
        return MinimumScore(procedure, year, row.scale, row.minimum, row.high, row.year)

    return lookup
