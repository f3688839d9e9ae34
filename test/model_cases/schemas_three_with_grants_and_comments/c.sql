-- test/model_cases/schemas_three_with_grants_and_comments/c.sql: the model of schema c: the statements of
-- test/roundtrip/schemas_three_with_grants_and_comments/b.sql that define its objects, its own qualification left out.
CREATE TABLE t (id int);
