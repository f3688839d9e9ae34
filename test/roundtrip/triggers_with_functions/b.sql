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
    NEW.updated_at := clock_timestamp();
    RETURN NEW;
END
$$;
CREATE FUNCTION log_balance() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO account_log (account_id, old_balance, new_balance)
        VALUES (NEW.id, OLD.balance, NEW.balance);
    RETURN NULL;
END
$$;
CREATE FUNCTION count_changes() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE NOTICE '% rows changed', (SELECT count(*) FROM new_rows);
    RETURN NULL;
END
$$;
CREATE FUNCTION forbid() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'not allowed: %', TG_ARGV[0];
END
$$;
CREATE TRIGGER accounts_touch BEFORE UPDATE OF balance ON accounts
    FOR EACH ROW WHEN (OLD.balance IS DISTINCT FROM NEW.balance) EXECUTE FUNCTION touch();
CREATE TRIGGER accounts_log AFTER UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION log_balance();
CREATE TRIGGER accounts_count AFTER UPDATE ON accounts
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_changes();
CREATE TRIGGER account_log_no_truncate BEFORE TRUNCATE ON account_log
    FOR EACH STATEMENT EXECUTE FUNCTION forbid('truncate account_log');
CREATE CONSTRAINT TRIGGER accounts_check_deferred AFTER INSERT OR UPDATE ON accounts
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION log_balance();
CREATE TRIGGER account_log_no_delete BEFORE DELETE ON account_log
    FOR EACH ROW EXECUTE FUNCTION forbid('delete');
ALTER TABLE account_log DISABLE TRIGGER account_log_no_delete;
CREATE TRIGGER accounts_replica AFTER INSERT ON accounts
    FOR EACH ROW EXECUTE FUNCTION log_balance();
ALTER TABLE accounts ENABLE REPLICA TRIGGER accounts_replica;
CREATE TRIGGER accounts_always BEFORE DELETE ON accounts
    FOR EACH ROW EXECUTE FUNCTION forbid('delete account');
ALTER TABLE accounts ENABLE ALWAYS TRIGGER accounts_always;
