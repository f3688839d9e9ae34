-- the same labels in another order
CREATE TYPE size AS ENUM ('large', 'medium', 'small');
CREATE TABLE shirts (
    id integer PRIMARY KEY,
    size size NOT NULL
);
