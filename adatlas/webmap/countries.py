"""Country borders as the base map, and alliance shading drawn from those same borders.

The borders (a few MB) reach the browser once: from a local URL in the dashboard, inline in a
standalone export. Alliance overlays then send only ISO3 lists and build their shapes from the
borders already in the page, so moving the date re-sends kilobytes, not megabytes.
"""

from __future__ import annotations

from typing import Any

from branca.element import MacroElement
from folium.map import Layer
from jinja2 import Template

# Panes fix the drawing order whatever order layers finish loading in.
PANES = {"adatlasCountries": 300, "adatlasAlliances": 350}


class CountryBase(MacroElement):
    """Country polygons under everything else; sets ``window.adatlasBorders`` (a Promise).

    Parameters
    ----------
    style : dict
        Leaflet path options for every country.
    data : dict, optional
        The borders FeatureCollection, inlined (standalone HTML).
    url : str, optional
        Where the page fetches the borders from (the dashboard's static serving).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {% for pane, z in this.panes.items() %}
        {{ this._parent.get_name() }}.createPane({{ pane|tojson }});
        {{ this._parent.get_name() }}.getPane({{ pane|tojson }}).style.zIndex = {{ z }};
        {{ this._parent.get_name() }}.getPane({{ pane|tojson }}).style.pointerEvents = "none";
        {% endfor %}
        {% if this.url %}
        window.adatlasBorders = fetch({{ this.url|tojson }}).then(function (r) {
            return r.json();
        });
        {% else %}
        window.adatlasBorders = Promise.resolve({{ this.data|tojson }});
        {% endif %}
        window.adatlasBorders.then(function (data) {
            L.geoJSON(data, {
                pane: "adatlasCountries",
                interactive: false,
                style: function () {
                    return Object.assign({className: "adatlas-country"}, {{ this.style|tojson }});
                }
            }).addTo({{ this._parent.get_name() }});
        });
        {% endmacro %}
        """
    )

    def __init__(
        self,
        style: dict[str, Any],
        data: dict[str, Any] | None = None,
        url: str | None = None,
    ) -> None:
        super().__init__()
        if (data is None) == (url is None):
            raise ValueError("give exactly one of data or url")
        self._name = "CountryBase"
        self.style, self.data, self.url, self.panes = style, data, url, PANES


class CountryShading(Layer):
    """Countries listed by ISO3, filled from the base borders; one style per entry.

    Parameters
    ----------
    entries : list of dict
        Each ``{"iso3": [...], "style": {...}, "className": str}``.
    name : str
        Name in a layer control.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup();
        window.adatlasBorders.then(function (data) {
            {{ this.entries|tojson }}.forEach(function (entry) {
                var wanted = new Set(entry.iso3);
                L.geoJSON(
                    {type: "FeatureCollection",
                     features: data.features.filter(function (f) {
                         return wanted.has(f.properties.iso3);
                     })},
                    {pane: "adatlasAlliances", interactive: false,
                     style: function () {
                         return Object.assign({className: entry.className}, entry.style);
                     }}
                ).addTo({{ this.get_name() }});
            });
        });
        {% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, entries: list[dict[str, Any]], name: str, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "CountryShading"
        self.entries = entries
