"""The deployments layer: compact rows plus shared lookup tables, popups built in the browser.

Each site ships as one short array; systems and citations are sent once and referenced by
index. Popups and tooltips are built with DOM nodes and ``textContent``, so no record text is
ever parsed as HTML: escaping holds by construction, whatever the data holds. At 10k sites this
is a fraction of a naive folium map's payload (see bench/).
"""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
from folium.map import Layer
from jinja2 import Template

from adatlas import styles
from adatlas.dataset import Dataset
from adatlas.freshness import DEFAULT_STALE_MONTHS
from adatlas.range_quality import range_quality_text
from adatlas.webmap.popups import PRECISION_TEXT

FIELDS = (
    "id", "name", "system", "operator", "host", "status", "status_since", "precision",
    "location", "units", "notes", "lat", "lon", "last_confirmed", "stale", "confidence",
    "deployment_confidence", "status_confidence",
)  # fmt: skip


SYSTEM_FIELDS = ["name", "nato_name", "kind", "missile", "range_km", "range_quality"]


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def deployment_payload(
    dataset: Dataset, frame: gpd.GeoDataFrame, stale_months: int = DEFAULT_STALE_MONTHS
) -> dict[str, Any]:
    """Rows and lookups for :class:`DeploymentLayer` (plain JSON-able data).

    ``stale_months`` is the freshness threshold the frame's ``stale`` column was worked out
    with; popups name it.
    """
    systems = sorted(set(frame["system"]))
    system_index = {s: i for i, s in enumerate(systems)}
    cited = sorted({c for cs in frame["citations"] for c in cs})
    citation_index = {c: i for i, c in enumerate(cited)}
    citations = dataset.citations.loc[cited] if cited else dataset.citations.iloc[:0]
    articles = dataset.articles.loc[citations["article"]] if cited else dataset.articles.iloc[:0]
    columns = [frame[f].tolist() for f in FIELDS]
    rows = []
    for values, cites in zip(zip(*columns, strict=True), frame["citations"], strict=True):
        row = dict(zip(FIELDS, values, strict=True))
        rows.append(
            [
                row["id"], row["name"], system_index[row["system"]], row["operator"], row["host"],
                row["status"], row["status_since"], row["precision"], row["location"],
                row["units"], row["notes"], round(row["lat"], 5), round(row["lon"], 5),
                [citation_index[c] for c in cites], row["last_confirmed"], bool(row["stale"]),
                row["confidence"], row["deployment_confidence"], row["status_confidence"],
            ]
        )  # fmt: skip
    return {
        "rows": rows,
        "systems": [
            {
                "id": s,
                "name": name,
                "nato": nato,
                "kind": kind,
                "missile": missile,
                "range": _number(range_km),
                "rangeQuality": range_quality_text(quality),
            }
            for s, (name, nato, kind, missile, range_km, quality) in zip(
                systems,
                dataset.systems.loc[systems, SYSTEM_FIELDS].to_numpy().tolist(),
                strict=True,
            )
        ],  # plain lists, not .loc per cell or iterrows: this runs on every rerun
        "citations": [
            {"id": cid, "excerpt": excerpt, "publisher": publisher, "title": title, "date": date}
            for cid, excerpt, publisher, title, date in zip(
                cited,
                citations["excerpt"].tolist(),
                articles["publisher"].tolist(),
                articles["title"].tolist(),
                articles["date"].tolist(),
                strict=True,
            )
        ],
        "statusStyle": styles.STATUS_STYLE,
        "kindRadius": styles.KIND_RADIUS,
        "precisionText": PRECISION_TEXT,
        "staleMonths": stale_months,
        "staleStyle": styles.STALE_STYLE,
    }


class DeploymentLayer(Layer):
    """Deployments as circle markers with popups, tooltips and optional permanent labels.

    Parameters
    ----------
    payload : dict
        From :func:`deployment_payload`.
    labels : bool
        Show each site's name permanently beside it.
    sources_page : str
        URL path of the Sources page that citation links open (with ``?citation=<id>``).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (data, labels, sourcesPage) {
            function el(tag, text, cls) {
                var node = document.createElement(tag);
                if (text !== undefined && text !== null) { node.textContent = String(text); }
                if (cls) { node.className = cls; }
                return node;
            }
            function line(box, label, text) {
                var p = el("div");
                p.appendChild(el("b", label + ": "));
                p.appendChild(document.createTextNode(text));
                box.appendChild(p);
            }
            function popup(r) {
                var s = data.systems[r[2]], box = el("div", null, "adatlas-popup");
                box.appendChild(el("b", r[1], "adatlas-popup-title"));
                line(box, "System", s.name + (s.nato ? " (" + s.nato + ")" : "")
                     + (s.missile ? " / " + s.missile : ""));
                line(box, "Range", s.range === null ? "not given"
                     : Math.round(s.range).toLocaleString("en") + " km"
                       + (s.rangeQuality ? " (" + s.rangeQuality + ")" : ""));
                line(box, "Operator", r[3] + " · host " + r[4]);
                line(box, "Status", r[5] + " since " + r[6]);
                var heard = el("div", null, r[15] ? "adatlas-stale-note" : null);
                heard.appendChild(el("b", "Last confirmed: "));
                heard.appendChild(document.createTextNode(r[14] + (r[15]
                    ? " — stale: not confirmed in the " + data.staleMonths
                      + " months before this date" : "")));
                box.appendChild(heard);
                line(box, "Confidence", (r[16] || "not stated")
                     + (r[17] !== r[18] && (r[17] || r[18])
                        ? " (record " + (r[17] || "not stated") + ", status "
                          + (r[18] || "not stated") + ")" : ""));
                line(box, "Location", (data.precisionText[r[7]] || r[7])
                     + (r[8] ? " — " + r[8] : ""));
                if (r[9]) { line(box, "Units", r[9]); }
                if (r[10]) { box.appendChild(el("i", r[10], "adatlas-notes")); }
                box.appendChild(el("div", "Sources", "adatlas-sources-title"));
                var list = el("ol");
                r[13].forEach(function (i) {
                    var c = data.citations[i], item = el("li", null, "adatlas-citation");
                    item.appendChild(el("q", c.excerpt, "adatlas-excerpt"));
                    item.appendChild(document.createTextNode(
                        " — " + c.publisher + ", " + c.title + ", " + c.date + " "));
                    var a = el("a", "[source]");
                    a.href = sourcesPage + "?citation=" + encodeURIComponent(c.id);
                    a.target = "_top";
                    a.rel = "noopener";
                    item.appendChild(a);
                    list.appendChild(item);
                });
                box.appendChild(list);
                return box;
            }
            var group = L.featureGroup();
            data.rows.forEach(function (r) {
                var s = data.systems[r[2]];
                var style = Object.assign({}, data.statusStyle[r[5]], {
                    radius: data.kindRadius[s.kind] || 6,
                    weight: s.kind === "abm" ? 3 : 2,
                    fillOpacity: 0.85,
                    className: "adatlas-deployment adatlas-status-" + r[5]
                               + " adatlas-kind-" + s.kind + " adatlas-id-" + r[0]
                               + (r[15] ? " adatlas-stale" : "")
                }, r[15] ? data.staleStyle : {});
                var marker = L.circleMarker([r[11], r[12]], style);
                marker.bindPopup(function () { return popup(r); },
                                 {maxWidth: 440, maxHeight: 360});
                var text = r[1] + " — " + r[5] + " since " + r[6]
                           + (r[15] ? " · stale, last confirmed " + r[14] : "");
                if (labels) {
                    marker.bindTooltip(function () { return el("span", r[1]); },
                        {permanent: true, direction: "right", className: "adatlas-label"});
                } else {
                    marker.bindTooltip(function () { return el("span", text); }, {sticky: true});
                }
                marker.adatlasId = r[0];
                group.addLayer(marker);
            });
            return group;
        })({{ this.payload|tojson }}, {{ this.labels|tojson }}, {{ this.sources_page|tojson }});
        {% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
        """
    )

    def __init__(
        self,
        payload: dict[str, Any],
        labels: bool = False,
        sources_page: str = "/Sources",
        name: str = "Deployments",
        show: bool = True,
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "DeploymentLayer"
        self.payload, self.labels, self.sources_page = payload, labels, sources_page
