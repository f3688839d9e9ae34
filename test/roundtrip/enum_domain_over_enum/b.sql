-- A domain over an enum, with a CHECK naming a label.
CREATE TYPE level AS ENUM ('low', 'mid', 'high');
CREATE DOMAIN not_low AS level CHECK (VALUE <> 'low');
CREATE TABLE t (id int, l level, nl not_low);
