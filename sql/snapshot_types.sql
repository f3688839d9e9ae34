-- docs/snapshot-format.md: types (enum labels in order, composite, domain with
-- constraints, range) and collations.
CREATE SCHEMA snap_types;
SET search_path = snap_types;

CREATE TYPE mood AS ENUM ('sad', 'ok');
ALTER TYPE mood ADD VALUE 'happy';
ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';	-- order is meaning, not creation
CREATE TYPE address AS (street text COLLATE "C", zip varchar(10), m mood);
CREATE DOMAIN percent AS numeric(5,2) DEFAULT 0 NOT NULL
	CONSTRAINT percent_range CHECK (VALUE BETWEEN 0 AND 100);
ALTER DOMAIN percent ADD CONSTRAINT percent_round CHECK (VALUE = round(VALUE)) NOT VALID;
CREATE DOMAIN code AS text COLLATE "C";
CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TYPE textrange_c AS RANGE (subtype = text, collation = "C");
CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION posix_copy FROM "POSIX";
COMMENT ON TYPE mood IS 'how it went';
REVOKE USAGE ON TYPE mood FROM PUBLIC;

SELECT jsonb_pretty(public.migrate_snapshot(ARRAY['snap_types']) #> '{schemas,snap_types,types}');
SELECT jsonb_pretty(public.migrate_snapshot(ARRAY['snap_types']) #> '{schemas,snap_types,collations}');

RESET search_path;
DROP SCHEMA snap_types CASCADE;
