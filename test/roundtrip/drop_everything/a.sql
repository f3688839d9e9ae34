CREATE EXTENSION hstore;
CREATE SCHEMA app;
CREATE TYPE app.color AS ENUM ('red', 'green');
CREATE DOMAIN app.pos AS integer CHECK (VALUE > 0);
CREATE TYPE app.pair AS (a integer, b integer);
CREATE COLLATION app.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE SEQUENCE app.ids;
CREATE FUNCTION app.next_id() RETURNS bigint LANGUAGE sql AS $$SELECT nextval('app.ids')$$;
CREATE TABLE app.items (
    id bigint PRIMARY KEY DEFAULT app.next_id(),
    color app.color,
    qty app.pos,
    name text COLLATE app.ci,
    attrs hstore
);
CREATE TABLE app.item_parts (
    item_id bigint REFERENCES app.items (id),
    part text
) PARTITION BY LIST (part);
CREATE TABLE app.item_parts_a PARTITION OF app.item_parts FOR VALUES IN ('a');
CREATE INDEX item_parts_part_idx ON app.item_parts (part);
CREATE VIEW app.red_items AS SELECT id FROM app.items WHERE color = 'red';
CREATE MATERIALIZED VIEW app.item_counts AS SELECT color, count(*) FROM app.items GROUP BY color;
CREATE FUNCTION app.trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER items_trg BEFORE INSERT ON app.items FOR EACH ROW EXECUTE FUNCTION app.trg();
ALTER TABLE app.items ENABLE ROW LEVEL SECURITY;
CREATE POLICY items_all ON app.items USING (true);
GRANT USAGE ON SCHEMA app TO rt_reader;
GRANT SELECT ON app.items TO rt_reader;
COMMENT ON TABLE app.items IS 'Items';
CREATE TABLE public.top_level (
    id integer PRIMARY KEY,
    item_id bigint REFERENCES app.items (id)
);
CREATE PROCEDURE public.cleanup() LANGUAGE sql AS $$DELETE FROM public.top_level$$;
