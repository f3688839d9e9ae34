CREATE TABLE settings (
    id integer PRIMARY KEY,
    data text
);
