-- test/model_cases/table_set_logged_before_fk_added/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
-- Shrunk from bench/soak (seed 416492983, batch 191, pair 41649298304780): a table
-- becomes UNLOGGED and loses the foreign key that pointed at it; the way back adds
-- the foreign key before the table is logged again.
CREATE SCHEMA app;
CREATE SCHEMA app_s1;
CREATE UNLOGGED TABLE app_s1.parent (id int PRIMARY KEY);
CREATE TABLE app.child (id int PRIMARY KEY, parent_id int);
