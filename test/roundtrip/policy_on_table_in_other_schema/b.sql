CREATE SCHEMA app;
CREATE TABLE app.notes (author text, body text);
ALTER TABLE app.notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.notes FORCE ROW LEVEL SECURITY;
CREATE POLICY notes_author ON app.notes USING (author = current_user);
