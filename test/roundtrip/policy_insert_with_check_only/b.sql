CREATE TABLE t (owner text);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY t_insert_own ON t FOR INSERT TO rt_writer WITH CHECK (owner = current_user);
