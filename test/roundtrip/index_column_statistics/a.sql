-- Statistics targets of table columns and of index expression columns.
CREATE TABLE people (id integer PRIMARY KEY, name text, city text);
ALTER TABLE people ALTER COLUMN name SET STATISTICS 500;
CREATE INDEX people_lower_name ON people (lower(name), id);
ALTER INDEX people_lower_name ALTER COLUMN 1 SET STATISTICS 1000;
CREATE INDEX people_upper_city ON people (upper(city), lower(city));
ALTER INDEX people_upper_city ALTER COLUMN 2 SET STATISTICS 50;
