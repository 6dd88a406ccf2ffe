// The deployments layer (see deployments.py for the payload's shape).
//
// Popups and tooltips are built with DOM nodes and textContent, so no record text is ever
// parsed as HTML: escaping holds by construction, whatever the data holds.
function adatlasDeployments(data, options) {
    // Row fields, by index (deployments.py ROW).
    var ID = 0, NAME = 1, SYSTEM = 2, OPERATOR = 3, HOST = 4, STATUS = 5, SINCE = 6,
        PRECISION = 7, LOCATION = 8, UNITS = 9, NOTES = 10, LAT = 11, LON = 12, CITES = 13,
        CONFIRMED = 14, STALE = 15, CONFIDENCE = 16, RECORD_CONF = 17, STATUS_CONF = 18,
        PROPOSED = 19;

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
    function button(text, cls, onClick) {
        var b = el("button", text, cls);
        b.type = "button";
        b.addEventListener("click", function (event) {
            L.DomEvent.stop(event);  // a click inside the popup must not close it
            onClick();
        });
        return b;
    }
    // Only web addresses become links: a "javascript:" URL in the data stays text.
    function webLink(url) {
        if (!/^https?:\/\//i.test(url || "")) { return el("span", url || "no URL given"); }
        var a = el("a", url);
        a.href = url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        return a;
    }

    // The excerpt with its article, shown inside the popup (the standalone file has no
    // Sources page to link to).
    function sourceCard(c, back) {
        var card = el("div", null, "adatlas-source-card");
        card.appendChild(button("◀ back", "adatlas-back", back));
        card.appendChild(el("q", c.excerpt, "adatlas-excerpt"));
        line(card, "Title", c.title);
        line(card, "Publisher", c.publisher);
        line(card, "Date", c.date);
        var where = el("div");
        where.appendChild(el("b", "URL: "));
        where.appendChild(webLink(c.url));
        card.appendChild(where);
        return card;
    }

    function details(r, body) {
        var s = data.systems[r[SYSTEM]], box = el("div");
        box.appendChild(el("b", r[NAME], "adatlas-popup-title"));
        if (r[PROPOSED]) {
            box.appendChild(el("div", "Proposed: awaiting review, not yet approved",
                               "adatlas-proposed-note"));
        }
        line(box, "System", s.name + (s.nato ? " (" + s.nato + ")" : "")
             + (s.missile ? " / " + s.missile : ""));
        line(box, "Range", s.range === null ? "not given"
             : Math.round(s.range).toLocaleString("en") + " km"
               + (s.rangeQuality ? " (" + s.rangeQuality + ")" : ""));
        line(box, "Operator", r[OPERATOR] + " · host " + r[HOST]);
        line(box, "Status", r[STATUS] + " since " + r[SINCE]);
        var heard = el("div", null, r[STALE] ? "adatlas-stale-note" : null);
        heard.appendChild(el("b", "Last confirmed: "));
        heard.appendChild(document.createTextNode(r[CONFIRMED] + (r[STALE]
            ? " — stale: not confirmed in the " + data.staleMonths
              + " months before this date" : "")));
        box.appendChild(heard);
        line(box, "Confidence", (r[CONFIDENCE] || "not stated")
             + (r[RECORD_CONF] !== r[STATUS_CONF] && (r[RECORD_CONF] || r[STATUS_CONF])
                ? " (record " + (r[RECORD_CONF] || "not stated") + ", status "
                  + (r[STATUS_CONF] || "not stated") + ")" : ""));
        line(box, "Location", (data.precisionText[r[PRECISION]] || r[PRECISION])
             + (r[LOCATION] ? " — " + r[LOCATION] : ""));
        if (r[UNITS]) { line(box, "Units", r[UNITS]); }
        if (r[NOTES]) { box.appendChild(el("i", r[NOTES], "adatlas-notes")); }
        box.appendChild(el("div", "Sources", "adatlas-sources-title"));
        var list = el("ol");
        r[CITES].forEach(function (i) {
            var c = data.citations[i], item = el("li", null, "adatlas-citation");
            item.appendChild(el("q", c.excerpt, "adatlas-excerpt"));
            item.appendChild(document.createTextNode(
                " — " + c.publisher + ", " + c.title + ", " + c.date + " "));
            if (options.citationLink) {
                var a = el("a", "[source]", "adatlas-source-link");
                a.href = options.citationLink.replace("{citation}", encodeURIComponent(c.id));
                a.target = "_top";
                a.rel = "noopener";
                item.appendChild(a);
            } else {
                item.appendChild(button("[source]", "adatlas-source-link", function () {
                    body.replaceChildren(sourceCard(c, function () { details(r, body); }));
                }));
            }
            list.appendChild(item);
        });
        box.appendChild(list);
        body.replaceChildren(box);
    }

    // Records placed at the same point (country-precision ones share their capital) stack
    // their markers: every popup there lists them all, so each one can be reached.
    var atPoint = {};
    function pointKey(r) { return r[LAT] + "," + r[LON]; }
    data.rows.forEach(function (r) {
        (atPoint[pointKey(r)] = atPoint[pointKey(r)] || []).push(r);
    });

    function popup(r) {
        var here = atPoint[pointKey(r)], box = el("div", null, "adatlas-popup");
        var body = el("div");
        if (here.length > 1) {
            var nav = el("div", null, "adatlas-here");
            nav.appendChild(el("b", here.length + " deployments at this point:"));
            var list = el("ol"), buttons = [];
            here.forEach(function (other) {
                var item = el("li");
                var b = button(other[NAME] + " — " + other[STATUS], "adatlas-here-item",
                    function () { show(other); });
                buttons.push([other, b]);
                item.appendChild(b);
                list.appendChild(item);
            });
            nav.appendChild(list);
            box.appendChild(nav);
            var show = function (row) {
                buttons.forEach(function (pair) {
                    pair[1].classList.toggle("adatlas-current", pair[0] === row);
                });
                details(row, body);
            };
            box.appendChild(body);
            show(r);
        } else {
            box.appendChild(body);
            details(r, body);
        }
        return box;
    }

    var group = L.featureGroup();
    data.rows.forEach(function (r) {
        var s = data.systems[r[SYSTEM]];
        var style = Object.assign({}, data.statusStyle[r[STATUS]], {
            radius: data.kindRadius[s.kind] || 6,
            weight: s.kind === "abm" ? 3 : 2,
            fillOpacity: 0.85,
            className: "adatlas-deployment adatlas-status-" + r[STATUS]
                       + " adatlas-kind-" + s.kind + " adatlas-id-" + r[ID]
                       + (r[STALE] ? " adatlas-stale" : "")
                       + (r[PROPOSED] ? " adatlas-proposed" : "")
        }, r[STALE] ? data.staleStyle : {}, r[PROPOSED] ? data.proposedStyle : {});
        var marker = L.circleMarker([r[LAT], r[LON]], style);
        marker.bindPopup(function () { return popup(r); }, {maxWidth: 440, maxHeight: 360});
        var others = atPoint[pointKey(r)].length - 1;
        var text = r[NAME] + " — " + r[STATUS] + " since " + r[SINCE]
                   + (r[STALE] ? " · stale, last confirmed " + r[CONFIRMED] : "")
                   + (r[PROPOSED] ? " · proposed, awaiting review" : "")
                   + (others ? " · " + others + " more at this point" : "");
        if (options.labels) {
            marker.bindTooltip(function () { return el("span", r[NAME]); },
                {permanent: true, direction: "right", className: "adatlas-label"});
        } else {
            marker.bindTooltip(function () { return el("span", text); }, {sticky: true});
        }
        marker.adatlasId = r[ID];
        group.addLayer(marker);
    });
    return group;
}
