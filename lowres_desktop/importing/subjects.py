"""Subject names as the federal and regional systems write them, to the program's subject codes.

The codes are those of resources/reference/subjects.csv and of seed 002's
headers (МА, РУ, МАП, МАБ). The РЦОИ numbers are the federal ГИА subject codes.
"""

from __future__ import annotations

from lowres_desktop.importing.values import normalize_text

_BY_NAME = {
    "русский язык": "РУ",
    "математика": "МА",
    "математика базовая": "МАБ",
    "математика базового уровня": "МАБ",
    "математика (базовый уровень)": "МАБ",
    "математика профильная": "МАП",
    "математика профильного уровня": "МАП",
    "математика (профильный уровень)": "МАП",
    "физика": "ФИ",
    "химия": "ХИ",
    "биология": "БИ",
    "география": "ГЕ",
    "история": "ИС",
    "обществознание": "ОБ",
    "информатика": "ИН",
    "информатика и икт": "ИН",
    "литература": "ЛИ",
    "английский язык": "АЯ",
    "немецкий язык": "НЯ",
    "французский язык": "ФЯ",
    "иностранный язык": "ИЯ",
    "окружающий мир": "ОМ",
    "естествознание": "ЕН",
}

RCOI_NUMBERS = {
    1: "РУ",
    2: "МАП",
    3: "ФИ",
    4: "ХИ",
    5: "ИН",
    6: "БИ",
    7: "ИС",
    8: "ГЕ",
    9: "АЯ",
    10: "НЯ",
    11: "ФЯ",
    12: "ОБ",
    18: "ЛИ",
    22: "МАБ",
}
"""The federal ГИА subject numbers at the start of a РЦОИ title line («01 - Русский язык»)."""


def subject_code(name: str) -> str | None:
    """«Русский язык» → «РУ»; None for a name the program does not know."""
    text = normalize_text(name).replace("ё", "е")
    if text in _BY_NAME:
        return _BY_NAME[text]
    for known in sorted(_BY_NAME, key=len, reverse=True):
        if text.startswith(known):
            return _BY_NAME[known]
    return None
