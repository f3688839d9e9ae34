-- An index on a generated column.
CREATE TABLE t (id int, email text, email_lower text GENERATED ALWAYS AS (lower(email)) STORED);
CREATE INDEX t_email_lower_idx ON t (email_lower);
