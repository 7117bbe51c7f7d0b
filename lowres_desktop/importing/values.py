"""Cell values as offices type them: «12,5», «40%», «-», numbers stored as text."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

NO_DATA = {"", "-", "–", "—", "х", "x", "н/д", "нет", "n/a"}


class BadValue(ValueError):
    """The reason, in Russian, why a cell could not be read as a value."""


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A formula cell whose file holds no computed value (written by a program, never opened in Excel)."""

    formula: str

    def __str__(self) -> str:
        return self.formula


@dataclass(frozen=True)
class CellError:
    """A cell that shows an Excel error («#DIV/0!», «#Н/Д»): it has no value, and reading it
    as empty would hide the mistake."""

    code: str

    def __str__(self) -> str:
        return self.code


def normalize_text(value: object) -> str:
    """Header text for matching: lower case, ё→е, no quotes, single spaces."""
    text = "" if value is None else str(value)
    text = text.replace("\u00a0", " ").replace("ё", "е").replace("Ё", "Е")
    text = re.sub(r"[\"'«»“”]", "", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise BadValue("ожидалось число")
    if isinstance(value, FormulaWithoutValue):
        raise BadValue(
            "формула без сохранённого значения: откройте файл в Excel и сохраните его, "
            "чтобы значения были вычислены"
        )
    if isinstance(value, CellError):
        raise BadValue(
            f"в ячейке ошибка Excel «{value.code}»: исправьте формулу в файле или удалите значение"
        )
    if isinstance(value, date | datetime | time | timedelta):
        raise BadValue("дата вместо числа (проверьте формат ячейки)")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).replace("\u00a0", " ").strip()
        if text.lower() in NO_DATA:
            return None
        cleaned = text.replace(" ", "").rstrip("%").replace(",", ".")
        try:
            number = float(cleaned)
        except ValueError:
            raise BadValue("не число") from None
    if math.isnan(number) or math.isinf(number):
        raise BadValue("не число")
    return number


def parse_percent(value: object) -> float | None:
    if type(value) is float and 0.0 <= value <= 100.0:
        return value  # the usual cell, read without the general path (NaN fails the range test)
    number = _number(value)
    if number is not None and not 0 <= number <= 100:
        raise BadValue("процент вне диапазона 0–100")
    return number


MAX_COUNT = 100_000
"""No count in a results file is larger: a whole region's participants of one procedure, a year."""


def parse_count(value: object) -> int | None:
    """A whole number 0–100 000 (participants, a year, a mark)."""
    number = _number(value)
    if number is None:
        return None
    if number < 0 or number != int(number):
        raise BadValue("число участников должно быть целым и неотрицательным")
    if number > MAX_COUNT:
        raise BadValue("число больше 100 000: в таблицах результатов таких чисел не бывает")
    return int(number)
