CREATE TABLE users (id int, email text, password_hash text);
