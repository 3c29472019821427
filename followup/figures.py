"""The documents' charts as small static SVG, drawn in Python from an indicator's series.

The page draws each indicator with its Vega-Lite spec (`charts.indicator_chart`) in the
browser. The documents used to render that spec with vl-convert, which costs ~33 ms a chart in
Vega's renderer and gives ~190 SVG elements that WeasyPrint then lays out at ~25 ms a chart:
3 s for a plan of 40 indicators. A printed chart needs none of Vega's interaction, so this
draws the same picture from the same `IndicatorView` (the same points after suppression,
colours, dash, axis title, Danish numbers) in ~40 elements and well under a millisecond.
Pure: no database, no Django; `svg_to_png` rasterises one for Word.
"""

from __future__ import annotations

import math
from decimal import Decimal
from html import escape

from followup.charts import AREA_COLOUR, COMPARATOR_COLOUR, FONT
from followup.selectors import IndicatorView, Series
from lib.danish import format_number

LEFT, RIGHT, TOP = 52, 12, 8  # room for the y labels and title, the last x label, the top tick
AXIS_HEIGHT, LEGEND_HEIGHT = 20, 20
DASH = "6,3"
POINT_RADIUS = 3.5


def nice_ticks(low: float, high: float, *, count: int = 5) -> list[float]:
    """About `count` round ticks (1, 2 or 5 × 10ⁿ apart) covering low..high, as Vega picks."""
    if high <= low:
        step = 10 ** math.floor(math.log10(abs(low))) if low else 1.0
        low, high = low - step, high + step
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    n = round((last - first) / step)
    return [round(first + i * step, 10) for i in range(n + 1)]


def _tick_text(value: float, step: float, percent: bool) -> str:
    decimals = 0 if step >= 1 else min(2, -math.floor(math.log10(step)))
    if percent:
        decimals = max(decimals, 1 if step < 1 else 0)
    return format_number(Decimal(str(value)), decimals)


def _period_keys(series: list[Series]) -> list[tuple[int, int, str]]:
    """(year, half, label) of every period in any series, oldest first."""
    keys: dict[tuple[int, int], str] = {}
    for s in series:
        for p in s.points:
            keys.setdefault((p.year, p.half), str(p.year) if s.survey else p.label)
    return [(year, half, label) for (year, half), label in sorted(keys.items())]


def indicator_svg(view: IndicatorView, *, width: int = 380, height: int = 150) -> str:
    """The indicator's area against its comparator over time, as a standalone SVG document.

    `width` × `height` is the plotting area, as in the Vega-Lite spec; axes and the legend
    come on top of it.
    """
    series = [view.area] + ([view.comparator] if view.comparator else [])
    colours = [AREA_COLOUR, COMPARATOR_COLOUR]
    percent = view.indicator.unit == "percent"
    total_w = LEFT + width + RIGHT
    total_h = TOP + height + AXIS_HEIGHT + LEGEND_HEIGHT
    names = " mod ".join(s.label for s in series)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{total_h}" '
        f'viewBox="0 0 {total_w} {total_h}" font-family="{FONT}" font-size="10">'
        f"<title>{escape(f'{view.indicator.text}: {names} over tid')}</title>"
        f'<rect width="{total_w}" height="{total_h}" fill="white"/>'
    ]
    periods = _period_keys(series)
    values = [float(p.value) for s in series for p in s.points]
    if not periods or not values:
        out.append(
            f'<text x="{LEFT + width / 2}" y="{TOP + height / 2}" text-anchor="middle" '
            'fill="#454545">Ingen offentliggjorte værdier endnu</text></svg>'
        )
        return "".join(out)
    ticks = nice_ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1]
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0

    def y_of(value: float) -> float:
        return round(TOP + height - (value - low) / (high - low) * height, 1)

    band = width / len(periods)
    x_at = {
        (year, half): round(LEFT + band * (i + 0.5), 1) for i, (year, half, _) in enumerate(periods)
    }
    # Grid and y labels: one path for the grid, one text element per tick.
    grid = "".join(f"M{LEFT},{y_of(t)}h{width}" for t in ticks)
    out.append(f'<path d="{grid}" stroke="#ddd" stroke-width="1" fill="none"/>')
    out.append('<g text-anchor="end" fill="#000">')
    out.extend(
        f'<text x="{LEFT - 6}" y="{y_of(t) + 3.5}">{_tick_text(t, step, percent)}</text>'
        for t in ticks
    )
    out.append("</g>")
    axis_title = "Procent" if percent else "Antal"
    middle = TOP + height / 2
    out.append(
        f'<text transform="translate(11,{middle}) rotate(-90)" text-anchor="middle" '
        f'font-weight="bold" font-size="11">{axis_title}</text>'
    )
    # X axis: the baseline, ticks as one path, labels thinned out when they would collide.
    base_y = TOP + height
    ticks_path = "".join(f"M{x},{base_y}v5" for x in x_at.values())
    out.append(
        f'<path d="M{LEFT},{base_y}h{width}{ticks_path}" stroke="#888" stroke-width="1" '
        'fill="none"/>'
    )
    widest = max(len(label) for _, _, label in periods) * 6.2 + 6
    every = max(1, math.ceil(widest / band))
    out.append('<g text-anchor="middle" fill="#000">')
    out.extend(
        f'<text x="{x_at[(year, half)]}" y="{base_y + 16}">{escape(label)}</text>'
        for i, (year, half, label) in enumerate(periods)
        if i % every == 0
    )
    out.append("</g>")
    # The series: a line and its points, each one path.
    for s, colour in zip(series, colours, strict=False):
        points = [(x_at[(p.year, p.half)], y_of(float(p.value))) for p in s.points]
        if not points:
            continue
        dash = f' stroke-dasharray="{DASH}"' if colour == COMPARATOR_COLOUR else ""
        line = "M" + "L".join(f"{x},{y}" for x, y in points)
        out.append(f'<path d="{line}" stroke="{colour}" stroke-width="2" fill="none"{dash}/>')
        r = POINT_RADIUS
        dots = "".join(
            f"M{x - r},{y}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0" for x, y in points
        )
        out.append(f'<path d="{dots}" fill="{colour}"/>')
    # Legend under the axis, as the spec's `orient: bottom`.
    legend_y = base_y + AXIS_HEIGHT + 12
    x: float = LEFT
    for s, colour in zip(series, colours, strict=False):
        dash = f' stroke-dasharray="{DASH}"' if colour == COMPARATOR_COLOUR else ""
        out.append(
            f'<path d="M{x},{legend_y - 3.5}h18" stroke="{colour}" stroke-width="2"{dash}/>'
            f'<text x="{x + 23}" y="{legend_y}">{escape(s.label)}</text>'
        )
        x += 23 + len(s.label) * 6.2 + 16
    out.append("</svg>")
    return "".join(out)


def svg_to_png(svg: str, *, scale: float = 2) -> bytes:
    """A chart as PNG for Word (resvg inside vl-convert: ~15 ms, no JavaScript engine)."""
    import vl_convert as vlc

    png: bytes = vlc.svg_to_png(svg, scale=scale)
    return png
