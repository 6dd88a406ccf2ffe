"""The map legend as a Leaflet control, so it travels with exports of the map."""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template
from markupsafe import Markup

from adatlas import legend as entries
from adatlas import styles
from adatlas.density import DENSITY_COLORS
from adatlas.freshness import DEFAULT_STALE_MONTHS


def legend_html(
    groups: list[str], altitude_m: int | None = None, stale_months: int = DEFAULT_STALE_MONTHS
) -> str:
    """Escaped HTML of the legend: statuses, freshness, system kinds, groups, rings."""
    rows = [Markup('<div class="adatlas-legend"><b>Status</b><br>')]
    for status, label, color in entries.status_entries():
        style = styles.STATUS_STYLE[status]
        rows.append(
            Markup(
                '<span class="adatlas-swatch" style="border:2px {} {};background:{}"></span>{}<br>'
            ).format("dashed" if style["dashArray"] else "solid", color, style["fillColor"], label)
        )
    operational = styles.STATUS_STYLE["operational"]
    rows.append(
        Markup(
            '<span class="adatlas-swatch" style="border:2px dotted {};background:{};opacity:.5">'
            "</span>faded, dotted: stale — status not confirmed in the {} months before the date"
            "<br>"
        ).format(operational["color"], operational["fillColor"], stale_months)
    )
    rows.append(Markup("<b>Symbol size</b><br>"))
    for kind, label in (
        ("sam", "air defense (SAM)"),
        ("abm", "missile defense"),
        ("radar", "radar"),
        ("c2", "command and control"),
    ):
        size = 2 * styles.KIND_RADIUS[kind]
        rows.append(
            Markup(
                '<span class="adatlas-swatch" style="width:{0}px;height:{0}px;'
                'border:2px solid #555"></span>{1}<br>'
            ).format(size, label)
        )
    rows.append(Markup("<b>Membership on the date</b><br>"))
    for group, label, color in entries.group_entries(groups):
        style = styles.group_style(group)
        rows.append(
            Markup(
                '<span class="adatlas-swatch" style="border:2px {} {};background:{};opacity:.8">'
                "</span>{}<br>"
            ).format(
                "dashed" if style["dashArray"] else "solid",
                color,
                style["fillColor"] if float(style["fillOpacity"]) > 0 else "transparent",
                label,
            )
        )
    rows.append(Markup("<i>paler, dotted: participation frozen/suspended</i><br>"))
    rows.append(Markup("<b>Coverage density</b> (layer)<br>"))
    for name, color in DENSITY_COLORS.items():
        rows.append(
            Markup(
                '<span class="adatlas-swatch" style="background:{};border-radius:0"></span>'
                "covered {}<br>"
            ).format(color, name)
        )
    if altitude_m is None:
        rows.append(
            Markup("Rings: maximum range, geodesic (WGS 84); none once cancelled/withdrawn</div>")
        )
    else:
        rows.append(
            Markup(
                "Rings: envelope against a target at <b>{} m</b>: range capped by the radar "
                "horizon (4/3 earth), geodesic</div>"
            ).format(f"{altitude_m:,}")
        )
    return str(Markup("").join(rows))


LEGEND_CSS = """
<style>
.adatlas-legend{background:rgba(255,255,255,.92);padding:6px 8px;font:12px/1.5 sans-serif;
  border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);max-height:60vh;overflow:auto}
.adatlas-swatch{display:inline-block;width:12px;height:12px;margin-right:5px;
  vertical-align:middle;border-radius:50%;box-sizing:border-box}
.adatlas-label{background:transparent;border:0;box-shadow:none;font:11px sans-serif;
  text-shadow:0 0 3px #fff,0 0 3px #fff}
</style>
"""


class Legend(MacroElement):
    """A collapsed-by-nothing legend in the bottom-right corner."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}{{ this.css }}{% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomright"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div");
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        groups: list[str],
        altitude_m: int | None = None,
        stale_months: int = DEFAULT_STALE_MONTHS,
    ) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = legend_html(groups, altitude_m, stale_months)
        self.css = LEGEND_CSS
