CREATE TYPE zz_kind AS ENUM ('a', 'b');
CREATE DOMAIN aa_kind_d AS zz_kind;
CREATE TABLE mm (k aa_kind_d);
