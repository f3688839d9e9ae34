CREATE TYPE addr AS (street text, city text);
CREATE TABLE people (id int, home addr);
