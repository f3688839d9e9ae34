-- Aggregates of every sort: normal, moving, ordered-set, hypothetical-set;
-- views that call them, a comment, privileges.
CREATE SCHEMA stats;
CREATE FUNCTION stats.add_state(integer, integer) RETURNS integer
    LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE FUNCTION stats.sub_state(integer, integer) RETURNS integer
    LANGUAGE sql IMMUTABLE AS 'SELECT $1 - $2';
CREATE FUNCTION stats.mul_state(integer, integer) RETURNS integer
    LANGUAGE sql IMMUTABLE AS 'SELECT $1 * $2';
CREATE FUNCTION stats.as_text(integer) RETURNS text
    LANGUAGE sql IMMUTABLE AS 'SELECT $1::text';
CREATE AGGREGATE stats.total(integer) (SFUNC = stats.add_state, STYPE = integer, INITCOND = '0');
CREATE AGGREGATE stats.msum(integer) (
    SFUNC = stats.add_state, STYPE = integer, INITCOND = '0',
    MSFUNC = stats.add_state, MINVFUNC = stats.sub_state, MSTYPE = integer, MINITCOND = '0');
CREATE AGGREGATE stats.labelled(integer) (SFUNC = stats.add_state, STYPE = integer, INITCOND = '0');
CREATE AGGREGATE stats.pct(double precision ORDER BY anyelement) (
    SFUNC = ordered_set_transition, STYPE = internal,
    FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);
CREATE AGGREGATE stats.biggest(integer) (SFUNC = int4larger, STYPE = integer, SORTOP = >);
CREATE TABLE stats.m (g integer, v integer);
CREATE VIEW stats.sums AS SELECT g, stats.total(v) AS total FROM stats.m GROUP BY g;
CREATE VIEW stats.labels AS SELECT g, stats.labelled(v) AS label FROM stats.m GROUP BY g;
COMMENT ON AGGREGATE stats.total(integer) IS 'a sum';
REVOKE EXECUTE ON FUNCTION stats.total(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION stats.total(integer) TO rt_reader;
