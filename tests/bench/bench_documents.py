"""Benchmark: document 1 for 1,000 schools and document 3 for 200 and 1,000 schools × 40–48 items.

Each document is built and rendered to PDF by the program; in the same run a
plain ReportLab table of the same cells (same font, repeated header, nothing
else) is rendered, so the program's own layout shows as a ratio. Document 1 is
also laid out as DOCX («Сохранить DOCX для правки»), timed alone. Run:

    /work/.venv/bin/python tests/bench/bench_documents.py
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

from lowres_desktop.domain.monitoring import (
    GapLine,
    ItemSummary,
    RoundSummary,
    SchoolDirectives,
    SchoolRef,
    Status,
)
from lowres_desktop.domain.profiles import assess, default_profile
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, Result, School, SchoolKind
from lowres_desktop.reports import fonts, low_results_order, monitoring_order
from lowres_desktop.reports.docx_renderer import render_docx
from lowres_desktop.reports.model import Requisites, Table
from lowres_desktop.reports.pdf_renderer import render_pdf
from lowres_desktop.services.monitoring import schools_phrase

REQUISITES = Requisites(
    authority_lines=("МЭРИЯ ГОРОДА НОВОСИБИРСКА", "ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ"),
    name_genitive="департамента образования",
    place="г. Новосибирск",
    signatory_name="Р. М. Ахметгареев",
    executor_name="Прасолова",
    executor_phone="2274508",
)


def _timed(work: Callable[[], bytes]) -> tuple[float, bytes]:
    start = time.perf_counter()
    data = work()
    return time.perf_counter() - start, data


def _pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")


def _plain(tables: list[Table]) -> bytes:
    """The same cells in plain ReportLab tables: one font, a grid, the header repeated."""
    fonts.register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), initialFontName=fonts.REGULAR)
    story = []
    for table in tables:
        header = [[""] * table.columns for _ in table.header]
        for r, c, cell in table.header_cells():
            header[r][c] = cell.text
        rows = [[cell.text for cell in row] + [""] * (table.columns - len(row)) for row in table.rows]
        plain = LongTable(header + rows, repeatRows=len(header))
        plain.setStyle(
            TableStyle(
                [("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8), ("GRID", (0, 0), (-1, -1), 0.5, "black")]
            )
        )
        story.append(plain)
    doc.build(story)
    return buffer.getvalue()


def _city(schools: int, all_flagged: bool) -> low_results_order.LowResultsData:
    """`schools` schools with seed-002-like results; `all_flagged` pushes every school over the rule."""
    rng = random.Random(6)
    procedures = [ProcedureKey(ProcedureKind.VPR, s, g) for s in ("МА", "РУ") for g in (5, 6)]
    procedures += [ProcedureKey(ProcedureKind.OGE, s) for s in ("МА", "РУ")]
    procedures += [ProcedureKey(ProcedureKind.EGE, s) for s in ("МАБ", "МАП", "РУ")]
    people = [School(f"sch{n:06d}", f"МБОУ «СОШ № {n}»", f"СОШ № {n}", SchoolKind.SOSH, f"Район {n % 10}")
              for n in range(1, schools + 1)]  # fmt: skip
    results = []
    for school in people:
        level = 34.0 if all_flagged else max(0.0, rng.gauss(13, 8))
        for procedure in procedures:
            for year in (2018, 2019):
                low = min(100.0, max(0.0, level + rng.gauss(0, 7)))
                results.append(
                    Result(school.login, procedure, year, 50, round(low), round(rng.uniform(0, 30)))
                )
    params = default_profile()
    verdicts = {a.login: a.verdict for a in assess(results, 2019, params)}
    flagged = [(s, verdicts[s.login]) for s in people if verdicts[s.login].flagged]
    logins = {s.login for s, _ in flagged}
    return low_results_order.LowResultsData(
        2019, params, flagged, schools, procedures, [r for r in results if r.login in logins]
    )


def document_1(schools: int = 1000, all_flagged: bool = False) -> None:
    data = _city(schools, all_flagged)
    seconds, pdf = _timed(
        lambda: render_pdf(low_results_order.build(data, REQUISITES, date(2020, 12, 9), "1351"))
    )
    tables = low_results_order._results_tables(data, low_results_order.GOST_LAYOUT)
    plain_seconds, plain_pdf = _timed(lambda: _plain(tables))
    cells = sum(len(t.rows) * t.columns for t in tables)
    print(f"document 1: {schools} schools, {len(data.flagged)} flagged, {cells} appendix cells")
    print(f"  program (order + list + appendix): {seconds:.2f} s, {_pages(pdf)} pages")
    print(f"  plain ReportLab table of the appendix cells: {plain_seconds:.2f} s, {_pages(plain_pdf)} pages")
    print(f"  ratio program / plain: {seconds / plain_seconds:.2f}")
    document = low_results_order.build(data, REQUISITES, date(2020, 12, 9), "1351")
    docx_seconds, docx = _timed(lambda: render_docx(document))
    print(f"  the same order as DOCX: {docx_seconds:.2f} s, {len(docx) // 1024} KB")


def document_3(schools: int = 200, items: int = 40) -> None:
    rng = random.Random(3)
    refs = [SchoolRef(f"sch{n:06d}", f"СОШ № {n}", f"МБОУ «СОШ № {n}»") for n in range(1, schools + 1)]
    statuses = list(Status)
    summaries, gaps = [], {ref.login: [] for ref in refs}
    for number in range(1, items + 1):
        by_status: dict[Status, list[SchoolRef]] = {s: [] for s in Status}
        for ref in refs:
            status = rng.choices(statuses, weights=(6, 2, 2, 1))[0]
            by_status[status].append(ref)
            if status in (Status.PARTIAL, Status.NOT_DONE):
                gaps[ref.login].append(monitoring_order_gap(number, status))
        applicable = schools - len(by_status[Status.NOT_APPLICABLE])
        summaries.append(ItemSummary(
            item_id=number, reference=f"{(number - 1) // 10 + 1}.{(number - 1) % 10 + 1}", number=str(number),
            text=f"Мероприятие {number}: проведение семинаров и консультаций для педагогов",
            deadline="В течение года",
            executors=["МОУО", "ОО"], counts={s: len(by_status[s]) for s in Status},
            shares={s: 100.0 * len(by_status[s]) / (applicable if s != Status.NOT_APPLICABLE else schools)
                    for s in Status},
            schools=by_status, unrecorded=[], share_done_before=None,
        ))  # fmt: skip
    summary = RoundSummary(
        round_id=1, name="Мониторинг", period_text="1 полугодие 2020/2021 учебного года",
        starts_on=date(2021, 6, 10), ends_on=date(2021, 6, 14), roadmap_id=1,
        roadmap_title="План мероприятий («дорожная карта») по повышению качества образования",
        roadmap_order_text="приказ от 17.02.2020 № 0177-од", schools=refs, items=summaries,
        directives=[SchoolDirectives(ref, gaps[ref.login]) for ref in refs],
        previous_round_name=None, changes=[], recorded=schools * items, cells=schools * items,
    )  # fmt: skip
    document = monitoring_order.build(summary, schools_phrase, REQUISITES)
    seconds, pdf = _timed(lambda: render_pdf(document))
    body = render_pdf(replace(document, appendices=()))
    tables = [monitoring_order.shares_table(summary, schools_phrase), *monitoring_order.grid_tables(summary)]
    plain_seconds, plain_pdf = _timed(lambda: _plain(tables))
    print(f"document 3: {schools} schools × {items} items")
    print(f"  program: {seconds:.2f} s, {_pages(pdf)} pages, of them the order's body {_pages(body)}")
    print(f"  plain ReportLab tables of the same cells: {plain_seconds:.2f} s, {_pages(plain_pdf)} pages")
    print(f"  ratio program / plain: {seconds / plain_seconds:.2f}")


def monitoring_order_gap(number: int, status: Status) -> GapLine:
    return GapLine(f"{(number - 1) // 10 + 1}.{(number - 1) % 10 + 1}", f"Мероприятие {number}", status, "")


if __name__ == "__main__":
    document_1()
    document_1(all_flagged=True)
    document_3()
    document_3(1000, 48)
