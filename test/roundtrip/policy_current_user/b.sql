CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON t USING (b = current_user);
