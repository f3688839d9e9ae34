CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE POLICY p ON t USING (a > 0);
