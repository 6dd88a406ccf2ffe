"""One Leaflet layer type for everything we draw: a GeoJSON FeatureCollection whose features
carry their own ``style``, ``popup`` and ``tooltip`` (pre-escaped HTML) and ``className``.

Styling in the data rather than in per-feature Python callbacks keeps the page small and the
build fast at 10k features (folium's ``style_function`` is evaluated once per feature). The
script is ``layers.js``.
"""

from __future__ import annotations

from typing import Any

from folium.map import Layer
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from adatlas.webmap import scripts
from adatlas.webmap.rendering import RenderOnce


class StyledGeoJson(Layer, RenderOnce):
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
        var {{ this.get_name() }} = {{ this.script }}(
            {{ this.data_json }}, {{ this.interactive|tojson }});
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
        self.data_json = htmlsafe_json_dumps(data)
        self.interactive = interactive
        self.script = scripts.function("layers.js", "adatlasStyledGeoJson")


def feature(geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}
