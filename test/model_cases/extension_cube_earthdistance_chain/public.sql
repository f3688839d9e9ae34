-- test/model_cases/extension_cube_earthdistance_chain/public.sql: the model of schema public: the statements of
-- test/roundtrip/extension_cube_earthdistance_chain/b.sql that define its objects, its own qualification left out.
CREATE TABLE places (id int, loc earth);
