CREATE TABLE tenants (
    id integer PRIMARY KEY
);
CREATE TABLE projects (
    id integer NOT NULL,
    tenant_id integer NOT NULL REFERENCES tenants (id),
    name text,
    CONSTRAINT projects_pkey PRIMARY KEY (id)
);
CREATE TABLE tasks (
    id integer PRIMARY KEY,
    tenant_id integer NOT NULL,
    project_id integer NOT NULL,
    CONSTRAINT tasks_project_fkey FOREIGN KEY (project_id) REFERENCES projects (id)
);
