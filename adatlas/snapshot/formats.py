"""What snapshots can be — formats, layouts, paper sizes — without loading their renderers.

Kept apart from the renderers (matplotlib, python-pptx, folium take over a second to import),
so the CLI can check its arguments, and answer a mistake, at once.
"""

from __future__ import annotations

STATIC_FORMATS = ("png", "svg", "pdf")
LAYOUTS = ("slide", "page", "poster")
PAPERS = {"a4": (11.69, 8.27), "letter": (11.0, 8.5)}  # landscape, inches
PPTX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
SNAPSHOT_FORMATS = (*STATIC_FORMATS, "pptx", "html")
SNAPSHOT_MEDIA_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "pptx": PPTX_MEDIA_TYPE,
    "html": "text/html",
}
