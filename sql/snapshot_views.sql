-- docs/snapshot-format.md: views and materialized views (definition, options,
-- columns, what they read).
CREATE SCHEMA snap_views;
CREATE SCHEMA snap_other;
SET search_path = snap_views;

CREATE TABLE items (id int PRIMARY KEY, price numeric, hidden bool);
CREATE TABLE snap_other.rates (cur text, rate numeric);
CREATE VIEW visible_items WITH (security_barrier = true) AS
	SELECT id, price FROM items WHERE NOT hidden;
CREATE VIEW priced AS
	SELECT v.id, v.price * r.rate AS local_price
	  FROM visible_items v CROSS JOIN snap_other.rates r;
CREATE VIEW cheap_items AS SELECT id, price FROM items WHERE price < 10
	WITH CASCADED CHECK OPTION;
ALTER VIEW visible_items ALTER COLUMN price SET DEFAULT 0;
COMMENT ON VIEW priced IS 'prices in local currency';
CREATE MATERIALIZED VIEW totals AS SELECT count(*) AS n FROM items WITH NO DATA;
CREATE MATERIALIZED VIEW totals_now AS SELECT sum(price) AS s FROM items;
CREATE UNIQUE INDEX totals_now_s ON totals_now (s);

SELECT jsonb_pretty(public.migrate_snapshot(ARRAY['snap_views']) #> '{schemas,snap_views,views}');
SELECT jsonb_pretty(public.migrate_snapshot(ARRAY['snap_views']) #> '{schemas,snap_views,materialized_views}');

RESET search_path;
DROP SCHEMA snap_views, snap_other CASCADE;
