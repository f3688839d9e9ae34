CREATE DOMAIN email AS text
    CONSTRAINT email_check CHECK (VALUE ~ '^[^@]+@[^@]+$');
CREATE DOMAIN positive_int AS integer
    CONSTRAINT positive_int_check CHECK (VALUE > 0);
CREATE DOMAIN short_code AS character varying(8) NOT NULL;
CREATE TABLE contacts (
    id positive_int PRIMARY KEY,
    email email NOT NULL,
    code short_code,
    age positive_int
);
