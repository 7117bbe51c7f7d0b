"""Russian words for profiles, categories, dynamics and objectivity signs (CLI, UI and documents)."""

from __future__ import annotations

from lowres_desktop.domain.categories import Category, OfficialStatus, SchoolCategories
from lowres_desktop.domain.dynamics import ListChange, Trend
from lowres_desktop.domain.objectivity import ObjectivitySign, SignKind
from lowres_desktop.domain.profiles import RuleProfile, SkippedProcedure
from lowres_desktop.domain.records import ProcedureKind
from lowres_desktop.domain.rule import LowProcedure
from lowres_desktop.wording.common import (
    criteria_text,
    format_number,
    format_percent,
    plural,
    procedure_title,
    reason_text,
)

CATEGORY_TITLES: dict[Category, str] = {
    Category.PERSISTENT: "УНОР",
    Category.LOW: "ШНОР",
    Category.RISK: "группа риска",
    Category.HIGH: "стабильно высокие",
}

CATEGORY_DESCRIPTIONS: dict[Category, str] = {
    Category.PERSISTENT: "устойчиво низкие образовательные результаты",
    Category.LOW: "школа с низкими образовательными результатами",
    Category.RISK: "не выявлена, но близка к критериям",
    Category.HIGH: "стабильно высокие результаты, кандидат в наставники",
}

TREND_TITLES: dict[Trend, str] = {
    Trend.POSITIVE: "положительная",
    Trend.NEGATIVE: "отрицательная",
    Trend.STABLE: "без изменений",
}


def schools_word(count: int) -> str:
    return f"{count} {plural(count, 'школа', 'школы', 'школ')}"


def categories_text(categories: frozenset[Category] | set[Category]) -> str:
    """«УНОР, ШНОР» in order of concern, «—» for none."""
    return ", ".join(CATEGORY_TITLES[c] for c in Category if c in categories) or "—"


NO_RESULTS = "нет результатов"


def row_categories_text(categories: frozenset[Category], has_results: bool) -> str:
    """A categories cell: «нет результатов» for a school the rule could not judge, «» for none.

    A school without results in the years the rule looks at is counted and
    named as such rather than shown as silently «not flagged».
    """
    if not has_results:
        return NO_RESULTS
    return categories_text(categories) if categories else ""


def profile_title(profile: RuleProfile) -> str:
    """«Профиль „…“ (приказ …), отпечаток …»: the line every list, export and document names.

    The fingerprint lets two offices see they applied the same rule even under
    different names.
    """
    order = f" ({profile.order})" if profile.order else ""
    return f"Профиль «{profile.name}»{order}, отпечаток {profile.fingerprint()}"


def thresholds_text(profile: RuleProfile) -> str:
    special = dict(profile.thresholds)
    if not special or all(v == profile.default_threshold for v in special.values()):
        return f"порог {format_percent(profile.default_threshold)}"
    parts = [
        f"{kind.value} {format_percent(special.get(kind, profile.default_threshold))}"
        for kind in (ProcedureKind.VPR, ProcedureKind.OGE, ProcedureKind.EGE)
    ]
    return "пороги: " + ", ".join(parts)


def profile_rule_text(profile: RuleProfile, year: int) -> str:
    """The profile's rule as the orders phrase it, with the year's numbers."""
    first = year - profile.years_each + 1
    count = len(profile.procedures or ())
    procedures = (
        "все процедуры"
        if profile.procedures is None
        else f"{count} {plural(count, 'процедура', 'процедуры', 'процедур')}"
    )
    text = (
        f"{profile_title(profile)}: {thresholds_text(profile)} доли «2» (или не преодолевших порог); "
        f"учитываются {procedures}. Школа выявляется, если в {year} г. низкие результаты не менее чем "
        f"по {profile.min_low_latest} процедурам, или хотя бы по {profile.min_low_each_year} процедуре "
        f"в каждом году {first}–{year}."
    )
    if profile.min_participants:
        text += (
            f" Процедуры, в которых участвовало меньше {profile.min_participants} человек, не учитываются."
        )
    return text


def skipped_text(skipped: SkippedProcedure) -> str:
    return (
        f"{procedure_title(skipped.procedure)} ({skipped.year}): {format_percent(skipped.value)} — "
        f"не учтено: {skipped.participants} "
        f"{plural(skipped.participants, 'участник', 'участника', 'участников')}, "
        f"нужно не менее {skipped.min_participants}"
    )


def near_text(near: LowProcedure) -> str:
    return (
        f"{procedure_title(near.procedure)} ({near.year}): {format_percent(near.value)}, "
        f"до порога {format_percent(near.threshold)} не хватает {format_number(near.threshold - near.value)}"
    )


def category_reasons(entry: SchoolCategories, profile: RuleProfile) -> list[str]:
    """Why the school has each of its categories, one line per fact, in order of concern."""
    lines: list[str] = []
    verdict = entry.assessment.verdict
    settings = profile.categories
    if Category.PERSISTENT in entry.categories:
        lines.append(
            f"УНОР: в списке {entry.years_in_row} {plural(entry.years_in_row, 'год', 'года', 'лет')} подряд "
            f"(с {entry.flagged_since} г.; нужно не менее {settings.persistent_years})"
        )
    if Category.LOW in entry.categories:
        lines.append(f"ШНОР: {criteria_text(verdict, profile)}")
        lines.extend(reason_text(reason) for reason in verdict.reasons)
    if Category.RISK in entry.categories:
        low = verdict.low_count(entry.year)
        if low:
            lines.append(
                f"Группа риска: {low} {plural(low, 'процедура', 'процедуры', 'процедур')} с низкими "
                f"результатами в {entry.year} г. (для выявления нужно {profile.min_low_latest})"
            )
            lines.extend(reason_text(r) for r in verdict.reasons if r.year == entry.year)
        if entry.assessment.near:
            lines.append(
                f"Группа риска: значения в пределах {format_number(settings.risk_margin)} п. п. от порога"
            )
            lines.extend(near_text(near) for near in entry.assessment.near)
    if Category.HIGH in entry.categories:
        means = "; ".join(f"{year}: {format_percent(mean)}" for year, mean in entry.high_means)
        lines.append(
            f"Стабильно высокие: нет низких результатов, средняя доля высоких результатов "
            f"не ниже {format_percent(settings.high_share)} ({means})"
        )
    lines.extend(skipped_text(s) for s in entry.assessment.skipped)
    return lines


def official_text(statuses: list[OfficialStatus]) -> str:
    parts = []
    for status in statuses:
        when = f" от {status.order_date:%d.%m.%Y}" if status.order_date else ""
        parts.append(f"{CATEGORY_TITLES[status.category]} (приказ № {status.order_number}{when})")
    return "; ".join(parts) or "—"


def change_text(change: ListChange) -> list[str]:
    """Seed 003's sentences: «из 17 ОУ … вышли 12 ОУ (71 %)»."""
    before = change.previously_flagged
    lines = [
        f"В {change.year} г. выявлено {schools_word(change.flagged)} из {change.schools_total} "
        f"с результатами за учитываемые годы ({format_percent(change.flagged_share)}).",
        f"Из {schools_word(before)} списка {change.previous_year} г. вышли {len(change.left)} "
        f"({format_percent(change.left_share)}), остались {len(change.stayed)} "
        f"({format_percent(change.stayed_share)}).",
        f"Вошли впервые или вернулись: {len(change.entered)} "
        f"({format_percent(change.entered_share)} нового списка).",
    ]
    return lines


def sign_text(sign: ObjectivitySign) -> str:
    title = f"{procedure_title(sign.procedure)} ({sign.year})"
    if sign.kind == SignKind.LOWERED:
        return (
            f"{title}: «понизили» (отметка ВПР ниже отметки по журналу) {format_percent(sign.value)} "
            f"> {format_percent(sign.limit)}"
        )
    return (
        f"{title}: высокие результаты {format_percent(sign.value)} при "
        f"{sign.participants} {plural(sign.participants or 0, 'участнике', 'участниках', 'участниках')}; "
        f"в прошлые годы в среднем {format_percent(sign.limit)}, по муниципалитету "
        f"{format_percent(sign.municipal)}"
    )


SIGN_TITLES: dict[SignKind, str] = {
    SignKind.LOWERED: "отметки ВПР ниже журнальных",
    SignKind.HIGH_JUMP: "резкий рост высоких результатов",
}
