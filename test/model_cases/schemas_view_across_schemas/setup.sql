-- test/model_cases/schemas_view_across_schemas/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE SCHEMA raw;
CREATE SCHEMA report;
CREATE TABLE raw.sales (day date, amount numeric);
CREATE VIEW report.daily AS SELECT day, sum(amount) AS total FROM raw.sales GROUP BY day;
