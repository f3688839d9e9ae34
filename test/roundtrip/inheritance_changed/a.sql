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
) INHERITS (log_base);
CREATE TABLE plain_log (
    at timestamp with time zone NOT NULL DEFAULT now(),
    message text
);
