-- test/model_cases/grants_and_revokes/public.sql: the model of schema public: the
-- statement of test/roundtrip/grants_and_revokes/b.sql about public, unchanged.
-- public holds no object of the case: its model says its privileges (those
-- it has, and the GRANT), and its comment is the live one.
GRANT USAGE ON SCHEMA public TO rt_reader;
