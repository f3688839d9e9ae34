CREATE SCHEMA ref;
CREATE TYPE ref.currency AS ENUM ('EUR', 'USD', 'GBP');
CREATE TABLE t (id int, cur ref.currency DEFAULT 'EUR');
