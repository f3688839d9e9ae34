-- constraints added, changed and dropped; a default; a base type change
-- (the domain is rebuilt, the columns converted); a domain over a domain
CREATE DOMAIN email AS character varying(320) COLLATE "C"
    CONSTRAINT email_check CHECK (VALUE ~ '^[^@]+@[^@]+\.[^@]+$')
    CONSTRAINT email_lower CHECK (VALUE = lower(VALUE));
CREATE DOMAIN positive_int AS integer DEFAULT 1
    CONSTRAINT positive_int_check CHECK (VALUE > 0);
CREATE DOMAIN small_positive_int AS positive_int
    CONSTRAINT small_positive_int_check CHECK (VALUE < 1000);
CREATE DOMAIN short_code AS character varying(8);
CREATE DOMAIN tags AS text[] CHECK (cardinality(VALUE) <= 10);
CREATE TABLE contacts (
    id positive_int PRIMARY KEY,
    email email NOT NULL,
    code short_code,
    age small_positive_int,
    tags tags
);
