CREATE TABLE t (owner text, locked boolean DEFAULT false);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
