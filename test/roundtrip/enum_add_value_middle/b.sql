-- labels inserted before, between and after the existing ones
CREATE TYPE severity AS ENUM ('trivial', 'low', 'medium', 'high', 'critical', 'blocker');
CREATE TABLE incidents (
    id integer PRIMARY KEY,
    severity severity NOT NULL,
    CONSTRAINT incidents_severity_check CHECK (severity >= 'low')
);
CREATE INDEX incidents_severity_idx ON incidents (severity);
