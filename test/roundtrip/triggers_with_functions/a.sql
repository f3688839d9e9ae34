CREATE TABLE accounts (
    id integer PRIMARY KEY,
    balance numeric NOT NULL DEFAULT 0,
    updated_at timestamp with time zone
);
CREATE TABLE account_log (
    account_id integer,
    old_balance numeric,
    new_balance numeric,
    at timestamp with time zone DEFAULT now()
);
CREATE FUNCTION touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION touch();
