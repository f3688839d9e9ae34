-- A column added between two others: by the docs the order is reached without dropping the table.
CREATE TABLE t (id int, a text, b text);
