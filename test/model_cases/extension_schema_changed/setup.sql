-- test/model_cases/extension_schema_changed/setup.sql: run for real before the models are set.
-- Statements of b.sql, unchanged: the schema ext and the extensions (a model
-- refuses an extension that is not installed, and cannot create a schema).
-- ext holds nothing but the extension seg, which a model cannot say (a
-- model takes the extensions of its schema from the live schema, and a
-- model with no statement is refused as empty): only public is modelled.
CREATE SCHEMA ext;
CREATE EXTENSION citext;
CREATE EXTENSION seg SCHEMA ext;
