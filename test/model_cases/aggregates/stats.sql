-- test/model_cases/aggregates/stats.sql: the model of schema stats: the statements of
-- test/roundtrip/aggregates/b.sql that define objects of stats, in b.sql's order,
-- with "stats." (and OPERATOR(stats.op)) left out of the names of stats's own
-- objects (function bodies are kept as written: they are text).  Nothing else is changed.
CREATE FUNCTION add_state(integer, integer) RETURNS integer
    LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE FUNCTION sub_state(integer, integer) RETURNS integer
    LANGUAGE sql IMMUTABLE AS 'SELECT $1 - $2';
CREATE FUNCTION mul_state(integer, integer) RETURNS integer
    LANGUAGE sql IMMUTABLE AS 'SELECT $1 * $2';
CREATE FUNCTION as_text(integer) RETURNS text
    LANGUAGE sql IMMUTABLE AS 'SELECT $1::text';
CREATE FUNCTION count_state(bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1';
CREATE AGGREGATE total(integer) (SFUNC = mul_state, STYPE = integer, INITCOND = '1');
CREATE AGGREGATE msum(integer) (
    SFUNC = add_state, STYPE = integer, INITCOND = '0',
    MSFUNC = add_state, MINVFUNC = sub_state, MSTYPE = integer, MINITCOND = '0',
    PARALLEL = SAFE);
CREATE AGGREGATE labelled(integer) (SFUNC = add_state, STYPE = integer,
    FINALFUNC = as_text, INITCOND = '0');
CREATE AGGREGATE my_rank(VARIADIC "any" ORDER BY VARIADIC "any") (
    SFUNC = ordered_set_transition_multi, STYPE = internal,
    FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL);
CREATE AGGREGATE counter(*) (SFUNC = count_state, STYPE = bigint, INITCOND = '0');
CREATE AGGREGATE biggest(integer) (SFUNC = int4larger, STYPE = integer, SORTOP = >);
CREATE TABLE m (g integer, v integer);
CREATE VIEW sums AS SELECT g, total(v) AS total FROM m GROUP BY g;
CREATE VIEW labels AS SELECT g, labelled(v) AS label FROM m GROUP BY g;
COMMENT ON AGGREGATE total(integer) IS 'a product';
COMMENT ON AGGREGATE counter(*) IS 'rows';
REVOKE EXECUTE ON FUNCTION total(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION total(integer) TO rt_writer;
