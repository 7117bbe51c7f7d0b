"""Documents on paper: text through pdftotext, fonts through pdffonts, pages through pdfinfo."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document as read_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from lowres_desktop.domain.monitoring import ItemSummary, RoundSummary, SchoolDirectives, SchoolRef, Status
from lowres_desktop.domain.profiles import assess, default_profile
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, Result, School, SchoolKind
from lowres_desktop.reports import low_results_order, monitoring_order
from lowres_desktop.reports.charts import ChartLevel, ChartSeries, ChartSpec, build_drawing, drawing_to_png
from lowres_desktop.reports.docx_renderer import render_docx
from lowres_desktop.reports.layout import GOST_LAYOUT
from lowres_desktop.reports.model import (
    SCHOOLS_NAMED,
    Appendix,
    Chart,
    Document,
    DocumentType,
    Paragraph,
    Point,
    Requisites,
    parse_points,
    points_text,
)
from lowres_desktop.reports.pdf_renderer import render_pdf
from lowres_desktop.reports.typography import NBSP, typeset
from lowres_desktop.services.monitoring import schools_phrase

REQUISITES = Requisites(
    authority_lines=("Мэрия города Новосибирска", "Департамент образования"),
    name_genitive="департамента образования мэрии города Новосибирска",
    place="г. Новосибирск",
    signatory_position="Начальник департамента",
    signatory_name="Р.М. Ахметгареев",
    executor_name="Прасолова О. А.",
    executor_phone="227-45-08",
)
MA5 = ProcedureKey(ProcedureKind.VPR, "МА", 5)
OGE_RU = ProcedureKey(ProcedureKind.OGE, "РУ")


def _school(number: int) -> School:
    return School(
        f"sch{number:06d}", f"МБОУ «СОШ № {number}»", f"СОШ № {number}", SchoolKind.SOSH, "Центральный"
    )


def low_results_data(schools: int = 3) -> low_results_order.LowResultsData:
    params = default_profile()
    results = []
    for index in range(schools):
        login = _school(index + 1).login
        results += [
            Result(login, MA5, 2019, 50, 40.0 + index % 5, 2.0),
            Result(login, OGE_RU, 2019, 30, 35.0, 10.0),
            Result(login, MA5, 2018, 50, 12.5, 4.0),
            Result(login, OGE_RU, 2018, 30, None, None),
        ]
    verdicts = {a.login: a.verdict for a in assess(results, 2019, params)}
    flagged = [(_school(i + 1), verdicts[_school(i + 1).login]) for i in range(schools)]
    return low_results_order.LowResultsData(2019, params, flagged, 100, [MA5, OGE_RU], results)


def _pdf(tmp_path: Path, document: Document, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(render_pdf(document))
    return path


def _text(path: Path, first: int | None = None, last: int | None = None, layout: bool = True) -> str:
    command = ["pdftotext", "-layout"] if layout else ["pdftotext"]
    if first:
        command += ["-f", str(first), "-l", str(last or first)]
    completed = subprocess.run([*command, str(path), "-"], capture_output=True, text=True, check=True)
    return completed.stdout.replace(NBSP, " ")


def flowing(text: str) -> str:
    """The text as one line with every hyphen dropped: a word hyphenated at a line end reads whole.

    Compare with `unhyphenated(expected)`; a hyphen of the text itself («План-график») is
    dropped on both sides alike.
    """
    return " ".join(text.replace("-\n", "").replace("-", "").split())


def unhyphenated(expected: str) -> str:
    return " ".join(expected.replace("-", "").split())


def _page_sizes(path: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def assert_fonts_embedded(path: Path) -> None:
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows, listing
    for row in rows:
        assert "LiberationSerif" in row, listing
        assert re.search(r"\byes\s+yes\s+yes\b", row), listing
    assert "Helvetica" not in listing


@pytest.fixture(scope="module")
def order_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    document = low_results_order.build(low_results_data(60), REQUISITES, date(2020, 12, 9), "1351")
    return _pdf(tmp_path_factory.mktemp("order"), document)


def test_order_text_follows_the_layout(order_pdf: Path) -> None:
    first = _text(order_pdf, 1)
    lines = [line.strip() for line in first.splitlines() if line.strip()]
    assert lines[:3] == ["МЭРИЯ ГОРОДА НОВОСИБИРСКА", "ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ", "ПРИКАЗ"]
    assert re.fullmatch(r"09\.12\.2020\s+№ 1351", lines[3]), lines[3]
    assert lines[4] == "г. Новосибирск"
    assert lines[5].startswith("Об итогах выявления")
    whole = _text(order_pdf)
    assert "не менее 30 % от общего числа участников" in whole
    assert "в 2019 году были зафиксированы низкие результаты" in whole
    flowing_text = flowing(_text(order_pdf, layout=False))
    for expected in (
        "выявлено 60 ОО (60 % от числа ОО, по которым есть результаты)",
        "в 100 общеобразовательных организациях, по которым есть результаты за 2018–2019 годы",
        f"по профилю правила «{default_profile().name}»",
        f"отпечаток параметров {default_profile().fingerprint()}",
    ):
        assert unhyphenated(expected) in flowing_text, expected
    assert "ПРИКАЗЫВАЮ:" in whole
    assert re.search(r"1\. Утвердить список общеобразовательных организаций", whole)
    assert re.search(r"Начальник департамента\s+Р\. М\. Ахметгареев", whole)
    # The criteria of each school: 2019 alone flags, the cells show the values that decided it.
    assert unhyphenated("2019: ВПР МА 5 – 40 %, ОГЭ РУ – 35 %") in flowing_text


def test_page_numbers_start_on_page_two(order_pdf: Path) -> None:
    assert not _text(order_pdf, 1).strip().startswith("1")
    for page in (2, 3):
        assert _text(order_pdf, page).strip().splitlines()[0].strip() == str(page)


def test_the_list_of_schools_repeats_its_header_only_at_the_top_of_a_page(tmp_path: Path) -> None:
    """Rows of different heights (each school low in its own number of procedures) end pages at
    every height: the header must never stand again in the middle of a page."""
    procedures = [ProcedureKey(ProcedureKind.VPR, s, g) for s in ("МА", "РУ") for g in (5, 6)]
    procedures += [ProcedureKey(ProcedureKind.OGE, s) for s in ("МА", "РУ")]
    procedures += [ProcedureKey(ProcedureKind.EGE, s) for s in ("МАП", "РУ")]
    results = [
        Result(
            _school(number).login, procedure, year, 50, 31.0 + shown if shown < 2 + number % 7 else 5.0, 2.0
        )
        for number in range(1, 81)
        for year in (2018, 2019)
        for shown, procedure in enumerate(procedures)
    ]
    params = default_profile()
    verdicts = {a.login: a.verdict for a in assess(results, 2019, params)}
    flagged = [(_school(n), verdicts[_school(n).login]) for n in range(1, 81)]
    data = low_results_order.LowResultsData(2019, params, flagged, 300, procedures, results)
    pdf = _pdf(tmp_path, low_results_order.build(data, REQUISITES, date(2020, 12, 9), "1351"))
    portrait = [n for n, (w, h) in enumerate(_page_sizes(pdf), start=1) if w < h]
    headers = {page: _text(pdf, page).count("Критерий") for page in portrait}
    assert sum(headers.values()) >= 4, "the list runs over several pages"
    assert all(count <= 1 for count in headers.values()), headers
    for page, count in headers.items():
        if count and page != portrait[0]:
            lines = [line for line in _text(pdf, page).splitlines() if line.strip()]
            assert any("Критерий" in line for line in lines[:4]), (page, lines[:4])


def test_appendix_starts_a_landscape_page_with_its_mark_and_repeats_the_header(order_pdf: Path) -> None:
    sizes = _page_sizes(order_pdf)
    appendix_pages = [n for n in range(1, len(sizes) + 1) if "Приложение" in _text(order_pdf, n)]
    assert len(appendix_pages) == 1
    start = appendix_pages[0]
    mark = _text(order_pdf, start)
    assert re.search(r"Приложение\s+к приказу департамента образования", mark)
    assert "от 09.12.2020 № 1351" in mark
    assert all(w < h for w, h in sizes[: start - 1])
    assert all(w > h for w, h in sizes[start - 1 :])
    assert len(sizes) - start >= 1, "60 schools need a second appendix page"
    for page in range(start, len(sizes) + 1):
        text = _text(order_pdf, page)
        assert "Наименование ОО" in text and "% выс." in text, page
    assert "СОШ № 60" in _text(order_pdf, len(sizes))


def test_executor_is_at_the_foot_of_the_orders_last_page(order_pdf: Path) -> None:
    sizes = _page_sizes(order_pdf)
    last_of_order = next(n for n in range(1, len(sizes) + 1) if "Приложение" in _text(order_pdf, n)) - 1
    lines = [line.strip() for line in _text(order_pdf, last_of_order).splitlines() if line.strip()]
    assert lines[-2:] == ["Прасолова О. А.", "227-45-08"]
    assert any("Ахметгареев" in line for line in lines), "the signature shares the page with the executor"
    assert not lines[0].startswith("Прасолова"), "the executor never stands alone on a page"
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(last_of_order), "-l", str(last_of_order), str(order_pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    y_max = max(
        float(y)
        for y in re.findall(r'word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">227', bbox)
    )
    assert y_max > 841.9 - 20 * 72 / 25.4 - 5, "the executor's phone sits on the bottom margin"


def test_every_font_is_embedded(order_pdf: Path, tmp_path: Path) -> None:
    assert_fonts_embedded(order_pdf)
    chart = ChartSpec(
        "Доля «2»",
        ("2018", "2019"),
        (ChartSeries("ВПР МА 5", (10.0, 40.0)),),
        levels=(ChartLevel("порог", 30.0),),
    )
    with_chart = Document(
        REQUISITES,
        DocumentType.DIRECTIVE,
        "О результатах",
        (Paragraph("Текст."),),
        (Point("Принять к сведению."),),
        (Appendix("Диаграмма", (Chart(chart),)),),
    )
    path = _pdf(tmp_path, with_chart)
    assert_fonts_embedded(path)
    text = _text(path)
    assert "РАСПОРЯЖЕНИЕ" in text and "к распоряжению" in text
    assert "ПРЕДЛАГАЮ" not in text and "ПРИКАЗЫВАЮ" not in text, "seed 004: the points follow the text"


def test_no_flagged_schools_gives_an_order_without_appendix(tmp_path: Path) -> None:
    data = low_results_data(0)
    path = _pdf(tmp_path, low_results_order.build(data, REQUISITES))
    text = _text(path)
    read = flowing(text)
    assert unhyphenated("ОО с низкими образовательными результатами не выявлено") in read
    assert "Приложение" not in text and "приложение" not in read, "no appendix, none referred to"
    assert unhyphenated("1. Принять к сведению") in read and "Утвердить список" not in read
    assert "от ____________ № ________" not in text
    assert re.search(r"_{6,}\s+№ _{4,}", text), "blank date and number to fill in at registration"


def test_docx_has_the_same_structure(tmp_path: Path) -> None:
    document = low_results_order.build(low_results_data(5), REQUISITES, date(2020, 12, 9), "1351")
    docx = read_docx(io.BytesIO(render_docx(document)))
    texts = [p.text.replace(NBSP, " ") for p in docx.paragraphs]
    assert texts[:3] == ["МЭРИЯ ГОРОДА НОВОСИБИРСКА", "ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ", "ПРИКАЗ"]
    assert texts[3] == "09.12.2020\t№ 1351"
    assert "ПРИКАЗЫВАЮ:" in texts
    assert any(t.startswith("1. Утвердить список") for t in texts)
    assert any(t.startswith("Приложение\nк приказу департамента образования") for t in texts)
    assert len(docx.sections) == 2
    assert docx.sections[0].different_first_page_header_footer
    assert docx.sections[1].orientation == WD_ORIENT.LANDSCAPE
    results_table = docx.tables[-1]
    assert results_table.rows[0]._tr.trPr.xpath("./w:tblHeader"), "header rows repeat on every page"
    assert f"СОШ{NBSP}№{NBSP}5" in results_table.rows[-1].cells[1].text
    # Word on an office PC has Times New Roman; the PDF embeds Liberation Serif of the same metrics.
    assert docx.styles["Normal"].font.name == "Times New Roman"
    for table in docx.tables:
        grid = [column.width for column in table.columns]
        cells = [cell.width for cell in table.rows[-1].cells]
        assert grid == cells and len(set(grid)) > 1, "LibreOffice reads the grid: it must carry the widths"
    for table in (t for t in docx.tables if t.style.name == "Table Grid"):  # all but the signature
        assert all(row._tr.trPr.xpath("./w:cantSplit") for row in table.rows), "rows never split"
        assert table._tbl.tblPr.xpath("./w:tblInd/@w:w") == ["57"], "the border on the margin (1 mm padding)"
    settings = docx.settings.element
    assert settings.xpath("./w:autoHyphenation/@w:val") == ["true"]
    assert docx.styles["Normal"].element.xpath("./w:rPr/w:lang/@w:val") == ["ru-RU"]
    assert settings.xpath("./w:themeFontLang/@w:val") == ["ru-RU"]
    # The appendix section numbers its first page: only the order's first page goes without.
    assert not docx.sections[1].different_first_page_header_footer
    assert docx.sections[1].header.is_linked_to_previous
    assert docx.sections[1].bottom_margin.mm == pytest.approx(20.0, abs=0.1)
    assert "PAGE" in docx.sections[0].header._element.xml


def test_docx_gives_every_paragraph_and_cell_its_own_formatting() -> None:
    document = low_results_order.build(low_results_data(5), REQUISITES, date(2020, 12, 9), "1351")
    docx = read_docx(io.BytesIO(render_docx(document)))
    by_text = {p.text.replace(NBSP, " "): p for p in docx.paragraphs}
    title = by_text["ПРИКАЗ"]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(run.bold for run in title.runs)
    point = next(p for text, p in by_text.items() if text.startswith("1. Утвердить список"))
    assert point.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and not any(run.bold for run in point.runs)
    assert point.paragraph_format.line_spacing == GOST_LAYOUT.body_leading
    results = docx.tables[-1]
    for cell in results.rows[0].cells:
        paragraph = cell.paragraphs[0]
        assert (
            paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
            and paragraph.paragraph_format.line_spacing == 1.0
        )
        assert all(run.bold and run.font.size == Pt(GOST_LAYOUT.wide_table_size) for run in paragraph.runs)
    body = [cell for row in results.rows[len(results.rows) - 5 :] for cell in row.cells]
    shaded = [cell for cell in body if cell._tc.tcPr.xpath("./w:shd")]
    assert shaded, "low values are marked"
    for cell in body:
        runs = cell.paragraphs[0].runs
        assert all(run.font.size == Pt(GOST_LAYOUT.wide_table_size) for run in runs)
        assert all(bool(run.bold) == (cell in shaded) for run in runs), cell.text
    properties = [run._r.rPr for p in docx.paragraphs for run in p.runs if run._r.rPr is not None]
    assert len({id(element) for element in properties}) == len(properties), "no shared property elements"


def test_chart_draws_the_series_as_vectors_and_as_png() -> None:
    spec = ChartSpec(
        "Доля «2»",
        ("2018", "2019", "2020"),
        (ChartSeries("ВПР МА 5", (10.0, None, 35.0)), ChartSeries("ОГЭ РУ", (5.0, 8.0, 9.0))),
        levels=(ChartLevel("порог 30 %", 30.0),),
    )
    drawing = build_drawing(spec, 400)
    strings = [getattr(shape, "text", "") for shape in drawing.contents]
    assert {"2018", "2019", "2020", "ВПР МА 5", "ОГЭ РУ", "порог 30 %"} <= set(strings)
    png = drawing_to_png(drawing)
    assert png.startswith(b"\x89PNG")


def test_typography() -> None:
    assert (
        typeset('приказ "О мерах" от 01.06.2021 № 0464-од')
        == f"приказ «О{NBSP}мерах» от{NBSP}01.06.2021 №{NBSP}0464-од"
    )
    assert typeset('МКУДПО "ГЦОиЗ "Магистр""') == "МКУДПО «ГЦОиЗ „Магистр“»"
    assert typeset("Р.М. Ахметгареев") == f"Р.{NBSP}М.{NBSP}Ахметгареев"
    assert typeset("Прасолова О.А.") == f"Прасолова{NBSP}О.{NBSP}А."
    assert typeset("2018 - 2019") == f"2018{NBSP}– 2019"
    assert typeset("на 2020-2024 гг.") == f"на{NBSP}2020–2024{NBSP}гг."
    assert typeset("30 %") == f"30{NBSP}%"
    assert typeset("Иванова Е. П.\n227-45-08") == f"Иванова{NBSP}Е.{NBSP}П.\n227-45-08", "lines stay apart"


def test_points_text_round_trip() -> None:
    points = parse_points(
        "1. Утвердить план.\n2. Руководителям ОО:\n    обеспечить раз;\n- обеспечить два.\n\nКонтроль."
    )
    assert points == (
        Point("Утвердить план."),
        Point("Руководителям ОО:", ("обеспечить раз;", "обеспечить два.")),
        Point("Контроль."),
    )
    assert parse_points(points_text(points)) == points


def _round_summary(schools: int) -> RoundSummary:
    """Every school did item 1, the first five did not do item 2."""
    refs = [SchoolRef(f"sch{n:06d}", f"СОШ № {n}", f"МБОУ «СОШ № {n}»") for n in range(1, schools + 1)]
    items = []
    for number, not_done in ((1, []), (2, refs[:5])):
        by_status = {status: [] for status in Status}
        by_status[Status.NOT_DONE] = not_done
        by_status[Status.DONE] = [ref for ref in refs if ref not in not_done]
        items.append(
            ItemSummary(
                item_id=number, reference=f"1.{number}", number=str(number), text=f"Мероприятие {number}",
                deadline="В течение года", executors=["ОО"],
                counts={s: len(by_status[s]) for s in Status},
                shares={s: 100.0 * len(by_status[s]) / schools for s in Status},
                schools=by_status, unrecorded=[], share_done_before=None,
            )
        )  # fmt: skip
    return RoundSummary(
        round_id=1, name="Мониторинг", period_text="1 полугодие 2020/2021 учебного года",
        starts_on=date(2021, 6, 10), ends_on=date(2021, 6, 14), roadmap_id=1, roadmap_title="План",
        roadmap_order_text="приказ от 17.02.2020 № 0177-од", schools=refs, items=items,
        directives=[SchoolDirectives(ref, []) for ref in refs], previous_round_name=None, changes=[],
        recorded=2 * schools, cells=2 * schools,
    )  # fmt: skip


@pytest.mark.parametrize("schools", [30, 31])
def test_a_monitoring_order_names_up_to_30_schools_in_a_sentence(tmp_path: Path, schools: int) -> None:
    document = monitoring_order.build(_round_summary(schools), schools_phrase, REQUISITES)
    flowing = " ".join(_text(_pdf(tmp_path, document), layout=False).split())
    listed = schools <= SCHOOLS_NAMED
    assert (f"в {schools} общеобразовательных организациях (далее – ОО): СОШ № 1, 2," in flowing) is listed
    assert ("перечень которых приведён в приложении № 2" in flowing) is not listed
    assert (f"выполнено в 100 % ОО ({schools} ОО – см. приложение № 2)" in flowing) is not listed
    assert "не выполнено в 16" in flowing and "ОО (СОШ № 1, 2, 3, 4, 5)" in flowing, "five are named"


def _region_round(schools: int, items: int) -> RoundSummary:
    """`schools` × `items`, every fourth school short of every fifth measure, with a finding each."""
    refs = [SchoolRef(f"sch{n:06d}", f"СОШ № {n}", f"МБОУ «СОШ № {n}»") for n in range(1, schools + 1)]
    summaries = []
    for number in range(1, items + 1):
        by_status: dict[Status, list[SchoolRef]] = {status: [] for status in Status}
        for index, ref in enumerate(refs):
            missed = number % 5 == 0 and index % 4 == 0
            by_status[Status.NOT_DONE if missed else Status.DONE].append(ref)
        summaries.append(
            ItemSummary(
                item_id=number, reference=f"{(number - 1) // 10 + 1}.{(number - 1) % 10 + 1}",
                number=str(number), text=f"Проведение мероприятия {number} " + "по повышению качества " * 8,
                deadline="В течение года", executors=["ОО"],
                counts={s: len(by_status[s]) for s in Status},
                shares={s: 100.0 * len(by_status[s]) / schools for s in Status},
                schools=by_status, unrecorded=[], share_done_before=None,
            )
        )  # fmt: skip
    comments = {
        (refs[0].login, 5): "Положение о ВСОКО не представлено.",
        (refs[1].login, 1): "План утверждён.",
    }
    return RoundSummary(
        round_id=1, name="Мониторинг", period_text="1 полугодие", starts_on=date(2021, 6, 10),
        ends_on=date(2021, 6, 14), roadmap_id=1, roadmap_title="План мероприятий («дорожная карта»)",
        roadmap_order_text="приказ от 17.02.2020 № 0177-од", schools=refs, items=summaries,
        directives=[SchoolDirectives(ref, []) for ref in refs], previous_round_name=None, changes=[],
        recorded=schools * items, cells=schools * items, comments=comments,
    )  # fmt: skip


def test_a_regions_monitoring_order_keeps_its_body_to_a_few_pages(tmp_path: Path) -> None:
    summary = _region_round(1000, 48)
    document = monitoring_order.build(summary, schools_phrase, REQUISITES)
    body = _pdf(tmp_path, replace(document, appendices=()), "body.pdf")
    assert len(_page_sizes(body)) <= 5, "the body of an order for 1,000 schools stays a few pages"
    read = flowing(_text(body, layout=False))
    assert unhyphenated("Из 48 мероприятий плана всеми ОО выполнено 39") in read
    # Grouped by action (seed 004), each measure once, its schools counted and listed in appendix 2.
    assert unhyphenated("1.1. Обеспечить выполнение мероприятия п. 1.5 «Проведение мероприятия 5") in read
    assert unhyphenated("– 250 ОО (перечень – в приложении № 2)") in read
    assert read.count(unhyphenated("Обеспечить выполнение мероприятия")) == 9
    titles = [a.title for a in document.appendices]
    assert titles[1] == "Общеобразовательные организации, не выполнившие мероприятия в полном объёме"
    assert titles[2].startswith("Результаты мониторинга: что установлено")
    owing = _text(_pdf(tmp_path, replace(document, appendices=document.appendices[1:2]), "owing.pdf"))
    assert "СОШ № 1, 5, 9, 13" in owing.replace("\n", " "), "the schools a directive cites are listed"
    found = _text(_pdf(tmp_path, replace(document, appendices=document.appendices[2:]), "found.pdf"))
    assert "Положение о ВСОКО не представлено." in found and "План утверждён." in found
