-- test/model_cases/exclusion_constraint_changed/public.sql: the model of schema public: the statements of
-- test/roundtrip/exclusion_constraint_changed/b.sql that define its objects, its own qualification left out.
CREATE TABLE slots (room int, during tsrange, EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (room > 0));
