CREATE TABLE t (id int, doc jsonb, kind text GENERATED ALWAYS AS (doc ->> 'kind') STORED);
