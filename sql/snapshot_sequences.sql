-- docs/snapshot-format.md: sequences (type, start, increment, min, max, cache,
-- cycle, OWNED BY); identity sequences belong to their column.
CREATE SCHEMA snap_seq;
SET search_path = snap_seq;

CREATE SEQUENCE counter AS smallint START 5 INCREMENT -1 MINVALUE -100 MAXVALUE 5 CACHE 10 CYCLE;
CREATE TABLE owner_t (id serial, n bigint GENERATED ALWAYS AS IDENTITY);
CREATE SEQUENCE owned_seq OWNED BY owner_t.id;
COMMENT ON SEQUENCE counter IS 'counts down';
SELECT nextval('counter');	-- the current value is data, not schema

SELECT jsonb_pretty(public.migrate_snapshot(ARRAY['snap_seq']) #> '{schemas,snap_seq,sequences}');

RESET search_path;
DROP SCHEMA snap_seq CASCADE;
