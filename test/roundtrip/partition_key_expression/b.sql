-- A table partitioned by an expression of a column.
CREATE TABLE events (id bigint NOT NULL, at timestamptz NOT NULL, kind text) PARTITION BY LIST (lower(kind));
CREATE TABLE events_login PARTITION OF events FOR VALUES IN ('login');
CREATE TABLE events_rest PARTITION OF events DEFAULT;
