-- docs/snapshot-format.md: triggers and RLS policies.
CREATE SCHEMA snap_tp;
SET search_path = snap_tp;
CREATE ROLE snap_tp_user;

CREATE TABLE accounts (id int PRIMARY KEY, owner name, balance numeric);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE FUNCTION is_owner(o name) RETURNS boolean LANGUAGE sql STABLE RETURN o = current_user;
CREATE TRIGGER accounts_touch BEFORE INSERT OR UPDATE OF balance ON accounts
	FOR EACH ROW WHEN (NEW.balance IS NOT NULL) EXECUTE FUNCTION touch();
CREATE TRIGGER accounts_audit AFTER DELETE ON accounts
	REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION touch();
CREATE CONSTRAINT TRIGGER accounts_check AFTER UPDATE ON accounts
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE accounts DISABLE TRIGGER accounts_audit;
COMMENT ON TRIGGER accounts_touch ON accounts IS 'keeps rows fresh';

ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON accounts FOR SELECT TO snap_tp_user, PUBLIC USING (is_owner(owner));
CREATE POLICY no_negative ON accounts AS RESTRICTIVE FOR UPDATE
	USING (true) WITH CHECK (balance >= 0);
CREATE POLICY inserts ON accounts FOR INSERT WITH CHECK (owner = current_user);

SELECT jsonb_pretty(public.migrate_snapshot(ARRAY['snap_tp']) #> '{schemas,snap_tp,tables,accounts,triggers}');
SELECT jsonb_pretty(public.migrate_snapshot(ARRAY['snap_tp']) #> '{schemas,snap_tp,tables,accounts,policies}');

RESET search_path;
DROP SCHEMA snap_tp CASCADE;
DROP ROLE snap_tp_user;
