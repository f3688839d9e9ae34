-- test/model_cases/policy_on_table_in_other_schema/app.sql: the model of schema app: the statements of
-- test/roundtrip/policy_on_table_in_other_schema/b.sql that define its objects, its own qualification left out.
CREATE TABLE notes (author text, body text);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY notes_author ON notes USING (author = current_user);
