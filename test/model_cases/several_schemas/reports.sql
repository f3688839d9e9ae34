-- test/model_cases/several_schemas/reports.sql: the model of schema reports: the statements of
-- test/roundtrip/several_schemas/b.sql that define objects of reports, in b.sql's order,
-- with "reports." left out of the names of reports's own objects (function
-- bodies are kept as written: they are text).  Nothing else is changed.
CREATE VIEW vip_contacts AS
    SELECT name, email FROM crm.account_contacts WHERE core.is_vip(tier);
CREATE TABLE daily (
    day date PRIMARY KEY,
    accounts bigint,
    best core.tier
);
