CREATE SEQUENCE s;
CREATE VIEW s_state AS SELECT last_value, is_called FROM s;
