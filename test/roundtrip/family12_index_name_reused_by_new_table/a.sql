CREATE TABLE old_t (id int);
CREATE INDEX by_id ON old_t (id);
