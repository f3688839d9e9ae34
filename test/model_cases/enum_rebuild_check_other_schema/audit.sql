-- test/model_cases/enum_rebuild_check_other_schema/audit.sql: the model of schema audit: the statements of
-- test/roundtrip/enum_rebuild_check_other_schema/b.sql that define objects of audit,
-- with "audit." left out of the names of audit's own objects.  Nothing else is changed.
CREATE TABLE ticket_log (
    id integer PRIMARY KEY,
    old_status app.status,
    new_status app.status,
    CONSTRAINT not_reopened CHECK (old_status IS DISTINCT FROM 'closed' OR new_status <> 'open')
);
