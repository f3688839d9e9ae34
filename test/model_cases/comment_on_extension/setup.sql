-- test/model_cases/comment_on_extension/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE EXTENSION citext;
COMMENT ON EXTENSION citext IS 'case-insensitive text, for e-mail addresses';
