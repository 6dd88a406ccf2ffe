"""Rendering our map elements without re-parsing their output as templates.

branca's ``MacroElement.render`` wraps each rendered macro in ``Element(text)``, which compiles
the text as a Jinja template. For our layers that text holds the view's GeoJSON: compiling it
took a third of a dashboard rerun, and any ``{{`` or ``{%`` in the data (an excerpt, a note)
was evaluated or broke the map. Our elements add their rendered text as it is, and serialise
their large data once (streamlit-folium renders an overlay twice: ``render``, then the script).
"""

from __future__ import annotations

from typing import Any

from branca.element import Element, Figure, MacroElement


class RenderedText(Element):
    """Text already rendered: ``render`` returns it unchanged."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RenderedText"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


def render_macros(element: MacroElement, kwargs: dict[str, Any]) -> None:
    """``MacroElement.render`` without the re-parse: each macro's output is added as text.

    Children that use branca's own ``render`` (folium's ``addTo`` statements, say) are
    rendered the same way; others render themselves."""
    figure = element.get_root()
    if not isinstance(figure, Figure):
        raise TypeError(f"{element._name} can only be rendered in a Figure")
    macros = element._template.module.__dict__
    for part in ("header", "html", "script"):
        macro = macros.get(part)
        if macro is not None:
            target = getattr(figure, part)
            target.add_child(RenderedText(macro(element, kwargs)), name=element.get_name())
    for child in element._children.values():
        if type(child).render is MacroElement.render:
            render_macros(child, kwargs)
        else:
            child.render(**kwargs)


class RenderOnce(MacroElement):
    """A ``MacroElement`` rendered by :func:`render_macros`.

    Put it after folium's ``Layer``/``Class``/``Map`` in the bases so their ``render``
    (include statements, ``addTo``, script links) still runs before this one.
    """

    def render(self, **kwargs: Any) -> None:
        render_macros(self, kwargs)
