-- app_log moves from log_base to audit_base and log_base; plain_log becomes
-- a child of log_base (its columns are the same)
CREATE TABLE log_base (
    at timestamp with time zone NOT NULL DEFAULT now(),
    message text
);
CREATE TABLE audit_base (
    at timestamp with time zone NOT NULL DEFAULT now(),
    message text,
    actor text
);
CREATE TABLE app_log (
    level integer
) INHERITS (audit_base, log_base);
CREATE TABLE plain_log (
    at timestamp with time zone NOT NULL DEFAULT now(),
    message text
);
ALTER TABLE plain_log INHERIT log_base;
