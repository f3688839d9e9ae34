-- Base types whose input and output functions are existing internal ones
-- (a C function could not be loaded here), a shell type, and what uses
-- them: made from nothing and dropped again.
CREATE TYPE myint;
CREATE FUNCTION myint_in(cstring) RETURNS myint LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
CREATE FUNCTION myint_out(myint) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
CREATE FUNCTION myint_recv(internal) RETURNS myint LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
CREATE FUNCTION myint_send(myint) RETURNS bytea LANGUAGE internal IMMUTABLE STRICT AS 'int4send';
CREATE TYPE myint (INPUT = myint_in, OUTPUT = myint_out, RECEIVE = myint_recv, SEND = myint_send,
                   LIKE = integer, CATEGORY = 'N', DEFAULT = '0');
COMMENT ON TYPE myint IS 'an integer of our own';
CREATE TYPE mytext;
CREATE FUNCTION mytext_in(cstring) RETURNS mytext LANGUAGE internal IMMUTABLE STRICT AS 'textin';
CREATE FUNCTION mytext_out(mytext) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'textout';
CREATE TYPE mytext (INPUT = mytext_in, OUTPUT = mytext_out, INTERNALLENGTH = VARIABLE,
                    STORAGE = extended, COLLATABLE = true, DELIMITER = ';');
REVOKE USAGE ON TYPE mytext FROM PUBLIC;
GRANT USAGE ON TYPE mytext TO rt_reader;
CREATE TYPE still_a_shell;
CREATE TABLE uses (a myint, b mytext COLLATE "C", c myint[]);
CREATE FUNCTION double_it(myint) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1::text::integer * 2';
CREATE VIEW doubled AS SELECT double_it(a) AS d FROM uses;
