CREATE TABLE raw_items (id integer PRIMARY KEY, name text, price numeric);
CREATE TABLE items (id integer PRIMARY KEY, name text, price numeric);
CREATE VIEW cheap_items AS SELECT id, name FROM items WHERE price < 10;
CREATE VIEW item_names AS SELECT id, name FROM raw_items;
CREATE VIEW item_name_lengths AS SELECT id, length(name) AS len FROM item_names;
CREATE FUNCTION touch(i integer) RETURNS integer LANGUAGE sql AS 'SELECT i + 1';
