"""A `Document` on A4 with ReportLab: the order, then each appendix from a new page.

Every style, table style and the canvas itself name the bundled serif, so
no base-14 font gets into the file. Table cells that fit their column stay
plain strings (a Paragraph per cell would make a 40-page appendix slow);
only text that has to wrap becomes a Paragraph.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import PageBreak as PdfPageBreak
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable
from reportlab.platypus import paragraph as paragraph_module

from lowres_desktop.reports import fonts
from lowres_desktop.reports.charts import build_drawing
from lowres_desktop.reports.layout import GOST_LAYOUT, MM, Layout
from lowres_desktop.reports.model import (
    Appendix,
    Block,
    Chart,
    Document,
    PageBreak,
    Paragraph,
    Point,
    Table,
    format_date,
)
from lowres_desktop.reports.typography import NBSP, breakable_where_too_wide, hyphenation_pairs, typeset

PORTRAIT = "portrait"
LANDSCAPE = "landscape"
ROW_SPLIT_LINES = 2
"""Lines of a table row at least on each page when the row continues on the next page."""


@cache
def _hyphenate_russian_words() -> None:
    """Let ReportLab hyphenate the words Russian text is made of.

    ReportLab hands a word to the hyphenator only when it is letters from its
    own list, between ASCII quotes and brackets: «ё», «ёлочки» and a
    preposition glued by a non-breaking space («по\u00a0выполнению») never
    broke, and justified lines gaped before them. The module's patterns are
    widened once; `hyphenation_pairs` copes with what they now let through.
    """
    letters = paragraph_module._hy_letters + "\u0401\u0451" + NBSP
    paragraph_module._hy_letters_pat = re.compile(f"^[{letters}]+$")
    paragraph_module._hy_shy_letters_pat = re.compile(f"^[{paragraph_module._hy_shy}{letters}]+$")
    paragraph_module._hy_pfx_pat = re.compile("^['\"([{\xbf\u2018\u201a\u201c\u201e\u00ab]+")
    paragraph_module._hy_sfx_pat = re.compile("[]'\")}?!.,;:\u2019\u201b\u201d\u201f\u00bb\u2026]+$")


LOW_ON_THE_PAGE = 80 * MM
"""Room below which a table that fits one row only is moved to the next page (higher up, a tall
first row is split rather than moved, or it might never fit)."""


class _Table(LongTable):
    """A long table that never leaves fewer than `last_rows` of its rows alone on the last page.

    ReportLab splits where the page ends; when that leaves a short remainder,
    or a section's title row last on the page, the split is made higher, a row
    at a time, so the next page gets enough rows and the title its measures.
    """

    last_rows = GOST_LAYOUT.last_rows_together
    """A class attribute: the parts ReportLab splits a table into are new instances of its class."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = super().split(available_width, available_height)
        # Low on a page, a table whose first part would hold one row starts on the next page.
        first_rows = len(parts[0]._cellvalues) - self.repeatRows if len(parts) == 2 else 2
        if first_rows < 2 and available_height < LOW_ON_THE_PAGE:
            return []
        height = available_height
        body_rows = len(self._cellvalues) - self.repeatRows
        while len(parts) == 2 and body_rows > self.last_rows:
            rest = len(parts[1]._cellvalues) - self.repeatRows
            kept = len(parts[0]._cellvalues) - self.repeatRows
            enough = rest >= self.last_rows and not _is_section(parts[0]._cellvalues[-1])
            if enough or kept <= self.last_rows:
                break
            # The last row of the first part moves over: cut above it.
            parts[0].wrap(available_width, height)
            height -= parts[0]._rowHeights[-1] + 0.5
            shorter = super().split(available_width, height)
            if len(shorter) != 2:
                break
            parts = shorter
        return parts


class _WholeIfItFits(KeepTogether):
    """Kept on one page where it fits one; taller than a page, it flows from where it stands.

    ReportLab's KeepTogether starts a new page for content taller than the room left even
    when no page could hold it: a monitoring appendix's ten long measures left the page of
    its title empty and split anyway.
    """

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (available_width, available_height):
            self.wrap(available_width, available_height)
        peek = self._doctemplateAttr("_peekNextFrame")
        frame = peek() if peek else None
        if frame is not None and self._H > frame._height - frame._topPadding - frame._bottomPadding:
            # Handed back as separate flowables (one alone would read as a failed split).
            return [self.NullActionFlowable(), *self._content]
        return super().split(available_width, available_height)


SECTION = "section"
"""The style name of a section's title row: `_Table` keeps it with the rows below it."""


def _is_section(row: Sequence[object]) -> bool:
    first = row[0] if row else None
    if isinstance(first, (list, tuple)):  # a split table holds its cells' flowables in tuples
        first = first[0] if first else None
    return isinstance(first, PdfParagraph) and first.style.name == SECTION


class _Styles:
    """The paragraph styles of one layout, all in the bundled family."""

    def __init__(self, layout: Layout) -> None:
        font, bold = fonts.REGULAR, fonts.BOLD
        size = layout.body_size
        leading = size * layout.body_leading
        single = size * layout.requisite_leading * 1.15
        self.body = ParagraphStyle(
            "body",
            fontName=font,
            fontSize=size,
            leading=leading,
            alignment=TA_JUSTIFY,
            firstLineIndent=layout.first_line_indent_mm * MM,
            spaceAfter=layout.paragraph_space_mm * MM,
            hyphenationLang=hyphenation_pairs,
            embeddedHyphenation=1,
            uriWasteReduce=0.3,
        )
        self.list = ParagraphStyle("list", parent=self.body, firstLineIndent=0, leftIndent=0)
        self.note = ParagraphStyle(
            "note",
            parent=self.body,
            fontSize=layout.note_size,
            leading=layout.note_size * 1.2,
            firstLineIndent=0,
            spaceBefore=2 * MM,
        )
        self.heading = ParagraphStyle(
            "heading",
            parent=self.body,
            fontName=bold,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceBefore=3 * MM,
            spaceAfter=3 * MM,
            hyphenationLang="",
        )
        self.authority = ParagraphStyle(
            "authority",
            fontName=bold,
            fontSize=layout.header_size,
            leading=layout.header_size * 1.15,
            alignment=TA_CENTER,
        )
        self.doc_type = ParagraphStyle(
            "doc_type",
            fontName=bold,
            fontSize=layout.document_type_size,
            leading=layout.document_type_size * 1.2,
            alignment=TA_CENTER,
            spaceBefore=layout.space_after_header_mm * MM,
            spaceAfter=5 * MM,
        )
        self.left = ParagraphStyle("left", fontName=font, fontSize=size, leading=single, alignment=TA_LEFT)
        self.right = ParagraphStyle("right", parent=self.left, alignment=TA_RIGHT)
        self.centre = ParagraphStyle("centre", parent=self.left, alignment=TA_CENTER)
        self.title = ParagraphStyle("title", parent=self.left, fontName=bold, keepWithNext=1)
        self.directive = ParagraphStyle(
            "directive",
            parent=self.body,
            firstLineIndent=0,
            keepWithNext=1,
            spaceBefore=2 * MM,
            spaceAfter=2 * MM,
        )
        self.executor = ParagraphStyle(
            "executor", fontName=font, fontSize=layout.executor_size, leading=layout.executor_size * 1.15
        )
        self.mark = ParagraphStyle("mark", fontName=font, fontSize=size, leading=single)
        self._leading = layout.table_leading
        self._cells: dict[tuple[float, bool, str], ParagraphStyle] = {}

    def section(self, size: float) -> ParagraphStyle:
        """A section's title row of a table."""
        return ParagraphStyle(SECTION, parent=self.cell(size, bold=True))

    def cell(self, size: float, bold: bool = False, align: str = "left") -> ParagraphStyle:
        key = (size, bold, align)
        if key not in self._cells:
            self._cells[key] = ParagraphStyle(
                f"cell{key}",
                fontName=fonts.BOLD if bold else fonts.REGULAR,
                fontSize=size,
                leading=size * self._leading,
                alignment={"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}[align],
                hyphenationLang=hyphenation_pairs,
                embeddedHyphenation=1,
            )
        return self._cells[key]


class _SignatureBlock(Flowable):
    """The last point, the signature and the executor's note at the foot of the same page.

    The block moves to the next page whole rather than leave the signature
    without text above it or the executor alone on a page; below the
    signature it takes the rest of the page and draws the note at its bottom.
    Only a block taller than a whole page is laid out piece by piece.
    """

    def __init__(self, top: list[Flowable], foot: Flowable | None, frame_height: float) -> None:
        super().__init__()
        self._top = top
        self._foot = foot
        self._frame_height = frame_height
        self._sizes: list[float] = []
        self._height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._sizes = [f.wrap(available_width, available_height)[1] for f in self._top]
        foot = self._foot.wrap(available_width, available_height)[1] if self._foot else 0.0
        need = sum(self._sizes) + foot
        self._height = max(need, available_height) if self._foot and need <= available_height else need
        return available_width, self._height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if self._height <= self._frame_height:
            return []
        return [*self._top, *([_AtFootOfFrame(self._foot)] if self._foot else [])]

    def draw(self) -> None:
        y = self._height
        for flowable, height in zip(self._top, self._sizes, strict=True):
            y -= height
            flowable.drawOn(self.canv, 0, y)
        if self._foot:
            self._foot.drawOn(self.canv, 0, 0)


class _AtFootOfFrame(Flowable):
    """Takes the rest of the page and draws its content at the bottom: the executor's note."""

    def __init__(self, content: Flowable) -> None:
        super().__init__()
        self._content = content
        self._content_height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, self._content_height = self._content.wrap(available_width, available_height)
        return available_width, max(self._content_height, available_height)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        self._content.drawOn(self.canv, 0, 0)


def _text(text: str) -> str:
    return escape(typeset(text))


def _plain_table(rows: Sequence[Sequence[object]], widths: Sequence[float], **kwargs: object) -> PdfTable:
    """A borderless table for requisite lines (date and number, signature), in the bundled font."""
    table = PdfTable([list(r) for r in rows], colWidths=list(widths), **kwargs)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.REGULAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return table


class _Builder:
    def __init__(self, document: Document, layout: Layout) -> None:
        self.document = document
        self.layout = layout
        self.styles = _Styles(layout)
        self.width = layout.body_width_mm * MM

    def header(self) -> list[Flowable]:
        req, styles, layout = self.document.requisites, self.styles, self.layout
        story: list[Flowable] = []
        if req.emblem_png:
            emblem = Image(io.BytesIO(req.emblem_png))
            ratio = emblem.imageWidth / emblem.imageHeight if emblem.imageHeight else 1.0
            emblem.drawHeight = layout.emblem_height_mm * MM
            emblem.drawWidth = emblem.drawHeight * ratio
            story += [emblem, Spacer(1, 3 * MM)]
        story += [PdfParagraph(_text(line.upper()), styles.authority) for line in req.authority_lines]
        story.append(PdfParagraph(self.document.doc_type.value, styles.doc_type))
        number = self.document.number or "________"
        story.append(
            _plain_table(
                [
                    [
                        PdfParagraph(format_date(self.document.issued), styles.left),
                        PdfParagraph(_text(f"№ {number}"), styles.right),
                    ]
                ],
                [self.width / 2, self.width / 2],
            )
        )
        if req.place:
            story += [Spacer(1, 3 * MM), PdfParagraph(_text(req.place), styles.centre)]
        story.append(Spacer(1, layout.space_after_heading_mm * MM))
        title = _plain_table(
            [[PdfParagraph(_text(self.document.title), styles.title)]],
            [layout.title_width_mm * MM],
            hAlign="LEFT",
        )
        title.keepWithNext = True
        story += [title, Spacer(1, layout.space_after_heading_mm * MM)]
        return story

    def blocks(self, blocks: Sequence[Block], width: float) -> list[Flowable]:
        story: list[Flowable] = []
        # Headings and notes wait here for what they introduce: a chart takes them onto its page.
        lead: list[Flowable] = []
        for block in blocks:
            if isinstance(block, Paragraph):
                style = {
                    "body": self.styles.body,
                    "heading": self.styles.heading,
                    "list": self.styles.list,
                    "note": self.styles.note,
                }[block.style]
                paragraph = PdfParagraph(_text(block.text), style)
                if block.style == "heading":
                    # Room for the heading and a few lines after it, or it starts the next page.
                    story += lead
                    lead = [CondPageBreak(self.layout.heading_room_mm * MM), paragraph]
                elif block.style == "note" and lead:
                    lead.append(paragraph)
                else:
                    story += [*lead, paragraph]
                    lead = []
            elif isinstance(block, Chart):
                drawing = build_drawing(block.spec, min(width, self.width))
                caption = PdfParagraph(_text(block.spec.title), self.styles.heading)
                story.append(KeepTogether([*lead, caption, drawing, Spacer(1, 3 * MM)]))
                lead = []
            elif isinstance(block, Table):
                story += self.table(block, width, lead)
                lead = []
            else:
                story += lead
                lead = []
                if isinstance(block, PageBreak):
                    story.append(PdfPageBreak())
        return story + lead

    def body(self) -> list[Flowable]:
        document, styles = self.document, self.styles
        story = self.blocks(document.printed_preamble(), self.width)
        if document.directive_in_preamble:
            story[-1].keepWithNext = True
        elif document.directive_line:
            story.append(PdfParagraph(document.directive_line, styles.directive))
        points = [self.point(number, point) for number, point in enumerate(document.points, start=1)]
        for flowables in points[:-1]:
            story += flowables
        tail = points[-1] if points else []
        executor = [
            line for line in (document.requisites.executor_name, document.requisites.executor_phone) if line
        ]
        note = (
            PdfParagraph("<br/>".join(_text(line) for line in executor), styles.executor)
            if executor
            else None
        )
        frame_height = (
            self.layout.page_height_mm - self.layout.portrait.top - self.layout.portrait.bottom
        ) * MM
        top = [*tail, Spacer(1, self.layout.space_before_signature_mm * MM), self.signature()]
        story.append(_SignatureBlock(top, note, frame_height))
        return story

    def point(self, number: int, point: Point) -> list[Flowable]:
        flowables = [PdfParagraph(f"{number}. {_text(point.text)}", self.styles.body)]
        for sub_number, sub in enumerate(point.subpoints, start=1):
            flowables.append(PdfParagraph(f"{number}.{sub_number}. {_text(sub)}", self.styles.body))
        return flowables

    def signature(self) -> Flowable:
        req = self.document.requisites
        position_width = self.width * 0.6
        return _plain_table(
            [
                [
                    PdfParagraph(_text(req.signatory_position), self.styles.left),
                    PdfParagraph(_text(req.signatory_name), self.styles.right),
                ]
            ],
            [position_width, self.width - position_width],
        )

    def appendix(self, index: int, appendix: Appendix) -> list[Flowable]:
        layout = self.layout
        width = (layout.landscape_width_mm if appendix.landscape else layout.body_width_mm) * MM
        mark_lines = self.document.appendix_mark(index)
        mark = _plain_table(
            [[PdfParagraph("<br/>".join(_text(line) for line in mark_lines), self.styles.mark)]],
            [layout.corner_width_mm * MM],
            hAlign="RIGHT",
        )
        story: list[Flowable] = [mark, Spacer(1, layout.space_after_heading_mm * MM)]
        if appendix.title:
            story.append(PdfParagraph(_text(appendix.title), self.styles.heading))
        return story + self.blocks(appendix.blocks, width)

    def table(self, table: Table, width: float, lead: Sequence[Flowable] = ()) -> list[Flowable]:
        """The table after `lead` (the heading and notes that introduce it), kept with them."""
        layout, styles = self.layout, self.styles
        size = layout.wide_table_size if table.small else layout.table_size
        pad = layout.table_padding_mm * MM
        total = sum(table.widths)
        widths = [width * w / total for w in table.widths]
        columns = len(widths)
        commands: list[tuple[object, ...]] = [
            ("FONT", (0, 0), (-1, -1), fonts.REGULAR, size, size * layout.table_leading),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, len(table.header) - 1), "MIDDLE"),
            ("VALIGN", (0, len(table.header)), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ]
        header_style = styles.cell(size, bold=True, align="center")
        data: list[list[object]] = [[""] * columns for _ in table.header]
        for r, c, cell in table.header_cells():
            room = sum(widths[c : c + cell.span]) - 2 * pad - 1
            text = breakable_where_too_wide(
                typeset(cell.text), lambda w: stringWidth(w, fonts.BOLD, size), room
            )
            data[r][c] = PdfParagraph(escape(text), header_style)
            if cell.span > 1 or cell.rows > 1:
                commands.append(("SPAN", (c, r), (c + cell.span - 1, r + cell.rows - 1)))
        shade = colors.HexColor(layout.low_value_shade)
        base = len(table.header)
        # One ALIGN command per column, and one per cell only where a cell differs from its column.
        body = [row for index, row in enumerate(table.rows) if index not in table.section_rows]
        column_align = [body[0][c].align if body and c < len(body[0]) else "left" for c in range(columns)]
        for c, align in enumerate(column_align):
            commands.append(("ALIGN", (c, base), (c, -1), align.upper()))
        for index, body_row in enumerate(table.rows):
            r = base + index
            if index in table.section_rows:
                title = PdfParagraph(_text(body_row[0].text), styles.section(size))
                data.append([title] + [""] * (columns - 1))
                commands.append(("SPAN", (0, r), (-1, r)))
                continue
            row = []
            for c, cell in enumerate(body_row):
                text = typeset(cell.text)
                if cell.marked:
                    commands.append(("BACKGROUND", (c, r), (c, r), shade))
                    commands.append(("FONT", (c, r), (c, r), fonts.BOLD, size, size * layout.table_leading))
                fits = "\n" not in text and stringWidth(text, fonts.REGULAR, size) <= widths[c] - 2 * pad - 1
                if fits:
                    row.append(text)
                    if cell.align != column_align[c]:
                        commands.append(("ALIGN", (c, r), (c, r), cell.align.upper()))
                else:
                    row.append(
                        PdfParagraph(
                            escape(text).replace("\n", "<br/>"),
                            styles.cell(size, bold=cell.marked, align=cell.align),
                        )
                    )
            data.append(row)
        # A row that reaches the foot of the page continues on the next one (a long measure leaves
        # no gap), but only with at least ROW_SPLIT_LINES lines on each side. Splitting at rows first
        # left a gap that ReportLab then filled with the repeated header and a sliver of the next
        # row, so the header stood again in the middle of every page.
        pdf_table = _Table(
            data,
            colWidths=widths,
            repeatRows=base,
            hAlign="LEFT",
            splitByRow=0,
            splitInRow=ROW_SPLIT_LINES * size * layout.table_leading + 2 * pad,
        )
        pdf_table.setStyle(TableStyle(commands))
        story: list[Flowable] = []
        caption = [PdfParagraph(_text(table.caption), styles.heading)] if table.caption else []
        if len(table.rows) <= layout.whole_table_rows:
            # Its heading goes with it: left behind, it stood alone at the foot of a page.
            story.append(_WholeIfItFits([*lead, *caption, pdf_table]))
        else:
            story += lead
            if caption:
                story.append(CondPageBreak(layout.heading_room_mm * MM))
            story += [*caption, pdf_table]
        story.append(Spacer(1, 2 * MM))
        return story

    def story(self) -> list[Flowable]:
        story = self.header() + self.body()
        for index, appendix in enumerate(self.document.appendices):
            story += [NextPageTemplate(LANDSCAPE if appendix.landscape else PORTRAIT), PdfPageBreak()]
            story += self.appendix(index, appendix)
        return story


def _templates(layout: Layout) -> list[PageTemplate]:
    def number_pages(canvas: Canvas, doc: BaseDocTemplate) -> None:
        page = canvas.getPageNumber()
        if page < layout.first_numbered_page:
            return
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, layout.page_number_size)
        canvas.drawCentredString(
            width / 2, height - layout.page_number_from_top_mm * MM - layout.page_number_size * 0.8, str(page)
        )
        canvas.restoreState()

    templates = []
    for name, margins, size in (
        (PORTRAIT, layout.portrait, (layout.page_width_mm * MM, layout.page_height_mm * MM)),
        (LANDSCAPE, layout.landscape, (layout.page_height_mm * MM, layout.page_width_mm * MM)),
    ):
        frame = Frame(
            margins.left * MM,
            margins.bottom * MM,
            size[0] - (margins.left + margins.right) * MM,
            size[1] - (margins.top + margins.bottom) * MM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=name,
        )
        templates.append(PageTemplate(id=name, frames=[frame], onPage=number_pages, pagesize=size))
    return templates


def render_pdf(document: Document, layout: Layout = GOST_LAYOUT) -> bytes:
    """The document as PDF bytes, every font embedded."""
    fonts.register_fonts()
    _hyphenate_russian_words()
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=(layout.page_width_mm * MM, layout.page_height_mm * MM),
        title=typeset(f"{document.doc_type.value.capitalize()} «{document.title}»"),
        author=" ".join(document.requisites.authority_lines),
        subject=layout.standard,
        creator="lowres-desktop",
        initialFontName=fonts.REGULAR,
        initialFontSize=layout.body_size,
    )
    template.addPageTemplates(_templates(layout))
    template.build(_Builder(document, layout).story())
    return buffer.getvalue()
