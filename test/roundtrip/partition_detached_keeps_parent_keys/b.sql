-- family 11 of issue 14: a partition detached (it stays, as a table of
-- its own) while its parent and the table its parent's foreign key
-- references go: PostgreSQL leaves the detached partition a copy of the
-- parent's foreign key and CHECK, which the target does not have and which
-- would block the drop of regions
CREATE TABLE sales_2025 (
    id integer NOT NULL,
    region_id integer,
    at date NOT NULL
);
