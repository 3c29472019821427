"""The one chart definition of an indicator: its area against its comparator over time, as SVG.

`indicator_svg` draws it in Python from an `IndicatorView` (the points left after
suppression, so a small count never reaches a chart). The dashboard puts the string inline;
the PDF embeds the very same string as an image and Word gets it rasterised by `svg_to_png`.
The page sizes it with CSS (`width: 100%` over the viewBox) and sets its own font on it.

Accessible without the picture: `role="img"` named by the `<title>` and described by a
`<desc>` that reads the series out in Danish; the comparator is dashed with square points,
so the two series differ by more than colour. Colours are DKFDS's primary blue and a dark
brown, both over 4.5:1 on white. ~40 elements, well under a millisecond a chart: Vega-Lite
through vl-convert took ~33 ms a chart and missed the PDF's 3 s target at 40 indicators.
Pure: no database, no Django.
"""

from __future__ import annotations

import math
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.selectors import IndicatorView, Series

AREA_COLOUR = "#0059b3"  # DKFDS primary
COMPARATOR_COLOUR = "#8a4b00"
TEXT_COLOUR = "#1a1a1a"
FONT = "DejaVu Sans"  # the documents' font; the page overrides it with its own
FONT_SIZE = 12
CHAR_WIDTH = 0.62 * FONT_SIZE  # a generous average advance, so labels are never crowded
WIDTH, HEIGHT = 300, 150  # the plotting area; ~1:1 on a phone, 100 mm in the documents
RIGHT, TOP = 14, 10
AXIS_HEIGHT, LEGEND_LINE = 22, 18
LEGEND_LEFT = 24  # right of the axis title, under the y labels: room for two names
DASH = "6,3"
POINT_SIZE = 3.5


def nice_ticks(low: float, high: float, *, count: int = 5) -> list[float]:
    """About `count` round ticks (1, 2 or 5 × 10ⁿ apart) covering low..high, as Vega picks."""
    if high <= low:
        step = 10 ** math.floor(math.log10(abs(low))) if low else 1.0
        low, high = low - step, high + step
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    n = round((last - first) / step)
    return [round(first + i * step, 10) for i in range(n + 1)]


def _tick_text(value: float, step: float) -> str:
    """A tick in Danish, every tick with the decimals the step needs: 64,5 · 65,0 · 65,5."""
    decimals = 0 if step >= 1 else min(2, -math.floor(math.log10(step)))
    text = f"{abs(value):,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"−{text}" if value < 0 and text.strip("0,.") else text


def _period_keys(series: list[Series]) -> list[tuple[int, int, str]]:
    """(year, half, label) of every period in any series, oldest first."""
    keys: dict[tuple[int, int], str] = {}
    for s in series:
        for p in s.points:
            keys.setdefault((p.year, p.half), str(p.year) if s.survey else p.label)
    return [(year, half, label) for (year, half), label in sorted(keys.items())]


def chart_id(view: IndicatorView) -> str:
    return f"diagram-{view.indicator.pk}"


def indicator_title(view: IndicatorView) -> str:
    """The chart's accessible name, in Danish."""
    series = [view.area] + ([view.comparator] if view.comparator else [])
    names = " mod ".join(s.label for s in series)
    return f"Diagram: {view.indicator.text} – {names} over tid"


def indicator_description(view: IndicatorView) -> str:
    """What the chart shows, read out in Danish: each series' line style, first and last value."""
    parts = []
    for s, style in ((view.area, "fuld linje"), (view.comparator, "stiplet linje")):
        if s is None:
            continue
        if not s.points:
            text = f"{s.label} ({style}): ingen offentliggjorte værdier"
        else:
            first, last = s.points[0], s.points[-1]
            text = f"{s.label} ({style}): {view.number(first.value)} i {first.label}"
            if len(s.points) > 1:
                text += f", {view.number(last.value)} i {last.label} ({len(s.points)} målinger)"
        if s.hidden:
            text += f"; {s.hidden} for små tal er udeladt"
        parts.append(text + ".")
    return " ".join(parts)


def _legend(series: list[Series], total_w: float) -> list[tuple[float, int]]:
    """(x, line) of each legend entry, wrapped onto a new line when it would not fit."""
    placed: list[tuple[float, int]] = []
    x, line = 0.0, 0
    for s in series:
        item = 23 + len(s.label) * CHAR_WIDTH
        if x and x + item > total_w - RIGHT:
            x, line = 0.0, line + 1
        placed.append((x, line))
        x += item + 16
    return placed


def _marker(x: float, y: float, square: bool) -> str:
    r = POINT_SIZE
    if square:
        return f"M{x - r},{y - r}h{2 * r}v{2 * r}h{-2 * r}z"
    return f"M{x - r},{y}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0"


def indicator_svg(view: IndicatorView, *, width: int = WIDTH, height: int = HEIGHT) -> str:
    """The indicator's area against its comparator over time, as a standalone SVG document.

    `width` × `height` is the plotting area; the y labels, the x axis and the legend come
    around it. The same string serves the page (inline) and the documents.
    """
    series = [view.area] + ([view.comparator] if view.comparator else [])
    colours = [AREA_COLOUR, COMPARATOR_COLOUR]
    percent = view.indicator.unit == "percent"
    periods = _period_keys(series)
    values = [float(p.value) for s in series for p in s.points]
    ticks = nice_ticks(min(values), max(values)) if values else []
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    tick_texts = [_tick_text(t, step) for t in ticks]
    left = 24 + max((len(t) for t in tick_texts), default=3) * CHAR_WIDTH + 8
    left = round(left)
    total_w = left + width + RIGHT
    legend = _legend(series, total_w - LEGEND_LEFT)
    lines = legend[-1][1] + 1
    total_h = TOP + height + AXIS_HEIGHT + lines * LEGEND_LINE + 6
    ident = chart_id(view)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{total_h}" '
        f'viewBox="0 0 {total_w} {total_h}" role="img" aria-labelledby="{ident}-titel" '
        f'aria-describedby="{ident}-beskrivelse" font-family="{FONT}" '
        f'font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}">'
        f'<title id="{ident}-titel">{escape(indicator_title(view))}</title>'
        f'<desc id="{ident}-beskrivelse">'
        f"{escape((indicator_description(view) + boundary_description(view)).strip())}</desc>"
        f'<rect width="{total_w}" height="{total_h}" fill="white"/>'
    ]
    if not periods:
        out.append(
            f'<text x="{left + width / 2}" y="{TOP + height / 2}" text-anchor="middle" '
            'fill="#454545">Ingen offentliggjorte værdier endnu</text></svg>'
        )
        return "".join(out)
    low, high = ticks[0], ticks[-1]

    def y_of(value: float) -> float:
        return round(TOP + height - (value - low) / (high - low) * height, 1)

    band = width / len(periods)
    x_at = {
        (year, half): round(left + band * (i + 0.5), 1) for i, (year, half, _) in enumerate(periods)
    }
    # Grid and y labels: one path for the grid, one text element per tick.
    grid = "".join(f"M{left},{y_of(t)}h{width}" for t in ticks)
    out.append(
        f'<path d="{grid}" stroke="#d6d6d6" stroke-width="1" fill="none" '
        'shape-rendering="crispEdges"/>'
    )
    out.append('<g text-anchor="end">')
    out.extend(
        f'<text x="{left - 6}" y="{y_of(t) + 4}">{text}</text>'
        for t, text in zip(ticks, tick_texts, strict=True)
    )
    out.append("</g>")
    axis_title = "Procent" if percent else "Antal"
    out.append(
        f'<text transform="translate(13,{TOP + height / 2}) rotate(-90)" text-anchor="middle" '
        f'font-weight="bold">{axis_title}</text>'
    )
    # X axis: the baseline, ticks as one path, labels thinned out when they would collide.
    base_y = TOP + height
    ticks_path = "".join(f"M{x},{base_y}v5" for x in x_at.values())
    out.append(
        f'<path d="M{left},{base_y}h{width}{ticks_path}" stroke="#757575" stroke-width="1" '
        'fill="none" shape-rendering="crispEdges"/>'
    )
    widest = max(len(label) for _, _, label in periods) * CHAR_WIDTH + 6
    every = max(1, math.ceil(widest / band))
    out.append('<g text-anchor="middle">')
    out.extend(
        f'<text x="{x_at[(year, half)]}" y="{base_y + 17}">{escape(label)}</text>'
        for i, (year, half, label) in enumerate(periods)
        if i % every == 0
    )
    out.append("</g>")
    out.extend(boundary_marks(view, periods, x_at, left=left, width=width, height=height))
    # The series: a line and its points, each one path; the comparator dashed, with squares.
    for n, (s, colour) in enumerate(zip(series, colours, strict=False)):
        points = [(x_at[(p.year, p.half)], y_of(float(p.value))) for p in s.points]
        if not points:
            continue
        dash = f' stroke-dasharray="{DASH}"' if n else ""
        line = "M" + "L".join(f"{x},{y}" for x, y in points)
        out.append(f'<path d="{line}" stroke="{colour}" stroke-width="2" fill="none"{dash}/>')
        dots = "".join(_marker(x, y, square=bool(n)) for x, y in points)
        out.append(f'<path d="{dots}" fill="{colour}"/>')
    # Legend under the axis: a sample of each line (dash and point) and its name.
    for n, (s, colour, (x, line_no)) in enumerate(zip(series, colours, legend, strict=False)):
        lx = LEGEND_LEFT + x
        ly = base_y + AXIS_HEIGHT + 12 + line_no * LEGEND_LINE
        dash = f' stroke-dasharray="{DASH}"' if n else ""
        out.append(
            f'<path d="M{lx},{ly - 4}h18" stroke="{colour}" stroke-width="2"{dash}/>'
            f'<path d="{_marker(lx + 9, ly - 4, square=bool(n))}" fill="{colour}"/>'
            f'<text x="{lx + 23}" y="{ly}">{escape(s.label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


BOUNDARY_COLOUR = "#454545"


def boundary_x(
    periods: list[tuple[int, int, str]],
    x_at: dict[tuple[int, int], float],
    year: int,
    *,
    right: float,
) -> float | None:
    """Where a funding period beginning in `year` falls on the x axis: halfway between the
    last period before it and the first in it, or at the right edge when every value is from
    before (the new period has none yet); None when every value is from the new period."""
    keys = [(y, h) for y, h, _ in periods]
    after = next((i for i, (y, _) in enumerate(keys) if y >= year), None)
    if after == 0 or not keys:
        return None
    if after is None:
        return round(right - 2, 1)
    return round((x_at[keys[after - 1]] + x_at[keys[after]]) / 2, 1)


def boundary_marks(
    view: IndicatorView,
    periods: list[tuple[int, int, str]],
    x_at: dict[tuple[int, int], float],
    *,
    left: float,
    width: float,
    height: float,
) -> list[str]:
    """A dotted vertical line and its name where a new funding period began (an indicator
    that continues one of the plan's previous period: `IndicatorView.boundaries`)."""
    marks = []
    for year, label in getattr(view, "boundaries", None) or ():
        x = boundary_x(periods, x_at, year, right=left + width)
        if x is None:
            continue
        right_half = x > left + width / 2
        anchor, tx = ("end", x - 4) if right_half else ("start", x + 4)
        marks.append(
            f'<path d="M{x},{TOP}v{height}" stroke="{BOUNDARY_COLOUR}" stroke-width="1.5" '
            f'stroke-dasharray="2,3" fill="none" class="app-period-boundary"/>'
            f'<text x="{tx}" y="{TOP + 11}" text-anchor="{anchor}" font-size="11" '
            f'fill="{BOUNDARY_COLOUR}">{escape(f"{label} {year}")}</text>'
        )
    return marks


def boundary_description(view: IndicatorView) -> str:
    """The boundaries read out for the chart's description."""
    years = [year for year, _ in getattr(view, "boundaries", None) or ()]
    if not years:
        return ""
    listed = ", ".join(str(y) for y in years)
    return (
        f" En prikket lodret linje viser, hvor en ny bevillingsperiode begyndte ({listed}); "
        "værdierne før den er målt i den forrige periode."
    )


def svg_to_png(svg: str, *, scale: float = 2) -> bytes:
    """A chart as PNG for Word (resvg inside vl-convert: ~15 ms, no JavaScript engine)."""
    import vl_convert as vlc

    png: bytes = vlc.svg_to_png(svg, scale=scale)
    return png


# ---------------------------------------------------------------------------------------
# The forandringsteori of an indsatsområde (evaluation, issue 10): read left to right, from
# the activities through output to the results on short, medium and long term. Drawn from
# the interchange format's `theory_of_change` dict, so the page, the PDF and (rasterised) Word
# show the same figure; each result lists its indicators with their current status.

THEORY_COLUMNS = (
    ("activities", "Aktiviteter"),
    ("output", "Output"),
    ("short", "Kort sigt"),
    ("medium", "Mellemlang sigt"),
    ("long", "Lang sigt"),
)
THEORY_BOX_WIDTH = 176
THEORY_GAP = 26
THEORY_LINE = 15
THEORY_SMALL = 10.5
# Status → (mark, colour): the mark says it without colour (✓ right/held, – unchanged, ✗ wrong,
# ? missing); the colours are those of DKFDS's badges, dark enough for text on white.
THEORY_STATUS = {
    "right": ("✓", "#2d6e2d"),
    "held": ("✓", "#2d6e2d"),
    "unchanged": ("–", "#0059b3"),
    "wrong": ("✗", "#b0160b"),
    "missing": ("?", "#6b4e00"),
}


def _wrap(text: str, width: float, size: float = FONT_SIZE) -> list[str]:
    """Words onto lines of at most `width` px at the chart's generous average advance."""
    per_line = max(8, int(width / (0.6 * size)))
    lines: list[str] = []
    current = ""
    for word in " ".join(str(text).split()).split(" "):
        while len(word) > per_line:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:per_line])
            word = word[per_line:]
        candidate = f"{current} {word}".strip()
        if len(candidate) > per_line and current:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def theory_description(theory: dict[str, object], statuses: dict[str, tuple[str, str]]) -> str:
    """The figure read out in Danish, column by column."""
    from lib.text import fold

    parts = []
    activities = [str(a) for a in theory.get("activities") or []]  # type: ignore[attr-defined]
    if activities:
        parts.append("Aktiviteter: " + "; ".join(activities) + ".")
    results = list(theory.get("results") or [])  # type: ignore[call-overload]
    for key, label in THEORY_COLUMNS[1:]:
        texts = []
        for r in results:
            if r.get("horizon") != key:
                continue
            measured = [
                f"{i} ({statuses[fold(i)][0]})" if fold(i) in statuses else str(i)
                for i in r.get("indicators") or []
            ]
            texts.append(
                str(r.get("text", "")) + (f" Måles ved: {', '.join(measured)}." if measured else "")
            )
        if texts:
            parts.append(f"{label}: " + " ".join(texts))
    assumptions = [str(a) for a in theory.get("assumptions") or []]  # type: ignore[attr-defined]
    if assumptions:
        parts.append("Forudsætninger: " + "; ".join(assumptions) + ".")
    return " ".join(parts)


def theory_svg(
    theory: dict[str, object],
    *,
    focus_area: str = "",
    statuses: dict[str, tuple[str, str]] | None = None,
    ident: str = "forandringsteori",
) -> str:
    """A forandringsteori as a standalone SVG document: five columns left to right with an
    arrow between each, a box per activity and result, and under each result the indicators
    that measure it with a mark and the words of their status (`statuses`: folded indicator
    text → (label, status), as `evaluation.selectors.indicator_statuses` gives). The
    assumptions run underneath."""
    from lib.text import fold

    statuses = statuses or {}
    results = [r for r in theory.get("results") or [] if isinstance(r, dict)]  # type: ignore[attr-defined]
    columns: list[list[tuple[list[str], list[tuple[list[str], str, str]]]]] = []
    inner = THEORY_BOX_WIDTH - 16
    for key, _label in THEORY_COLUMNS:
        boxes: list[tuple[list[str], list[tuple[list[str], str, str]]]] = []
        if key == "activities":
            for name in theory.get("activities") or []:  # type: ignore[attr-defined]
                boxes.append((_wrap(str(name), inner), []))
        else:
            for r in results:
                if r.get("horizon") != key:
                    continue
                measured = []
                for text in r.get("indicators") or []:
                    label, status = statuses.get(fold(str(text)), ("ingen status", "missing"))
                    mark, _colour = THEORY_STATUS.get(status, ("?", "#6b4e00"))
                    measured.append(
                        (_wrap(f"{mark} {text}: {label}", inner, THEORY_SMALL), status, mark)
                    )
                boxes.append((_wrap(str(r.get("text", "")), inner), measured))
        columns.append(boxes)

    def box_height(box: tuple[list[str], list[tuple[list[str], str, str]]]) -> float:
        lines, measured = box
        small = sum(len(m[0]) for m in measured)
        return 12 + len(lines) * THEORY_LINE + (6 + small * 13 if measured else 0)

    heading_h = 30
    heights = [sum(box_height(b) + 10 for b in col) for col in columns]
    body_h = max([60.0, *heights])
    assumptions = [str(a) for a in theory.get("assumptions") or []]  # type: ignore[attr-defined]
    total_w = len(THEORY_COLUMNS) * THEORY_BOX_WIDTH + (len(THEORY_COLUMNS) - 1) * THEORY_GAP + 16
    assumption_lines = (
        _wrap("Forudsætninger: " + " · ".join(assumptions), total_w - 32) if assumptions else []
    )
    total_h = (
        heading_h + body_h + (len(assumption_lines) * THEORY_LINE + 24 if assumption_lines else 8)
    )
    title = f"Forandringsteori{' for ' + focus_area if focus_area else ''}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{round(total_h)}" '
        f'viewBox="0 0 {total_w} {round(total_h)}" role="img" aria-labelledby="{ident}-titel" '
        f'aria-describedby="{ident}-beskrivelse" font-family="{FONT}" font-size="{FONT_SIZE}" '
        f'fill="{TEXT_COLOUR}">'
        f'<title id="{ident}-titel">{escape(title)}</title>'
        f'<desc id="{ident}-beskrivelse">{escape(theory_description(theory, statuses))}</desc>'
        f'<rect width="{total_w}" height="{round(total_h)}" fill="white"/>'
        f'<defs><marker id="{ident}-pil" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="#454545"/></marker></defs>'
    ]
    for n, ((_key, label), boxes) in enumerate(zip(THEORY_COLUMNS, columns, strict=True)):
        x = 8 + n * (THEORY_BOX_WIDTH + THEORY_GAP)
        out.append(
            f'<text x="{x + THEORY_BOX_WIDTH / 2}" y="18" text-anchor="middle" '
            f'font-weight="bold">{escape(label)}</text>'
        )
        if n:
            ax = x - THEORY_GAP + 3
            out.append(
                f'<path d="M{ax},{heading_h + body_h / 2}h{THEORY_GAP - 8}" stroke="#454545" '
                f'stroke-width="2" marker-end="url(#{ident}-pil)"/>'
            )
        y = float(heading_h)
        if not boxes:
            out.append(
                f'<text x="{x + THEORY_BOX_WIDTH / 2}" y="{y + 20}" text-anchor="middle" '
                'fill="#454545">–</text>'
            )
        for box in boxes:
            h = box_height(box)
            fill = "#e6eef7" if n == 0 else "#f5f5f5"
            out.append(
                f'<rect x="{x}" y="{round(y, 1)}" width="{THEORY_BOX_WIDTH}" height="{round(h, 1)}" '
                f'rx="4" fill="{fill}" stroke="#757575"/>'
            )
            ty = y + 6
            for line in box[0]:
                ty += THEORY_LINE
                out.append(f'<text x="{x + 8}" y="{round(ty, 1)}">{escape(line)}</text>')
            if box[1]:
                ty += 6
                for lines, status, _mark in box[1]:
                    colour = THEORY_STATUS.get(status, ("?", "#6b4e00"))[1]
                    for line in lines:
                        ty += 13
                        out.append(
                            f'<text x="{x + 8}" y="{round(ty, 1)}" font-size="{THEORY_SMALL}" '
                            f'fill="{colour}">{escape(line)}</text>'
                        )
            y += h + 10
    if assumption_lines:
        y = heading_h + body_h + 14
        for line in assumption_lines:
            y += THEORY_LINE
            out.append(f'<text x="16" y="{round(y, 1)}" font-style="italic">{escape(line)}</text>')
    out.append("</svg>")
    return "".join(out)
