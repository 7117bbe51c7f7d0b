"""Documents 2–5 from a demo database through the service, checked with pdftotext and pdffonts."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document as read_docx
from docx.oxml.ns import qn

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.reports.layout import GOST_LAYOUT
from lowres_desktop.reports.model import Table
from lowres_desktop.services.documents import (
    Document,
    DocumentKind,
    DocumentRequest,
    DocumentType,
    build_document,
    parse_points,
    proposed_basis,
    render,
    save_document,
)
from lowres_desktop.storage.unit_of_work import Database
from tests.unit.test_reports import _page_sizes, _text, assert_fonts_embedded, flowing, unhyphenated


def _pdf(db: Database, tmp_path: Path, request: DocumentRequest) -> Path:
    return save_document(build_document(db, request), tmp_path / f"{request.kind}.pdf")


def _pdf_of(document: Document, tmp_path: Path) -> Path:
    return save_document(document, tmp_path / "document.pdf")


def test_roadmap_order(demo_db: Database, tmp_path: Path) -> None:
    path = _pdf(demo_db, tmp_path, DocumentRequest(DocumentKind.ROADMAP))
    assert_fonts_embedded(path)
    text = _text(path)
    read = flowing(text)
    for said in (
        "Об утверждении Плана-графика («дорожной карты»)",
        "1. Утвердить План-график («дорожную карту») по повышению",
        "(далее – План-график) (приложение)",
        "мероприятий Плана-графика",
        "ПРИКАЗЫВАЮ:",
        "от 17.02.2020 № 0177-ога",  # the roadmap's own approval order numbers the document
    ):
        assert unhyphenated(said) in read, said
    sizes = _page_sizes(path)
    start = next(n for n in range(1, len(sizes) + 1) if "Приложение" in _text(path, n))
    for page in range(start, len(sizes) + 1):
        page_text = _text(path, page)
        if "Целевые показатели" in page_text:
            break
        assert "Ответственные" in page_text and "Мероприятия" in page_text, page
    assert "1. Организационные мероприятия" in text


def test_monitoring_order(demo_db: Database, tmp_path: Path) -> None:
    path = _pdf(demo_db, tmp_path, DocumentRequest(DocumentKind.MONITORING))
    assert_fonts_embedded(path)
    flowing = " ".join(_text(path, layout=False).split())
    assert "Об итогах мониторинга выполнения Плана-графика («дорожной карты»)" in flowing
    assert re.search(r"выполнено в \d+(,\d)? % ОО \((?:ООШ|СОШ) № \d+", flowing)
    assert "На основании вышеизложенного ПРИКАЗЫВАЮ:" in flowing
    # Seed 004: directives grouped by action, each naming the schools that owe it.
    grouped = r"1\.1\. Обеспечить выполнение мероприятия п\. \d+\.\d+ «[^»]+» – (?:ООШ|СОШ) № \d"
    assert re.search(grouped, flowing)
    assert "Приложение № 1" in flowing and "Приложение № 2" in flowing and "Приложение № 3" in flowing
    assert "Что установлено при мониторинге" in flowing, "the findings recorded per cell are printed"
    assert "Пункты плана" in flowing


def test_school_passport(demo_db: Database, tmp_path: Path) -> None:
    path = _pdf(demo_db, tmp_path, DocumentRequest(DocumentKind.PASSPORT, login="sch426100"))
    assert_fonts_embedded(path)
    flowing = " ".join(_text(path, layout=False).split())
    assert "СПРАВКА" in flowing and "ПРИКАЗЫВАЮ" not in flowing
    assert "Паспорт общеобразовательной организации: МБОУ «ООШ № 23»" in flowing
    assert "Доля «2» (не преодолели порог)" in flowing and "порог 30 %" in flowing
    assert "ОГЭ МА: среднее" in flowing, "the city's mean is drawn beside the school's line"
    assert "УНОР" in flowing
    assert "Выполнение «дорожной карты»" in flowing
    with pytest.raises(DomainError):
        build_document(demo_db, DocumentRequest(DocumentKind.PASSPORT))


def test_dynamics_report(demo_db: Database, tmp_path: Path) -> None:
    path = _pdf(demo_db, tmp_path, DocumentRequest(DocumentKind.DYNAMICS, year=2024))
    assert_fonts_embedded(path)
    flowing = " ".join(_text(path, layout=False).split())
    assert "О динамике списка общеобразовательных организаций" in flowing
    assert re.search(r"Из \d+ ОО, входивших в список в 2023 году, вышли из списка \d+ ОО \(\d", flowing)
    assert "Доля ШНОР от числа школ" in flowing and "цель: не более 15 %" in flowing
    assert "Категории по районам, 2024 г." in flowing


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_every_kind_renders_as_docx(demo_db: Database, kind: DocumentKind) -> None:
    request = DocumentRequest(kind, year=2024, login="sch426100")
    docx = read_docx(io.BytesIO(render(build_document(demo_db, request), "docx")))
    assert docx.paragraphs[0].text
    assert len(docx.paragraphs) > 10


def test_edited_points_replace_the_proposal(demo_db: Database) -> None:
    proposal = proposed_basis(demo_db, DocumentRequest(DocumentKind.ROADMAP))
    edited = replace(proposal, points=parse_points("Утвердить план.\n  подпункт"), control="Контроль.")
    document = build_document(demo_db, DocumentRequest(DocumentKind.ROADMAP, basis=edited))
    assert [p.text for p in document.points] == ["Утвердить план.", "Контроль."]
    assert document.points[0].subpoints == ("подпункт",)
    with pytest.raises(DomainError):
        empty = replace(proposal, points=parse_points("  \n"), control="")
        build_document(demo_db, DocumentRequest(DocumentKind.ROADMAP, basis=empty))


def test_the_basis_is_the_clerks(demo_db: Database, tmp_path: Path) -> None:
    """Seed 004 is a РАСПОРЯЖЕНИЕ; seed 003 opens «На основании приказа министерства …»."""
    request = DocumentRequest(DocumentKind.ROADMAP)
    proposal = proposed_basis(demo_db, request)
    assert proposal.control == "Контроль исполнения приказа оставляю за собой."
    assert proposal.doc_type is DocumentType.ORDER and proposal.grounds == ""
    directive = proposed_basis(
        demo_db, replace(request, basis=replace(proposal, doc_type=DocumentType.DIRECTIVE))
    )
    assert directive.control == "Контроль исполнения распоряжения оставляю за собой."
    basis = replace(
        directive,
        issuer=("АДМИНИСТРАЦИЯ ГОРОДА ТОМСКА", "ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ"),
        grounds="На основании приказа министерства образования Новосибирской области от 24.01.2020 № 183 "
        "«Об утверждении списков»",
        control="Контроль исполнения распоряжения возложить на Швайко И.В.",
        executor="Прасолова\n2274507",
    )
    document = build_document(demo_db, replace(request, basis=basis))
    assert document.basis == basis
    read = flowing(_text(_pdf_of(document, tmp_path)))
    for said in (
        "АДМИНИСТРАЦИЯ ГОРОДА ТОМСКА ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ РАСПОРЯЖЕНИЕ",
        "На основании приказа министерства образования Новосибирской области от 24.01.2020 № 183 "
        "«Об утверждении списков», в целях обеспечения системной работы",
        "5. Контроль исполнения распоряжения возложить на Швайко И. В.",
        "Прасолова 2274507",
        "Приложение к распоряжению",
    ):
        assert unhyphenated(said) in read, said
    assert "ПРИКАЗ" not in read


def _as_directive(db: Database, request: DocumentRequest) -> Document:
    proposal = proposed_basis(db, request)
    directive = replace(request, basis=replace(proposal, doc_type=DocumentType.DIRECTIVE))
    return build_document(db, replace(request, basis=proposed_basis(db, directive)))


@pytest.mark.parametrize(
    ("kind", "before_the_points"),
    [
        # The roadmap's one sentence («В целях …,») ends with a colon, as «… выявлено следующее:» in seed 004.
        (DocumentKind.ROADMAP, r"и муниципальных методических служб:"),
        # The monitoring round's last sentence ends; «На основании вышеизложенного» belongs to «ПРИКАЗЫВАЮ:».
        (DocumentKind.MONITORING, r"Итоги мониторинга представлены в приложениях № 1, 2 и 3\."),
        # The low results' analysis ends on its own line; no word stands between it and the points.
        (DocumentKind.LOW_RESULTS, r"\."),
    ],
)
def test_a_directive_goes_from_its_text_to_its_points_as_seed_004(
    demo_db: Database, tmp_path: Path, kind: DocumentKind, before_the_points: str
) -> None:
    """Seed 004, the one РАСПОРЯЖЕНИЕ, has no «ПРЕДЛАГАЮ:» nor «ПРИКАЗЫВАЮ:»: points follow the text."""
    request = DocumentRequest(kind, year=2024) if kind is DocumentKind.LOW_RESULTS else DocumentRequest(kind)
    document = _as_directive(demo_db, request)
    assert document.doc_type is DocumentType.DIRECTIVE
    first_point = re.escape(f"1. {document.points[0].text[:20]}")
    read = " ".join(_text(_pdf_of(document, tmp_path), layout=False).split()).replace("\u00a0", " ")
    assert "РАСПОРЯЖЕНИЕ" in read and "ПРЕДЛАГАЮ" not in read and "ПРИКАЗЫВАЮ" not in read
    assert "На основании вышеизложенного" not in read
    assert re.search(before_the_points + r" " + first_point, read.replace("- ", "-")), read[:3000]
    docx = read_docx(io.BytesIO(render(document, "docx")))
    texts = [p.text.replace("\u00a0", " ") for p in docx.paragraphs if p.text.strip()]
    first = next(n for n, text in enumerate(texts) if text.startswith("1. "))
    assert not [t for t in texts if "ПРЕДЛАГАЮ" in t or "ПРИКАЗЫВАЮ" in t or "вышеизложенного" in t]
    assert re.search(before_the_points + "$", texts[first - 1]) or kind is DocumentKind.LOW_RESULTS


def test_a_short_table_is_not_split_across_pages(demo_db: Database, tmp_path: Path) -> None:
    """The demo order's table 2 of seven schools ran four rows on page 3 and three on page 4."""
    document = build_document(demo_db, DocumentRequest(DocumentKind.LOW_RESULTS, year=2024))
    tables = [block for block in document.appendices[0].blocks if isinstance(block, Table)]
    logins = [row[2].text for row in tables[1].rows]
    assert 0 < len(logins) <= GOST_LAYOUT.whole_table_rows
    path = _pdf_of(document, tmp_path)
    pages = [_text(path, page) for page in range(1, _page_count(path) + 1)]
    with_caption = [text for text in pages if "Таблица 2." in text]
    assert len(with_caption) == 1
    assert all(login in with_caption[0] for login in logins)

    docx = read_docx(io.BytesIO(render(document, "docx")))
    short = [t for t in docx.tables if len(t.rows) - _header_rows(t) <= GOST_LAYOUT.whole_table_rows]
    assert short
    for table in short:
        for row in table.rows[:-1]:
            assert all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs)


def _header_rows(table) -> int:  # type: ignore[no-untyped-def]
    return sum(
        1
        for row in table.rows
        if row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
    )


def _page_count(path: Path) -> int:
    return len(_page_sizes(path))
