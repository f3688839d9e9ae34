-- docs/snapshot-format.md: constraints (PK, UNIQUE, CHECK, FK, EXCLUDE, NOT VALID,
-- deferrable, NO INHERIT, inherited).
CREATE SCHEMA snap_cons;
SET search_path = snap_cons;
CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public;

CREATE TABLE parent (
	id int,
	code text,
	CONSTRAINT parent_pk PRIMARY KEY (id),
	CONSTRAINT parent_code UNIQUE NULLS NOT DISTINCT (code) DEFERRABLE INITIALLY DEFERRED,
	CONSTRAINT positive CHECK (id > 0) NO INHERIT
);
CREATE TABLE child (
	id int PRIMARY KEY,
	parent_id int,
	during tsrange,
	room int,
	CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) MATCH FULL
		ON DELETE CASCADE ON UPDATE SET NULL,
	CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)
);
ALTER TABLE child ADD CONSTRAINT room_ok CHECK (room BETWEEN 1 AND 99) NOT VALID;
ALTER TABLE child ADD CONSTRAINT child_parent_late FOREIGN KEY (parent_id) REFERENCES parent (id) NOT VALID;
COMMENT ON CONSTRAINT room_ok ON child IS 'rooms are numbered 1 to 99';

-- inherited CHECK constraints
CREATE TABLE base (v int CONSTRAINT v_pos CHECK (v >= 0));
CREATE TABLE heir (w int) INHERITS (base);

SELECT t.key AS table_name, jsonb_pretty(t.value -> 'constraints')
  FROM jsonb_each(public.migrate_snapshot(ARRAY['snap_cons']) #> '{schemas,snap_cons,tables}') t
 ORDER BY 1;

RESET search_path;
DROP SCHEMA snap_cons CASCADE;
