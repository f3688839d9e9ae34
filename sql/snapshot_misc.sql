-- docs/snapshot-format.md: schemas (comment, privileges), dependencies between
-- objects (pg_depend), names that need quoting, relative names across
-- schemas.
CREATE SCHEMA "Snap Misc";
CREATE SCHEMA snap_shared;
CREATE ROLE snap_misc_user;
COMMENT ON SCHEMA "Snap Misc" IS 'awkward names live here';
GRANT USAGE ON SCHEMA "Snap Misc" TO snap_misc_user;
SET search_path = "Snap Misc";

CREATE TYPE snap_shared.status AS ENUM ('new', 'done');
CREATE FUNCTION "Valid"(int) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN $1 > 0;
CREATE TABLE "Order" (
	"select" int PRIMARY KEY CHECK ("Valid"("select")),
	"naïve col" text DEFAULT 'x''y',
	st snap_shared.status DEFAULT 'new'
);
CREATE INDEX "Order idx" ON "Order" (("naïve col" || 'z'));
CREATE VIEW "Order view" AS SELECT "select", st FROM "Order";

SELECT jsonb_pretty(public.migrate_snapshot(ARRAY['Snap Misc', 'snap_shared']) -> 'schemas');

RESET search_path;
DROP SCHEMA "Snap Misc", snap_shared CASCADE;
DROP ROLE snap_misc_user;
