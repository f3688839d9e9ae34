-- clients renamed to customers: a diff sees one table dropped, one created
CREATE TABLE customers (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE projects (
    id integer PRIMARY KEY,
    client_id integer NOT NULL REFERENCES customers (id),
    title text
);
CREATE VIEW client_projects AS
    SELECT c.name, p.title FROM customers c JOIN projects p ON p.client_id = c.id;
