-- The roles the round-trip corpus (test/roundtrip/) may use in GRANT,
-- policies and the like: roles belong to the cluster, so the tests that
-- run the corpus create them (once, never dropped), as test/roundtrip/run
-- does.  Run by test/model_roundtrip.sh and test/autogen_corpus.sh.
SET client_min_messages = warning;
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rt_reader') THEN CREATE ROLE rt_reader; END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rt_writer') THEN CREATE ROLE rt_writer; END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rt_admin') THEN CREATE ROLE rt_admin; END IF;
END
$$;
\ir corpus_tablespaces.sql
