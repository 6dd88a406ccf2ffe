// A GeoJSON overlay whose features carry their own style, popup and tooltip (HTML escaped on
// the server) and className; points become circle markers. See layers.py.
function adatlasStyledGeoJson(data, interactive) {
    function style(f) {
        var s = Object.assign({}, f.properties.style || {});
        if (f.properties.className) { s.className = f.properties.className; }
        return s;
    }
    return L.geoJSON(data, {
        interactive: interactive,
        style: style,
        pointToLayer: function (f, latlng) {
            return L.circleMarker(latlng, Object.assign({radius: 6}, style(f)));
        },
        onEachFeature: function (f, layer) {
            if (f.properties.popup) {
                layer.bindPopup(f.properties.popup, {maxWidth: 440, maxHeight: 360});
            }
            if (f.properties.tooltip) {
                layer.bindTooltip(f.properties.tooltip, {sticky: true});
            }
        }
    });
}
