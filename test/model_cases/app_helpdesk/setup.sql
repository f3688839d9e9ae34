-- test/model_cases/app_helpdesk/setup.sql: run for real before the models are
-- set: b.sql itself, so that everything a model references in another
-- schema exists (the extensions, the schemas with their comment and
-- privileges, which a model takes from the live schema, and the objects
-- of the other schema).  A model is still only its own DDL, run in the
-- shadow schema, which comes first on the search_path; a model that uses
-- an object of the live schema it does not define is refused (42P17).
\ir ../../roundtrip/app_helpdesk/b.sql
