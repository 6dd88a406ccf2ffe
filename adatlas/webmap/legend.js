// The map legend as a layer that puts a collapsible control on the map while it is on the
// map (so the dashboard's reruns replace it along with the other overlays). See
// legend_control.py.
function adatlasLegend(html, options) {
    var Legend = L.Layer.extend({
        onAdd: function (map) {
            var box = L.DomUtil.create("div", "adatlas-legend-box");
            var toggle = L.DomUtil.create("button", "adatlas-legend-toggle", box);
            toggle.type = "button";
            var body = L.DomUtil.create("div", "adatlas-legend", box);
            body.innerHTML = html;  // built and escaped on the server
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            // Open or closed survives the dashboard's reruns (same frame, new layer).
            var open = window.adatlasLegendOpen === undefined
                ? options.open : window.adatlasLegendOpen;
            var show = function () {
                body.style.display = open ? "" : "none";
                toggle.textContent = open ? "Hide legend ×" : "Legend";
                toggle.setAttribute("aria-expanded", open ? "true" : "false");
                box.classList.toggle("adatlas-legend-open", open);
            };
            // Never more than a quarter of the map: at most half its width and half its
            // height, scrolling inside past that.
            var fit = function () {
                var size = map.getSize();
                box.style.maxWidth = Math.max(120, Math.floor(size.x / 2) - 20) + "px";
                box.style.maxHeight = Math.max(60, Math.floor(size.y / 2) - 20) + "px";
                body.style.maxHeight = Math.max(30, Math.floor(size.y / 2) - 20
                                                - toggle.offsetHeight - 4) + "px";
            };
            L.DomEvent.on(toggle, "click", function () {
                open = !open;
                window.adatlasLegendOpen = open;
                show();
                fit();
            });
            this._control = L.control({position: options.position});
            this._control.onAdd = function () { return box; };
            this._control.addTo(map);
            this._fit = fit;
            map.on("resize", fit);
            show();
            fit();
        },
        onRemove: function (map) {
            map.off("resize", this._fit);
            map.removeControl(this._control);
        }
    });
    return new Legend();
}
