-- test/model_cases/sequence_other_schema_used_by_default/seqs.sql: the model of schema seqs: the statements of
-- test/roundtrip/sequence_other_schema_used_by_default/b.sql that define its objects, its own qualification left out.
CREATE SEQUENCE ticket_no AS integer START 1000;
