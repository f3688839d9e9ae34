-- Targets changed, set and reset in place; a new index made with one.
CREATE TABLE people (id integer PRIMARY KEY, name text, city text);
ALTER TABLE people ALTER COLUMN city SET STATISTICS 200;
CREATE INDEX people_lower_name ON people (lower(name), id);
ALTER INDEX people_lower_name ALTER COLUMN 1 SET STATISTICS 100;
CREATE INDEX people_upper_city ON people (upper(city), lower(city));
ALTER INDEX people_upper_city ALTER COLUMN 1 SET STATISTICS 75;
CREATE INDEX people_name_len ON people (length(name));
ALTER INDEX people_name_len ALTER COLUMN 1 SET STATISTICS 10;
