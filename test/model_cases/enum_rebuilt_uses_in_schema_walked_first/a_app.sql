-- test/model_cases/enum_rebuilt_uses_in_schema_walked_first/a_app.sql: the model of schema a_app: the statements of
-- test/roundtrip/enum_rebuilt_uses_in_schema_walked_first/b.sql that define its objects, its own qualification left out.
CREATE TABLE t (id int, s z_types.status DEFAULT 'new',
    s2 z_types.status CONSTRAINT t_s2_check CHECK (s2 <> 'old'));
CREATE INDEX t_s_new ON t (id) WHERE s = 'new';
