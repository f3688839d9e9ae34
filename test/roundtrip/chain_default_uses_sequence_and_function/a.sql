CREATE SEQUENCE inv_seq;
CREATE TABLE inv (no text);
