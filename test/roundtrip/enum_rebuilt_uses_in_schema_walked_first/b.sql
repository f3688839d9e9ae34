-- An enum rebuilt (a label removed, or added back in the middle) while a
-- table of a schema the diff reaches before the enum's gains a default,
-- a CHECK and a partial index that compare its columns with the new
-- type's labels: each waits for the conversion of the columns.
CREATE SCHEMA a_app;
CREATE SCHEMA z_types;
CREATE TYPE z_types.status AS ENUM ('new', 'old');
CREATE TABLE a_app.t (id int, s z_types.status DEFAULT 'new',
    s2 z_types.status CONSTRAINT t_s2_check CHECK (s2 <> 'old'));
CREATE INDEX t_s_new ON a_app.t (id) WHERE s = 'new';
