CREATE SCHEMA app;
CREATE SCHEMA app_s1;
CREATE TABLE app_s1.parent (id int PRIMARY KEY);
CREATE TABLE app.child (id int PRIMARY KEY, parent_id int REFERENCES app_s1.parent);
