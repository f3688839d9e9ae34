CREATE TABLE t (owner text, locked boolean);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY t_all ON t USING (true);
