CREATE SCHEMA app;
CREATE TABLE app.notes (author text, body text);
