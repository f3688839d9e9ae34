-- One column stops being generated while another becomes generated, with a primary key change in the same table (family 3 of issue 14).
CREATE TABLE t (id int, a int, b int, c int GENERATED ALWAYS AS (a * 10) STORED, PRIMARY KEY (id, a));
