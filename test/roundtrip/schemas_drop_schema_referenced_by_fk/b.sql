-- Downgrading a multi-schema application: the referenced schema goes while another schema's table loses its foreign key (family 4 of issue 14).
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id int PRIMARY KEY, customer_id int);
