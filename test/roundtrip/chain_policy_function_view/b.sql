-- A policy calls a function that reads a view over another table.
CREATE TABLE members (uid text, team int);
CREATE VIEW my_teams AS SELECT team FROM members WHERE uid = current_user;
CREATE FUNCTION in_my_team(t int) RETURNS boolean LANGUAGE sql STABLE AS $$SELECT EXISTS (SELECT 1 FROM my_teams WHERE team = t)$$;
CREATE TABLE docs (id int, team int);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY docs_team ON docs USING (in_my_team(team));
