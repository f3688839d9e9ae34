CREATE TABLE departments (
    id integer NOT NULL,
    code text NOT NULL,
    name text,
    CONSTRAINT departments_pkey PRIMARY KEY (id),
    CONSTRAINT departments_code_key UNIQUE (code),
    CONSTRAINT departments_name_check CHECK (name IS NULL OR length(name) > 1)
);
CREATE TABLE employees (
    id integer NOT NULL,
    department_id integer,
    email text,
    salary numeric(10,2),
    manager_id integer,
    CONSTRAINT employees_pkey PRIMARY KEY (id),
    CONSTRAINT employees_email_key UNIQUE (email),
    CONSTRAINT employees_department_id_fkey FOREIGN KEY (department_id) REFERENCES departments (id),
    CONSTRAINT employees_manager_id_fkey FOREIGN KEY (manager_id) REFERENCES employees (id) ON DELETE SET NULL,
    CONSTRAINT employees_not_own_manager CHECK (manager_id <> id)
);
