CREATE TYPE color AS ENUM ('red', 'green', 'blue');
ALTER TYPE color RENAME VALUE 'green' TO 'lime';
CREATE TABLE widgets (
    id integer PRIMARY KEY,
    color color
);
