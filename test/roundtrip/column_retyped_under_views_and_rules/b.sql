-- Columns whose type changes under views (over views, ordered, of the
-- whole row, materialized with an index, one whose body changes too) and
-- a rule: with a cast, through text, without a conversion (dropped and
-- added), an enum rebuilt, a domain to its base type's neighbour.  bench/soak
-- saw "cannot alter type of a column used by a view or rule" on an older
-- engine; the views are dropped before and created after.
CREATE TYPE mood AS ENUM ('x', 'z');
CREATE DOMAIN d AS integer CHECK (VALUE > 0);
CREATE TABLE t (id int, a bigint, b varchar(20), c text, m mood, dd bigint, e uuid);
CREATE VIEW v AS SELECT id, a, b FROM t;
CREATE VIEW vv AS SELECT a FROM v WHERE b <> '';
CREATE VIEW v1 AS SELECT id, a, 2 AS two FROM t WHERE id > 0;
CREATE VIEW v2 AS SELECT id, m FROM t;
CREATE VIEW v3 AS SELECT v2.m FROM v2 ORDER BY 1;
CREATE VIEW v4 AS SELECT dd FROM t;
CREATE VIEW vrow AS SELECT t FROM t;
CREATE MATERIALIZED VIEW mv AS SELECT DISTINCT c FROM t;
CREATE INDEX mv_c ON mv (c);
CREATE TABLE r (id int, b text);
CREATE RULE r_ins AS ON INSERT TO r WHERE NEW.b <> '' DO ALSO INSERT INTO t (id, b) VALUES (NEW.id, NEW.b);
