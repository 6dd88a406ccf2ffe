// Country borders under everything else, and alliance shadings drawn from those same borders.
// See countries.py.

// Draws the countries on ``map`` and defines window.adatlasWithBorders(group, draw): ``draw``
// runs with the borders now, and again with the detailed ones if they arrive later and
// ``group`` is still on the map. ``options``: {style, panes, data} (inline borders) or
// {style, panes, files: {coarse, detailed, detailed_from}} (fetched).
function adatlasCountryBase(map, options) {
    Object.keys(options.panes).forEach(function (pane) {
        map.createPane(pane);
        map.getPane(pane).style.zIndex = options.panes[pane];
        map.getPane(pane).style.pointerEvents = "none";
    });
    // Each drawing remembers whether it has the detailed borders, so a coarse file that
    // arrives late never replaces them.
    var countries = {layer: null, detailed: false};
    var drawCountries = function (data, detailed) {
        if (countries.detailed) { return; }
        var layer = L.geoJSON(data, {
            pane: "adatlasCountries",
            interactive: false,
            style: function () {
                return Object.assign({className: "adatlas-country"}, options.style);
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
    var files = options.files;
    if (files) {
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
    } else {
        current = Promise.resolve(options.data);
    }
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
}

// Countries listed by ISO3, filled from the base borders; ``entries`` are
// {iso3: [...], style: {...}, className}.
function adatlasCountryShading(entries) {
    var group = L.featureGroup();
    window.adatlasWithBorders(group, function (data) {
        group.clearLayers();
        entries.forEach(function (entry) {
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
            ).addTo(group);
        });
    });
    return group;
}
