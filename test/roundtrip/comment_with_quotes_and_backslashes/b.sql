CREATE TABLE t (id int);
COMMENT ON TABLE t IS E'it''s "quoted" \\ and a $$ dollar $$ and a tab\there';
