"""Document 1: the order on the schools with low results for a year, in the manner of seed 002.

The text states the rule with this run's numbers (the rule profile by name,
order and fingerprint, its thresholds, counts, years and procedures), says of
how many schools with results the list was drawn, names every flagged school
with the procedures that flagged it, and appendix 1 holds the results table school × procedure-year with «% 2»
and «% высоких», low values marked: a reader can check every flag on paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, Result, School
from lowres_desktop.domain.rule import Criterion, Verdict
from lowres_desktop.reports.layout import GOST_LAYOUT, Layout
from lowres_desktop.reports.model import (
    Appendix,
    Block,
    Cell,
    Document,
    DocumentType,
    HeaderCell,
    Paragraph,
    Point,
    Requisites,
    Table,
)
from lowres_desktop.wording.common import (
    format_number,
    format_percent,
    plural,
    procedure_title,
    years_phrase,
)

_ORGANISATIONS = (
    "общеобразовательной организации",
    "общеобразовательных организациях",
    "общеобразовательных организациях",
)


@dataclass(frozen=True)
class LowResultsData:
    """What the order says: the flagged schools with their verdicts and their results."""

    year: int
    profile: RuleProfile
    flagged: Sequence[tuple[School, Verdict]]
    schools_total: int
    """Schools with results in the years the rule looks at: the ones the analysis covered."""
    procedures: Sequence[ProcedureKey]
    results: Sequence[Result]
    """Results of the flagged schools in the years the rule looks at."""
    schools_without_results: int = 0
    """Active schools with no result in those years: not judged, so said apart."""

    @property
    def years(self) -> list[int]:
        return self.profile.years(self.year)


def _years_text(years: Sequence[int]) -> str:
    return ", ".join(str(y) for y in years) + (" годов" if len(years) > 1 else " года")


def _period(years: Sequence[int]) -> str:
    return f"{years[0]}–{years[-1]} годов" if len(years) > 1 else f"{years[0]} года"


def title(data: LowResultsData) -> str:
    return (
        "Об итогах выявления общеобразовательных организаций, имеющих низкие образовательные "
        f"результаты, по результатам оценочных процедур {_period(data.years)}"
    )


def proposed_points(years: Sequence[int], flagged: int | None = None) -> tuple[Point, ...]:
    """The program's proposal for the years the rule looks at; the user edits it before signing.

    `flagged` None is the proposal before the schools are counted (the editor's
    first text); with no school flagged there is no list to approve and no
    appendix to refer to.
    """
    if flagged == 0:
        return (
            Point(
                f"Принять к сведению, что по итогам оценочных процедур {_period(years)} общеобразовательные "
                "организации, имеющие низкие образовательные результаты, не выявлены."
            ),
            Point(
                "Руководителям общеобразовательных организаций обеспечить анализ результатов оценочных "
                "процедур и принять меры по предупреждению снижения образовательных результатов."
            ),
            Point("Контроль исполнения приказа оставляю за собой."),
        )
    return (
        Point(
            "Утвердить список общеобразовательных организаций, имеющих низкие образовательные "
            f"результаты по итогам {_period(years)} (далее – ШНОР), и результаты оценочных процедур "
            "ШНОР (приложение)."
        ),
        Point(
            "Руководителям ШНОР в месячный срок разработать и утвердить «дорожные карты» по повышению "
            "качества образования и представить их в отдел общего образования."
        ),
        Point(
            "Рекомендовать муниципальным методическим службам обеспечить адресное методическое "
            "сопровождение ШНОР."
        ),
        Point("Контроль исполнения приказа оставляю за собой."),
    )


def _thresholds(profile: RuleProfile) -> str:
    """«30 %», or per kind «25 % (ВПР), 30 % (ОГЭ), 30 % (ЕГЭ)» when the profile sets them apart."""
    kinds = (ProcedureKind.VPR, ProcedureKind.OGE, ProcedureKind.EGE)
    values = [profile.threshold(kind) for kind in kinds]
    if len(set(values)) == 1 and not profile.thresholds:
        return format_percent(values[0])
    return ", ".join(f"{format_percent(v)} ({k.value})" for k, v in zip(kinds, values, strict=True))


def _criteria(profile: RuleProfile, years: Sequence[int]) -> list[Paragraph]:
    latest = years[-1]
    many = profile.min_low_latest
    each = profile.min_low_each_year
    forms = ("оценочной процедуре", "оценочным процедурам", "оценочным процедурам")
    words = {1: "одной", 2: "двум", 3: "трём", 4: "четырём", 5: "пяти"}
    order = f"{profile.order}; " if profile.order else ""
    paragraphs = [
        Paragraph(
            "Идентификация общеобразовательных организаций (далее – ОО) осуществлялась по профилю правила "
            f"«{profile.name}» ({order}отпечаток параметров {profile.fingerprint()}) на основе "
            "следующих критериев:"
        ),
        Paragraph(
            f"1) ОО, в которых не менее чем по {words.get(many, many)} {plural(many, *forms)} "
            f"в {latest} году были зафиксированы низкие результаты;"
        ),
        Paragraph(
            f"2) ОО, в которых хотя бы по {words.get(each, each)} {plural(each, *forms)} "
            f"в каждом из {_years_text(years)} были зафиксированы низкие результаты."
        ),
        Paragraph(
            "Под «низкими результатами» понимаются результаты оценочной процедуры, при которых не менее "
            f"{_thresholds(profile)} от общего числа участников получили отметку «2» (ВПР) "
            "или не преодолели минимальный порог, предусмотренный спецификацией соответствующей "
            "оценочной процедуры (ОГЭ, ЕГЭ)."
        ),
    ]
    if profile.min_participants:
        paragraphs.append(
            Paragraph(
                f"Результаты процедур, в которых участвовало менее {profile.min_participants} обучающихся, "
                "не учитывались."
            )
        )
    return paragraphs


def _reasons(verdict: Verdict) -> str:
    by_year: dict[int, list[str]] = {}
    for reason in verdict.reasons:
        by_year.setdefault(reason.year, []).append(
            f"{reason.procedure.code} – {format_percent(reason.value)}"
        )
    return "; ".join(f"{year}: {', '.join(items)}" for year, items in sorted(by_year.items(), reverse=True))


def _criteria_numbers(verdict: Verdict) -> str:
    numbers = [
        str(n) for n, c in ((1, Criterion.MANY_IN_LATEST), (2, Criterion.EACH_YEAR)) if c in verdict.criteria
    ]
    return ", ".join(numbers)


def _list_table(data: LowResultsData) -> Table:
    rows = tuple(
        (
            Cell(str(number)),
            Cell(school.short_name, align="left"),
            Cell(school.district or "", align="left"),
            Cell(_criteria_numbers(verdict)),
            Cell(_reasons(verdict), align="left"),
        )
        for number, (school, verdict) in enumerate(data.flagged, start=1)
    )
    header = (
        (
            HeaderCell("№ п/п"),
            HeaderCell("Наименование ОО"),
            HeaderCell("Территория"),
            HeaderCell("Критерий"),
            HeaderCell("Процедуры с низкими результатами, доля «2»"),
        ),
    )
    return Table(header, rows, (9, 36, 27, 21, 57))


def _results_tables(data: LowResultsData, layout: Layout) -> list[Table]:
    """School × procedure-year tables, split by procedure so each fits a landscape page."""
    years = sorted(data.years, reverse=True)
    cells = {(r.login, r.procedure, r.year): r for r in data.results}
    name_widths = (7.0, 42.0, 20.0)
    pair_width = 17.0
    per_table = max(1, int((layout.landscape_width_mm - sum(name_widths)) // (pair_width * len(years))))
    procedures = list(data.procedures)
    chunks = [procedures[i : i + per_table] for i in range(0, len(procedures), per_table)]
    tables = []
    for number, chunk in enumerate(chunks, start=1):
        header = (
            (
                HeaderCell("№", rows=3),
                HeaderCell("Наименование ОО", rows=3),
                HeaderCell("Логин ОО", rows=3),
                *[HeaderCell(p.code, span=2 * len(years)) for p in chunk],
            ),
            tuple(HeaderCell(str(y), span=2) for _ in chunk for y in years),
            tuple(HeaderCell(t) for _ in chunk for _y in years for t in ("% 2", "% выс.")),
        )
        rows = []
        for index, (school, _verdict) in enumerate(data.flagged, start=1):
            row = [Cell(str(index)), Cell(school.short_name, align="left"), Cell(school.login)]
            for procedure in chunk:
                for year in years:
                    result = cells.get((school.login, procedure, year))
                    low = result.pct_low if result else None
                    high = result.pct_high if result else None
                    marked = result is not None and data.profile.counts_as_low(result)
                    row.append(Cell(format_number(low), marked=marked))
                    row.append(Cell(format_number(high)))
            rows.append(tuple(row))
        caption = ""
        if len(chunks) > 1:
            caption = (
                f"Таблица {number}. "
                + ", ".join(procedure_title(p) for p in chunk[:1])
                + (f" – {procedure_title(chunk[-1])}" if len(chunk) > 1 else "")
            )
        widths = (*name_widths, *[pair_width / 2] * (2 * len(years) * len(chunk)))
        tables.append(Table(header, tuple(rows), widths, small=True, caption=caption))
    return tables


def _without_results(data: LowResultsData) -> str:
    """The schools the analysis could not judge, counted apart so no one reads them as cleared."""
    without = data.schools_without_results
    if not without:
        return ""
    organisations = plural(
        without,
        "общеобразовательная организация, не имеющая результатов за эти годы, не оценивалась",
        "общеобразовательные организации, не имеющие результатов за эти годы, не оценивались",
        "общеобразовательных организаций, не имеющих результатов за эти годы, не оценивались",
    )
    return f" (ещё {without} {organisations})"


def analysis(data: LowResultsData, appendix: str = "приложении") -> list[Block]:
    """What the analysis found, after the opening sentence: criteria, procedures, the list.

    The order says it after «В целях …»; seed 002's programme says it under
    «Актуальность программы», its results table being the programme's appendix.
    """
    count = len(data.flagged)
    share = 100.0 * count / data.schools_total if data.schools_total else 0.0
    procedures = "; ".join(procedure_title(p) for p in data.procedures)
    blocks: list[Block] = [
        *_criteria(data.profile, data.years),
        Paragraph(f"Анализ проводился по результатам следующих процедур: {procedures}."),
    ]
    if count:
        blocks += [
            Paragraph(
                f"По итогам анализа выявлено {count} ОО "
                f"({format_percent(share)} от числа ОО, по которым есть результаты), в которых "
                "зафиксированы низкие образовательные результаты обучающихся:"
            ),
            _list_table(data),
            Paragraph(
                f"Итоги оценочных процедур {_years_text(data.years)} в разрезе ОО представлены в {appendix}."
            ),
        ]
    else:
        blocks.append(Paragraph("По итогам анализа ОО с низкими образовательными результатами не выявлено."))
    return blocks


def analysed(data: LowResultsData) -> str:
    """«проведён анализ результатов оценочных процедур 2018, 2019 годов в 100 ОО, по которым …»."""
    return (
        f"проведён анализ результатов оценочных процедур {_years_text(data.years)} в {data.schools_total} "
        f"{plural(data.schools_total, *_ORGANISATIONS)}, по которым есть результаты за "
        f"{years_phrase(data.years)}{_without_results(data)}"
    )


def results_appendix(data: LowResultsData, layout: Layout = GOST_LAYOUT) -> Appendix:
    """School × procedure-year with «% 2» and «% высоких», low values marked."""
    note = Paragraph(
        "Заливкой и полужирным шрифтом выделены значения «% 2» не ниже "
        f"{_thresholds(data.profile)} (низкие результаты); "
        "«% выс.» – доля высоких результатов; «—» – нет данных.",
        style="note",
    )
    return Appendix(
        f"Результаты оценочных процедур {_years_text(data.years)} в общеобразовательных организациях, "
        "имеющих низкие образовательные результаты",
        (*_results_tables(data, layout), note),
        landscape=True,
    )


def build(
    data: LowResultsData,
    requisites: Requisites,
    issued: date | None = None,
    number: str = "",
    points: tuple[Point, ...] | None = None,
    layout: Layout = GOST_LAYOUT,
) -> Document:
    count = len(data.flagged)
    preamble = [
        Paragraph(
            "В целях повышения качества образования в общеобразовательных организациях, имеющих низкие "
            f"образовательные результаты обучающихся, {analysed(data)}."
        ),
        *analysis(data),
    ]
    return Document(
        requisites=requisites,
        doc_type=DocumentType.ORDER,
        title=title(data),
        preamble=tuple(preamble),
        points=points if points is not None else proposed_points(data.years, count),
        appendices=(results_appendix(data, layout),) if count else (),
        issued=issued,
        number=number,
    )
