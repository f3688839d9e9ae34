-- test/model_cases/sequence_other_schema_used_by_default/public.sql: the model of schema public: the statements of
-- test/roundtrip/sequence_other_schema_used_by_default/b.sql that define its objects, its own qualification left out.
CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT nextval('seqs.ticket_no'));
