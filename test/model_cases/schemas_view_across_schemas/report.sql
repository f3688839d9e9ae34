-- test/model_cases/schemas_view_across_schemas/report.sql: the model of schema report: the statements of
-- test/roundtrip/schemas_view_across_schemas/b.sql that define its objects, its own qualification left out.
CREATE VIEW daily AS SELECT day, sum(amount) AS total FROM raw.sales GROUP BY day;
