-- test/model_cases/comments_everywhere/public.sql: the model of schema public: the
-- statement of test/roundtrip/comments_everywhere/b.sql about public, unchanged.
-- public holds no object of the case: its model says its comment, and its
-- privileges are the live ones.
COMMENT ON SCHEMA public IS 'standard public schema (unused here)';
