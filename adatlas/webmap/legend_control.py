"""The map legend as a collapsible Leaflet control (sections from :mod:`adatlas.legend`).

Open, it never covers more than a quarter of the map: at most half the map's width and half its
height, scrolling inside. Where maps are small (Timeline) it starts collapsed to a "Legend"
button. Compare draws no legend on its maps but one shared legend beside them
(:func:`legend_html` with ``inline=True``).
"""

from __future__ import annotations

from folium.map import Layer
from jinja2 import Template
from markupsafe import Markup

from adatlas.legend import Section, Swatch
from adatlas.webmap import scripts
from adatlas.webmap.rendering import RenderOnce


def _swatch(swatch: Swatch) -> Markup:
    if swatch.shape == "line":
        css = f"width:18px;border-top:2px {swatch.dash} {swatch.edge}"
    else:
        size = swatch.size if swatch.shape == "marker" else 12
        css = (
            f"width:{size:g}px;height:{size:g}px;border:2px {swatch.dash} {swatch.edge};"
            f"background:{swatch.fill or 'transparent'}"
        )
    if swatch.opacity < 1:
        css += f";opacity:{swatch.opacity:g}"
    shape = {"area": " adatlas-area", "line": " adatlas-line"}.get(swatch.shape, "")
    return Markup('<span class="adatlas-swatch{}" style="{}"></span>{}').format(
        shape, css, swatch.label
    )


def legend_html(sections: list[Section], inline: bool = False) -> str:
    """Escaped HTML of the legend; ``inline`` lays the sections side by side (outside a map)."""
    parts = []
    for section in sections:
        rows = [Markup("<b>{}</b>").format(section.title)]
        rows += [Markup("<div>{}</div>").format(_swatch(s)) for s in section.swatches]
        if section.note:
            rows.append(Markup('<div class="adatlas-legend-note">{}</div>').format(section.note))
        parts.append(
            Markup('<div class="adatlas-legend-section">{}</div>').format(Markup("").join(rows))
        )
    body = Markup("").join(parts)
    if inline:
        return str(
            Markup(
                '<style>{}</style><div class="adatlas-legend adatlas-legend-inline">{}</div>'
            ).format(Markup(scripts.source("map.css")), body)
        )
    return str(body)


class MapStyle(RenderOnce):
    """The stylesheet of our map controls, labels and popups (``map.css``), in the page header."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        """
    )

    def __init__(self, extra_css: str = "") -> None:
        super().__init__()
        self._name = "MapStyle"
        self.css = scripts.source("map.css") + extra_css


class Legend(Layer, RenderOnce):
    """The legend of one map, as a layer: on the map, it shows its control.

    Parameters
    ----------
    sections : list of Section
        From :func:`adatlas.legend.legend_sections`.
    open : bool
        Whether it starts open (else a "Legend" button); a user's choice then sticks.
    position : str
        Leaflet control corner.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {{ this.script }}(
            {{ this.html|tojson }}, {{ this.options|tojson }});
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self, sections: list[Section], open: bool = True, position: str = "bottomright"
    ) -> None:
        super().__init__(name="Legend", overlay=True, control=False, show=True)
        self._name = "Legend"
        self.html = legend_html(sections)
        self.options = {"open": open, "position": position}
        self.script = scripts.function("legend.js", "adatlasLegend")
