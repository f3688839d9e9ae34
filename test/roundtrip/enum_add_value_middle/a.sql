CREATE TYPE severity AS ENUM ('low', 'high', 'critical');
CREATE TABLE incidents (
    id integer PRIMARY KEY,
    severity severity NOT NULL,
    CONSTRAINT incidents_severity_check CHECK (severity >= 'low')
);
CREATE INDEX incidents_severity_idx ON incidents (severity);
