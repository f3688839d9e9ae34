-- An identity column becomes a nullable plain column (family 14 of issue 14).
CREATE TABLE t (id int, v text);
