-- The same enum in another schema: dropped in one and created in the other.
CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TYPE b.flag AS ENUM ('on', 'off');
