CREATE TABLE t (owner text, public boolean);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON t FOR SELECT USING (owner = current_user);
