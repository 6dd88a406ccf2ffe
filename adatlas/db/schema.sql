-- The team store's fixed part: review changes, history, the change counter, roles and grants.
-- adatlas.db.ddl puts the data tables (one per dataset table) at the @data-tables line and
-- their names in {tables}. Run once, in one transaction, by `adatlas db init`.

-- Roles: groups that login users are granted (`adatlas db user`). Names are the cluster's.
DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['adatlas_reader', 'adatlas_curator', 'adatlas_reviewer',
                                'adatlas_admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', name);
        END IF;
    END LOOP;
END $$;
GRANT adatlas_reader TO adatlas_curator, adatlas_reviewer;

-- One curator's save (or one `adatlas import`, or one `adatlas db load`): proposed, then approved
-- or rejected by a reviewer who is a different database user.
CREATE TABLE adatlas.changes (
    id bigserial PRIMARY KEY,
    summary text NOT NULL DEFAULT '',
    state text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'approved', 'rejected')),
    proposed_by text NOT NULL DEFAULT session_user,
    proposed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    reviewed_by text,
    reviewed_at timestamptz,
    review_note text NOT NULL DEFAULT ''
);

-- Every insert, update and delete of every data row (and of changes): who, when, before, after.
-- `xact` groups one transaction's rows: "what we knew at T" takes whole transactions only.
CREATE TABLE adatlas.history (
    seq bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    db_user text NOT NULL DEFAULT session_user,
    xact bigint NOT NULL DEFAULT txid_current(),
    table_name text NOT NULL,
    row_id bigint NOT NULL,
    op text NOT NULL CHECK (op IN ('INSERT', 'UPDATE', 'DELETE')),
    before jsonb,
    after jsonb
);
CREATE INDEX history_row ON adatlas.history (table_name, row_id, seq);
CREATE INDEX history_xact ON adatlas.history (xact);

-- Bumped by every statement that writes: a server's cache of the dataset is good while this
-- number has not moved (several servers on one database stay in step by reading it).
CREATE TABLE adatlas.version (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    counter bigint NOT NULL
);
INSERT INTO adatlas.version VALUES (true, 0);

-- The column order of each table's file as it was loaded, so a dump writes the same headers.
CREATE TABLE adatlas.layout (
    table_name text PRIMARY KEY,
    columns text[] NOT NULL
);

CREATE FUNCTION adatlas.record_history() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, adatlas AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) - 'geom' END;
    new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) - 'geom' END;
    key text := CASE WHEN TG_TABLE_NAME = 'changes' THEN 'id' ELSE 'row_id' END;
BEGIN
    INSERT INTO adatlas.history (table_name, row_id, op, before, after)
    VALUES (TG_TABLE_NAME, (COALESCE(new_row, old_row) ->> key)::bigint, TG_OP, old_row, new_row);
    RETURN NULL;
END $$;

CREATE FUNCTION adatlas.bump_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, adatlas AS $$
DECLARE
    now_at bigint;
BEGIN
    UPDATE adatlas.version SET counter = counter + 1 RETURNING counter INTO now_at;
    PERFORM pg_notify('adatlas_changed', now_at::text);
    RETURN NULL;
END $$;

-- Only an administrator writes approved rows directly (`adatlas db load`); everyone else's rows
-- are proposed, and belong to a change of their own.
CREATE FUNCTION adatlas.guard_row() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, adatlas AS $$
BEGIN
    IF NOT pg_has_role(session_user, 'adatlas_admin', 'MEMBER') THEN
        NEW.state := 'proposed';
        IF NOT EXISTS (
            SELECT 1 FROM adatlas.changes c
            WHERE c.id = NEW.change_id AND c.proposed_by = session_user AND c.state = 'proposed'
        ) THEN
            RAISE EXCEPTION 'a row must belong to a proposed change of your own';
        END IF;
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION adatlas.guard_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, adatlas AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.proposed_by := session_user;
        NEW.proposed_at := clock_timestamp();
        IF NOT pg_has_role(session_user, 'adatlas_admin', 'MEMBER') THEN
            NEW.state := 'proposed';
            NEW.reviewed_by := NULL;
            NEW.reviewed_at := NULL;
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.state IS DISTINCT FROM OLD.state THEN
        IF OLD.state <> 'proposed' THEN
            RAISE EXCEPTION 'change % is % already', OLD.id, OLD.state;
        END IF;
        IF NEW.state = 'approved' AND OLD.proposed_by = session_user THEN
            RAISE EXCEPTION 'change % was proposed by %; another user must approve it',
                OLD.id, OLD.proposed_by;
        END IF;
        NEW.reviewed_by := session_user;
        NEW.reviewed_at := clock_timestamp();
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER guard BEFORE INSERT OR UPDATE ON adatlas.changes
    FOR EACH ROW EXECUTE FUNCTION adatlas.guard_change();
CREATE TRIGGER history AFTER INSERT OR UPDATE OR DELETE ON adatlas.changes
    FOR EACH ROW EXECUTE FUNCTION adatlas.record_history();
CREATE TRIGGER version AFTER INSERT OR UPDATE OR DELETE ON adatlas.changes
    FOR EACH STATEMENT EXECUTE FUNCTION adatlas.bump_version();

-- The data tables (adatlas.db.ddl writes them here).
-- @data-tables

-- A reviewer's decision on a proposed change: its rows become approved (the rows they replace,
-- superseded) or rejected, in one statement. The application validates before calling it.
CREATE FUNCTION adatlas.decide(change bigint, decision text, note text DEFAULT '')
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, adatlas AS $$
DECLARE
    name text;
BEGIN
    IF NOT pg_has_role(session_user, 'adatlas_reviewer', 'MEMBER') THEN
        RAISE EXCEPTION 'permission denied: % is not a reviewer (role adatlas_reviewer)',
            session_user USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF decision NOT IN ('approved', 'rejected') THEN
        RAISE EXCEPTION 'a decision is approved or rejected, not %', decision;
    END IF;
    -- The change row first: its trigger refuses a decided change and an author's own approval.
    UPDATE adatlas.changes SET state = decision, review_note = note WHERE id = change;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no change %', change;
    END IF;
    FOREACH name IN ARRAY ARRAY[{tables}] LOOP
        IF decision = 'approved' THEN
            EXECUTE format(
                'UPDATE adatlas.%I SET state = ''superseded'' WHERE row_id IN '
                '(SELECT replaces FROM adatlas.%I WHERE change_id = $1)', name, name
            ) USING change;
        END IF;
        EXECUTE format('UPDATE adatlas.%I SET state = $2 WHERE change_id = $1', name)
            USING change, decision;
    END LOOP;
END $$;


GRANT USAGE ON SCHEMA adatlas TO adatlas_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA adatlas TO adatlas_reader;
GRANT INSERT ON adatlas.changes TO adatlas_curator;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA adatlas TO adatlas_curator;
REVOKE ALL ON FUNCTION adatlas.decide(bigint, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION adatlas.decide(bigint, text, text) TO adatlas_reviewer;
