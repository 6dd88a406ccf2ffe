"""The bad-input corpus: mistakes and tampering a user can make, across data files, uploads,
imports, CLI arguments and URL query parameters. Each case is one test
(tests/test_bad_input_corpus.py) asserting a clear message that names the file/line/record (or
the parameter), that no file on disk changed, and that no traceback reaches the user.
"""

from __future__ import annotations

D = "geodata/deployments.csv"
S = "geodata/status.csv"
M = "geodata/memberships.csv"
C = "geodata/citations.csv"
Y = "geodata/systems.csv"
E = "geodata/events.csv"

# Data files: (file, text to replace, replacement, expected "path:line: record: message" part)
DATA_FILE_CASES = [
    # (file, old, new, expected "path:line: record: message" fragment)
    (
        D,
        "id,name,system",
        "ident,name,system",
        "deployments.csv:1: -: missing required column 'id'",
    ),
    (D, ",location", ",lcation", "unknown column 'lcation' (did you mean 'location'?)"),
    (D, "53.68,23.83", "5x.68,23.83", "deployments.csv:2: site-1: lat '5x.68' is not a number"),
    (D, "53.68,23.83", "93.68,23.83", "deployments.csv:2: site-1: lat 93.68 is outside -90..90"),
    (D, "54.48,17.10", "117.10,54.48", "lat 117.10 is outside -90..90 (lat and lon swapped?)"),
    (D, "53.68,23.83", "53.68,190", "site-1: lon 190 is outside -180..180"),
    (D, "BLR,BLR", "BLR,XYZ", "site-1: host 'XYZ' is not an ISO 3166-1 alpha-3 country code"),
    (D, "BLR,BLR", "BY,BLR", "operator 'BY' is not an ISO 3166-1 alpha-3"),
    (D, "sam-a,BLR", "sam-z,BLR", "site-1: system 'sam-z' is not a known system id"),
    (D, ",town,", ",city,", "site-1: precision 'city' is not one of site, town, region, country"),
    (
        D,
        "site-2,Site Two",
        "site-1,Site Two",
        "deployments.csv:3: site-1: duplicate id (first on line 2)",
    ),
    (D, "site-2,Site Two", "site 2,Site Two", "id 'site 2' may only hold letters"),
    (
        D,
        "Hrodna\n",
        "Hrodna,extra\n",
        "deployments.csv:2: site-1: has 12 fields but the header has 11",
    ),
    (
        S,
        "site-1,2016,",
        "site-9,2016,",
        "status.csv:3: site-9@2016: deployment 'site-9' is not a known",
    ),
    (S, "site-1,2016,", "site-1,2016-02-30,", "date: date '2016-02-30' does not exist"),
    (S, "operational,c-ops", "active,c-ops", "status 'active' is not one of announced"),
    (S, "operational,c-ops", "operational,", "status.csv:3: site-1@2016: citations is empty"),
    (S, "operational,c-ops", "operational,c-nope", "unknown citation id(s): c-nope"),
    (
        S,
        "site-1,2016,operational",
        "site-1,2013-10-01,operational",
        "second status for this deployment on the same date",
    ),
    (
        M,
        "NATO,POL,1999-03-12,,",
        "NATO,POL,1999-03-12,1998,",
        "NATO/POL@1999-03-12: end 1998 is before start 1999-03-12",
    ),
    (M, "2024-02-22,,frozen", "2024-01-01,,frozen", "overlaps the period on line 3"),
    (M, ",,frozen", ",,paused", "standing 'paused' is not one of member, frozen, suspended"),
    (M, "NATO,POL", "Nato,POL", "group 'Nato' must be upper case"),
    (
        C,
        "c-plan,beta,The plan was cancelled",
        "c-plan,beta,The plan was postponed",
        "citations.csv:6: c-plan: excerpt does not appear in article 'beta'",
    ),
    (C, "c-plan,beta,", "c-plan,../beta,", "c-plan: article id '../beta' is not a plain file name"),
    (C, "c-plan,beta,", "c-plan,gamma,", "c-plan: article 'gamma' is not a known article id"),
    (Y, "200,cited,", "far,cited,", "systems.csv:2: sam-a: range_km 'far' is not a number"),
    (Y, "200,cited,", "-5,cited,", "range_km '-5' must be greater than zero"),
    (Y, ",sam,", ",sling,", "kind 'sling' is not one of sam, abm, radar, c2"),
    (Y, "200,cited,", "200,,", "sam-a: range_km is given, so range_quality is needed"),
    (Y, "200,cited,", "200,guessed,", "range_quality 'guessed' is not one of cited, weak"),
    (Y, ",,,no range known", ",,weak,no range known", "abm-b: range_quality 'weak' without"),
    (Y, "c-ops,25", "c-ops,-3", "systems.csv:2: sam-a: antenna_m '-3' must be greater than zero"),
    (
        S,
        "citations\nsite-1,2013-10,construction,c-construction",
        "citations,confidence\nsite-1,2013-10,construction,c-construction,certain",
        "status.csv:2: site-1@2013-10: confidence 'certain' is not one of high, medium, low",
    ),
    (D, ",location", ",confidance", "unknown column 'confidance' (did you mean 'confidence'?)"),
    (
        "articles/beta.md",
        "text: excerpts",
        "text: excerpts\nsource_kind: rumour",
        "beta.md:8: beta: source_kind 'rumour' is not one of official, wire",
    ),
    (E, "44.08,24.38", "44.08,", "events.csv:2: ev-1: give both lat and lon, or neither"),
    (E, "44.08,24.38", "44.08,\u0662\u0664", "ev-1: lon '٢٤' is not a plain decimal number"),
    (D, "53.68,23.83", "5_3.68,23.83", "site-1: lat '5_3.68' is not a plain decimal number"),
    (E, "USA;ROU", "USA;RO", "countries: 'RO' not ISO 3166-1 alpha-3"),
    (E, "announcement,USA", "rumour,USA", "kind 'rumour' is not one of agreement"),
    (
        "articles/beta.md",
        "date: 2009-09",
        "date: Sept 2009",
        "beta.md:4: beta: date 'Sept 2009' is not YYYY",
    ),
    (
        "articles/beta.md",
        "title: Beta excerpts\n",
        "",
        "beta.md:1: beta: front matter needs 'title'",
    ),
    ("articles/beta.md", "---\ntitle", "title", "beta.md:1: beta: article must start with a '---'"),
    ("articles/beta.md", "url: https://", "url: javascript://", "url must start with https://"),
]


# Whole-file mistakes: (name, how to damage the copied dataset, expected message part)
FILE_CASES = [
    (
        "latin-1 encoding",
        lambda root: (root / D).write_bytes(
            (root / D).read_bytes().replace(b"Site Two", "Site Tw\u00f6".encode("latin-1"))
        ),
        "deployments.csv:3: -: not valid UTF-8",
    ),
    (
        "UTF-16 file",
        lambda root: (root / S).write_bytes((root / S).read_text().encode("utf-16")),
        "status.csv:1: -: not valid UTF-8",
    ),
    ("empty file", lambda root: (root / E).write_text(""), "events.csv:1: -: file is empty"),
    (
        "header only is fine but a missing file is not",
        lambda root: (root / M).unlink(),
        "memberships.csv:0: -: file is missing",
    ),
    (
        "unterminated quote",
        lambda root: (root / C).write_text((root / C).read_text() + 'c-x,alpha,"never closed\n'),
        "malformed CSV",
    ),
    (
        "confirmation of a status not in force",
        lambda root: (root / "geodata/confirmed.csv").write_text(
            "deployment,date,status,citations\nsite-1,2013-10-31,planned,c-construction\n"
        ),
        "confirmed.csv:2: site-1@2013-10-31: confirms status 'planned' but status.csv has "
        "'construction' in force on 2013-10-31",
    ),
    (
        "confirmation before the first status",
        lambda root: (root / "geodata/confirmed.csv").write_text(
            "deployment,date,status,citations\nsite-1,2012,construction,c-construction\n"
        ),
        "confirmed.csv:2: site-1@2012: confirms site-1 before its first status row (2013-10)",
    ),
    (
        "confirmation from an older article",
        lambda root: (root / "geodata/confirmed.csv").write_text(
            "deployment,date,status,citations\nsite-1,2018,operational,c-ops\n"
        ),
        "confirmed.csv:2: site-1@2018: citation c-ops is from an article dated 2013-10-31, "
        "before the date it is said to confirm (2018)",
    ),
    (
        "NUL byte",
        lambda root: (root / Y).write_bytes((root / Y).read_bytes() + b"\x00\n"),
        "systems.csv:4: -: file contains a NUL byte",
    ),
    (
        "huge file",
        lambda root: (root / E).write_bytes(b"x" * (50 * 1024 * 1024 + 1)),
        "events.csv:1: -: file is 50 MB, larger than the 50 MB limit",
    ),
    (
        "article name with spaces",
        lambda root: (root / "articles" / "bad name.md").write_text("---\ntitle: x\n---\nbody\n"),
        "bad name.md:0: bad name: article file name must be",
    ),
    (
        "article without front matter",
        lambda root: (root / "articles" / "beta.md").write_text("just text\n"),
        "beta.md:1: beta: article must start with a '---'",
    ),
    (
        "unclosed front matter",
        lambda root: (root / "articles" / "beta.md").write_text("---\ntitle: x\n"),
        "beta.md:2: beta: front matter is not closed",
    ),
]

# Uploads: (files, expected message part)
UPLOAD_CASES = [
    (
        [
            (
                "deployments.csv",
                b"id,name,system,operator,host,lat,lon,precision\n"
                b"x-1,X,sam-a,BLR,BLR,53,181,town\n",
            )
        ],
        "upload:deployments.csv:2: x-1: lon 181 is outside -180..180",
    ),
    (
        [("status.csv", b"deployment,date,status,citations\nsite-1,2016-02-31,withdrawn,c-ops\n")],
        "upload:status.csv:2: site-1@2016-02-31: date: date '2016-02-31' does not exist",
    ),
    (
        [("status.csv", b"deployment,date,status,citations\nghost,2016,withdrawn,c-ops\n")],
        "upload:status.csv:2: ghost@2016: deployment 'ghost' is not a known deployment id",
    ),
    (
        [("citations.csv", b"id,article,excerpt\nc-z,../../etc/passwd,root\n")],
        "upload:citations.csv:2: c-z: article id '../../etc/passwd' is not a plain file name",
    ),
    (
        [
            (
                "memberships.csv",
                b"group,country,start,end,citations\nNATO,FIN,2023-04-04,2023-01-01,c-join\n",
            )
        ],
        "upload:memberships.csv:2: NATO/FIN@2023-04-04: end 2023-01-01 is before start",
    ),
    ([("sites.geojson", b"{not json")], "upload:sites.geojson:1: -: not valid GeoJSON"),
    ([("status.csv", b"x" * (2 * 1024 * 1024 + 1))], "upload:status.csv:0: -: file is 2.1 MB"),
    ([("evil.exe", b"MZ")], "upload:evil.exe:0: -: cannot tell what this file holds"),
    (
        [("sites.geojson", b'{"features": [{"properties": "x", "geometry": {"type": "Point"}}]}')],
        "upload:sites.geojson:1: -: feature 1: properties must be an object",
    ),
    (
        [("sites.geojson", b'{"features": [{"properties": {"id": "a"}, "geometry": "Point"}]}')],
        "upload:sites.geojson:1: a: feature 1 is not a Point",
    ),
    (
        [("sites.geojson", b'{"features": ' + b"[" * 50_000 + b"]" * 50_000 + b"}")],
        "upload:sites.geojson:1: -: not GeoJSON: nested deeper than 64",
    ),
    (
        [("sites.geojson", b'{"features": [{"geometry": {"type": "Point", "coordinates": 5}}]}')],
        "upload:sites.geojson:1: -: feature 1 is not a Point",
    ),
    (
        [("gamma.md", b"---\ntitle: x\n---\nbody\n"), ("gamma.md", b"---\ntitle: y\n---\nb\n")],
        "upload:gamma.md:0: gamma: an article with this id exists twice in this change",
    ),
    (
        [("alpha.md", b"---\ntitle: x\n---\nbody\n")],
        "upload:alpha.md:0: alpha: an article with this id exists in the dataset",
    ),
]

# `adatlas import FILE... --data DIR`: (files to import, expected line); each exits 1, prints
# `path:line: record: message` and writes nothing into the dataset.
IMPORT_CASES = [
    (
        {"status.csv": b"deployment,date,status,citations\nsite-1,2016,operational,c-ops\n"},
        "status.csv:2: site-1@2016: second status for this deployment on the same date",
    ),
    (
        {
            "my-deployments.csv": b"id,name,system,operator,host,lat,lon,precision\n"
            b"site-2,Again,sam-a,BLR,BLR,53,27,town\n"
        },
        "my-deployments.csv:2: site-2: duplicate id (first on ",
    ),
    (
        {
            "deployments.csv": b"id,name,system,operator,host,lat,lon,precision,colour\n"
            b"site-9,Nine,sam-a,BLR,BLR,53,27,town,red\n",
            "status.csv": b"deployment,date,status,citations\nsite-9,2015,operational,c-ops\n",
        },
        "deployments.csv:2: site-9: geodata/deployments.csv has no column 'colour'",
    ),
    (
        {"citations.csv": b"id,article,excerpt\nc-new,alpha,words the article never says\n"},
        "citations.csv:2: c-new: excerpt does not appear in article 'alpha'",
    ),
    (
        {"notes.txt": b"hello"},
        "notes.txt:0: -: cannot tell what this file holds",
    ),
    (
        {"status.csv": b"\xff\xfe not utf-8"},
        "status.csv:1: -: not valid UTF-8",
    ),
]

# CLI arguments: (arguments, expected message part); every one exits 2 with one line.
CLI_CASES = [
    (["query", "--date", "2017-13-01"], "date '2017-13-01' does not exist"),
    (["query", "--date", "17/01/2017"], "is not YYYY, YYYY-MM or YYYY-MM-DD"),
    (["query", "--date", "2017", "--system", "s-999"], "unknown system 's-999'"),
    (["query", "--date", "2017", "--host", "Belarus"], "--host 'Belarus' is not an ISO"),
    (["members", "--date", "2017", "--group", "nato"], "unknown group 'nato'"),
    (["snapshot", "--date", "2017", "--bbox", "30,50,20,60", "--out", "x.png"], "min < max"),
    (["snapshot", "--date", "2017", "--width", "0", "--out", "x.png"], "--width must be"),
    (["snapshot", "--date", "2017", "--out", "x.exe"], "unknown extension '.exe'"),
    (["snapshot", "--date", "2017", "--layout", "banner", "--out", "x.png"], "invalid choice"),
    (["snapshot", "--date", "2017", "--paper", "a3", "--out", "x.pdf"], "invalid choice: 'a3'"),
    (
        ["snapshot", "--date", "2017", "--layers", "nukes", "--out", "x.png"],
        "unknown layer(s) nukes",
    ),
    (["export", "--date", "2017", "--format", "shp", "--out", "x.shp"], "invalid choice: 'shp'"),
    (["query", "--date", "2017", "--stale-months", "0"], "0 is outside 1–240 months"),
    (["query", "--date", "2017", "--stale-months", "two"], "'two' is not a whole number"),
    (["query", "--date", "2017", "--confidence", "sure"], "invalid choice: 'sure'"),
    (["query", "--date", "2017", "--data", "/no/such/dir"], "dataset directory /no/such/dir does"),
    (["import", "no-such-file.csv"], "cannot read no-such-file.csv: No such file or directory"),
    (["import"], "the following arguments are required: FILE"),
]

# URL query parameters: (parameters, expected warning part)
URL_CASES = [
    ({"date": "2017-02-29"}, "date='2017-02-29'"),
    ({"date": "<script>alert(1)</script>"}, "Ignored URL parameter date="),
    ({"date": "2999-01-01"}, "outside"),
    ({"zoom": "1e9"}, "zoom='1e9': not a whole number"),
    ({"lat": "NaN", "lon": "20"}, "lat/lon"),
    ({"operator": "'); DROP TABLE--"}, "unknown operator"),
    ({"layers": "../../etc"}, "unknown layers ../../etc"),
    ({"confidence": "certain"}, "unknown confidence certain"),
    ({"stale": "show"}, "stale='show': the only value is 'hide'"),
    ({"stale_months": "-3"}, "stale_months='-3': must be a whole number 1–240"),
    ({"stale_months": "1e3"}, "stale_months='1e3': must be a whole number"),
    ({"status": "operational" * 300}, "longer than 2000 characters"),
]
