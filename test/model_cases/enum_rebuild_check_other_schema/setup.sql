-- test/model_cases/enum_rebuild_check_other_schema/setup.sql: run for real before the models are set.
-- Statements of b.sql, unchanged: the schemas app and audit, and the enum of app that the model of audit references.
CREATE SCHEMA app;
CREATE SCHEMA audit;
CREATE TYPE app.status AS ENUM ('new', 'open', 'closed');
