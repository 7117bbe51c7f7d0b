"""Charts for print: the app's series drawn as ReportLab vector graphics, and as PNG for DOCX.

Documents draw the same plain series the app's charts show (a value per
category and series), never screenshots. Lines differ by marker and dash as
well as colour, because most of these pages come out of a black-and-white
office printer. The DOCX renderer needs a picture: `drawing_to_png` paints the
very same shapes with Pillow, so the two files never disagree.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from lowres_desktop.reports import fonts

PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#393b79",
)
THRESHOLD_COLOR = "#c00000"
_DASHES = (None, (4, 2), (1, 2), (6, 2, 1, 2), (8, 3))
_MARKERS = ("circle", "square", "triangle", "diamond", "down")


@dataclass(frozen=True)
class ChartSeries:
    name: str
    values: tuple[float | None, ...]
    """One value per category; None where there is no data (the line breaks there)."""


@dataclass(frozen=True)
class ChartSpec:
    title: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    kind: str = "line"
    """line (values over years) or bar (groups of bars per category)."""
    y_max: float | None = None
    y_unit: str = "%"
    threshold: float | None = None
    threshold_label: str = ""
    height_mm: float = 75.0


def _nice_step(top: float) -> float:
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _label(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _marker(kind: str, x: float, y: float, size: float, color: colors.Color) -> Circle | Rect | Polygon:
    half = size / 2
    if kind == "circle":
        return Circle(x, y, half, fillColor=color, strokeColor=color)
    if kind == "square":
        return Rect(x - half, y - half, size, size, fillColor=color, strokeColor=color)
    if kind == "triangle":
        points = [x - half, y - half, x + half, y - half, x, y + half]
    elif kind == "down":
        points = [x - half, y + half, x + half, y + half, x, y - half]
    else:
        points = [x, y - half, x + half, y, x, y + half, x - half, y]
    return Polygon(points, fillColor=color, strokeColor=color)


def _legend(spec: ChartSpec, width: float, size: float) -> list[list[tuple[int, str, float]]]:
    """Legend entries wrapped into rows that fit the width: (series index, name, entry width)."""
    rows: list[list[tuple[int, str, float]]] = [[]]
    used = 0.0
    for index, series in enumerate(spec.series):
        entry = 26 + stringWidth(series.name, fonts.REGULAR, size) + 12
        if rows[-1] and used + entry > width:
            rows.append([])
            used = 0.0
        rows[-1].append((index, series.name, entry))
        used += entry
    return rows if rows[0] else []


def build_drawing(spec: ChartSpec, width: float) -> Drawing:
    """The chart as vector shapes, `width` points wide; every string in the bundled serif."""
    fonts.register_fonts()
    font = fonts.REGULAR
    size = 8.5
    height = spec.height_mm * 72 / 25.4
    drawing = Drawing(width, height, initialFontName=font, initialFontSize=size)
    legend = _legend(spec, width - 40, size)
    legend_height = len(legend) * (size + 5) + 4
    values = [v for s in spec.series for v in s.values if v is not None]
    top = spec.y_max or max([*values, spec.threshold or 0, 1.0]) * 1.1
    step = _nice_step(top)
    top = math.ceil(top / step) * step
    left = 8 + stringWidth(_label(top), font, size) + 6
    x0, x1 = left, width - 6
    y0, y1 = legend_height + size + 10, height - size - 6
    ink = colors.HexColor("#202020")

    tick = 0.0
    while tick <= top + 1e-9:
        y = y0 + (y1 - y0) * tick / top
        drawing.add(Line(x0, y, x1, y, strokeColor=colors.HexColor("#c8c8c8"), strokeWidth=0.4))
        drawing.add(
            String(
                x0 - 4,
                y - size / 3,
                _label(tick),
                fontName=font,
                fontSize=size,
                textAnchor="end",
                fillColor=ink,
            )
        )
        tick += step
    drawing.add(
        String(x0 - 4, y1 + 5, spec.y_unit, fontName=font, fontSize=size, textAnchor="end", fillColor=ink)
    )
    drawing.add(Line(x0, y0, x0, y1, strokeColor=ink, strokeWidth=0.7))
    drawing.add(Line(x0, y0, x1, y0, strokeColor=ink, strokeWidth=0.7))

    count = max(len(spec.categories), 1)
    band = (x1 - x0) / count
    label_size = size if max((stringWidth(c, font, size) for c in spec.categories), default=0) < band else 7
    for index, category in enumerate(spec.categories):
        drawing.add(
            String(
                x0 + band * (index + 0.5),
                y0 - size - 3,
                category,
                fontName=font,
                fontSize=label_size,
                textAnchor="middle",
                fillColor=ink,
            )
        )

    def y_of(value: float) -> float:
        return y0 + (y1 - y0) * min(value, top) / top

    if spec.kind == "bar":
        groups = max(len(spec.series), 1)
        bar = band * 0.8 / groups
        for s_index, series in enumerate(spec.series):
            color = colors.HexColor(PALETTE[s_index % len(PALETTE)])
            for c_index, value in enumerate(series.values):
                if value is None:
                    continue
                x = x0 + band * c_index + band * 0.1 + bar * s_index
                drawing.add(
                    Rect(
                        x, y0, bar * 0.92, y_of(value) - y0, fillColor=color, strokeColor=ink, strokeWidth=0.3
                    )
                )
                if bar >= 14:
                    drawing.add(
                        String(
                            x + bar * 0.46,
                            y_of(value) + 2,
                            _label(round(value, 1)),
                            fontName=font,
                            fontSize=7,
                            textAnchor="middle",
                            fillColor=ink,
                        )
                    )
    else:
        for s_index, series in enumerate(spec.series):
            color = colors.HexColor(PALETTE[s_index % len(PALETTE)])
            marker = _MARKERS[s_index % len(_MARKERS)]
            dash = _DASHES[(s_index // len(PALETTE) + s_index) % len(_DASHES)]
            run: list[float] = []
            for c_index, value in enumerate([*series.values, None]):
                if value is None:
                    if len(run) >= 4:
                        drawing.add(PolyLine(run, strokeColor=color, strokeWidth=1.4, strokeDashArray=dash))
                    run = []
                    continue
                x, y = x0 + band * (c_index + 0.5), y_of(value)
                run += [x, y]
                drawing.add(_marker(marker, x, y, 4.2, color))

    if spec.threshold is not None:
        y = y_of(spec.threshold)
        red = colors.HexColor(THRESHOLD_COLOR)
        drawing.add(Line(x0, y, x1, y, strokeColor=red, strokeWidth=1.1, strokeDashArray=(5, 3)))
        if spec.threshold_label:
            drawing.add(
                String(
                    x1 - 2,
                    y + 3,
                    spec.threshold_label,
                    fontName=font,
                    fontSize=size,
                    textAnchor="end",
                    fillColor=red,
                )
            )

    y = legend_height - size - 2
    for row in legend:
        x = x0
        for index, name, entry in row:
            color = colors.HexColor(PALETTE[index % len(PALETTE)])
            mid = y + size / 3
            if spec.kind == "bar":
                drawing.add(Rect(x + 4, mid - 4, 14, 8, fillColor=color, strokeColor=ink, strokeWidth=0.3))
            else:
                dash = _DASHES[(index // len(PALETTE) + index) % len(_DASHES)]
                drawing.add(
                    Line(x, mid, x + 22, mid, strokeColor=color, strokeWidth=1.4, strokeDashArray=dash)
                )
                drawing.add(_marker(_MARKERS[index % len(_MARKERS)], x + 11, mid, 4.2, color))
            drawing.add(String(x + 26, y, name, fontName=font, fontSize=size, fillColor=ink))
            x += entry
        y -= size + 5
    return drawing


def _rgb(color: colors.Color | None) -> tuple[int, int, int] | None:
    if color is None:
        return None
    return (round(color.red * 255), round(color.green * 255), round(color.blue * 255))


def drawing_to_png(drawing: Drawing, dpi: int = 200) -> bytes:
    """Paint the shapes `build_drawing` uses with Pillow: the DOCX gets the same chart as the PDF."""
    scale = dpi / 72
    width, height = round(drawing.width * scale), round(drawing.height * scale)
    image = Image.new("RGB", (width, height), "white")
    canvas = ImageDraw.Draw(image)
    font_cache: dict[float, ImageFont.FreeTypeFont] = {}

    def point(x: float, y: float) -> tuple[float, float]:
        return (x * scale, height - y * scale)

    for shape in drawing.contents:
        stroke = _rgb(getattr(shape, "strokeColor", None))
        line_width = max(1, round(getattr(shape, "strokeWidth", 1) * scale))
        if isinstance(shape, Line):
            canvas.line([point(shape.x1, shape.y1), point(shape.x2, shape.y2)], fill=stroke, width=line_width)
        elif isinstance(shape, PolyLine):
            pts = [point(shape.points[i], shape.points[i + 1]) for i in range(0, len(shape.points), 2)]
            canvas.line(pts, fill=stroke, width=line_width, joint="curve")
        elif isinstance(shape, Rect):
            (left, bottom), (right, top) = (
                point(shape.x, shape.y),
                point(shape.x + shape.width, shape.y + shape.height),
            )
            canvas.rectangle(
                [left, min(top, bottom), right, max(top, bottom)], fill=_rgb(shape.fillColor), outline=stroke
            )
        elif isinstance(shape, Circle):
            cx, cy = point(shape.cx, shape.cy)
            r = shape.r * scale
            canvas.ellipse([cx - r, cy - r, cx + r, cy + r], fill=_rgb(shape.fillColor), outline=stroke)
        elif isinstance(shape, Polygon):
            pts = [point(shape.points[i], shape.points[i + 1]) for i in range(0, len(shape.points), 2)]
            canvas.polygon(pts, fill=_rgb(shape.fillColor), outline=stroke)
        elif isinstance(shape, String):
            size = shape.fontSize * scale
            if size not in font_cache:
                font_cache[size] = ImageFont.truetype(str(fonts.font_file(fonts.REGULAR)), round(size))
            x, y = point(shape.x, shape.y)
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.textAnchor]
            canvas.text((x, y), shape.text, fill=_rgb(shape.fillColor), font=font_cache[size], anchor=anchor)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()
