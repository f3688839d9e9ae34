-- test/model_cases/exclusion_constraint: b.sql's CREATE EXTENSION statements, run for real
-- first (a model refuses an extension that is not installed).
CREATE EXTENSION btree_gist;
