-- The tablespaces the round-trip corpus (test/roundtrip/) may use:
-- rt_space1 and rt_space2.  Like roles, tablespaces belong to the cluster,
-- so the tests that run the corpus create them (once, never dropped).  They
-- are made in place, inside the data directory (a developer setting that
-- PostgreSQL's own tests use), so that no directory outside the cluster is
-- needed.  CREATE TABLESPACE cannot run in a transaction block (nor a DO
-- block): \gexec runs each statement on its own.  Run by
-- test/lib/corpus_roles.sql and test/roundtrip/run.
SET client_min_messages = warning;
SET allow_in_place_tablespaces = on;
SELECT format('CREATE TABLESPACE %I LOCATION ''''', t)
  FROM unnest(ARRAY['rt_space1', 'rt_space2']) AS t
 WHERE NOT EXISTS (SELECT FROM pg_tablespace WHERE spcname = t) \gexec
