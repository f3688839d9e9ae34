CREATE COLLATION de_phone (provider = icu, locale = 'de-u-co-phonebk');
CREATE TABLE t (name text COLLATE de_phone);
CREATE INDEX t_name_idx ON t (name COLLATE "C");
