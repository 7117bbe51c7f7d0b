"""Russian words for the domain's codes, shared by the CLI, the UI and the documents."""

from __future__ import annotations

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.domain.rule import Criterion, LowProcedure, RuleParameters, Verdict
from lowres_desktop.wording.reference import subject_names


def format_number(value: float | None, digits: int = 1) -> str:
    """«12,5», «40», «—» for no data: decimal comma, no trailing zeros."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def with_full_stop(text: str) -> str:
    """`text` ending a sentence: «1 полугодие 2020-2021 гг.» stays as it is, never «гг..»."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…" else f"{text}."


def plural(count: int, one: str, few: str, many: str) -> str:
    """Russian plural: 1 школа, 2 школы, 5 школ, 21 школа."""
    if count % 10 == 1 and count % 100 != 11:
        return one
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return few
    return many


def format_percent(value: float | None) -> str:
    return "—" if value is None else f"{format_number(value)}\u00a0%"


def procedure_title(procedure: ProcedureKey) -> str:
    """«ВПР по математике, 5 класс» style, for tables and reasons."""
    subject = subject_names().get(procedure.subject, procedure.subject)
    kind = procedure.kind.value if procedure.kind != ProcedureKind.OTHER else "Процедура"
    title = f"{kind}, {subject}"
    if procedure.grade is not None:
        title += f", {procedure.grade}\u00a0класс"
    return title


def reason_text(reason: LowProcedure) -> str:
    return (
        f"{procedure_title(reason.procedure)} ({reason.year}): "
        f"{format_percent(reason.value)} ≥ {format_percent(reason.threshold)}"
    )


def criteria_text(verdict: Verdict, params: RuleParameters) -> str:
    latest = verdict.latest_year
    parts = []
    if Criterion.MANY_IN_LATEST in verdict.criteria:
        count = verdict.low_count(latest)
        parts.append(
            f"{count} {plural(count, 'процедура', 'процедуры', 'процедур')} "
            f"с низкими результатами в {latest} г. "
            f"(нужно не менее {params.min_low_latest})"
        )
    if Criterion.EACH_YEAR in verdict.criteria:
        first = latest - params.years_each + 1
        parts.append(
            f"низкие результаты в каждом году {first}–{latest} (не менее {params.min_low_each_year} в году)"
        )
    return "; ".join(parts) if parts else "критерии не выполнены"


def rule_text(params: RuleParameters, latest_year: int) -> str:
    """The rule as the orders phrase it, with this run's numbers."""
    first = latest_year - params.years_each + 1
    return (
        f"Низкие результаты: не менее {format_percent(params.threshold)} участников получили «2» "
        f"или не преодолели минимальный порог. Школа выявляется, если в {latest_year} г. "
        f"низкие результаты не менее чем по {params.min_low_latest} процедурам, или хотя бы по "
        f"{params.min_low_each_year} процедуре в каждом году {first}–{latest_year}."
    )
