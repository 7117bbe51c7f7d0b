"""Typography a clerk would otherwise correct by hand: hyphenation, dashes, table page breaks."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from docx import Document as read_docx
from reportlab.platypus import Paragraph as PdfParagraph

from lowres_desktop.reports import fonts, low_results_order
from lowres_desktop.reports.docx_renderer import render_docx
from lowres_desktop.reports.layout import GOST_LAYOUT
from lowres_desktop.reports.model import Document, DocumentType, Paragraph, Point
from lowres_desktop.reports.pdf_renderer import _Styles, _Table
from lowres_desktop.reports.typography import NBSP, breakable_where_too_wide, typeset
from tests.unit.test_reports import REQUISITES, _pdf, _text, low_results_data

ROW = 20.0


def _table(rows: int, section_at: int | None = None) -> _Table:
    fonts.register_fonts()
    styles = _Styles(GOST_LAYOUT)
    data: list[list[object]] = [["№", "Текст"]]
    for n in range(rows):
        if n == section_at:
            data.append([PdfParagraph("1. Раздел", styles.section(11)), ""])
        else:
            data.append([str(n), f"строка {n}"])
    return _Table(data, colWidths=[40, 200], rowHeights=[ROW] * (rows + 1), repeatRows=1)


def _body_rows(part: _Table) -> int:
    return len(part._cellvalues) - 1


def test_a_table_leaves_at_least_three_rows_for_its_last_page() -> None:
    table = _table(10)
    table.wrap(240, 1000)
    first, rest = table.split(240, ROW * 10.5)  # header and nine rows fit: one would be left alone
    assert _body_rows(rest) == 3 and _body_rows(first) == 7


def test_a_section_title_never_ends_a_page() -> None:
    table = _table(12, section_at=5)
    table.wrap(240, 1000)
    first, rest = table.split(240, ROW * 6.5)  # the header, rows 0–4 and the section title fit
    assert _body_rows(first) == 5, "the section title moves to the next page with its rows"
    assert isinstance(rest._cellvalues[1][0], (PdfParagraph, list, tuple))


def test_one_row_at_a_pages_foot_moves_the_table_to_the_next_page() -> None:
    table = _table(3)
    table.wrap(240, 1000)
    assert table.split(240, ROW * 2.5) == [], "header and one row only: the table starts on the next page"
    tall = _table(6)
    tall.wrap(240, 1000)
    assert [_body_rows(p) for p in tall.split(240, ROW * 4.5)] == [3, 3]


def test_typeset_keeps_numbers_with_their_words() -> None:
    text = typeset("выявлено 15 ОО: СОШ № 12, В(С)ОШ №№ 24 и 32; 87,5 %; ВПР МА 5 - 40 %")
    for together in ("15 ОО", "СОШ № 12", "В(С)ОШ №№ 24", "87,5 %", "5 – 40"):
        assert together.replace(" ", NBSP, 1) in text or together.replace(" ", NBSP) in text, together
    assert f"{NBSP}–" in text, "a dash never starts a line"


def test_a_header_too_narrow_for_its_joined_words_may_break_between_them() -> None:
    narrow = breakable_where_too_wide(f"№{NBSP}п/п", lambda word: 10.0 * len(word), 25.0)
    wide = breakable_where_too_wide(f"№{NBSP}п/п", lambda word: 10.0 * len(word), 100.0)
    assert narrow == "№ п/п" and wide == f"№{NBSP}п/п"


def test_no_table_line_starts_with_a_dash_and_words_hyphenate(tmp_path: Path) -> None:
    document = low_results_order.build(low_results_data(40), REQUISITES, date(2020, 12, 9), "1351")
    path = _pdf(tmp_path, document)
    lines = [line.strip() for line in _text(path, layout=False).splitlines()]
    assert not [line for line in lines if line.startswith(("–", "-"))]
    laid_out = [line.rstrip() for line in _text(path).splitlines()]  # -layout keeps a line's hyphen
    assert any(line.endswith("-") and line[-2:-1].isalpha() for line in laid_out), "justified text hyphenates"


def test_docx_keeps_an_introduction_with_its_table_and_the_last_points_with_the_signature() -> None:
    document = low_results_order.build(low_results_data(5), REQUISITES, date(2020, 12, 9), "1351")
    docx = read_docx(io.BytesIO(render_docx(document)))
    by_text = {p.text.replace(NBSP, " "): p for p in docx.paragraphs}
    introduction = next(p for t, p in by_text.items() if t.startswith("По итогам анализа выявлено"))
    assert introduction.paragraph_format.keep_with_next
    points = [
        p
        for t, p in by_text.items()
        if t[:2] in ("1.", "2.", "3.", "4.") and p.paragraph_format.first_line_indent
    ]
    assert [bool(p.paragraph_format.keep_with_next) for p in points] == [False, False, True, True]
    signature = next(t for t in docx.tables if t.style.name != "Table Grid")
    assert all(c.paragraphs[0].paragraph_format.keep_with_next for c in signature.rows[0].cells), (
        "with the executor"
    )


def _range_document(texts: list[str]) -> Document:
    return Document(
        REQUISITES,
        DocumentType.ORDER,
        "О плане на 2020-2024 годы",
        tuple(Paragraph(text) for text in texts),
        (Point("Утвердить план на 2020-2024 годы."),),
    )


def test_a_range_of_years_never_breaks_at_its_dash_in_the_pdf(tmp_path: Path) -> None:
    """The seeds print «2020-2021» as one word: whatever falls before it, no line ends «2020–»."""
    texts = [f"{'слово ' * (n % 14)}{'ы' * (n // 14)} планы 2020-2024 и 2021–2022 далее" for n in range(70)]
    lines = _text(_pdf(tmp_path, _range_document(texts)), layout=False).splitlines()
    assert sum("2020–2024" in line for line in lines) == 72, "the title's, 70 paragraphs', the point's"
    assert any(line.startswith("2020–2024") for line in lines), "the ranges did reach the line ends"
    assert not [line for line in lines if re.search(r"\d[–-]$", line)]


def test_a_range_of_years_is_one_unbreakable_word_in_the_docx() -> None:
    """Word breaks after an en dash: the DOCX writes the range's dash as Word's non-breaking hyphen."""
    docx = read_docx(io.BytesIO(render_docx(_range_document(["Планы 2020-2024 и 5–9 классы, 2018 – 2019."]))))
    body = docx.element.body.xml
    assert "2020–2024" not in body and "5–9" not in body
    assert re.search(r"2020</w:t>\s*<w:noBreakHyphen/>\s*<w:t[^>]*>2024", body)
    assert [p.text for p in docx.paragraphs if p.text.startswith("Планы")] == [
        f"Планы 2020-2024 и{NBSP}5-9{NBSP}классы, 2018{NBSP}– 2019."
    ], "a spaced dash stays a dash: the line may break after it"
