"""The same `Document` as an editable .docx (python-docx): staff correct the text before signing.

The structure and the numbers are those of the PDF (the layout module): the
first page without a number, a section per appendix (landscape where the PDF
turns the page), header rows repeated on every page, the executor's note
anchored at the foot of the order's last page by a frame.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import deepcopy
from typing import Any

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Row as DocxRow
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import SubElement
from reportlab.pdfbase.pdfmetrics import stringWidth

from lowres_desktop.reports import fonts
from lowres_desktop.reports.charts import build_drawing, drawing_to_png
from lowres_desktop.reports.layout import GOST_LAYOUT, MM, Layout, Margins
from lowres_desktop.reports.model import (
    Block,
    Chart,
    Document,
    PageBreak,
    Paragraph,
    Table,
    format_date,
)
from lowres_desktop.reports.typography import RANGE_DASH, breakable_where_too_wide, typeset

_RUN, _TEXT, _TAB, _BREAK, _PRESERVE = (qn(n) for n in ("w:r", "w:t", "w:tab", "w:br", "xml:space"))
_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")

_AFTER_SUPPRESS = (
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
"""What follows <w:suppressAutoHyphens> in a <w:pPr>: the schema fixes the order."""

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _set_font(element: object, family: str) -> None:
    """Name the family for every script: Word otherwise picks its own font for Cyrillic."""
    r_pr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), family)


def _set_language(element: object, language: str) -> None:
    """Mark the text as `language`, so Word and LibreOffice check spelling and hyphenate in Russian."""
    r_pr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    for attribute in ("w:val", "w:eastAsia"):
        lang.set(qn(attribute), language)


def _document_settings(docx: DocxDocument, language: str) -> None:
    """Automatic hyphenation on, Russian as the document's language, the decimal comma."""
    settings = docx.settings.element
    hyphenation = OxmlElement("w:autoHyphenation")
    hyphenation.set(qn("w:val"), "true")
    # The schema orders settings: automatic hyphenation follows the default tab stop.
    tab_stop = settings.find(qn("w:defaultTabStop"))
    if tab_stop is not None:
        tab_stop.addnext(hyphenation)
    else:
        settings.insert(0, hyphenation)
    theme = settings.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), language)
        theme.set(qn("w:eastAsia"), language)
    for name, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        element = settings.find(qn(name))
        if element is not None:
            element.set(qn("w:val"), value)
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if r_pr is not None and r_pr.find(qn("w:rPr")) is not None:
        lang = r_pr.find(qn("w:rPr")).find(qn("w:lang"))
        if lang is not None:
            for attribute in ("w:val", "w:eastAsia"):
                lang.set(qn(attribute), language)


def _row_property(row: object, name: str) -> None:
    """An on/off property of a table row: «w:cantSplit» (stays whole), «w:tblHeader» (repeats)."""
    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)  # type: ignore[attr-defined]


def _table_position(table: DocxTable, padding_mm: float) -> None:
    """Cell padding as in the PDF, and the table's border on the text margin, not 2 mm left of it.

    In the compatibility mode of the template (Word 2010) a table's indent is
    measured to the text of its first cell: indenting by the cell padding puts
    the border where the PDF draws it.
    """
    twips = str(round(padding_mm * 1440 / 25.4))
    properties = table._tbl.tblPr
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), twips)
    indent.set(qn("w:type"), "dxa")
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), twips)
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    # Schema order inside <w:tblPr>: …, tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout,
    # tblCellMar, tblLook.
    look = properties.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        properties.append(margins)
    layout_element = properties.find(qn("w:tblLayout"))
    anchor = layout_element if layout_element is not None else margins
    anchor.addprevious(indent)


def _page_field(paragraph: DocxParagraph, size: float) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(size)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


class _Writer:
    def __init__(self, document: Document, layout: Layout) -> None:
        self.document = document
        self.layout = layout
        self.docx: DocxDocument = new_docx()
        normal = self.docx.styles["Normal"]
        normal.font.name = layout.font_family
        normal.font.size = Pt(layout.body_size)
        _set_font(normal.element, layout.font_family)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        _set_language(normal.element, layout.language)
        _document_settings(self.docx, layout.language)
        self.width_mm = layout.body_width_mm
        self._styles: dict[tuple[Any, ...], tuple[Any, Any]] = {}

    def _section(self, section: object, landscape: bool) -> None:
        layout = self.layout
        margins: Margins = layout.landscape if landscape else layout.portrait
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
        width, height = layout.page_width_mm, layout.page_height_mm
        section.page_width, section.page_height = (
            (Mm(height), Mm(width)) if landscape else (Mm(width), Mm(height))
        )  # type: ignore[attr-defined]
        section.left_margin, section.right_margin = Mm(margins.left), Mm(margins.right)  # type: ignore[attr-defined]
        section.top_margin, section.bottom_margin = Mm(margins.top), Mm(margins.bottom)  # type: ignore[attr-defined]
        section.header_distance = Mm(layout.page_number_from_top_mm)  # type: ignore[attr-defined]
        self.width_mm = layout.landscape_width_mm if landscape else layout.body_width_mm

    def paragraph(self, text: str, align: str = "justify", **style: Any) -> DocxParagraph:
        """A new body paragraph; `style` as for `_fill`."""
        paragraph = self.docx.add_paragraph()
        self._fill(paragraph, text, align, **style)
        return paragraph

    def _fill(
        self,
        paragraph: DocxParagraph,
        text: str,
        align: str = "justify",
        bold: bool = False,
        size: float | None = None,
        indent: bool = False,
        keep_with_next: bool = False,
        leading: float | None = None,
        hyphenate: bool | None = None,
    ) -> None:
        """Write `text` into an empty new paragraph in the given style.

        `hyphenate` None hyphenates justified text only: not the letterhead, the
        title or the headings (as in the PDF); table cells say True.

        The paragraph's and runs' properties are copied from a template made once per
        style: python-docx sets each property by searching the element for its place,
        and a region's appendix has tens of thousands of cells (2.1 s for 27 pages). The
        runs are written as elements for the same reason (its text setter took half the time).
        """
        paragraph_properties, run_properties = self._templates(
            align,
            bold,
            size,
            indent,
            keep_with_next,
            leading,
            align == "justify" if hyphenate is None else hyphenate,
        )
        p = paragraph._p
        if p.pPr is not None:
            p.remove(p.pPr)
        p.insert(0, deepcopy(paragraph_properties))
        lines = typeset(text).split("\n")
        for index, line in enumerate(lines):
            run = SubElement(p, _RUN)
            if run_properties is not None:
                run.append(deepcopy(run_properties))
            for part_index, part in enumerate(line.split("\t")):
                if part_index:
                    SubElement(run, _TAB)
                for piece_index, piece in enumerate(RANGE_DASH.split(part)):
                    if piece_index:
                        SubElement(run, _NO_BREAK_HYPHEN)
                    if piece:
                        element = SubElement(run, _TEXT)
                        element.text = piece
                        element.set(_PRESERVE, "preserve")
            if index < len(lines) - 1:
                SubElement(run, _BREAK)

    def _templates(
        self,
        align: str,
        bold: bool,
        size: float | None,
        indent: bool,
        keep_with_next: bool,
        leading: float | None,
        hyphenate: bool,
    ) -> tuple[Any, Any]:
        """The <w:pPr> and <w:rPr> (None when empty) python-docx writes for this style."""
        key = (align, bold, size, indent, keep_with_next, leading, hyphenate)
        found = self._styles.get(key)
        if found is None:
            sample = DocxParagraph(OxmlElement("w:p"), None)  # type: ignore[arg-type]
            sample.alignment = _ALIGN[align]
            fmt = sample.paragraph_format
            if indent:
                fmt.first_line_indent = Mm(self.layout.first_line_indent_mm)
            fmt.line_spacing = leading if leading is not None else self.layout.body_leading
            fmt.keep_with_next = keep_with_next
            run = sample.add_run()
            run.bold = bold
            if size:
                run.font.size = Pt(size)
            if not hyphenate:
                sample._p.get_or_add_pPr().insert_element_before(
                    OxmlElement("w:suppressAutoHyphens"), *_AFTER_SUPPRESS
                )
            found = self._styles[key] = (sample._p.pPr, run._r.rPr)
        return found

    def header(self) -> None:
        document, layout = self.document, self.layout
        section = self.docx.sections[0]
        self._section(section, landscape=False)
        section.different_first_page_header_footer = True
        number_paragraph = section.header.paragraphs[0]
        number_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(number_paragraph, layout.page_number_size)
        req = document.requisites
        if req.emblem_png:
            picture = self.docx.add_paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.add_run().add_picture(io.BytesIO(req.emblem_png), height=Mm(layout.emblem_height_mm))
        for line in req.authority_lines:
            self.paragraph(line.upper(), "center", bold=True, size=layout.header_size, leading=1.0)
        doc_type = self.paragraph(
            document.doc_type.value, "center", bold=True, size=layout.document_type_size
        )
        doc_type.paragraph_format.space_before = Mm(layout.space_after_header_mm)
        doc_type.paragraph_format.space_after = Mm(5)
        line = self.paragraph(
            f"{format_date(document.issued)}\t№ {document.number or '________'}", "left", leading=1.0
        )
        line.paragraph_format.tab_stops.add_tab_stop(Mm(self.width_mm), WD_TAB_ALIGNMENT.RIGHT)
        if req.place:
            place = self.paragraph(req.place, "center", leading=1.0)
            place.paragraph_format.space_before = Mm(3)
        title = self.paragraph(document.title, "left", bold=True, keep_with_next=True, leading=1.0)
        title.paragraph_format.right_indent = Mm(self.width_mm - layout.title_width_mm)
        title.paragraph_format.space_before = Mm(layout.space_after_heading_mm)
        title.paragraph_format.space_after = Mm(layout.space_after_heading_mm)

    def blocks(self, blocks: Sequence[Block]) -> None:
        layout = self.layout
        for index, block in enumerate(blocks):
            if isinstance(block, Paragraph):
                if block.style == "heading":
                    heading = self.paragraph(block.text, "center", bold=True, keep_with_next=True)
                    heading.paragraph_format.space_before = Mm(3)
                    heading.paragraph_format.space_after = Mm(3)
                elif block.style == "note":
                    # A note before a chart explains it («пунктирные – средние»): on the chart's page.
                    before_chart = index + 1 < len(blocks) and isinstance(blocks[index + 1], Chart)
                    self.paragraph(
                        block.text, "justify", size=layout.note_size, leading=1.0, keep_with_next=before_chart
                    )
                else:
                    # A sentence ending «…:» before a table introduces it: on the table's page.
                    before_table = index + 1 < len(blocks) and isinstance(blocks[index + 1], Table)
                    self.paragraph(
                        block.text, "justify", indent=block.style == "body", keep_with_next=before_table
                    )
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Chart):
                self.paragraph(block.spec.title, "center", bold=True, keep_with_next=True)
                width = min(self.width_mm, layout.body_width_mm)
                png = drawing_to_png(build_drawing(block.spec, width * MM))
                picture = self.docx.add_paragraph()
                picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
                picture.add_run().add_picture(io.BytesIO(png), width=Mm(width))
            elif isinstance(block, PageBreak):
                self.docx.add_page_break()

    def body(self) -> None:
        document, layout = self.document, self.layout
        self.blocks(document.printed_preamble())
        if not document.points and document.preamble and isinstance(document.preamble[-1], Table):
            self._keep_end_with_signature()
        if document.directive_line:
            word = self.paragraph(document.directive_line, "left", keep_with_next=True)
            word.paragraph_format.space_before = Mm(2)
            word.paragraph_format.space_after = Mm(2)
        # The last two points go with the signature: one line of text above it looks left over.
        last = len(document.points)
        for number, point in enumerate(document.points, start=1):
            tail = number >= last - 1 and not (number < last and point.subpoints)
            self.paragraph(f"{number}. {point.text}", indent=True, keep_with_next=tail)
            for sub_number, sub in enumerate(point.subpoints, start=1):
                self.paragraph(f"{number}.{sub_number}. {sub}", indent=True, keep_with_next=tail)
        req = document.requisites
        spacer = self.paragraph("", keep_with_next=True)
        spacer.paragraph_format.space_before = Mm(layout.space_before_signature_mm)
        executor = [line for line in (req.executor_name, req.executor_phone) if line]
        signature = self.docx.add_table(rows=1, cols=2)
        position, name = signature.rows[0].cells
        position_width = self.width_mm * 0.6
        for column, cell, text, align, width in (
            (signature.columns[0], position, req.signatory_position, "left", position_width),
            (signature.columns[1], name, req.signatory_name, "right", self.width_mm - position_width),
        ):
            column.width = cell.width = Mm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            # With the executor's note below: that note alone made a page of its own.
            self._fill(cell.paragraphs[0], text, align, leading=1.0, keep_with_next=bool(executor))
        if executor:
            note = self.paragraph("\n".join(executor), "left", size=layout.executor_size, leading=1.0)
            frame = OxmlElement("w:framePr")
            for key, value in (
                ("w:wrap", "around"),
                ("w:vAnchor", "margin"),
                ("w:hAnchor", "margin"),
                ("w:yAlign", "bottom"),
                ("w:xAlign", "left"),
            ):
                frame.set(qn(key), value)
            note.paragraph_format.element.get_or_add_pPr().insert(0, frame)

    def _keep_end_with_signature(self) -> None:
        """A note ending in a table takes its last rows onto the signature's page (as the PDF does):
        the signature never stands alone on a page."""
        rows = self.docx.tables[-1].rows
        for row in list(rows)[-self.layout.last_rows_together :]:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
        self.docx.paragraphs[-1].paragraph_format.keep_with_next = True

    def appendices(self) -> None:
        document, layout = self.document, self.layout
        for index, appendix in enumerate(document.appendices):
            section = self.docx.add_section(WD_SECTION.NEW_PAGE)
            # A new section copies the first one's «different first page», whose header is empty:
            # the appendix's first page would lose its number.
            section.different_first_page_header_footer = False
            self._section(section, appendix.landscape)
            mark = self.paragraph("\n".join(document.appendix_mark(index)), "left", leading=1.0)
            mark.paragraph_format.left_indent = Mm(self.width_mm - layout.corner_width_mm)
            mark.paragraph_format.space_after = Mm(layout.space_after_heading_mm)
            if appendix.title:
                self.blocks((Paragraph(appendix.title, style="heading"),))
            self.blocks(appendix.blocks)

    def table(self, table: Table) -> None:
        layout = self.layout
        if table.caption:
            self.blocks((Paragraph(table.caption, style="heading"),))
        size = layout.wide_table_size if table.small else layout.table_size
        total = sum(table.widths)
        widths = [Mm(self.width_mm * w / total) for w in table.widths]
        header_rows = len(table.header)
        docx_table: DocxTable = self.docx.add_table(rows=header_rows, cols=table.columns)
        docx_table.style = "Table Grid"
        docx_table.autofit = False
        # Word reads the cells' widths, LibreOffice the table grid: set both.
        for column, width in zip(docx_table.columns, widths, strict=True):
            column.width = width
        _table_position(docx_table, layout.table_padding_mm)
        for row in docx_table.rows:
            _row_property(row, "w:cantSplit")
            _row_property(row, "w:tblHeader")
        header_cells = [row.cells for row in docx_table.rows]
        for row_cells in header_cells:
            for cell, width in zip(row_cells, widths, strict=True):
                cell.width = width
        for r, c, cell in table.header_cells():
            target = header_cells[r][c]
            if cell.span > 1 or cell.rows > 1:
                target = target.merge(header_cells[r + cell.rows - 1][c + cell.span - 1])
            target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            room = self.width_mm * sum(table.widths[c : c + cell.span]) / total * MM
            room -= 2 * layout.table_padding_mm * MM
            text = breakable_where_too_wide(
                typeset(cell.text), lambda w: stringWidth(w, fonts.BOLD, size), room
            )
            self._fill(
                target.paragraphs[0],
                text,
                "center",
                bold=True,
                size=size,
                leading=1.0,
                keep_with_next=True,
                hyphenate=True,
            )
        # The last rows keep together (as the PDF leaves none alone on a page), a section's title
        # keeps with its first measure; a short table keeps whole, as in the PDF.
        short = len(table.rows) <= layout.whole_table_rows
        together = 0 if short else len(table.rows) - layout.last_rows_together
        # python-docx's add_row looks up the grid for every cell (13 ms a row, 7 s for a region's
        # appendix): the first empty row is made once and copied.
        blank = docx_table.add_row() if table.rows else None
        if blank is not None:
            _row_property(blank, "w:cantSplit")
            empty_row = deepcopy(blank._tr)
        for index, body_row in enumerate(table.rows):
            if index:
                row_element = deepcopy(empty_row)
                docx_table._tbl.append(row_element)
                row = DocxRow(row_element, docx_table)
            else:
                assert blank is not None
                row = blank
            cells = row.cells  # each cell as wide as its column of the grid
            # The first two rows too: one row under the header at a page's foot looks lost as well.
            keep = index in table.section_rows or index < 1 or together <= index < len(table.rows) - 1
            if index in table.section_rows:
                merged = cells[0].merge(cells[-1])
                self._fill(merged.paragraphs[0], body_row[0].text, "left", bold=True, size=size, leading=1.0,
                           keep_with_next=True, hyphenate=True)  # fmt: skip
                continue
            for cell, value in zip(cells, body_row, strict=False):
                self._fill(
                    cell.paragraphs[0],
                    value.text,
                    value.align,
                    bold=value.marked,
                    size=size,
                    leading=1.0,
                    keep_with_next=keep,
                    hyphenate=True,
                )
                if value.marked:
                    shading = OxmlElement("w:shd")
                    shading.set(qn("w:val"), "clear")
                    shading.set(qn("w:fill"), layout.low_value_shade.lstrip("#"))
                    cell._tc.get_or_add_tcPr().append(shading)
        self.docx.add_paragraph()


def render_docx(document: Document, layout: Layout = GOST_LAYOUT) -> bytes:
    """The document as .docx bytes."""
    fonts.register_fonts()  # header cells are measured in the bundled font, as the PDF measures them
    writer = _Writer(document, layout)
    writer.header()
    writer.body()
    writer.appendices()
    properties = writer.docx.core_properties
    properties.title = typeset(document.title)
    properties.author = " ".join(document.requisites.authority_lines)
    buffer = io.BytesIO()
    writer.docx.save(buffer)
    return buffer.getvalue()
