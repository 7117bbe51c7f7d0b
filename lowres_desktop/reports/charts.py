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
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from lowres_desktop.reports import fonts

if TYPE_CHECKING:
    from lowres_desktop.domain.chart_series import BarChart, LineChart

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
_MARKERS = ("circle", "square", "triangle", "diamond", "down")


@dataclass(frozen=True)
class ChartSeries:
    name: str
    values: tuple[float | None, ...]
    """One value per category; None where there is no data (the line breaks there)."""
    color: str | None = None
    """None takes the palette's colour for the series' position."""
    dashed: bool = False


@dataclass(frozen=True)
class ChartLevel:
    """A horizontal line across the plot: a threshold or a target."""

    label: str
    value: float
    color: str = THRESHOLD_COLOR


@dataclass(frozen=True)
class ChartSpec:
    title: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    kind: str = "line"
    """line (values over years) or bar (groups of bars per category)."""
    y_max: float | None = None
    y_unit: str = "%"
    levels: tuple[ChartLevel, ...] = ()
    stacked: bool = False
    height_mm: float = 75.0


def chart_from_series(chart: LineChart | BarChart, height_mm: float = 75.0) -> ChartSpec:
    """The analysis' chart series (domain/chart_series.py), as the app draws them, for print."""
    levels = tuple(ChartLevel(level.label, level.value, level.color) for level in chart.levels or [])
    if hasattr(chart, "lines"):
        years = list(chart.years)
        series = tuple(
            ChartSeries(
                line.label,
                tuple(dict(line.points).get(year) for year in years),
                line.color,
                line.dashed,
            )
            for line in chart.lines
        )
        return ChartSpec(
            chart.title,
            tuple(str(y) for y in years),
            series,
            "line",
            chart.y_max,
            chart.y_label,
            levels,
            height_mm=height_mm,
        )
    series = tuple(ChartSeries(bars.label, tuple(bars.values), bars.color) for bars in chart.bars)
    return ChartSpec(
        chart.title,
        tuple(chart.groups),
        series,
        "bar",
        chart.y_max,
        chart.y_label,
        levels,
        chart.stacked,
        height_mm,
    )


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


def _wrap_label(text: str, width: float, font: str, size: float) -> list[str]:
    """A category label in at most two lines that fit the band."""
    if stringWidth(text, font, size) <= width or " " not in text:
        return [text]
    words = text.split()
    best = [text]
    for cut in range(1, len(words)):
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        if max(stringWidth(line, font, size) for line in lines) <= width:
            return lines
        best = lines if max(map(len, lines)) < max(map(len, best)) else best
    return best


def _color(spec: ChartSpec, index: int) -> colors.Color:
    return colors.HexColor(spec.series[index].color or PALETTE[index % len(PALETTE)])


def _dash(series: ChartSeries) -> tuple[int, int] | None:
    return (4, 2) if series.dashed else None


def build_drawing(spec: ChartSpec, width: float) -> Drawing:
    """The chart as vector shapes, `width` points wide; every string in the bundled serif."""
    fonts.register_fonts()
    font = fonts.REGULAR
    size = 8.5
    ink = colors.HexColor("#202020")
    height = spec.height_mm * 72 / 25.4
    drawing = Drawing(width, height, initialFontName=font, initialFontSize=size)

    def text(
        x: float,
        y: float,
        value: str,
        anchor: str = "start",
        color: colors.Color = ink,
        font_size: float = size,
    ) -> None:
        drawing.add(
            String(x, y, value, fontName=font, fontSize=font_size, textAnchor=anchor, fillColor=color)
        )

    legend = _legend(spec, width - 40, size)
    legend_height = len(legend) * (size + 5) + 4
    if spec.stacked:
        values = [sum(s.values[i] or 0 for s in spec.series) for i in range(len(spec.categories))]
    else:
        values = [v for s in spec.series for v in s.values if v is not None]
    top = spec.y_max or max([*values, *(level.value for level in spec.levels), 1.0]) * 1.1
    step = _nice_step(top)
    if all(float(v).is_integer() for v in values):
        step = max(1.0, math.ceil(step))
    top = math.ceil(top / step) * step
    x0 = 8 + stringWidth(_label(top), font, size) + 6
    x1 = width - 6
    count = max(len(spec.categories), 1)
    band = (x1 - x0) / count
    label_size = 8.0 if count > 8 else size
    labels = [_wrap_label(c, band - 2, font, label_size) for c in spec.categories]
    label_lines = max((len(lines) for lines in labels), default=1)
    y0 = legend_height + label_lines * (label_size + 1) + 8
    y1 = height - size - 6

    tick = 0.0
    while tick <= top + 1e-9:
        y = y0 + (y1 - y0) * tick / top
        drawing.add(Line(x0, y, x1, y, strokeColor=colors.HexColor("#c8c8c8"), strokeWidth=0.4))
        text(x0 - 4, y - size / 3, _label(tick), "end")
        tick += step
    # Flush with the drawing's left edge: anchored at the axis it ran off the picture («% участников»).
    text(2, y1 + 5, spec.y_unit)
    drawing.add(Line(x0, y0, x0, y1, strokeColor=ink, strokeWidth=0.7))
    drawing.add(Line(x0, y0, x1, y0, strokeColor=ink, strokeWidth=0.7))
    for index, lines in enumerate(labels):
        for line_index, line in enumerate(lines):
            text(
                x0 + band * (index + 0.5),
                y0 - (line_index + 1) * (label_size + 1) - 2,
                line,
                "middle",
                font_size=label_size,
            )

    def y_of(value: float) -> float:
        return y0 + (y1 - y0) * max(min(value, top), 0) / top

    if spec.kind == "bar":
        groups = 1 if spec.stacked else max(len(spec.series), 1)
        bar = band * 0.7 / groups
        bases = [0.0] * count
        for s_index, series in enumerate(spec.series):
            color = _color(spec, s_index)
            for c_index, value in enumerate(series.values):
                if not value:
                    continue
                offset = 0 if spec.stacked else bar * s_index
                x = x0 + band * c_index + band * 0.15 + offset
                bottom, top_value = bases[c_index], bases[c_index] + value
                height_pt = y_of(top_value) - y_of(bottom)
                drawing.add(
                    Rect(
                        x,
                        y_of(bottom),
                        bar * 0.92,
                        height_pt,
                        fillColor=color,
                        strokeColor=ink,
                        strokeWidth=0.3,
                    )
                )
                if spec.stacked:
                    if height_pt >= 9:
                        text(
                            x + bar * 0.46,
                            y_of(bottom) + height_pt / 2 - 2.5,
                            _label(round(value, 1)),
                            "middle",
                            font_size=7,
                        )
                    bases[c_index] = top_value
                elif bar >= 12:
                    text(x + bar * 0.46, y_of(value) + 2, _label(round(value, 1)), "middle", font_size=7)
    else:
        for s_index, series in enumerate(spec.series):
            color = _color(spec, s_index)
            marker = _MARKERS[s_index % len(_MARKERS)]
            run: list[float] = []
            for c_index, value in enumerate([*series.values, None]):
                if value is None:
                    if len(run) >= 4:
                        drawing.add(
                            PolyLine(run, strokeColor=color, strokeWidth=1.4, strokeDashArray=_dash(series))
                        )
                    run = []
                    continue
                x, y = x0 + band * (c_index + 0.5), y_of(value)
                run += [x, y]
                drawing.add(_marker(marker, x, y, 4.2, color))

    for level in spec.levels:
        y = y_of(level.value)
        color = colors.HexColor(level.color)
        drawing.add(Line(x0, y, x1, y, strokeColor=color, strokeWidth=1.1, strokeDashArray=(5, 3)))
        if level.label:
            text(x1 - 2, y + 3, level.label, "end", color)

    y = legend_height - size - 2
    for row in legend:
        x = x0
        for index, name, entry in row:
            color = _color(spec, index)
            mid = y + size / 3
            if spec.kind == "bar":
                drawing.add(Rect(x + 4, mid - 4, 14, 8, fillColor=color, strokeColor=ink, strokeWidth=0.3))
            else:
                drawing.add(
                    Line(
                        x,
                        mid,
                        x + 22,
                        mid,
                        strokeColor=color,
                        strokeWidth=1.4,
                        strokeDashArray=_dash(spec.series[index]),
                    )
                )
                drawing.add(_marker(_MARKERS[index % len(_MARKERS)], x + 11, mid, 4.2, color))
            text(x + 26, y, name)
            x += entry
        y -= size + 5
    return drawing


def _rgb(color: colors.Color | None) -> tuple[int, int, int] | None:
    if color is None:
        return None
    return (round(color.red * 255), round(color.green * 255), round(color.blue * 255))


def _dashes(points: list[tuple[float, float]], pattern: Sequence[float]) -> list[list[tuple[float, float]]]:
    """The pieces of a polyline a dash pattern (on, off, … in the same units) leaves drawn."""
    pieces: list[list[tuple[float, float]]] = []
    phase, index, drawn = 0.0, 0, True
    current: list[tuple[float, float]] = [points[0]] if points else []
    for (ax, ay), (bx, by) in pairwise(points):
        length = math.hypot(bx - ax, by - ay)
        done = 0.0
        while length - done > 1e-9:
            step = min(pattern[index] - phase, length - done)
            done += step
            phase += step
            point = (ax + (bx - ax) * done / length, ay + (by - ay) * done / length)
            if drawn:
                current.append(point)
            if phase >= pattern[index] - 1e-9:
                if drawn and len(current) > 1:
                    pieces.append(current)
                drawn = not drawn
                current = [point]
                index, phase = (index + 1) % len(pattern), 0.0
    if drawn and len(current) > 1:
        pieces.append(current)
    return pieces


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
        if isinstance(shape, (Line, PolyLine)):
            coordinates = (
                [shape.x1, shape.y1, shape.x2, shape.y2] if isinstance(shape, Line) else list(shape.points)
            )
            pts = [point(coordinates[i], coordinates[i + 1]) for i in range(0, len(coordinates), 2)]
            # Dashed as in the PDF: the caption's «пунктирные – средние» has to hold on paper.
            dash = getattr(shape, "strokeDashArray", None)
            for piece in _dashes(pts, [d * scale for d in dash]) if dash else [pts]:
                canvas.line(piece, fill=stroke, width=line_width, joint="curve")
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
