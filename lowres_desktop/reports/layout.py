"""The layout numbers of an order per ГОСТ Р 7.0.97, kept as settings in one place.

ГОСТ Р 7.0.97-2025 replaced the 2016 edition on 18.08.2025; as far as is
known it keeps the 2016 figures below (margins, 12–14 pt, indent 1.25 cm,
page numbers from page 2 in the top margin) and widens corner requisite lines
to 8 cm. Every renderer (PDF and DOCX) reads these values and nothing else,
so following a later edition means editing this module only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MM = 72.0 / 25.4
"""Points per millimetre: ReportLab and python-docx both speak points."""


@dataclass(frozen=True)
class Margins:
    """Margins in millimetres."""

    left: float
    right: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Layout:
    """Everything a renderer needs to place an order on paper."""

    standard: str = "ГОСТ Р 7.0.97-2025"
    page_width_mm: float = 210.0
    page_height_mm: float = 297.0
    # 30 mm at the binding edge: orders on the core activity are kept for more than 10 years.
    portrait: Margins = field(default_factory=lambda: Margins(left=30.0, right=10.0, top=20.0, bottom=20.0))
    # A landscape sheet is bound by its top edge in the same file; 20 mm below as on every sheet.
    landscape: Margins = field(default_factory=lambda: Margins(left=20.0, right=10.0, top=30.0, bottom=20.0))
    # Centred in the top margin, at least 10 mm from the edge of the sheet.
    page_number_from_top_mm: float = 12.0
    page_number_size: float = 12.0
    first_numbered_page: int = 2

    font_family: str = "Times New Roman"
    """The family the DOCX names: every office PC has it; the PDF embeds the bundled Liberation Serif,
    made to the same metrics, so both break their lines alike."""
    language: str = "ru-RU"
    body_size: float = 14.0
    body_leading: float = 1.15
    first_line_indent_mm: float = 12.5
    requisite_leading: float = 1.0
    header_size: float = 14.0
    document_type_size: float = 16.0
    table_size: float = 11.0
    wide_table_size: float = 9.0
    table_leading: float = 1.1
    table_padding_mm: float = 1.0
    note_size: float = 10.0
    executor_size: float = 10.0

    # Corner requisites (the appendix mark) and a flush-left heading: up to 8 cm a line since 2025.
    corner_width_mm: float = 80.0
    title_width_mm: float = 100.0
    space_after_header_mm: float = 8.0
    space_after_heading_mm: float = 6.0
    space_before_signature_mm: float = 12.0
    paragraph_space_mm: float = 0.0
    emblem_height_mm: float = 15.0
    last_rows_together: int = 3
    """Rows of a table at least on its last page: two rows alone under a repeated header look lost."""
    whole_table_rows: int = 12
    """A table of up to this many rows is not split: it starts the next page if it does not fit
    (a list of seven schools ran four rows on one page and three on the next)."""
    heading_room_mm: float = 40.0
    """A heading or a table caption with less room than this below it starts the next page."""

    low_value_shade: str = "#d9d9d9"
    """Fill of a low value in a table: visible on a black-and-white printer."""

    @property
    def body_width_mm(self) -> float:
        return self.page_width_mm - self.portrait.left - self.portrait.right

    @property
    def landscape_width_mm(self) -> float:
        return self.page_height_mm - self.landscape.left - self.landscape.right


GOST_LAYOUT = Layout()
"""The layout every document uses."""
