CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON t TO rt_reader, rt_writer USING (true);
