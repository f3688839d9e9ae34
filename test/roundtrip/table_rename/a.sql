CREATE TABLE clients (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE projects (
    id integer PRIMARY KEY,
    client_id integer NOT NULL REFERENCES clients (id),
    title text
);
CREATE VIEW client_projects AS
    SELECT c.name, p.title FROM clients c JOIN projects p ON p.client_id = c.id;
