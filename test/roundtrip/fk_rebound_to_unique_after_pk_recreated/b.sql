-- found by the random pairs (test/random/): going back to a.sql creates the
-- primary key again after t_id_key exists, so the recreated foreign key
-- binds to t_id_key instead of t_pkey (its depends_on differs, and a later
-- DROP of t_id_key would fail)
CREATE TABLE t (
    id integer,
    parent_id integer NOT NULL,
    CONSTRAINT t_pk PRIMARY KEY (id, parent_id),
    CONSTRAINT t_id_key UNIQUE NULLS NOT DISTINCT (id)
);
