-- The language becomes trusted and gets a validator (CREATE OR REPLACE
-- LANGUAGE: its function stays), a comment and a grant; the table access
-- method is gone (its table back on heap first); the index one gets a
-- comment; a new access method.
CREATE FUNCTION public.my_handler() RETURNS language_handler
    AS 'plpgsql', 'plpgsql_call_handler' LANGUAGE c;
CREATE FUNCTION public.my_validator(oid) RETURNS void
    AS 'plpgsql', 'plpgsql_validator' LANGUAGE c;
CREATE TRUSTED LANGUAGE mylang HANDLER public.my_handler VALIDATOR public.my_validator;
COMMENT ON LANGUAGE mylang IS 'plpgsql in disguise';
GRANT USAGE ON LANGUAGE mylang TO rt_reader;
CREATE FUNCTION public.answer() RETURNS integer LANGUAGE mylang AS $$BEGIN RETURN 42; END$$;
CREATE TABLE public.stored (id integer);
CREATE ACCESS METHOD myidx TYPE INDEX HANDLER bthandler;
COMMENT ON ACCESS METHOD myidx IS 'a btree by another name';
CREATE OPERATOR CLASS public.int4_myidx DEFAULT FOR TYPE integer USING myidx AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 btint4cmp(integer, integer);
CREATE ACCESS METHOD myhash TYPE INDEX HANDLER hashhandler;
