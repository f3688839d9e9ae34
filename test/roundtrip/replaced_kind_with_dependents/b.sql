-- objects replaced by one of another kind under the same name while others
-- depend on them: a table that becomes a view, a view that becomes a
-- materialized view, a function that becomes a procedure
CREATE TABLE raw_items (id integer PRIMARY KEY, name text, price numeric);
CREATE VIEW items AS SELECT id, name, price FROM raw_items;
CREATE VIEW cheap_items AS SELECT id, name FROM items WHERE price < 10;
CREATE MATERIALIZED VIEW item_names AS SELECT id, name FROM raw_items;
CREATE VIEW item_name_lengths AS SELECT id, length(name) AS len FROM item_names;
CREATE PROCEDURE touch(i integer) LANGUAGE sql AS 'SELECT i + 1';
