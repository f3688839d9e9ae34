-- A procedural language (plpgsql's handler under another name) and a
-- function written in it; access methods: a table one that a table uses,
-- an index one with an operator class.
CREATE FUNCTION public.my_handler() RETURNS language_handler
    AS 'plpgsql', 'plpgsql_call_handler' LANGUAGE c;
CREATE FUNCTION public.my_validator(oid) RETURNS void
    AS 'plpgsql', 'plpgsql_validator' LANGUAGE c;
CREATE LANGUAGE mylang HANDLER public.my_handler;
CREATE FUNCTION public.answer() RETURNS integer LANGUAGE mylang AS $$BEGIN RETURN 42; END$$;
CREATE ACCESS METHOD mytam TYPE TABLE HANDLER heap_tableam_handler;
CREATE TABLE public.stored (id integer) USING mytam;
CREATE ACCESS METHOD myidx TYPE INDEX HANDLER bthandler;
CREATE OPERATOR CLASS public.int4_myidx DEFAULT FOR TYPE integer USING myidx AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 btint4cmp(integer, integer);
