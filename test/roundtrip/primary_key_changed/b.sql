-- the key of projects gains tenant_id: the foreign key that points at it
-- must go first and come back on both columns
CREATE TABLE tenants (
    id integer PRIMARY KEY
);
CREATE TABLE projects (
    id integer NOT NULL,
    tenant_id integer NOT NULL REFERENCES tenants (id),
    name text,
    CONSTRAINT projects_pkey PRIMARY KEY (tenant_id, id)
);
CREATE TABLE tasks (
    id integer PRIMARY KEY,
    tenant_id integer NOT NULL,
    project_id integer NOT NULL,
    CONSTRAINT tasks_project_fkey FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);
