"""One Leaflet layer type for everything we draw: a GeoJSON FeatureCollection whose features
carry their own ``style``, ``popup`` and ``tooltip`` (pre-escaped HTML) and ``className``.

Styling in the data rather than in per-feature Python callbacks keeps the page small and the
build fast at 10k features (folium's ``style_function`` is evaluated once per feature).
"""

from __future__ import annotations

from typing import Any

from folium.map import Layer
from jinja2 import Template


class StyledGeoJson(Layer):
    """A GeoJSON overlay; points become circle markers.

    Parameters
    ----------
    data : dict
        A FeatureCollection. Feature properties used: ``style`` (Leaflet path options, may include
        ``radius`` for points), ``popup`` and ``tooltip`` (HTML, already escaped), ``className``.
    name : str
        Name in the layer control.
    show : bool
        Whether the layer is on when the map opens.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data|tojson }}, {
            interactive: {{ this.interactive|tojson }},
            style: function (f) {
                var s = Object.assign({}, f.properties.style || {});
                if (f.properties.className) { s.className = f.properties.className; }
                return s;
            },
            pointToLayer: function (f, latlng) {
                var s = Object.assign({radius: 6}, f.properties.style || {});
                if (f.properties.className) { s.className = f.properties.className; }
                return L.circleMarker(latlng, s);
            },
            onEachFeature: function (f, layer) {
                if (f.properties.popup) {
                    layer.bindPopup(f.properties.popup, {maxWidth: 440, maxHeight: 360});
                }
                if (f.properties.tooltip) {
                    layer.bindTooltip(f.properties.tooltip, {sticky: true});
                }
            }
        });
        {% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
        """
    )

    def __init__(
        self,
        data: dict[str, Any],
        name: str,
        show: bool = True,
        interactive: bool = True,
        control: bool = True,
    ) -> None:
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "StyledGeoJson"
        self.data = data
        self.interactive = interactive


def feature(geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}
