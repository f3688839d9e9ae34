-- total's state function and initial value changed (replaced in place),
-- msum made parallel safe, labelled's result type changed by a final
-- function (dropped and made again with its view), pct gone, a
-- hypothetical-set aggregate and one without arguments added.
CREATE SCHEMA stats;
CREATE FUNCTION stats.add_state(integer, integer) RETURNS integer
    LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE FUNCTION stats.sub_state(integer, integer) RETURNS integer
    LANGUAGE sql IMMUTABLE AS 'SELECT $1 - $2';
CREATE FUNCTION stats.mul_state(integer, integer) RETURNS integer
    LANGUAGE sql IMMUTABLE AS 'SELECT $1 * $2';
CREATE FUNCTION stats.as_text(integer) RETURNS text
    LANGUAGE sql IMMUTABLE AS 'SELECT $1::text';
CREATE FUNCTION stats.count_state(bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1';
CREATE AGGREGATE stats.total(integer) (SFUNC = stats.mul_state, STYPE = integer, INITCOND = '1');
CREATE AGGREGATE stats.msum(integer) (
    SFUNC = stats.add_state, STYPE = integer, INITCOND = '0',
    MSFUNC = stats.add_state, MINVFUNC = stats.sub_state, MSTYPE = integer, MINITCOND = '0',
    PARALLEL = SAFE);
CREATE AGGREGATE stats.labelled(integer) (SFUNC = stats.add_state, STYPE = integer,
    FINALFUNC = stats.as_text, INITCOND = '0');
CREATE AGGREGATE stats.my_rank(VARIADIC "any" ORDER BY VARIADIC "any") (
    SFUNC = ordered_set_transition_multi, STYPE = internal,
    FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL);
CREATE AGGREGATE stats.counter(*) (SFUNC = stats.count_state, STYPE = bigint, INITCOND = '0');
CREATE AGGREGATE stats.biggest(integer) (SFUNC = int4larger, STYPE = integer, SORTOP = >);
CREATE TABLE stats.m (g integer, v integer);
CREATE VIEW stats.sums AS SELECT g, stats.total(v) AS total FROM stats.m GROUP BY g;
CREATE VIEW stats.labels AS SELECT g, stats.labelled(v) AS label FROM stats.m GROUP BY g;
COMMENT ON AGGREGATE stats.total(integer) IS 'a product';
COMMENT ON AGGREGATE stats.counter(*) IS 'rows';
REVOKE EXECUTE ON FUNCTION stats.total(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION stats.total(integer) TO rt_writer;
