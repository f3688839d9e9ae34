CREATE SCHEMA inventory;
CREATE TYPE inventory.unit AS ENUM ('piece', 'kg');
CREATE TABLE inventory.items (
    id integer PRIMARY KEY,
    unit inventory.unit NOT NULL
);
CREATE FUNCTION inventory.item_count() RETURNS bigint LANGUAGE sql STABLE
    AS $$SELECT count(*) FROM inventory.items$$;
