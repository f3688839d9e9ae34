-- An issue tracker, written from scratch in the shape such applications
-- take (see README.md): projects, issues with labels and comments, a
-- keyed issue reference type with a cast from text, default privileges
-- for the reporting and worker roles, a publication that feeds a search
-- service with assigned issues only, an event trigger that records schema
-- changes, and the previous system's tickets read through a foreign table.
CREATE SCHEMA tracker;
CREATE SCHEMA legacy;
CREATE SCHEMA ops;

ALTER DEFAULT PRIVILEGES IN SCHEMA tracker GRANT SELECT ON TABLES TO rt_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA tracker GRANT SELECT, INSERT, UPDATE ON TABLES TO rt_writer;
ALTER DEFAULT PRIVILEGES FOR ROLE rt_admin REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE rt_admin GRANT EXECUTE ON FUNCTIONS TO rt_writer;

CREATE TYPE tracker.issue_key AS (project text, number integer);
CREATE FUNCTION tracker.parse_issue_key(text) RETURNS tracker.issue_key
    LANGUAGE sql IMMUTABLE STRICT
    AS $$SELECT split_part($1, '-', 1), split_part($1, '-', 2)::integer$$;
CREATE CAST (text AS tracker.issue_key) WITH FUNCTION tracker.parse_issue_key(text) AS ASSIGNMENT;
COMMENT ON CAST (text AS tracker.issue_key) IS 'PROJ-123';
CREATE TYPE tracker.issue_status AS ENUM ('open', 'in_progress', 'resolved', 'closed');
CREATE TYPE tracker.priority AS ENUM ('low', 'normal', 'high', 'urgent');

CREATE TABLE tracker.projects (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key text NOT NULL UNIQUE CHECK (key ~ '^[A-Z]{2,10}$'),
    name text NOT NULL,
    archived boolean NOT NULL DEFAULT false
);
CREATE TABLE tracker.issues (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id integer NOT NULL REFERENCES tracker.projects (id),
    number integer NOT NULL,
    title text NOT NULL,
    description text,
    status tracker.issue_status NOT NULL DEFAULT 'open',
    priority tracker.priority NOT NULL DEFAULT 'normal',
    assignee text,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    UNIQUE (project_id, number)
);
CREATE INDEX issues_open ON tracker.issues (project_id, priority) WHERE status IN ('open', 'in_progress');
ALTER TABLE tracker.issues REPLICA IDENTITY FULL;
CREATE TABLE tracker.labels (
    issue_id bigint NOT NULL REFERENCES tracker.issues (id) ON DELETE CASCADE,
    label text NOT NULL,
    PRIMARY KEY (issue_id, label)
);
CREATE TABLE tracker.comments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issue_id bigint NOT NULL REFERENCES tracker.issues (id) ON DELETE CASCADE,
    author text NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now()
);
CREATE VIEW tracker.open_issues AS
    SELECT p.key || '-' || i.number AS ref, i.title, i.priority, i.assignee
      FROM tracker.issues i JOIN tracker.projects p ON p.id = i.project_id
     WHERE i.status IN ('open', 'in_progress');

CREATE PUBLICATION search_feed
    FOR TABLE tracker.issues (id, project_id, number, title, status, assignee) WHERE (assignee IS NOT NULL),
        tracker.projects
    WITH (publish = 'insert, update, delete');
COMMENT ON PUBLICATION search_feed IS 'to the search service';

CREATE TABLE ops.ddl_log (
    at timestamp with time zone NOT NULL DEFAULT now(),
    tag text NOT NULL
);
CREATE FUNCTION ops.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ops.ddl_log (tag) VALUES (tg_tag);
END$$;
CREATE EVENT TRIGGER log_ddl ON ddl_command_end
    WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE', 'DROP TABLE')
    EXECUTE FUNCTION ops.log_ddl();

CREATE FOREIGN DATA WRAPPER legacy_files;
CREATE SERVER legacy_archive FOREIGN DATA WRAPPER legacy_files OPTIONS (directory '/srv/tickets');
CREATE USER MAPPING FOR rt_admin SERVER legacy_archive;
CREATE FOREIGN TABLE legacy.tickets (
    ticket_no integer NOT NULL,
    subject text,
    opened date OPTIONS (format 'YYYY-MM-DD')
) SERVER legacy_archive OPTIONS (file 'tickets.csv');
CREATE VIEW legacy.unmigrated AS
    SELECT t.ticket_no, t.subject FROM legacy.tickets t
     WHERE NOT EXISTS (SELECT 1 FROM tracker.issues i WHERE i.number = t.ticket_no);
