"""One chart definition per indicator (Vega-Lite through altair) for the page and the documents.

`indicator_chart` builds the spec once; the web page renders it in the browser with the
Vega bundle that vl-convert ships (`vega_bundle`). The spec carries the Danish number locale.
The documents draw the same series with the same colours, dash and numbers as small static
SVG (`followup.figures`): rendering 40 specs with vl-convert took longer than the rest of
the PDF together.
"""

from __future__ import annotations

import functools
import json
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


_AREA, _COMPARATOR, _DESCRIPTION = "__AREA__", "__COMPARATOR__", "__DESCRIPTION__"


@functools.cache
def _template(*, percent: bool, comparator: bool, width: int, height: int) -> str:
    """The chart as altair builds it, with placeholders for the names and a named dataset.

    Built once per shape: altair copies its whole object tree on every call (~25 ms a chart),
    so each indicator's chart is this template with its own names and values filled in.
    """
    names = [_AREA, _COMPARATOR] if comparator else [_AREA]
    number_format = ",.1f" if percent else ",d"
    base = alt.Chart(alt.NamedData("serier")).encode(
        x=alt.X(
            "periode:O",
            sort=alt.EncodingSortField("orden", order="ascending"),
            title=None,
            axis=alt.Axis(labelAngle=0),
        ),
        y=alt.Y(
            "værdi:Q",
            title="Procent" if percent else "Antal",
            axis=alt.Axis(format=number_format),
            scale=alt.Scale(zero=False),
        ),
        color=alt.Color(
            "serie:N",
            title=None,
            scale=alt.Scale(domain=names, range=[AREA_COLOUR, COMPARATOR_COLOUR][: len(names)]),
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
            alt.Tooltip("værdi:Q", title="Værdi", format=number_format),
        ],
    )
    chart = (
        (base.mark_line() + base.mark_point(filled=True, size=40))
        .properties(width=width, height=height, description=_DESCRIPTION)
        .configure(locale=DANISH_LOCALE, font=FONT)
        .configure_view(stroke=None)
    )
    return json.dumps(chart.to_dict(), ensure_ascii=False)


def indicator_chart(view: IndicatorView, *, width: int = 420, height: int = 180) -> dict[str, Any]:
    """The Vega-Lite spec of an indicator: its area against its comparator over time."""
    series = [view.area] + ([view.comparator] if view.comparator else [])
    template = _template(
        percent=view.indicator.unit == "percent",
        comparator=view.comparator is not None,
        width=width,
        height=height,
    )
    names = [s.label for s in series]
    description = f"{view.indicator.text}: {' mod '.join(names)} over tid"
    fills = {_AREA: names[0], _DESCRIPTION: description}
    if len(names) > 1:
        fills[_COMPARATOR] = names[1]
    for placeholder, text in fills.items():
        template = template.replace(json.dumps(placeholder), json.dumps(text, ensure_ascii=False))
    spec: dict[str, Any] = json.loads(template)
    spec["datasets"] = {
        "serier": [
            {
                # A survey's waves are named by year on the axis; the series is one survey.
                "periode": str(p.year) if s.survey else p.label,
                "orden": p.year * 10 + p.half,
                "værdi": float(p.value),
                "serie": s.label,
            }
            for s in series
            for p in s.points
        ]
    }
    return spec


def spec_json(spec: dict[str, Any]) -> str:
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"))


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
