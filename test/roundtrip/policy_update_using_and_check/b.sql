CREATE TABLE t (owner text, locked boolean DEFAULT false);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY t_update ON t FOR UPDATE USING (owner = current_user) WITH CHECK (NOT locked);
