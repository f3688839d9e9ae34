CREATE TABLE t (n int);
CREATE PROCEDURE bump() LANGUAGE sql AS $$UPDATE t SET n = n + 1$$;
