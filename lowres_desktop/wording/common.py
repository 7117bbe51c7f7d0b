"""Russian words for the domain's codes, shared by the CLI, the UI and the documents."""

from __future__ import annotations

from collections.abc import Sequence

from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.domain.rule import Criterion, LowProcedure, Verdict
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


def in_brackets(text: str) -> str:
    """`text` as a remark in brackets inside a sentence: «(документы не представлены)».

    A full stop that ends the remark is dropped («(Документы не представлены.)» read as a
    sentence inside a sentence); one that ends an abbreviation («2020 г.», «и т. д.») stays.
    """
    text = text.strip()
    last_word = text.rsplit(maxsplit=1)[-1] if text else ""
    if text.endswith(".") and not text.endswith("..") and len(last_word.rstrip(".")) > 3:
        text = text[:-1]
    return f"({text})"


def item_heading(text: str) -> str:
    """A roadmap item's first line without the marks of the list it was typed in.

    Sub-items come from the approved tables as «- оказание методической помощи …;»: quoted
    after their number («2.4. - оказание …; — частично») the dash and the semicolon read as
    stray punctuation.
    """
    lines = text.strip().splitlines()
    return lines[0].strip().lstrip("-–—• ").rstrip(";:, ") if lines else ""


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


def criteria_text(verdict: Verdict, profile: RuleProfile) -> str:
    latest = verdict.latest_year
    parts = []
    if Criterion.MANY_IN_LATEST in verdict.criteria:
        count = verdict.low_count(latest)
        parts.append(
            f"{count} {plural(count, 'процедура', 'процедуры', 'процедур')} "
            f"с низкими результатами в {latest} г. "
            f"(нужно не менее {profile.min_low_latest})"
        )
    if Criterion.EACH_YEAR in verdict.criteria:
        first = latest - profile.years_each + 1
        parts.append(
            f"низкие результаты в каждом году {first}–{latest} (не менее {profile.min_low_each_year} в году)"
        )
    return "; ".join(parts) if parts else "критерии не выполнены"


def years_phrase(years: Sequence[int]) -> str:
    """«2023–2024 годы», «2024 год»: the period after «за»."""
    return f"{years[0]}–{years[-1]} годы" if len(years) > 1 else f"{years[0]} год"


def assessed_text(flagged: int, total: int, years: Sequence[int], without: int) -> str:
    """What a share is taken of: «из 82 ОО, по которым есть результаты за 2023–2024 годы (18,3 %)».

    Schools without results in those years were not judged; they are counted
    apart rather than silently treated as «не выявлена».
    """
    share = 100.0 * flagged / total if total else 0.0
    text = f"из {total} ОО, по которым есть результаты за {years_phrase(years)} ({format_percent(share)})"
    if without:
        text += f"; ещё {without} ОО без результатов за эти годы не оценивались"
    return text
