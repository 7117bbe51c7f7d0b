"""An order as plain data: what the builders produce and both renderers (PDF, DOCX) draw.

The builders of each kind of document know the domain and the wording; the
renderers know paper and fonts. Neither knows the other, so the PDF and the
DOCX of one document always carry the same blocks in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from lowres_desktop.reports.charts import ChartSpec

SCHOOLS_NAMED = 30
"""Schools a sentence of a document names at most: of more it gives the number, and a table or
an appendix, where each school has its row, names them. A region's lists run to hundreds, and
named in a sentence they filled pages with numbers."""


class DocumentType(StrEnum):
    ORDER = "ПРИКАЗ"
    DIRECTIVE = "РАСПОРЯЖЕНИЕ"
    NOTE = "СПРАВКА"
    """An information note for a meeting (a school passport, the dynamics report): no points."""

    @property
    def directive_word(self) -> str:
        """«ПРИКАЗЫВАЮ:» between an order's text and its points (seeds 000–003).

        A распоряжение has none: seed 004 ends its findings and goes on with
        «I. Руководителям общеобразовательных учреждений:»; a note has no points.
        """
        return "ПРИКАЗЫВАЮ:" if self is DocumentType.ORDER else ""

    @property
    def genitive(self) -> str:
        """«к приказу», «к распоряжению», «к справке»."""
        return {DocumentType.ORDER: "приказу", DocumentType.DIRECTIVE: "распоряжению"}.get(self, "справке")

    @property
    def of_word(self) -> str:
        """«Контроль исполнения приказа», «… распоряжения»."""
        return {DocumentType.ORDER: "приказа", DocumentType.DIRECTIVE: "распоряжения"}.get(self, "справки")

    @property
    def title(self) -> str:
        """«Приказ», as the user chooses it."""
        return self.value.capitalize()

    @property
    def has_points(self) -> bool:
        return self is not DocumentType.NOTE


@dataclass(frozen=True)
class Requisites:
    """The organisation's requisites, kept in the database and edited in a settings dialog."""

    authority_lines: tuple[str, ...] = ("МЭРИЯ ГОРОДА", "ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ")
    name_genitive: str = "департамента образования"
    """After «Приложение к приказу …»: the issuer in the genitive case."""
    place: str = "г. Город"
    signatory_position: str = "Начальник департамента"
    signatory_name: str = "И. О. Фамилия"
    executor_name: str = ""
    executor_phone: str = ""
    emblem_png: bytes | None = None


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of body text: justified with a first-line indent unless `style` says otherwise."""

    text: str
    style: str = "body"
    """body, heading (bold, centred, kept with the next block), list (no indent), note (small)."""


@dataclass(frozen=True)
class Cell:
    text: str
    marked: bool = False
    """A value the document draws attention to (a low result): bold on a grey fill."""
    align: str = "center"


@dataclass(frozen=True)
class HeaderCell:
    text: str
    span: int = 1
    rows: int = 1
    """Rows this cell covers downwards; later header rows simply omit the covered columns."""


@dataclass(frozen=True)
class Table:
    """A table whose header rows repeat on every page; section rows span the whole width."""

    header: tuple[tuple[HeaderCell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    """Relative column widths; the renderer scales them to the text width."""
    section_rows: frozenset[int] = frozenset()
    """Indices into `rows` of rows that hold one title spanning every column."""
    small: bool = False
    """Wide tables use the smaller table font."""
    caption: str = ""

    @property
    def columns(self) -> int:
        return len(self.widths)

    def header_cells(self) -> list[tuple[int, int, HeaderCell]]:
        """(row, column, cell) of every header cell, skipping columns covered from rows above."""
        covered: set[tuple[int, int]] = set()
        placed: list[tuple[int, int, HeaderCell]] = []
        for r, header_row in enumerate(self.header):
            column = 0
            for cell in header_row:
                while (r, column) in covered:
                    column += 1
                placed.append((r, column, cell))
                for dr in range(cell.rows):
                    for dc in range(cell.span):
                        covered.add((r + dr, column + dc))
                column += cell.span
        return placed


@dataclass(frozen=True)
class Chart:
    spec: ChartSpec


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Paragraph | Table | Chart | PageBreak


@dataclass(frozen=True)
class Point:
    """A numbered point of the order; sub-points are numbered «1.1.», «1.2.»."""

    text: str
    subpoints: tuple[str, ...] = ()


@dataclass(frozen=True)
class Appendix:
    title: str
    blocks: tuple[Block, ...]
    landscape: bool = False


@dataclass(frozen=True)
class Document:
    requisites: Requisites
    doc_type: DocumentType
    title: str
    preamble: tuple[Block, ...]
    points: tuple[Point, ...]
    appendices: tuple[Appendix, ...] = ()
    issued: date | None = None
    """None prints a blank line to fill in at registration."""
    number: str = ""
    directive_inline: bool = False
    """«На основании вышеизложенного ПРИКАЗЫВАЮ:» in the last preamble paragraph (seed 000)."""
    directive_lead: str = ""
    """Words an inline «ПРИКАЗЫВАЮ:» follows («На основании вышеизложенного»); a распоряжение,
    which has no such word, has none of them either."""
    basis: Basis | None = None
    """The basis applied (`apply_basis`): what the register keeps for a reprint."""

    @property
    def directive_in_preamble(self) -> bool:
        """Whether «ПРИКАЗЫВАЮ:» ends the last preamble paragraph instead of a line of its own."""
        return (
            self.directive_inline
            and self.doc_type.has_points
            and bool(self.preamble)
            and isinstance(self.preamble[-1], Paragraph)
        )

    def printed_preamble(self) -> tuple[Block, ...]:
        """The preamble as printed: an inline directive ends its last paragraph.

        An order's «… , ПРИКАЗЫВАЮ:»; a распоряжение's sentence ends there
        instead («В целях …:», or its full stop), and its points follow.
        """
        if not self.directive_in_preamble:
            return self.preamble
        last = self.preamble[-1]
        assert isinstance(last, Paragraph)
        word = self.doc_type.directive_word
        if word:
            text = " ".join(part for part in (last.text, self.directive_lead, word) if part)
        else:
            text = last.text[:-1] + ":" if last.text.endswith(",") else last.text
        return (*self.preamble[:-1], replace(last, text=text))

    @property
    def directive_line(self) -> str:
        """The directive word on a line of its own; "" when it is inline or the document has none."""
        return "" if self.directive_in_preamble else self.doc_type.directive_word

    def appendix_mark(self, index: int) -> tuple[str, ...]:
        """The lines at the top right of appendix `index` (0-based)."""
        label = "Приложение" if len(self.appendices) == 1 else f"Приложение № {index + 1}"
        return (
            label,
            f"к {self.doc_type.genitive} {self.requisites.name_genitive}",
            f"от {format_date(self.issued)} № {self.number or '________'}",
        )


@dataclass(frozen=True)
class Basis:
    """What the clerk settles before signing: proposed from the data, edited, saved with the document.

    `grounds` opens the text («На основании приказа министерства … от
    24.01.2020 № 183 «…»», seeds 000 and 003) before the document's own first
    sentence; `control` is the last point; `executor` the note at the foot
    («Прасолова» and the phone, a line each).
    """

    doc_type: DocumentType
    issuer: tuple[str, ...]
    grounds: str = ""
    points: tuple[Point, ...] | None = ()
    """None: the points the program proposes, knowing the data (no list to approve when none is found)."""
    control: str = ""
    executor: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "doc_type": self.doc_type.value,
            "issuer": list(self.issuer),
            "grounds": self.grounds,
            "points": [{"text": p.text, "subpoints": list(p.subpoints)} for p in self.points or ()],
            "control": self.control,
            "executor": self.executor,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Basis:
        points = data.get("points") or []
        assert isinstance(points, list)
        return cls(
            doc_type=DocumentType(str(data["doc_type"])),
            issuer=tuple(str(line) for line in data.get("issuer") or ()),  # type: ignore[union-attr]
            grounds=str(data.get("grounds") or ""),
            points=tuple(
                Point(str(p["text"]), tuple(str(sub) for sub in p.get("subpoints") or ())) for p in points
            ),
            control=str(data.get("control") or ""),
            executor=str(data.get("executor") or ""),
        )


def control_point(doc_type: DocumentType) -> str:
    """The last point the program proposes: «Контроль исполнения приказа оставляю за собой.»."""
    return f"Контроль исполнения {doc_type.of_word} оставляю за собой."


def split_control(points: tuple[Point, ...]) -> tuple[tuple[Point, ...], str]:
    """A builder's proposal as (points, control): its last point is the control point."""
    if points and points[-1].text.startswith("Контроль") and not points[-1].subpoints:
        return points[:-1], points[-1].text
    return points, ""


def apply_basis(document: Document, basis: Basis) -> Document:
    """The document with the clerk's basis: type, issuing body, grounds, points, control, executor."""
    executor = [line.strip() for line in basis.executor.splitlines() if line.strip()]
    requisites = replace(
        document.requisites,
        authority_lines=basis.issuer or document.requisites.authority_lines,
        executor_name=executor[0] if executor else "",
        executor_phone="\n".join(executor[1:]),
    )
    preamble = document.preamble
    grounds = basis.grounds.strip().rstrip(",")
    if grounds and preamble and isinstance(preamble[0], Paragraph):
        first = preamble[0].text
        opening = f"{grounds}, {first[:1].lower()}{first[1:]}"
        preamble = (replace(preamble[0], text=opening), *preamble[1:])
    elif grounds:
        preamble = (Paragraph(grounds + ","), *preamble)
    points = basis.points or ()
    control = basis.control.strip()
    if control:
        points = (*points, Point(control if control.endswith((".", "!")) else control + "."))
    has_points = basis.doc_type.has_points and bool(points)
    return replace(
        document,
        requisites=requisites,
        doc_type=basis.doc_type if has_points or basis.doc_type is DocumentType.NOTE else document.doc_type,
        preamble=preamble,
        points=points if has_points else (),
    )


def format_date(value: date | None) -> str:
    """«05.06.2016», or a blank to fill in by hand."""
    return value.strftime("%d.%m.%Y") if value else "____________"


def parse_points(text: str) -> tuple[Point, ...]:
    """Points from the text the user edits: one line a point, an indented or «-» line a sub-point.

    Numbers typed by the user («1.», «2.3.») are dropped: the document numbers
    its points itself, so an inserted point never breaks the numbering.
    """
    points: list[Point] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        is_sub = raw[:1] in (" ", "\t") or raw.lstrip().startswith(("-", "•", "–"))
        line = _strip_number(raw.strip().lstrip("-•–").strip())
        if is_sub and points:
            last = points[-1]
            points[-1] = Point(last.text, (*last.subpoints, line))
        else:
            points.append(Point(line))
    return tuple(points)


def points_text(points: tuple[Point, ...]) -> str:
    """The inverse of `parse_points`, for the editor."""
    lines: list[str] = []
    for point in points:
        lines.append(point.text)
        lines.extend(f"    {sub}" for sub in point.subpoints)
    return "\n".join(lines)


def _strip_number(line: str) -> str:
    head, _, rest = line.partition(" ")
    if rest and head.rstrip(".").replace(".", "").isdigit() and head.endswith("."):
        return rest.strip()
    return line
