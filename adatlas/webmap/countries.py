"""Country borders as the base map, and alliance shading drawn from those same borders.

The borders (a few MB) reach the browser once: from a local URL in the dashboard (a coarse file
for wide views first, the detailed one when zoomed in), inline in a standalone export. Alliance
overlays then send only ISO3 lists and build their shapes from the borders already in the page,
so moving the date re-sends kilobytes, not megabytes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from branca.element import MacroElement
from folium.map import Layer
from jinja2 import Template

# Panes fix the drawing order whatever order layers finish loading in.
PANES = {"adatlasCountries": 300, "adatlasAlliances": 350}


@dataclass(frozen=True)
class BorderFiles:
    """Where the dashboard serves the display borders, coarse and detailed.

    A map that starts at a wide view draws the coarse file (a third of the size, the same
    pixels at those zooms) and fetches the detailed one once zoomed in to ``detailed_from``.
    """

    coarse: str
    detailed: str
    detailed_from: int


class CountryBase(MacroElement):
    """Country polygons under everything else, and ``window.adatlasWithBorders(group, draw)``.

    ``draw(data)`` runs with the borders now, and again with the detailed ones if they arrive
    later and ``group`` is still on the map.

    Parameters
    ----------
    style : dict
        Leaflet path options for every country.
    data : dict, optional
        The borders FeatureCollection, inlined (standalone HTML).
    files : BorderFiles, optional
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
        (function (map) {
            // Each drawing remembers whether it has the detailed borders, so a coarse file
            // that arrives late never replaces them.
            var countries = {layer: null, detailed: false};
            var drawCountries = function (data, detailed) {
                if (countries.detailed) { return; }
                var layer = L.geoJSON(data, {
                    pane: "adatlasCountries",
                    interactive: false,
                    style: function () {
                        return Object.assign(
                            {className: "adatlas-country"}, {{ this.style|tojson }});
                    }
                }).addTo(map);
                if (countries.layer) { map.removeLayer(countries.layer); }
                countries = {layer: layer, detailed: detailed};
            };
            var load = function (url) {
                return fetch(url).then(function (r) { return r.json(); });
            };
            var shadings = [];  // drawn from coarse borders: redrawn when detailed ones arrive
            var detailed = true;
            var current;
            {% if this.files %}
            var files = {{ this.files|tojson }};
            detailed = map.getZoom() >= files.detailed_from;
            current = load(detailed ? files.detailed : files.coarse);
            var detail = function () {
                if (map.getZoom() < files.detailed_from) { return; }
                map.off("zoomend", detail);
                detailed = true;
                current = load(files.detailed);
                current.then(function (data) {
                    drawCountries(data, true);
                    shadings.forEach(function (s) {
                        if (s.group._map) { s.redrawn = true; s.draw(data); }
                    });
                    shadings = [];
                });
            };
            if (!detailed) { map.on("zoomend", detail); }
            {% else %}
            current = Promise.resolve({{ this.data|tojson }});
            {% endif %}
            var first = detailed;
            current.then(function (data) { drawCountries(data, first); });
            window.adatlasWithBorders = function (group, draw) {
                var shading = {group: group, draw: draw, redrawn: false};
                current.then(function (data) {
                    if (!shading.redrawn) { draw(data); }  // coarse after detailed: too late
                });
                if (!detailed) {
                    // Re-runs replace shadings; forget the ones no longer on the map.
                    shadings = shadings.filter(function (s) { return s.group._map; });
                    shadings.push(shading);
                }
            };
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        style: dict[str, Any],
        data: dict[str, Any] | None = None,
        files: BorderFiles | None = None,
    ) -> None:
        super().__init__()
        if (data is None) == (files is None):
            raise ValueError("give exactly one of data or files")
        self._name = "CountryBase"
        self.style, self.data, self.panes = style, data, PANES
        self.files = asdict(files) if files else None


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
        window.adatlasWithBorders({{ this.get_name() }}, function (data) {
            {{ this.get_name() }}.clearLayers();
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
