CREATE SCHEMA raw;
CREATE SCHEMA report;
CREATE TABLE raw.sales (day date, amount numeric);
CREATE VIEW report.daily AS SELECT day, sum(amount) AS total FROM raw.sales GROUP BY day;
