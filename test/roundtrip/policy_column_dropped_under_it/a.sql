CREATE TABLE t (id int, tenant int);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY t_tenant ON t USING (tenant = 1);
