-- the same objects under another schema name: the snapshot of the schema
-- is the same but for its key; a diff sees a schema dropped and one created
CREATE SCHEMA stock;
CREATE TYPE stock.unit AS ENUM ('piece', 'kg');
CREATE TABLE stock.items (
    id integer PRIMARY KEY,
    unit stock.unit NOT NULL
);
CREATE FUNCTION stock.item_count() RETURNS bigint LANGUAGE sql STABLE
    AS $$SELECT count(*) FROM stock.items$$;
