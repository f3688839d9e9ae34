-- A column a policy reads is dropped together with the policy.
CREATE TABLE t (id int);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
