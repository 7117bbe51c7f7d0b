"""Per-student rows → per-school figures: the one piece every register layout counts with.

A register — РЦОИ's ОГЭ/ЕГЭ lists, the ВПР «Ф1 Индивидуальные результаты»
file, a register whose columns the user named by hand — gives for each
participant a school, a procedure, a year and a score or a mark. The layouts
find those; this module decides who took part, who is below the minimum and
who is high, and keeps only the counts per school × procedure × year. No
student's row, name or score leaves it, and nothing of them is logged.

What counts (also in the README):
- participants: rows with a score or mark; «неявка», «удалён», «аннулирован»
  and an empty score are not participants, and the summary counts them;
- below the minimum: ЕГЭ — the test score under the minimum of that subject
  and year from the editable table; ЕГЭ base mathematics, ОГЭ and ВПР — the
  mark «2» (ОГЭ without a mark column: the primary score under the table's
  minimum, which is where «2» ends);
- high: ЕГЭ — the test score at or above the table's «high» (80 in the
  shipped table); ОГЭ, ВПР and base mathematics — marks «4» and «5».
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from lowres_desktop.domain.objectivity import MarkComparison
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, Result
from lowres_desktop.importing.parsed import MinimumScore, MinimumScores
from lowres_desktop.importing.values import NO_DATA, BadValue, is_blank, normalize_text, parse_count

Key = tuple[str, ProcedureKey, int]


class Absence(StrEnum):
    """Why a row is not a participant."""

    ABSENT = "absent"
    ANNULLED = "annulled"
    NO_RESULT = "no_result"


ABSENCE_TITLES = {
    Absence.ABSENT: "неявка",
    Absence.ANNULLED: "удалены или результат аннулирован",
    Absence.NO_RESULT: "без балла и отметки",
}
_ABSENT = ("неяв", "не явил", "н/я", "не участв", "отсутств", "болел")
_ANNULLED = ("удал", "аннул", "анулир", "дисквал", "нарушен")
_NO_RESULT = {"x", "х", "-", "–", "—", "нет", "нет отметки", "нет балла", "н/о", "не оценивалось"}


def absence_of(value: object) -> Absence | None:
    """The absence a cell states (empty counts as «no result»); None for anything else."""
    if is_blank(value):
        return Absence.NO_RESULT
    if not isinstance(value, str):
        return None
    text = normalize_text(value)
    if text in _NO_RESULT:
        return Absence.NO_RESULT
    if text.startswith(_ABSENT) or text in {"нея", "н"}:
        return Absence.ABSENT
    if text.startswith(_ANNULLED):
        return Absence.ANNULLED
    return None


class Scale(StrEnum):
    TEST = "test"
    PRIMARY = "primary"
    MARK = "mark"


@dataclass(frozen=True)
class Threshold:
    """How one procedure-year splits its participants: under `minimum` is low, from `high` is high."""

    scale: Scale
    minimum: float
    high: float | None
    note: str


MARKS = Threshold(Scale.MARK, 3, 4, "ниже минимума — отметка «2», высокий результат — «4» и «5»")


def threshold(
    procedure: ProcedureKey, year: int, scores: MinimumScores | None, has_marks: bool
) -> Threshold | None:
    """The split for a procedure-year, or None when the table has no row the register can use.

    ВПР, ОГЭ with marks and anything the table scores by marks are split by marks; ЕГЭ by the
    test score and ОГЭ without marks by the primary score, with the table's row for that year.
    """
    if procedure.kind not in (ProcedureKind.OGE, ProcedureKind.EGE):
        return MARKS
    row: MinimumScore | None = scores(procedure, year) if scores else None
    if procedure.kind == ProcedureKind.OGE and has_marks:
        return MARKS
    if row is None:
        return None
    if row.scale == Scale.MARK:
        return MARKS
    scale = Scale(row.scale)
    names = {Scale.TEST: "тестовый балл", Scale.PRIMARY: "первичный балл"}
    if row.high is not None:
        high = f", высокий результат — от {row.high:g}"
    else:
        high = ", высокий результат — отметки «4» и «5»" if has_marks else ", высокие не считаются"
    table = f" (строка справочника за {row.table_year} г.)" if row.table_year != row.year else ""
    note = f"ниже минимума — {names[scale]} меньше {row.minimum:g}{high}{table}"
    return Threshold(scale, row.minimum, row.high, note)


def read_score(value: object, scale: Scale) -> float | Absence:
    """A score or mark cell as a number, or the absence it states; raises BadValue with the reason."""
    if type(value) is float:
        number = value
    else:
        absence = absence_of(value)
        if absence is not None:
            return absence
        parsed = parse_count(value) if scale == Scale.MARK else _number(value)
        if parsed is None:
            return Absence.NO_RESULT
        number = float(parsed)
    if scale == Scale.MARK:
        if number not in (2, 3, 4, 5):
            raise BadValue("отметка должна быть от 2 до 5")
    elif not 0 <= number <= 100:
        raise BadValue("балл вне диапазона 0–100")
    return number


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = str(value).replace("\u00a0", " ").strip()
    if text.lower() in NO_DATA:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise BadValue("не балл и не отметка о неявке («неявка», «удалён»)") from None


@dataclass
class _Count:
    participants: int = 0
    low: int = 0
    high: int = 0
    high_known: bool = True


@dataclass
class _Marks:
    lowered: int = 0
    confirmed: int = 0
    raised: int = 0


class RegisterTally:
    """The counts a register adds up, row by row; `results()` gives the per-school figures."""

    def __init__(self) -> None:
        self._counts: dict[Key, _Count] = {}
        self._marks: dict[Key, _Marks] = {}
        self.absent: Counter[Absence] = Counter()
        self.rows = 0

    def add(self, key: Key, split: Threshold, value: float | Absence, mark: float | Absence | None) -> None:
        """One participant row: `value` on the threshold's scale, `mark` (2–5) when the register has one."""
        self.rows += 1
        if isinstance(value, Absence):
            self.absent[value] += 1
            return
        count = self._counts.get(key)
        if count is None:
            count = self._counts[key] = _Count()
        count.participants += 1
        count.low += value < split.minimum
        if split.high is not None:
            count.high += value >= split.high
        elif isinstance(mark, float | int):
            count.high += mark >= 4
        else:
            count.high_known = False

    def compare(self, key: Key, mark: float | Absence, journal: float | Absence) -> None:
        """A ВПР mark beside the journal's mark: lowered, confirmed or raised (both must be marks)."""
        if isinstance(mark, Absence) or isinstance(journal, Absence):
            return
        marks = self._marks.get(key)
        if marks is None:
            marks = self._marks[key] = _Marks()
        if mark < journal:
            marks.lowered += 1
        elif mark > journal:
            marks.raised += 1
        else:
            marks.confirmed += 1

    def results(self) -> list[Result]:
        return [
            Result(
                login,
                procedure,
                year,
                c.participants,
                _pct(c.low, c.participants),
                _pct(c.high, c.participants) if c.high_known else None,
            )
            for (login, procedure, year), c in self._counts.items()
        ]

    def comparisons(self) -> list[MarkComparison]:
        found = []
        for (login, procedure, year), m in self._marks.items():
            total = m.lowered + m.confirmed + m.raised
            if total:
                found.append(
                    MarkComparison(
                        login,
                        procedure,
                        year,
                        total,
                        _pct(m.lowered, total),
                        _pct(m.confirmed, total),
                        _pct(m.raised, total),
                    )
                )
        return found

    def summary(self) -> str:
        """The line the import report shows: participants counted and the rows that are not participants."""
        participants = sum(c.participants for c in self._counts.values())
        line = f"Строк участников: {self.rows}, учтено участников: {participants}"
        skipped = [f"{ABSENCE_TITLES[a]} — {n}" for a, n in sorted(self.absent.items()) if n]
        if skipped:
            line += "; не участники (не учтены): " + ", ".join(skipped)
        return line + "."


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 2)
