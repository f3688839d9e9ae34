-- An aggregate in public out of nothing, with a view and a matview that
-- use it (created after it, dropped before it).
CREATE FUNCTION concat_state(text, text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$SELECT coalesce($1 || ',', '') || $2$$;
CREATE AGGREGATE joined(text) (SFUNC = concat_state, STYPE = text);
CREATE TABLE tags (item integer, tag text);
CREATE VIEW item_tags AS SELECT item, joined(tag ORDER BY tag) AS tags FROM tags GROUP BY item;
CREATE MATERIALIZED VIEW item_tags_m AS SELECT item, joined(tag) AS tags FROM tags GROUP BY item;
