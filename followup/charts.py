"""One chart definition per indicator (Vega-Lite through altair) for the page and the documents.

`indicator_chart` builds the spec once; the web page renders it in the browser with the
Vega bundle that vl-convert ships (`vega_bundle`), and the documents render the very same spec
to SVG (PDF) or PNG (DOCX) with vl-convert. The spec carries the Danish number locale, so
`6,3` reads the same in both.
"""

from __future__ import annotations

import functools
import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import altair as alt

from followup.selectors import IndicatorView

DANISH_LOCALE = {
    "number": {
        "decimal": ",",
        "thousands": ".",
        "grouping": [3],
        "currency": ["", " kr."],
    }
}
AREA_COLOUR = "#0059b3"
COMPARATOR_COLOUR = "#8a4b00"
FONT = "DejaVu Sans"


def indicator_chart(view: IndicatorView, *, width: int = 420, height: int = 180) -> dict[str, Any]:
    """The Vega-Lite spec of an indicator: its area against its comparator over time."""
    percent = view.indicator.unit == "percent"
    order: list[str] = []
    values: list[dict[str, Any]] = []
    series = [view.area] + ([view.comparator] if view.comparator else [])
    keys = sorted({p.key for s in series for p in s.points})
    labels = {}
    for s in series:
        for p in s.points:
            labels[p.key] = p.label
    order = [labels[k] for k in keys]
    for s in series:
        for p in s.points:
            values.append({"periode": p.label, "værdi": float(p.value), "serie": s.label})
    names = [s.label for s in series]
    colours = [AREA_COLOUR, COMPARATOR_COLOUR][: len(names)]
    base = alt.Chart(alt.Data(values=values)).encode(
        x=alt.X("periode:O", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            "værdi:Q",
            title="Procent" if percent else "Antal",
            axis=alt.Axis(format=",.1f" if percent else ",d"),
            scale=alt.Scale(zero=False),
        ),
        color=alt.Color(
            "serie:N",
            title=None,
            scale=alt.Scale(domain=names, range=colours),
            legend=alt.Legend(orient="bottom"),
        ),
        strokeDash=alt.StrokeDash(
            "serie:N",
            scale=alt.Scale(domain=names, range=[[1, 0], [6, 3]][: len(names)]),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip("serie:N", title="Område"),
            alt.Tooltip("periode:O", title="Periode"),
            alt.Tooltip("værdi:Q", title="Værdi", format=",.1f" if percent else ",d"),
        ],
    )
    chart = (
        (base.mark_line() + base.mark_point(filled=True, size=40))
        .properties(width=width, height=height)
        .configure(locale=DANISH_LOCALE, font=FONT)
        .configure_view(stroke=None)
    )
    # Validating against the Vega-Lite schema costs ~10 ms a chart; the spec is ours and tested.
    spec: dict[str, Any] = chart.to_dict(validate=False)
    spec["description"] = f"{view.indicator.text}: {', '.join(names)} over tid"
    return spec


def spec_json(spec: dict[str, Any]) -> str:
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"))


def render_svg(spec: dict[str, Any]) -> str:
    import vl_convert as vlc

    svg: str = vlc.vegalite_to_svg(spec)
    return svg


def render_png(spec: dict[str, Any], *, scale: float = 2) -> bytes:
    import vl_convert as vlc

    png: bytes = vlc.vegalite_to_png(spec, scale=scale)
    return png


def render_many_svg(specs: list[dict[str, Any]]) -> list[str]:
    """SVGs of many specs; vl-convert releases the GIL, so two threads use both cores."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(render_svg, specs))


def render_many_png(specs: list[dict[str, Any]]) -> list[bytes]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(render_png, specs))


_RENDER_ALL = """
for (const holder of document.querySelectorAll('[data-vega-spec]')) {
  const spec = JSON.parse(document.getElementById(holder.dataset.vegaSpec).textContent);
  vegaEmbed(holder, spec, {renderer: 'svg', actions: false}).catch((error) => {
    holder.textContent = 'Diagrammet kunne ikke vises; se tallene i tabellen.';
    console.error(error);
  });
}
"""


@functools.cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed with the page's renderer, as one ES module (~1 MB).

    Built once per process by vl-convert from the versions it renders documents with, so the
    page and the documents draw a spec the same way.
    """
    import vl_convert as vlc

    bundle: str = vlc.javascript_bundle(_RENDER_ALL)
    return bundle
