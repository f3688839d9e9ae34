-- Two tables that reference each other, both created in one step.
CREATE TABLE other (id int);
CREATE TABLE zeta (id int PRIMARY KEY, alpha_id int);
CREATE TABLE alpha (id int PRIMARY KEY, zeta_id int REFERENCES zeta);
ALTER TABLE zeta ADD CONSTRAINT zeta_alpha_fk FOREIGN KEY (alpha_id) REFERENCES alpha DEFERRABLE INITIALLY DEFERRED;
