-- an enum label removed (the type is rebuilt) while columns of two schemas,
-- an array column and a CHECK of another schema use it: the old type goes
-- only after the last column is converted, the CHECK after the columns
CREATE SCHEMA app;
CREATE SCHEMA audit;
CREATE TYPE app.status AS ENUM ('new', 'open', 'closed');
CREATE TABLE app.tickets (id integer PRIMARY KEY, status app.status NOT NULL DEFAULT 'new');
CREATE TABLE audit.ticket_log (
    id integer PRIMARY KEY,
    old_status app.status,
    new_status app.status,
    CONSTRAINT not_reopened CHECK (old_status IS DISTINCT FROM 'closed' OR new_status <> 'open')
);
CREATE TABLE app.history (id integer, statuses app.status[]);
