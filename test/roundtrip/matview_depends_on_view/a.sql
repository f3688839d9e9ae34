CREATE TABLE logins (
    user_name text NOT NULL,
    at timestamp with time zone NOT NULL,
    ok boolean NOT NULL
);
CREATE VIEW failed_logins AS
    SELECT user_name, at FROM logins WHERE NOT ok;
CREATE MATERIALIZED VIEW failed_login_counts AS
    SELECT user_name, count(*) AS n FROM failed_logins GROUP BY user_name;
