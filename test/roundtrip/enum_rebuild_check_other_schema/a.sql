CREATE SCHEMA app;
CREATE SCHEMA audit;
CREATE TYPE app.status AS ENUM ('new', 'open', 'closed', 'archived');
CREATE TABLE app.tickets (id integer PRIMARY KEY, status app.status NOT NULL DEFAULT 'new');
CREATE TABLE audit.ticket_log (
    id integer PRIMARY KEY,
    old_status app.status,
    new_status app.status,
    CONSTRAINT not_reopened CHECK (old_status IS DISTINCT FROM 'closed' OR new_status <> 'open')
);
CREATE TABLE app.history (id integer, statuses app.status[]);
