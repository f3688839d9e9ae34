CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
COMMENT ON TABLE t IS E'line one\nline two: caf\u00e9 \u2603, a \\ backslash';
