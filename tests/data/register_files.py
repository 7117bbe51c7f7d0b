"""Per-student registers and ВПР «Ф1» files as offices receive them, built from known participants.

Each builder writes the same kind of participants (`Participant`) in one real
variant of the register, so a test can count the per-school figures from the
participants itself and compare them with what the import stored:
- `write_titles_cp1251`: a title line per subject («01 - Русский язык
  2024.06.03»), `;`, Windows-1251, «Код ОО», «Первичный балл;Балл», footer rows;
- `write_columns_utf8_tab`: subject, year and date as columns of every row, tab,
  UTF-8 with BOM, «Тестовый балл» beside «Первичный балл», «Код ОО» and «Логин ОО»,
  a status column with «неявка»;
- `write_oge_marks_utf8`: ОГЭ by grade 9, «Предмет» with names, «Отметка», «Логин ОО»,
  `;`, UTF-8 without BOM;
- `write_xlsx`: columns in another order, «Итоговый балл», «Код предмета» as
  numbers, the exam date as a date cell, «удалён» in the score cell;
- `write_f1`: the ВПР «Ф1 Индивидуальные результаты» workbook of one school.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

SUBJECTS = {"РУ": (1, "Русский язык"), "МАП": (2, "Математика профильная"), "МА": (2, "Математика")}


@dataclass(frozen=True)
class Participant:
    code: str
    """The school's ГИА «Код ОО»."""
    login: str
    kind: str
    """«ЕГЭ» or «ОГЭ»."""
    subject: str
    year: int
    primary: int | None
    test: int | None
    mark: int | None
    status: str | None = None
    """«неявка» or «удалён»: not a participant."""


SCHOOLS = [("540001", "sch540001"), ("540002", "sch540002"), ("540003", "sch540003")]


def participants(kind: str, subjects: list[str], years: list[int], seed: int) -> list[Participant]:
    """About 15–30 participants per school, subject and year, with a few absent or removed."""
    rng = random.Random(seed)
    found = []
    for year in years:
        for subject in subjects:
            for code, login in SCHOOLS:
                for _ in range(rng.randint(15, 30)):
                    status = rng.choice([None] * 14 + ["неявка", "удалён"])
                    test = rng.randint(5, 98) if kind == "ЕГЭ" else None
                    mark = rng.choice([2, 3, 3, 4, 4, 5]) if kind == "ОГЭ" else None
                    primary = (test // 2) if test is not None else (mark or 0) * 6
                    if status:
                        test = mark = primary = None
                    found.append(Participant(code, login, kind, subject, year, primary, test, mark, status))
    return found


def write_titles_cp1251(path: Path, people: list[Participant]) -> Path:
    lines: list[str] = []
    groups: dict[tuple[str, int], list[Participant]] = {}
    for p in people:
        groups.setdefault((p.subject, p.year), []).append(p)
    for (subject, year), group in groups.items():
        number, name = SUBJECTS[subject]
        lines += [
            f"{number:02d} - {name} {year}.06.03",
            "№;Код МСУ;Код ОО;Класс;Фамилия;Имя;Вариант;Первичный балл;Балл",
        ]
        for index, p in enumerate(group, start=1):
            score = "" if p.test is None else str(p.test)
            primary = "" if p.primary is None else str(p.primary)
            lines.append(f"{index};01;{p.code};11А;Фамилия{index};Имя;301;{primary};{score}")
        lines += ["Средние;;;;;;;20;55", f"Всего участников;;;;;;;;{len(group)}", ""]
    path.write_bytes("\r\n".join(lines).encode("cp1251"))
    return path


def write_columns_utf8_tab(path: Path, people: list[Participant]) -> Path:
    header = ["Код МСУ", "Код ОО", "Логин ОО", "Наименование ОО", "Код предмета", "Наименование предмета",
              "Дата экзамена", "Класс", "Статус", "Первичный балл", "Тестовый балл"]  # fmt: skip
    lines = ["\t".join(header)]
    for p in people:
        number, name = SUBJECTS[p.subject]
        lines.append(
            "\t".join(
                [
                    "01",
                    p.code,
                    p.login,
                    f'МБОУ "СОШ № {p.code[-1]}"',
                    f"{number:02d}",
                    name,
                    f"{p.year}-06-0{number}",
                    "11",
                    p.status or "",
                    "" if p.primary is None else str(p.primary),
                    "" if p.test is None else str(p.test),
                ]
            )
        )
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))
    return path


def write_oge_marks_utf8(path: Path, people: list[Participant]) -> Path:
    lines = ["Результаты ОГЭ", "Логин ОО;Класс;Предмет;Год;Первичный балл;Отметка"]
    for p in people:
        mark = "неявка" if p.status else str(p.mark)
        lines.append(f"{p.login};9Б;{SUBJECTS[p.subject][1]};{p.year};{p.primary or ''};{mark}")
    path.write_bytes("\n".join(lines).encode("utf-8"))
    return path


def write_xlsx(path: Path, people: list[Participant]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Результаты"
    sheet.append(["Ведомость результатов ЕГЭ"])
    sheet.append(["Итоговый балл", "Код предмета", "Дата экзамена", "Код ОО", "Первичный балл"])
    for p in people:
        score: object = p.status if p.status else p.test
        sheet.append([score, SUBJECTS[p.subject][0], date(p.year, 6, 3), int(p.code), p.primary])
    workbook.save(path)
    return path


def f1_marks(seed: int, count: int) -> list[tuple[int | None, int | None]]:
    """(mark, journal mark) per participant; None where the file writes «X», «-» or «нет отметки»."""
    rng = random.Random(seed)
    marks: list[tuple[int | None, int | None]] = []
    for _ in range(count):
        mark = rng.choice([2, 3, 3, 4, 4, 5, None] if rng.random() < 0.1 else [2, 3, 3, 4, 4, 5])
        journal = rng.choice([3, 4, 4, 5, None] if rng.random() < 0.1 else [3, 4, 4, 5])
        marks.append((mark, journal))
    return marks


def write_f1(
    path: Path,
    login: str,
    name: str,
    marks: list[tuple[int | None, int | None]],
    title: str = "ВПР 2024 Русский язык 5 класс",
) -> Path:
    """One school's «Ф1»: title rows, organisation line, Б/П row, header, a row per participant."""
    from openpyxl import Workbook

    tasks = ["1 (2б)", "2 (1б)", "3 (3б)", "4 (2б)"]
    missing = ["X", "-", "нет отметки"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ф1"
    sheet.append(["Ф1 Индивидуальные результаты участников"])
    sheet.append([title])
    sheet.append([f"{login} {name} Кол-во участников: {sum(1 for m, _j in marks if m is not None)}"])
    sheet.append(["", "", "", "", "", "", "Б", "Б", "П", "П"])
    sheet.append(["ОО", "Муниципалитет", "Название ОО", "Код участника", "Класс", "Вариант", *tasks,
                  "Первичный балл", "Отметка", "Отметка по журналу"])  # fmt: skip
    for index, (mark, journal) in enumerate(marks, start=1):
        gap = missing[index % 3]
        sheet.append(
            [login, "Новокузнецкий ГО", name, f"{100000 + index}", "5А", 1 + index % 2, 1, 0, 2, 1,
             4 if mark else None, mark or gap, journal or gap]
        )  # fmt: skip
    workbook.save(path)
    return path
