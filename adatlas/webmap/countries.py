"""Country borders as the base map, and alliance shading drawn from those same borders.

The borders (a few MB) reach the browser once: from a local URL in the dashboard (a coarse file
for wide views first, the detailed one when zoomed in), inline in a standalone export. Alliance
overlays then send only ISO3 lists and build their shapes from the borders already in the page,
so moving the date re-sends kilobytes, not megabytes. The scripts are in ``countries.js``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from folium.map import Layer
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from adatlas.webmap import scripts
from adatlas.webmap.rendering import RenderOnce

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


class CountryBase(RenderOnce):
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
        {{ this.script }}({{ this._parent.get_name() }}, {{ this.options_json }});
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
        self.options = {"style": style, "panes": PANES}
        self.options.update({"files": asdict(files)} if files else {"data": data})
        self.options_json = htmlsafe_json_dumps(self.options)  # inline borders: MBs
        self.script = scripts.function("countries.js", "adatlasCountryBase")


class CountryShading(Layer, RenderOnce):
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
        var {{ this.get_name() }} = {{ this.script }}({{ this.entries|tojson }});
        {% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, entries: list[dict[str, Any]], name: str, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "CountryShading"
        self.entries = entries
        self.script = scripts.function("countries.js", "adatlasCountryShading")
