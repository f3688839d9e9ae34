CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE TABLE allowed (a integer);
CREATE POLICY p ON t USING (a IN (SELECT allowed.a FROM allowed));
