CREATE SCHEMA raw;
CREATE SCHEMA report;
CREATE TABLE raw.sales (day date, amount numeric);
