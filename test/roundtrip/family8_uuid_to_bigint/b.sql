-- A type change between built-in types without a cast (family 8 of issue 14).
CREATE TABLE t (id int, ref bigint);
