"""The schema of a team store: ``schema.sql`` with one data table per dataset table.

Data tables keep every value as the text the CSV file holds (the validator reads them as it
reads files, and a dump writes back what was loaded); unknown columns go to ``extra``. Rows are
never edited in place: an edit is a new row that ``replaces`` the old one once approved, so the
history of a record is its rows. Deployments and events carry a PostGIS ``geom`` (EPSG:4326)
computed from ``lat``/``lon``, for GIS clients reading the database directly.
"""

from __future__ import annotations

from importlib.resources import files

from adatlas.schema import TABLES

ROW_STATES = ("proposed", "approved", "rejected", "superseded")
ARTICLES = "articles"
DATA_TABLES = (*TABLES, ARTICLES)
ARTICLE_COLUMNS = ("id", "source")
GEOMETRY_TABLES = ("deployments", "events")

_POINT_FUNCTION = """
-- A point from the text a CSV cell holds; NULL where there is none (an event with no place).
CREATE FUNCTION adatlas.point(lon text, lat text) RETURNS geometry(Point, 4326)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    IF NULLIF(btrim(lon), '') IS NULL OR NULLIF(btrim(lat), '') IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN ST_SetSRID(ST_MakePoint(btrim(lon)::float8, btrim(lat)::float8), 4326);
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;
"""


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def columns(table: str) -> tuple[str, ...]:
    """The text columns of a data table, in the dataset's order."""
    if table == ARTICLES:
        return ARTICLE_COLUMNS
    return tuple(c.name for c in TABLES[table].columns)


def key(table: str) -> str | None:
    return "id" if table == ARTICLES else TABLES[table].key


def _table(name: str) -> str:
    text = ",\n    ".join(f"{quoted(c)} text NOT NULL DEFAULT ''" for c in columns(name))
    states = ", ".join(f"'{s}'" for s in ROW_STATES)
    geometry = (
        ",\n    geom geometry(Point, 4326) GENERATED ALWAYS AS (adatlas.point(lon, lat)) STORED"
        if name in GEOMETRY_TABLES
        else ""
    )
    statements = [
        f"""CREATE TABLE adatlas.{name} (
    row_id bigserial PRIMARY KEY,
    change_id bigint NOT NULL REFERENCES adatlas.changes (id),
    state text NOT NULL DEFAULT 'proposed' CHECK (state IN ({states})),
    replaces bigint REFERENCES adatlas.{name} (row_id),
    {text},
    extra jsonb NOT NULL DEFAULT '{{}}'{geometry}
);""",
        f"CREATE INDEX {name}_change ON adatlas.{name} (change_id);",
        f"CREATE INDEX {name}_state ON adatlas.{name} (state);",
        f"CREATE TRIGGER guard BEFORE INSERT ON adatlas.{name} "
        "FOR EACH ROW EXECUTE FUNCTION adatlas.guard_row();",
        f"CREATE TRIGGER history AFTER INSERT OR UPDATE OR DELETE ON adatlas.{name} "
        "FOR EACH ROW EXECUTE FUNCTION adatlas.record_history();",
        f"CREATE TRIGGER version AFTER INSERT OR UPDATE OR DELETE ON adatlas.{name} "
        "FOR EACH STATEMENT EXECUTE FUNCTION adatlas.bump_version();",
        f"GRANT INSERT ON adatlas.{name} TO adatlas_curator;",
    ]
    record_key = key(name)
    if record_key:
        # The database itself refuses two approved records with one id.
        statements.append(
            f"CREATE UNIQUE INDEX {name}_approved_id ON adatlas.{name} ({quoted(record_key)}) "
            "WHERE state = 'approved';"
        )
    if name in GEOMETRY_TABLES:
        statements.append(f"CREATE INDEX {name}_geom ON adatlas.{name} USING gist (geom);")
    return "\n".join(statements)


def schema_sql() -> str:
    """Every statement `adatlas db init` runs (after CREATE SCHEMA and CREATE EXTENSION)."""
    template = files("adatlas.db").joinpath("schema.sql").read_text(encoding="utf-8")
    before, after = template.split("-- @data-tables\n", 1)
    tables = "\n\n".join(_table(name) for name in DATA_TABLES)
    names = ", ".join(f"'{name}'" for name in DATA_TABLES)
    return before + _POINT_FUNCTION + "\n" + tables + "\n" + after.replace("{tables}", names)
