"""The deployments layer: compact rows plus shared lookup tables, popups built in the browser.

Each site ships as one short array; systems and citations are sent once and referenced by
index. Popups and tooltips are built in ``deployments.js`` with DOM nodes and ``textContent``,
so no record text is ever parsed as HTML: escaping holds by construction, whatever the data
holds. At 10k sites this is a fraction of a naive folium map's payload (see bench/).
"""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
from folium.map import Layer
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from adatlas import styles
from adatlas.dataset import Dataset
from adatlas.freshness import DEFAULT_STALE_MONTHS
from adatlas.range_quality import range_quality_text
from adatlas.webmap import scripts
from adatlas.webmap.popups import PRECISION_TEXT
from adatlas.webmap.rendering import RenderOnce

FIELDS = (
    "id", "name", "system", "operator", "host", "status", "status_since", "precision",
    "location", "units", "notes", "lat", "lon", "last_confirmed", "stale", "confidence",
    "deployment_confidence", "status_confidence", "proposed",
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
                bool(row["proposed"]),
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
            {
                "id": cid,
                "excerpt": excerpt,
                "publisher": publisher,
                "title": title,
                "date": date,
                "url": url,
            }
            for cid, excerpt, publisher, title, date, url in zip(
                cited,
                citations["excerpt"].tolist(),
                articles["publisher"].tolist(),
                articles["title"].tolist(),
                articles["date"].tolist(),
                articles["url"].tolist(),
                strict=True,
            )
        ],
        "statusStyle": styles.STATUS_STYLE,
        "kindRadius": styles.KIND_RADIUS,
        "precisionText": PRECISION_TEXT,
        "staleMonths": stale_months,
        "staleStyle": styles.STALE_STYLE,
        "proposedStyle": styles.PROPOSED_STYLE,
    }


class DeploymentLayer(Layer, RenderOnce):
    """Deployments as circle markers with popups, tooltips and optional permanent labels.

    Parameters
    ----------
    payload : dict
        From :func:`deployment_payload`.
    labels : bool
        Show each site's name permanently beside it.
    citation_link : str, optional
        URL that a citation's **[source]** opens, with ``{citation}`` standing for the
        citation id (the dashboard passes its Sources page). Without it (a standalone file)
        **[source]** shows the excerpt and its article inside the popup.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {{ this.script }}(
            {{ this.payload_json }}, {{ this.options|tojson }});
        {% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
        """
    )

    def __init__(
        self,
        payload: dict[str, Any],
        labels: bool = False,
        citation_link: str | None = None,
        name: str = "Deployments",
        show: bool = True,
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "DeploymentLayer"
        self.payload = payload
        self.payload_json = htmlsafe_json_dumps(payload)
        self.options = {"labels": labels, "citationLink": citation_link}
        self.script = scripts.function("deployments.js", "adatlasDeployments")
