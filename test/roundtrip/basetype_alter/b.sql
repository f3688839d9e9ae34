-- A base type gains binary I/O functions (new functions: ALTER TYPE ...
-- SET RECEIVE, SEND, in place, its table kept), another changes its
-- storage in place, a third its category (not alterable: rebuilt with its
-- functions), and a shell type is gone.
CREATE TYPE myint;
CREATE FUNCTION myint_in(cstring) RETURNS myint LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
CREATE FUNCTION myint_out(myint) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
CREATE FUNCTION myint_recv(internal) RETURNS myint LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
CREATE FUNCTION myint_send(myint) RETURNS bytea LANGUAGE internal IMMUTABLE STRICT AS 'int4send';
CREATE TYPE myint (INPUT = myint_in, OUTPUT = myint_out, RECEIVE = myint_recv, SEND = myint_send, LIKE = integer);
CREATE TABLE uses (a myint);
CREATE TYPE mytext;
CREATE FUNCTION mytext_in(cstring) RETURNS mytext LANGUAGE internal IMMUTABLE STRICT AS 'textin';
CREATE FUNCTION mytext_out(mytext) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'textout';
CREATE TYPE mytext (INPUT = mytext_in, OUTPUT = mytext_out, INTERNALLENGTH = VARIABLE, STORAGE = main);
CREATE TYPE mycat;
CREATE FUNCTION mycat_in(cstring) RETURNS mycat LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
CREATE FUNCTION mycat_out(mycat) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
CREATE TYPE mycat (INPUT = mycat_in, OUTPUT = mycat_out, LIKE = integer, CATEGORY = 'S');
