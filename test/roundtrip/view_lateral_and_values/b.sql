CREATE TABLE t (id int, tags text[]);
CREATE VIEW tag_rows AS SELECT t.id, x.tag FROM t, LATERAL unnest(t.tags) AS x(tag);
CREATE VIEW consts AS SELECT * FROM (VALUES (1, 'one'), (2, 'two')) AS c(n, word);
