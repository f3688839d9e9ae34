-- test/model_cases/enum_rebuild_check_other_schema/app.sql: the model of schema app: the statements of
-- test/roundtrip/enum_rebuild_check_other_schema/b.sql that define objects of app,
-- with "app." left out of the names of app's own objects.  Nothing else is changed.
CREATE TYPE status AS ENUM ('new', 'open', 'closed');
CREATE TABLE tickets (id integer PRIMARY KEY, status status NOT NULL DEFAULT 'new');
CREATE TABLE history (id integer, statuses status[]);
