CREATE TABLE logins (
    user_name text NOT NULL,
    at timestamp with time zone NOT NULL,
    ok boolean NOT NULL,
    ip inet
);
CREATE VIEW failed_logins AS
    SELECT user_name, at, ip FROM logins WHERE NOT ok;
CREATE MATERIALIZED VIEW failed_login_counts AS
    SELECT user_name, count(*) AS n, count(DISTINCT ip) AS ips FROM failed_logins GROUP BY user_name;
CREATE INDEX failed_login_counts_n_idx ON failed_login_counts (n);
CREATE VIEW suspicious_users AS
    SELECT user_name FROM failed_login_counts WHERE ips > 5;
