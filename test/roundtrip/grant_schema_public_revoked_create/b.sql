-- The usual hardening of schema public: CREATE revoked from PUBLIC, USAGE kept.
CREATE TABLE t (id int);
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT CREATE ON SCHEMA public TO rt_admin;
