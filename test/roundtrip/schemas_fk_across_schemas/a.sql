CREATE SCHEMA crm;
CREATE SCHEMA billing;
CREATE TABLE crm.customers (id int PRIMARY KEY);
CREATE TABLE billing.invoices (id int PRIMARY KEY, customer_id int);
