CREATE TABLE departments (
    id integer NOT NULL,
    code text NOT NULL,
    name text
);
CREATE TABLE employees (
    id integer NOT NULL,
    department_id integer,
    email text,
    salary numeric(10,2),
    manager_id integer,
    CONSTRAINT employees_pkey PRIMARY KEY (id),
    CONSTRAINT employees_salary_check CHECK (salary >= 0)
);
