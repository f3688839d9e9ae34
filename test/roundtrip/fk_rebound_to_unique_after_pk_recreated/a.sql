-- the self-referencing foreign key depends on the primary key t_pkey,
-- created before the unique constraint on the same column
CREATE TABLE t (
    id integer,
    parent_id integer,
    CONSTRAINT t_pkey PRIMARY KEY (id),
    CONSTRAINT t_id_key UNIQUE NULLS NOT DISTINCT (id)
);
ALTER TABLE t ADD CONSTRAINT t_parent_fkey FOREIGN KEY (parent_id) REFERENCES t (id) ON DELETE CASCADE;
