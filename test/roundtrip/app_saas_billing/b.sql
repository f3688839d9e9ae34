--
-- PostgreSQL database dump of "Tally", a multi-tenant SaaS platform:
-- identity and access, subscriptions, usage metering, invoicing, ledger
--
-- (schema only; written in the style of pg_dump -s)
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

CREATE SCHEMA iam;

COMMENT ON SCHEMA iam IS 'Tenants, users, memberships, API keys';

CREATE SCHEMA billing;

COMMENT ON SCHEMA billing IS 'Plans, subscriptions, invoices, payments';

CREATE SCHEMA metering;

COMMENT ON SCHEMA metering IS 'Usage events and their aggregates';

CREATE SCHEMA ledger;

CREATE SCHEMA ops;

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

--
-- Types
--

CREATE TYPE iam.membership_role AS ENUM (
    'owner',
    'admin',
    'billing',
    'developer',
    'viewer'
);

CREATE TYPE billing.subscription_status AS ENUM (
    'trialing',
    'active',
    'past_due',
    'paused',
    'canceled',
    'incomplete',
    'incomplete_expired'
);

CREATE TYPE billing.invoice_status AS ENUM (
    'draft',
    'open',
    'paid',
    'uncollectible',
    'void'
);

CREATE TYPE billing.billing_interval AS ENUM (
    'day',
    'week',
    'month',
    'year'
);

CREATE TYPE billing.pricing_model AS ENUM (
    'flat',
    'per_unit',
    'tiered',
    'volume',
    'package'
);

CREATE TYPE billing.payment_state AS ENUM (
    'pending',
    'succeeded',
    'failed',
    'refunded',
    'partially_refunded',
    'disputed'
);

CREATE TYPE billing.dispute_state AS ENUM (
    'needs_response',
    'under_review',
    'won',
    'lost'
);

CREATE TYPE metering.aggregation AS ENUM (
    'sum',
    'max',
    'count',
    'unique_count',
    'last'
);

CREATE TYPE ledger.entry_side AS ENUM (
    'debit',
    'credit'
);

CREATE TYPE ops.delivery_state AS ENUM (
    'pending',
    'delivered',
    'failed',
    'abandoned'
);

CREATE DOMAIN billing.amount AS numeric(19,4)
	CONSTRAINT amount_check CHECK ((VALUE >= (0)::numeric));

CREATE DOMAIN billing.signed_amount AS numeric(19,4);

CREATE DOMAIN billing.currency AS character(3)
	CONSTRAINT currency_check CHECK ((VALUE ~ '^[A-Z]{3}$'::text));

CREATE DOMAIN iam.slug AS public.citext
	CONSTRAINT slug_check CHECK ((length((VALUE)::text) <= 48))
	CONSTRAINT slug_format CHECK (((VALUE)::text ~ '^[a-z0-9][a-z0-9-]*$'::text));

CREATE DOMAIN billing.tax_rate AS numeric(6,4)
	CONSTRAINT tax_rate_check CHECK (((VALUE >= (0)::numeric) AND (VALUE < (1)::numeric)));

CREATE TYPE billing.money AS (
	amount billing.signed_amount,
	currency billing.currency
);

CREATE TYPE billing.postal_address AS (
	line1 text,
	line2 text,
	city text,
	postal_code text,
	region text,
	country character(2)
);

--
-- Sequences that are not owned by a column
--

CREATE SEQUENCE billing.invoice_number_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE billing.credit_note_number_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE ledger.transaction_seq
    AS bigint
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 100;

--
-- Functions
--

CREATE FUNCTION iam.current_tenant() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$SELECT nullif(current_setting('app.tenant_id', true), '')::uuid$$;

COMMENT ON FUNCTION iam.current_tenant() IS 'Tenant of the current request; every policy checks it';

CREATE FUNCTION iam.is_platform_admin() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$SELECT coalesce(current_setting('app.platform_admin', true), '') = 'on'$$;

CREATE FUNCTION ops.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := clock_timestamp();
    RETURN NEW;
END
$$;

CREATE FUNCTION billing.next_invoice_number(tenant uuid) RETURNS text
    LANGUAGE sql
    AS $$
SELECT 'INV-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('billing.invoice_number_seq')::text, 8, '0')
$$;

CREATE FUNCTION billing.invoice_defaults() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.number IS NULL AND NEW.status <> 'draft' THEN
        NEW.number := billing.next_invoice_number(NEW.tenant_id);
    END IF;
    IF NEW.due_on IS NULL THEN
        NEW.due_on := (NEW.issued_at + interval '30 days')::date;
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION billing.recompute_invoice() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    inv uuid := coalesce(NEW.invoice_id, OLD.invoice_id);
BEGIN
    UPDATE billing.invoices i
       SET subtotal = coalesce((SELECT sum(l.amount) FROM billing.invoice_lines l WHERE l.invoice_id = inv), 0),
           tax = coalesce((SELECT sum(t.amount) FROM billing.invoice_taxes t WHERE t.invoice_id = inv), 0)
     WHERE i.id = inv;
    RETURN NULL;
END
$$;

CREATE FUNCTION billing.forbid_paid_invoice_changes() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF OLD.status IN ('paid', 'void') THEN
        RAISE EXCEPTION 'invoice % is %, it cannot change', OLD.id, OLD.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION billing.subscription_event() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO billing.subscription_events (tenant_id, subscription_id, kind, old_status, new_status)
    VALUES (NEW.tenant_id, NEW.id,
            CASE WHEN TG_OP = 'INSERT' THEN 'created' ELSE 'status_changed' END,
            CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END, NEW.status);
    RETURN NULL;
END
$$;

CREATE FUNCTION ledger.check_balanced() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    unbalanced bigint;
BEGIN
    SELECT t.id INTO unbalanced
      FROM ledger.transactions t
      JOIN ledger.entries e ON e.transaction_id = t.id
     WHERE t.id IN (SELECT transaction_id FROM new_entries)
     GROUP BY t.id
    HAVING sum(CASE e.side WHEN 'debit' THEN e.amount ELSE -e.amount END) <> 0
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger transaction % does not balance', unbalanced;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION metering.price_for(model billing.pricing_model, quantity numeric, unit_amount numeric, package_size integer DEFAULT 1) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE model WHEN 'flat'::billing.pricing_model THEN unit_amount WHEN 'per_unit'::billing.pricing_model THEN (quantity * unit_amount) WHEN 'package'::billing.pricing_model THEN (ceil((quantity / (package_size)::numeric)) * unit_amount) ELSE NULL::numeric END;

CREATE FUNCTION ops.jsonb_strip_secrets(doc jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$SELECT doc - 'secret' - 'password' - 'token' - 'card_number'$$;

--
-- Tables: iam
--

CREATE TABLE iam.tenants (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    slug iam.slug NOT NULL,
    name text NOT NULL,
    region text DEFAULT 'eu-central'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    suspended_at timestamp with time zone,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT tenants_region_check CHECK ((region = ANY (ARRAY['eu-central'::text, 'us-east'::text, 'ap-south'::text])))
);

COMMENT ON TABLE iam.tenants IS 'Customer accounts of the platform; the unit of isolation';

CREATE TABLE iam.tenant_domains (
    domain public.citext NOT NULL,
    tenant_id uuid NOT NULL,
    verified_at timestamp with time zone,
    verification_token text NOT NULL
);

CREATE TABLE iam.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    email public.citext NOT NULL,
    display_name text,
    password_hash text,
    mfa_secret bytea,
    email_verified_at timestamp with time zone,
    last_login_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

COMMENT ON COLUMN iam.users.mfa_secret IS 'Encrypted TOTP secret; NULL when MFA is off';

CREATE TABLE iam.memberships (
    tenant_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role iam.membership_role DEFAULT 'viewer'::iam.membership_role NOT NULL,
    invited_by uuid,
    joined_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE iam.invitations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    email public.citext NOT NULL,
    role iam.membership_role NOT NULL,
    token_hash bytea NOT NULL,
    invited_by uuid NOT NULL,
    expires_at timestamp with time zone DEFAULT (now() + '7 days'::interval) NOT NULL,
    accepted_at timestamp with time zone,
    CONSTRAINT invitations_not_owner CHECK ((role <> 'owner'::iam.membership_role))
);

CREATE TABLE iam.api_keys (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    prefix character(8) NOT NULL,
    secret_hash bytea NOT NULL,
    name text NOT NULL,
    scopes text[] DEFAULT ARRAY['read'::text] NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_used_at timestamp with time zone,
    expires_at timestamp with time zone,
    revoked_at timestamp with time zone
);

CREATE TABLE iam.sessions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    tenant_id uuid,
    ip inet,
    user_agent text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL
);

CREATE TABLE iam.sso_connections (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    protocol text NOT NULL,
    metadata_url text,
    certificate text,
    enforced boolean DEFAULT false NOT NULL,
    CONSTRAINT sso_connections_protocol_check CHECK ((protocol = ANY (ARRAY['saml'::text, 'oidc'::text])))
);

CREATE TABLE iam.audit_events (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    actor_user_id uuid,
    actor_api_key_id uuid,
    action text NOT NULL,
    target_type text,
    target_id text,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    ip inet,
    occurred_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE iam.audit_events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME iam.audit_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 100
);

--
-- Tables: billing
--

CREATE TABLE billing.currencies (
    code billing.currency NOT NULL,
    decimals smallint DEFAULT 2 NOT NULL,
    name text NOT NULL
);

CREATE TABLE billing.exchange_rates (
    base billing.currency NOT NULL,
    quote billing.currency NOT NULL,
    valid_during tstzrange NOT NULL,
    rate numeric(20,10) NOT NULL
);

CREATE TABLE billing.products (
    id text NOT NULL,
    name text NOT NULL,
    description text,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT products_id_check CHECK ((id ~ '^prod_[A-Za-z0-9]+$'::text))
);

CREATE TABLE billing.features (
    key text NOT NULL,
    name text NOT NULL,
    unit text,
    metered boolean DEFAULT false NOT NULL
);

CREATE TABLE billing.plans (
    id text NOT NULL,
    product_id text NOT NULL,
    name text NOT NULL,
    public boolean DEFAULT true NOT NULL,
    trial_days integer DEFAULT 0 NOT NULL,
    sort_order integer DEFAULT 0 NOT NULL,
    retired_at timestamp with time zone,
    CONSTRAINT plans_trial_days_check CHECK (((trial_days >= 0) AND (trial_days <= 90)))
);

CREATE TABLE billing.plan_features (
    plan_id text NOT NULL,
    feature_key text NOT NULL,
    included_quantity numeric,
    hard_limit boolean DEFAULT false NOT NULL
);

CREATE TABLE billing.prices (
    id text NOT NULL,
    plan_id text NOT NULL,
    currency billing.currency NOT NULL,
    model billing.pricing_model DEFAULT 'flat'::billing.pricing_model NOT NULL,
    unit_amount billing.amount,
    package_size integer,
    billing_interval billing.billing_interval DEFAULT 'month'::billing.billing_interval NOT NULL,
    interval_count smallint DEFAULT 1 NOT NULL,
    meter_id uuid,
    active boolean DEFAULT true NOT NULL,
    CONSTRAINT prices_package_check CHECK (((model <> 'package'::billing.pricing_model) OR (package_size > 0))),
    CONSTRAINT prices_unit_amount_check CHECK (((model = ANY (ARRAY['tiered'::billing.pricing_model, 'volume'::billing.pricing_model])) OR (unit_amount IS NOT NULL)))
);

CREATE TABLE billing.price_tiers (
    price_id text NOT NULL,
    up_to numeric,
    unit_amount billing.amount NOT NULL,
    flat_amount billing.amount DEFAULT 0 NOT NULL
);

CREATE TABLE billing.customers (
    tenant_id uuid NOT NULL,
    email public.citext NOT NULL,
    legal_name text,
    address billing.postal_address,
    currency billing.currency DEFAULT 'EUR'::bpchar NOT NULL,
    balance billing.signed_amount DEFAULT 0 NOT NULL,
    tax_exempt boolean DEFAULT false NOT NULL,
    external_id text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

COMMENT ON TABLE billing.customers IS 'Billing profile of a tenant (one per tenant)';
COMMENT ON COLUMN billing.customers.balance IS 'Positive: the tenant owes us; negative: credit';

CREATE TABLE billing.tax_ids (
    tenant_id uuid NOT NULL,
    kind text NOT NULL,
    value text NOT NULL,
    verified boolean DEFAULT false NOT NULL
);

CREATE TABLE billing.tax_rates (
    id integer NOT NULL,
    country character(2) NOT NULL,
    region text,
    rate billing.tax_rate NOT NULL,
    inclusive boolean DEFAULT false NOT NULL,
    valid_during daterange NOT NULL
);

ALTER TABLE billing.tax_rates ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME billing.tax_rates_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE billing.payment_methods (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    kind text NOT NULL,
    brand text,
    last4 character(4),
    exp_month smallint,
    exp_year smallint,
    provider_token text NOT NULL,
    is_default boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT payment_methods_kind_check CHECK ((kind = ANY (ARRAY['card'::text, 'sepa_debit'::text, 'bank_transfer'::text]))),
    CONSTRAINT payment_methods_exp_month_check CHECK (((exp_month >= 1) AND (exp_month <= 12)))
);

CREATE TABLE billing.coupons (
    id text NOT NULL,
    name text NOT NULL,
    percent_off numeric(5,2),
    amount_off billing.amount,
    currency billing.currency,
    duration text DEFAULT 'once'::text NOT NULL,
    duration_months integer,
    max_redemptions integer,
    redeem_by timestamp with time zone,
    CONSTRAINT coupons_one_discount CHECK (((percent_off IS NULL) <> (amount_off IS NULL))),
    CONSTRAINT coupons_duration_check CHECK ((duration = ANY (ARRAY['once'::text, 'repeating'::text, 'forever'::text])))
);

CREATE TABLE billing.subscriptions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    status billing.subscription_status DEFAULT 'incomplete'::billing.subscription_status NOT NULL,
    current_period tstzrange NOT NULL,
    trial_ends_at timestamp with time zone,
    cancel_at_period_end boolean DEFAULT false NOT NULL,
    canceled_at timestamp with time zone,
    default_payment_method_id uuid,
    coupon_id text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE billing.subscription_items (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    subscription_id uuid NOT NULL,
    price_id text NOT NULL,
    quantity integer DEFAULT 1 NOT NULL,
    CONSTRAINT subscription_items_quantity_check CHECK ((quantity >= 0))
);

CREATE TABLE billing.subscription_events (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    subscription_id uuid NOT NULL,
    kind text NOT NULL,
    old_status billing.subscription_status,
    new_status billing.subscription_status,
    at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE billing.subscription_events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME billing.subscription_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE billing.discounts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    subscription_id uuid NOT NULL,
    coupon_id text NOT NULL,
    starts_at timestamp with time zone DEFAULT now() NOT NULL,
    ends_at timestamp with time zone
);

CREATE TABLE billing.invoices (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    subscription_id uuid,
    number text,
    status billing.invoice_status DEFAULT 'draft'::billing.invoice_status NOT NULL,
    currency billing.currency NOT NULL,
    period tstzrange,
    subtotal billing.signed_amount DEFAULT 0 NOT NULL,
    tax billing.signed_amount DEFAULT 0 NOT NULL,
    total billing.signed_amount GENERATED ALWAYS AS (((subtotal)::numeric + (tax)::numeric)) STORED,
    amount_paid billing.amount DEFAULT 0 NOT NULL,
    issued_at timestamp with time zone DEFAULT now() NOT NULL,
    due_on date,
    paid_at timestamp with time zone,
    voided_at timestamp with time zone,
    billing_address billing.postal_address,
    pdf_storage_key text,
    CONSTRAINT invoices_number_when_final CHECK (((status = 'draft'::billing.invoice_status) OR (number IS NOT NULL))),
    CONSTRAINT invoices_paid_check CHECK (((status <> 'paid'::billing.invoice_status) OR (paid_at IS NOT NULL)))
);

COMMENT ON TABLE billing.invoices IS 'Invoices; immutable once paid or void (trigger invoices_immutable)';

CREATE TABLE billing.invoice_lines (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    invoice_id uuid NOT NULL,
    position smallint NOT NULL,
    description text NOT NULL,
    price_id text,
    quantity numeric DEFAULT 1 NOT NULL,
    unit_amount billing.signed_amount NOT NULL,
    amount billing.signed_amount NOT NULL,
    period tstzrange,
    proration boolean DEFAULT false NOT NULL
);

CREATE TABLE billing.invoice_taxes (
    invoice_id uuid NOT NULL,
    tax_rate_id integer NOT NULL,
    taxable_amount billing.signed_amount NOT NULL,
    amount billing.signed_amount NOT NULL
);

CREATE TABLE billing.credit_notes (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    invoice_id uuid NOT NULL,
    number text DEFAULT ('CN-'::text || lpad((nextval('billing.credit_note_number_seq'::regclass))::text, 8, '0'::text)) NOT NULL,
    reason text,
    amount billing.amount NOT NULL,
    issued_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE billing.credit_note_lines (
    credit_note_id uuid NOT NULL,
    invoice_line_id uuid NOT NULL,
    amount billing.amount NOT NULL
);

CREATE TABLE billing.payments (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    invoice_id uuid,
    payment_method_id uuid,
    amount billing.amount NOT NULL,
    currency billing.currency NOT NULL,
    state billing.payment_state DEFAULT 'pending'::billing.payment_state NOT NULL,
    provider_reference text,
    failure_code text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE billing.payment_attempts (
    payment_id uuid NOT NULL,
    attempt smallint NOT NULL,
    attempted_at timestamp with time zone DEFAULT now() NOT NULL,
    outcome text NOT NULL,
    provider_response jsonb
);

CREATE TABLE billing.refunds (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    payment_id uuid NOT NULL,
    amount billing.amount NOT NULL,
    reason text,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE billing.disputes (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    payment_id uuid NOT NULL,
    amount billing.amount NOT NULL,
    state billing.dispute_state DEFAULT 'needs_response'::billing.dispute_state NOT NULL,
    reason text,
    evidence_due_by timestamp with time zone,
    opened_at timestamp with time zone DEFAULT now() NOT NULL,
    closed_at timestamp with time zone
);

CREATE TABLE billing.dunning_campaigns (
    id integer NOT NULL,
    name text NOT NULL,
    is_default boolean DEFAULT false NOT NULL
);

ALTER TABLE billing.dunning_campaigns ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME billing.dunning_campaigns_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE billing.dunning_steps (
    campaign_id integer NOT NULL,
    step smallint NOT NULL,
    days_after_due integer NOT NULL,
    action text NOT NULL,
    CONSTRAINT dunning_steps_action_check CHECK ((action = ANY (ARRAY['email'::text, 'retry_payment'::text, 'pause'::text, 'cancel'::text])))
);

CREATE TABLE billing.dunning_attempts (
    invoice_id uuid NOT NULL,
    campaign_id integer NOT NULL,
    step smallint NOT NULL,
    ran_at timestamp with time zone DEFAULT now() NOT NULL,
    succeeded boolean
);

CREATE TABLE billing.checkout_sessions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    price_id text NOT NULL,
    success_url text NOT NULL,
    cancel_url text NOT NULL,
    completed_at timestamp with time zone,
    expires_at timestamp with time zone DEFAULT (now() + '24:00:00'::interval) NOT NULL
);

CREATE TABLE billing.entitlements (
    tenant_id uuid NOT NULL,
    feature_key text NOT NULL,
    granted_quantity numeric,
    source text DEFAULT 'plan'::text NOT NULL,
    valid_during tstzrange DEFAULT tstzrange(now(), NULL::timestamp with time zone) NOT NULL
);

CREATE TABLE billing.revenue_schedules (
    invoice_line_id uuid NOT NULL,
    month date NOT NULL,
    amount billing.signed_amount NOT NULL,
    recognized boolean DEFAULT false NOT NULL,
    CONSTRAINT revenue_schedules_month_check CHECK ((month = date_trunc('month'::text, (month)::timestamp without time zone)))
);

--
-- Tables: metering
--

CREATE TABLE metering.meters (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    event_name text NOT NULL,
    aggregation metering.aggregation DEFAULT 'sum'::metering.aggregation NOT NULL,
    value_property text,
    feature_key text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE metering.usage_records (
    tenant_id uuid NOT NULL,
    meter_id uuid NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    idempotency_key text NOT NULL,
    value numeric DEFAULT 1 NOT NULL,
    properties jsonb
)
PARTITION BY RANGE (recorded_at);

COMMENT ON TABLE metering.usage_records IS 'Raw usage events, one partition per month; old partitions are detached and archived';

CREATE TABLE metering.usage_records_2025_01 (
    tenant_id uuid NOT NULL,
    meter_id uuid NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    idempotency_key text NOT NULL,
    value numeric DEFAULT 1 NOT NULL,
    properties jsonb
);

CREATE TABLE metering.usage_records_2025_02 (
    tenant_id uuid NOT NULL,
    meter_id uuid NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    idempotency_key text NOT NULL,
    value numeric DEFAULT 1 NOT NULL,
    properties jsonb
);

CREATE TABLE metering.usage_records_future (
    tenant_id uuid NOT NULL,
    meter_id uuid NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    idempotency_key text NOT NULL,
    value numeric DEFAULT 1 NOT NULL,
    properties jsonb
);

ALTER TABLE ONLY metering.usage_records ATTACH PARTITION metering.usage_records_2025_01 FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2025-02-01 00:00:00+00');
ALTER TABLE ONLY metering.usage_records ATTACH PARTITION metering.usage_records_2025_02 FOR VALUES FROM ('2025-02-01 00:00:00+00') TO ('2025-03-01 00:00:00+00');
ALTER TABLE ONLY metering.usage_records ATTACH PARTITION metering.usage_records_future FOR VALUES FROM ('2025-03-01 00:00:00+00') TO (MAXVALUE);

CREATE TABLE metering.usage_daily (
    tenant_id uuid NOT NULL,
    meter_id uuid NOT NULL,
    day date NOT NULL,
    value numeric NOT NULL
)
WITH (fillfactor='70');

CREATE TABLE metering.quotas (
    tenant_id uuid NOT NULL,
    feature_key text NOT NULL,
    period billing.billing_interval DEFAULT 'month'::billing.billing_interval NOT NULL,
    "limit" numeric NOT NULL,
    soft boolean DEFAULT false NOT NULL
);

CREATE TABLE metering.quota_alerts (
    tenant_id uuid NOT NULL,
    feature_key text NOT NULL,
    threshold_percent smallint NOT NULL,
    notified_at timestamp with time zone,
    CONSTRAINT quota_alerts_threshold_percent_check CHECK (((threshold_percent > 0) AND (threshold_percent <= 100)))
);

--
-- Tables: ledger
--

CREATE TABLE ledger.accounts (
    id integer NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    currency billing.currency NOT NULL,
    parent_id integer,
    CONSTRAINT accounts_kind_check CHECK ((kind = ANY (ARRAY['asset'::text, 'liability'::text, 'equity'::text, 'revenue'::text, 'expense'::text])))
);

ALTER TABLE ledger.accounts ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME ledger.accounts_id_seq
    START WITH 1000
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE ledger.transactions (
    id bigint DEFAULT nextval('ledger.transaction_seq'::regclass) NOT NULL,
    tenant_id uuid,
    description text NOT NULL,
    source_type text,
    source_id uuid,
    posted_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE ledger.entries (
    transaction_id bigint NOT NULL,
    line smallint NOT NULL,
    account_id integer NOT NULL,
    side ledger.entry_side NOT NULL,
    amount billing.amount NOT NULL,
    CONSTRAINT entries_amount_check CHECK (((amount)::numeric > (0)::numeric))
);

CREATE TABLE ledger.payouts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    currency billing.currency NOT NULL,
    amount billing.amount NOT NULL,
    arrival_date date NOT NULL,
    bank_reference text,
    transaction_id bigint
);

CREATE TABLE ledger.payout_items (
    payout_id uuid NOT NULL,
    payment_id uuid NOT NULL,
    fee billing.amount DEFAULT 0 NOT NULL
);

--
-- Tables: ops
--

CREATE TABLE ops.webhook_endpoints (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    url text NOT NULL,
    secret text NOT NULL,
    events text[] DEFAULT ARRAY['*'::text] NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE ops.webhook_events (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    type text NOT NULL,
    payload jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ops.webhook_events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME ops.webhook_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 100
);

CREATE TABLE ops.webhook_deliveries (
    event_id bigint NOT NULL,
    endpoint_id uuid NOT NULL,
    state ops.delivery_state DEFAULT 'pending'::ops.delivery_state NOT NULL,
    attempts smallint DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone DEFAULT now(),
    last_status smallint,
    last_error text
);

CREATE TABLE ops.feature_flags (
    key text NOT NULL,
    description text,
    enabled boolean DEFAULT false NOT NULL,
    rollout_percent smallint DEFAULT 0 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT feature_flags_rollout_percent_check CHECK (((rollout_percent >= 0) AND (rollout_percent <= 100)))
);

CREATE TABLE ops.feature_flag_overrides (
    flag_key text NOT NULL,
    tenant_id uuid NOT NULL,
    enabled boolean NOT NULL
);

CREATE TABLE ops.notifications (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    user_id uuid,
    kind text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    sent_at timestamp with time zone,
    read_at timestamp with time zone
);

ALTER TABLE ops.notifications ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME ops.notifications_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE ops.jobs (
    id bigint NOT NULL,
    queue text DEFAULT 'default'::text NOT NULL,
    kind text NOT NULL,
    args jsonb DEFAULT '{}'::jsonb NOT NULL,
    run_at timestamp with time zone DEFAULT now() NOT NULL,
    locked_by text,
    locked_at timestamp with time zone,
    attempts integer DEFAULT 0 NOT NULL,
    last_error text
);

ALTER TABLE ops.jobs ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME ops.jobs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE UNLOGGED TABLE ops.rate_limit_buckets (
    key text NOT NULL,
    tokens double precision NOT NULL,
    refilled_at timestamp with time zone NOT NULL
);

--
-- Views
--

CREATE VIEW billing.active_subscriptions AS
 SELECT s.id,
    s.tenant_id,
    s.status,
    s.current_period,
    s.trial_ends_at,
    s.cancel_at_period_end
   FROM billing.subscriptions s
  WHERE (s.status = ANY (ARRAY['trialing'::billing.subscription_status, 'active'::billing.subscription_status, 'past_due'::billing.subscription_status]));

CREATE VIEW billing.subscription_mrr AS
 SELECT a.tenant_id,
    a.id AS subscription_id,
    p.currency,
    sum(
        CASE p.billing_interval
            WHEN 'month'::billing.billing_interval THEN (((i.quantity)::numeric * (p.unit_amount)::numeric) / (p.interval_count)::numeric)
            WHEN 'year'::billing.billing_interval THEN ((((i.quantity)::numeric * (p.unit_amount)::numeric) / (p.interval_count)::numeric) / (12)::numeric)
            WHEN 'week'::billing.billing_interval THEN ((((i.quantity)::numeric * (p.unit_amount)::numeric) / (p.interval_count)::numeric) * 4.345)
            ELSE ((((i.quantity)::numeric * (p.unit_amount)::numeric) / (p.interval_count)::numeric) * 30.44)
        END) AS mrr
   FROM ((billing.active_subscriptions a
     JOIN billing.subscription_items i ON ((i.subscription_id = a.id)))
     JOIN billing.prices p ON ((p.id = i.price_id)))
  WHERE ((p.model = ANY (ARRAY['flat'::billing.pricing_model, 'per_unit'::billing.pricing_model])) AND (a.status <> 'trialing'::billing.subscription_status))
  GROUP BY a.tenant_id, a.id, p.currency;

CREATE VIEW billing.mrr_by_currency AS
 SELECT m.currency,
    sum(m.mrr) AS mrr,
    count(DISTINCT m.tenant_id) AS paying_tenants
   FROM billing.subscription_mrr m
  GROUP BY m.currency;

CREATE VIEW billing.open_invoices WITH (security_barrier='true') AS
 SELECT i.id,
    i.tenant_id,
    i.number,
    i.currency,
    i.total,
    i.amount_paid,
    ((i.total)::numeric - (i.amount_paid)::numeric) AS amount_due,
    i.due_on,
    (i.due_on < CURRENT_DATE) AS overdue
   FROM billing.invoices i
  WHERE (i.status = 'open'::billing.invoice_status);

CREATE VIEW billing.accounts_receivable AS
 SELECT o.tenant_id,
    o.currency,
    sum(o.amount_due) AS due,
    sum(o.amount_due) FILTER (WHERE o.overdue) AS overdue,
    min(o.due_on) AS oldest_due_on
   FROM billing.open_invoices o
  GROUP BY o.tenant_id, o.currency;

CREATE VIEW iam.tenant_members WITH (security_invoker='true') AS
 SELECT m.tenant_id,
    u.id AS user_id,
    u.email,
    u.display_name,
    m.role,
    m.joined_at
   FROM (iam.memberships m
     JOIN iam.users u ON ((u.id = m.user_id)));

CREATE VIEW ledger.account_balances AS
 SELECT a.id,
    a.code,
    a.name,
    a.currency,
    COALESCE(sum(
        CASE e.side
            WHEN 'debit'::ledger.entry_side THEN (e.amount)::numeric
            ELSE (- (e.amount)::numeric)
        END), (0)::numeric) AS balance
   FROM (ledger.accounts a
     LEFT JOIN ledger.entries e ON ((e.account_id = a.id)))
  GROUP BY a.id, a.code, a.name, a.currency;

CREATE MATERIALIZED VIEW metering.usage_monthly AS
 SELECT d.tenant_id,
    d.meter_id,
    (date_trunc('month'::text, (d.day)::timestamp with time zone))::date AS month,
    sum(d.value) AS value
   FROM metering.usage_daily d
  GROUP BY d.tenant_id, d.meter_id, ((date_trunc('month'::text, (d.day)::timestamp with time zone))::date)
  WITH NO DATA;

CREATE VIEW metering.quota_status AS
 SELECT q.tenant_id,
    q.feature_key,
    q."limit",
    COALESCE(u.value, (0)::numeric) AS used,
    (COALESCE(u.value, (0)::numeric) >= q."limit") AS exceeded
   FROM ((metering.quotas q
     JOIN metering.meters m ON ((m.feature_key = q.feature_key)))
     LEFT JOIN metering.usage_monthly u ON (((u.tenant_id = q.tenant_id) AND (u.meter_id = m.id) AND (u.month = (date_trunc('month'::text, now()))::date))));

--
-- Constraints
--

ALTER TABLE ONLY iam.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id);
ALTER TABLE ONLY iam.api_keys
    ADD CONSTRAINT api_keys_prefix_key UNIQUE (prefix);
ALTER TABLE ONLY iam.audit_events
    ADD CONSTRAINT audit_events_pkey PRIMARY KEY (id);
ALTER TABLE ONLY iam.invitations
    ADD CONSTRAINT invitations_pkey PRIMARY KEY (id);
ALTER TABLE ONLY iam.invitations
    ADD CONSTRAINT invitations_token_hash_key UNIQUE (token_hash);
ALTER TABLE ONLY iam.memberships
    ADD CONSTRAINT memberships_pkey PRIMARY KEY (tenant_id, user_id);
ALTER TABLE ONLY iam.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);
ALTER TABLE ONLY iam.sso_connections
    ADD CONSTRAINT sso_connections_pkey PRIMARY KEY (id);
ALTER TABLE ONLY iam.tenant_domains
    ADD CONSTRAINT tenant_domains_pkey PRIMARY KEY (domain);
ALTER TABLE ONLY iam.tenants
    ADD CONSTRAINT tenants_pkey PRIMARY KEY (id);
ALTER TABLE ONLY iam.tenants
    ADD CONSTRAINT tenants_slug_key UNIQUE (slug);
ALTER TABLE ONLY iam.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);
ALTER TABLE ONLY iam.users
    ADD CONSTRAINT users_email_key UNIQUE (email);
ALTER TABLE ONLY billing.checkout_sessions
    ADD CONSTRAINT checkout_sessions_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.coupons
    ADD CONSTRAINT coupons_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.credit_note_lines
    ADD CONSTRAINT credit_note_lines_pkey PRIMARY KEY (credit_note_id, invoice_line_id);
ALTER TABLE ONLY billing.credit_notes
    ADD CONSTRAINT credit_notes_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.credit_notes
    ADD CONSTRAINT credit_notes_number_key UNIQUE (number);
ALTER TABLE ONLY billing.currencies
    ADD CONSTRAINT currencies_pkey PRIMARY KEY (code);
ALTER TABLE ONLY billing.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (tenant_id);
ALTER TABLE ONLY billing.discounts
    ADD CONSTRAINT discounts_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.disputes
    ADD CONSTRAINT disputes_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.dunning_attempts
    ADD CONSTRAINT dunning_attempts_pkey PRIMARY KEY (invoice_id, campaign_id, step);
ALTER TABLE ONLY billing.dunning_campaigns
    ADD CONSTRAINT dunning_campaigns_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.dunning_steps
    ADD CONSTRAINT dunning_steps_pkey PRIMARY KEY (campaign_id, step);
ALTER TABLE ONLY billing.entitlements
    ADD CONSTRAINT entitlements_no_overlap EXCLUDE USING gist (tenant_id WITH =, feature_key WITH =, valid_during WITH &&);
ALTER TABLE ONLY billing.exchange_rates
    ADD CONSTRAINT exchange_rates_no_overlap EXCLUDE USING gist (base WITH =, quote WITH =, valid_during WITH &&);
ALTER TABLE ONLY billing.features
    ADD CONSTRAINT features_pkey PRIMARY KEY (key);
ALTER TABLE ONLY billing.invoice_lines
    ADD CONSTRAINT invoice_lines_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.invoice_lines
    ADD CONSTRAINT invoice_lines_invoice_id_position_key UNIQUE (invoice_id, position) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY billing.invoice_taxes
    ADD CONSTRAINT invoice_taxes_pkey PRIMARY KEY (invoice_id, tax_rate_id);
ALTER TABLE ONLY billing.invoices
    ADD CONSTRAINT invoices_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.invoices
    ADD CONSTRAINT invoices_number_key UNIQUE (number);
ALTER TABLE ONLY billing.payment_attempts
    ADD CONSTRAINT payment_attempts_pkey PRIMARY KEY (payment_id, attempt);
ALTER TABLE ONLY billing.payment_methods
    ADD CONSTRAINT payment_methods_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.payments
    ADD CONSTRAINT payments_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.plan_features
    ADD CONSTRAINT plan_features_pkey PRIMARY KEY (plan_id, feature_key);
ALTER TABLE ONLY billing.plans
    ADD CONSTRAINT plans_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.price_tiers
    ADD CONSTRAINT price_tiers_price_id_up_to_key UNIQUE NULLS NOT DISTINCT (price_id, up_to);
ALTER TABLE ONLY billing.prices
    ADD CONSTRAINT prices_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.products
    ADD CONSTRAINT products_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.refunds
    ADD CONSTRAINT refunds_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.revenue_schedules
    ADD CONSTRAINT revenue_schedules_pkey PRIMARY KEY (invoice_line_id, month);
ALTER TABLE ONLY billing.subscription_events
    ADD CONSTRAINT subscription_events_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.subscription_items
    ADD CONSTRAINT subscription_items_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.subscription_items
    ADD CONSTRAINT subscription_items_subscription_id_price_id_key UNIQUE (subscription_id, price_id);
ALTER TABLE ONLY billing.subscriptions
    ADD CONSTRAINT subscriptions_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.tax_ids
    ADD CONSTRAINT tax_ids_pkey PRIMARY KEY (tenant_id, kind, value);
ALTER TABLE ONLY billing.tax_rates
    ADD CONSTRAINT tax_rates_pkey PRIMARY KEY (id);
ALTER TABLE ONLY billing.tax_rates
    ADD CONSTRAINT tax_rates_no_overlap EXCLUDE USING gist (country WITH =, region WITH =, valid_during WITH &&);
ALTER TABLE ONLY metering.meters
    ADD CONSTRAINT meters_pkey PRIMARY KEY (id);
ALTER TABLE ONLY metering.meters
    ADD CONSTRAINT meters_event_name_key UNIQUE (event_name);
ALTER TABLE ONLY metering.quota_alerts
    ADD CONSTRAINT quota_alerts_pkey PRIMARY KEY (tenant_id, feature_key, threshold_percent);
ALTER TABLE ONLY metering.quotas
    ADD CONSTRAINT quotas_pkey PRIMARY KEY (tenant_id, feature_key, period);
ALTER TABLE ONLY metering.usage_daily
    ADD CONSTRAINT usage_daily_pkey PRIMARY KEY (tenant_id, meter_id, day);
ALTER TABLE ONLY metering.usage_records
    ADD CONSTRAINT usage_records_pkey PRIMARY KEY (tenant_id, idempotency_key, recorded_at);
ALTER TABLE ONLY metering.usage_records_2025_01
    ADD CONSTRAINT usage_records_2025_01_pkey PRIMARY KEY (tenant_id, idempotency_key, recorded_at);
ALTER TABLE ONLY metering.usage_records_2025_02
    ADD CONSTRAINT usage_records_2025_02_pkey PRIMARY KEY (tenant_id, idempotency_key, recorded_at);
ALTER TABLE ONLY metering.usage_records_future
    ADD CONSTRAINT usage_records_future_pkey PRIMARY KEY (tenant_id, idempotency_key, recorded_at);
ALTER INDEX metering.usage_records_pkey ATTACH PARTITION metering.usage_records_2025_01_pkey;
ALTER INDEX metering.usage_records_pkey ATTACH PARTITION metering.usage_records_2025_02_pkey;
ALTER INDEX metering.usage_records_pkey ATTACH PARTITION metering.usage_records_future_pkey;
ALTER TABLE ONLY ledger.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);
ALTER TABLE ONLY ledger.accounts
    ADD CONSTRAINT accounts_code_key UNIQUE (code);
ALTER TABLE ONLY ledger.entries
    ADD CONSTRAINT entries_pkey PRIMARY KEY (transaction_id, line);
ALTER TABLE ONLY ledger.payout_items
    ADD CONSTRAINT payout_items_pkey PRIMARY KEY (payout_id, payment_id);
ALTER TABLE ONLY ledger.payouts
    ADD CONSTRAINT payouts_pkey PRIMARY KEY (id);
ALTER TABLE ONLY ledger.transactions
    ADD CONSTRAINT transactions_pkey PRIMARY KEY (id);
ALTER TABLE ONLY ops.feature_flag_overrides
    ADD CONSTRAINT feature_flag_overrides_pkey PRIMARY KEY (flag_key, tenant_id);
ALTER TABLE ONLY ops.feature_flags
    ADD CONSTRAINT feature_flags_pkey PRIMARY KEY (key);
ALTER TABLE ONLY ops.jobs
    ADD CONSTRAINT jobs_pkey PRIMARY KEY (id);
ALTER TABLE ONLY ops.notifications
    ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);
ALTER TABLE ONLY ops.rate_limit_buckets
    ADD CONSTRAINT rate_limit_buckets_pkey PRIMARY KEY (key);
ALTER TABLE ONLY ops.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (event_id, endpoint_id);
ALTER TABLE ONLY ops.webhook_endpoints
    ADD CONSTRAINT webhook_endpoints_pkey PRIMARY KEY (id);
ALTER TABLE ONLY ops.webhook_events
    ADD CONSTRAINT webhook_events_pkey PRIMARY KEY (id);

--
-- Indexes
--

CREATE INDEX tenant_domains_tenant_id_idx ON iam.tenant_domains USING btree (tenant_id);
CREATE INDEX memberships_user_id_idx ON iam.memberships USING btree (user_id);
CREATE UNIQUE INDEX memberships_one_owner_idx ON iam.memberships USING btree (tenant_id) WHERE (role = 'owner'::iam.membership_role);
CREATE UNIQUE INDEX invitations_pending_email_idx ON iam.invitations USING btree (tenant_id, email) WHERE (accepted_at IS NULL);
CREATE INDEX api_keys_tenant_id_idx ON iam.api_keys USING btree (tenant_id) WHERE (revoked_at IS NULL);
CREATE INDEX sessions_user_id_idx ON iam.sessions USING btree (user_id);
CREATE INDEX sessions_expires_at_idx ON iam.sessions USING btree (expires_at);
CREATE INDEX audit_events_tenant_id_occurred_at_idx ON iam.audit_events USING btree (tenant_id, occurred_at DESC);
CREATE INDEX audit_events_occurred_at_idx ON iam.audit_events USING brin (occurred_at);
CREATE INDEX audit_events_metadata_idx ON iam.audit_events USING gin (metadata jsonb_path_ops);
CREATE INDEX plans_product_id_idx ON billing.plans USING btree (product_id, sort_order) WHERE (retired_at IS NULL);
CREATE INDEX prices_plan_id_idx ON billing.prices USING btree (plan_id) INCLUDE (currency, billing_interval) WHERE active;
CREATE INDEX prices_meter_id_idx ON billing.prices USING btree (meter_id) WHERE (meter_id IS NOT NULL);
CREATE INDEX plan_features_feature_key_idx ON billing.plan_features USING btree (feature_key);
CREATE UNIQUE INDEX customers_external_id_key ON billing.customers USING btree (external_id) WHERE (external_id IS NOT NULL);
CREATE INDEX payment_methods_tenant_id_idx ON billing.payment_methods USING btree (tenant_id);
CREATE UNIQUE INDEX payment_methods_one_default_idx ON billing.payment_methods USING btree (tenant_id) WHERE is_default;
CREATE INDEX subscriptions_tenant_id_idx ON billing.subscriptions USING btree (tenant_id);
CREATE INDEX subscriptions_current_period_idx ON billing.subscriptions USING gist (current_period);
CREATE INDEX subscriptions_renewal_idx ON billing.subscriptions USING btree (upper(current_period)) WHERE (status = ANY (ARRAY['active'::billing.subscription_status, 'past_due'::billing.subscription_status]));
CREATE INDEX subscription_items_price_id_idx ON billing.subscription_items USING btree (price_id);
CREATE INDEX subscription_events_subscription_id_idx ON billing.subscription_events USING btree (subscription_id, at);
CREATE INDEX discounts_subscription_id_idx ON billing.discounts USING btree (subscription_id);
CREATE INDEX invoices_tenant_id_issued_at_idx ON billing.invoices USING btree (tenant_id, issued_at DESC);
CREATE INDEX invoices_subscription_id_idx ON billing.invoices USING btree (subscription_id);
CREATE INDEX invoices_open_due_on_idx ON billing.invoices USING btree (due_on) WHERE (status = 'open'::billing.invoice_status);
CREATE INDEX invoice_lines_price_id_idx ON billing.invoice_lines USING btree (price_id);
CREATE INDEX credit_notes_invoice_id_idx ON billing.credit_notes USING btree (invoice_id);
CREATE INDEX payments_tenant_id_idx ON billing.payments USING btree (tenant_id, created_at DESC);
CREATE INDEX payments_invoice_id_idx ON billing.payments USING btree (invoice_id);
CREATE UNIQUE INDEX payments_provider_reference_key ON billing.payments USING btree (provider_reference) WHERE (provider_reference IS NOT NULL);
CREATE INDEX refunds_payment_id_idx ON billing.refunds USING btree (payment_id);
CREATE INDEX disputes_open_idx ON billing.disputes USING btree (evidence_due_by) WHERE (closed_at IS NULL);
CREATE INDEX checkout_sessions_tenant_id_idx ON billing.checkout_sessions USING btree (tenant_id);
CREATE INDEX revenue_schedules_month_idx ON billing.revenue_schedules USING btree (month) WHERE (NOT recognized);
CREATE INDEX meters_feature_key_idx ON metering.meters USING btree (feature_key);
CREATE INDEX usage_records_meter_idx ON ONLY metering.usage_records USING btree (meter_id, recorded_at);
CREATE INDEX usage_records_2025_01_meter_id_recorded_at_idx ON metering.usage_records_2025_01 USING btree (meter_id, recorded_at);
CREATE INDEX usage_records_2025_02_meter_id_recorded_at_idx ON metering.usage_records_2025_02 USING btree (meter_id, recorded_at);
CREATE INDEX usage_records_future_meter_id_recorded_at_idx ON metering.usage_records_future USING btree (meter_id, recorded_at);
ALTER INDEX metering.usage_records_meter_idx ATTACH PARTITION metering.usage_records_2025_01_meter_id_recorded_at_idx;
ALTER INDEX metering.usage_records_meter_idx ATTACH PARTITION metering.usage_records_2025_02_meter_id_recorded_at_idx;
ALTER INDEX metering.usage_records_meter_idx ATTACH PARTITION metering.usage_records_future_meter_id_recorded_at_idx;
CREATE INDEX usage_records_2025_01_properties_idx ON metering.usage_records_2025_01 USING gin (properties);
CREATE UNIQUE INDEX usage_monthly_key ON metering.usage_monthly USING btree (tenant_id, meter_id, month);
CREATE INDEX accounts_parent_id_idx ON ledger.accounts USING btree (parent_id);
CREATE INDEX entries_account_id_idx ON ledger.entries USING btree (account_id);
CREATE INDEX transactions_source_idx ON ledger.transactions USING btree (source_type, source_id);
CREATE INDEX transactions_posted_at_idx ON ledger.transactions USING brin (posted_at);
CREATE INDEX payout_items_payment_id_idx ON ledger.payout_items USING btree (payment_id);
CREATE INDEX webhook_endpoints_tenant_id_idx ON ops.webhook_endpoints USING btree (tenant_id) WHERE enabled;
CREATE INDEX webhook_events_tenant_id_created_at_idx ON ops.webhook_events USING btree (tenant_id, created_at DESC);
CREATE INDEX webhook_deliveries_due_idx ON ops.webhook_deliveries USING btree (next_attempt_at) WHERE (state = 'pending'::ops.delivery_state);
CREATE INDEX feature_flag_overrides_tenant_id_idx ON ops.feature_flag_overrides USING btree (tenant_id);
CREATE INDEX notifications_user_unread_idx ON ops.notifications USING btree (user_id) WHERE (read_at IS NULL);
CREATE INDEX jobs_queue_run_at_idx ON ops.jobs USING btree (queue, run_at) WHERE (locked_at IS NULL);

COMMENT ON INDEX iam.memberships_one_owner_idx IS 'A tenant has exactly one owner';

--
-- Triggers
--

CREATE TRIGGER tenants_touch BEFORE UPDATE ON iam.tenants FOR EACH ROW EXECUTE FUNCTION ops.touch();
CREATE TRIGGER users_touch BEFORE UPDATE ON iam.users FOR EACH ROW EXECUTE FUNCTION ops.touch();
CREATE TRIGGER customers_touch BEFORE UPDATE ON billing.customers FOR EACH ROW EXECUTE FUNCTION ops.touch();
CREATE TRIGGER subscriptions_touch BEFORE UPDATE ON billing.subscriptions FOR EACH ROW EXECUTE FUNCTION ops.touch();
CREATE TRIGGER subscriptions_event AFTER INSERT OR UPDATE OF status ON billing.subscriptions FOR EACH ROW EXECUTE FUNCTION billing.subscription_event();
CREATE TRIGGER invoices_defaults BEFORE INSERT OR UPDATE ON billing.invoices FOR EACH ROW EXECUTE FUNCTION billing.invoice_defaults();
CREATE TRIGGER invoices_immutable BEFORE DELETE OR UPDATE ON billing.invoices FOR EACH ROW WHEN ((old.status = ANY (ARRAY['paid'::billing.invoice_status, 'void'::billing.invoice_status]))) EXECUTE FUNCTION billing.forbid_paid_invoice_changes();
CREATE TRIGGER invoice_lines_recompute AFTER INSERT OR DELETE OR UPDATE ON billing.invoice_lines FOR EACH ROW EXECUTE FUNCTION billing.recompute_invoice();
CREATE TRIGGER invoice_taxes_recompute AFTER INSERT OR DELETE OR UPDATE ON billing.invoice_taxes FOR EACH ROW EXECUTE FUNCTION billing.recompute_invoice();
CREATE TRIGGER payments_touch BEFORE UPDATE ON billing.payments FOR EACH ROW EXECUTE FUNCTION ops.touch();
CREATE TRIGGER entries_balanced AFTER INSERT ON ledger.entries REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger.check_balanced();
CREATE TRIGGER feature_flags_touch BEFORE UPDATE ON ops.feature_flags FOR EACH ROW EXECUTE FUNCTION ops.touch();

COMMENT ON TRIGGER entries_balanced ON ledger.entries IS 'Double-entry bookkeeping: every transaction sums to zero';

--
-- Foreign keys
--

ALTER TABLE ONLY iam.api_keys
    ADD CONSTRAINT api_keys_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;
ALTER TABLE ONLY iam.api_keys
    ADD CONSTRAINT api_keys_created_by_fkey FOREIGN KEY (created_by) REFERENCES iam.users(id) ON DELETE SET NULL;
ALTER TABLE ONLY iam.audit_events
    ADD CONSTRAINT audit_events_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;
ALTER TABLE ONLY iam.audit_events
    ADD CONSTRAINT audit_events_actor_user_id_fkey FOREIGN KEY (actor_user_id) REFERENCES iam.users(id) ON DELETE SET NULL;
ALTER TABLE ONLY iam.audit_events
    ADD CONSTRAINT audit_events_actor_api_key_id_fkey FOREIGN KEY (actor_api_key_id) REFERENCES iam.api_keys(id) ON DELETE SET NULL;
ALTER TABLE ONLY iam.invitations
    ADD CONSTRAINT invitations_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;
ALTER TABLE ONLY iam.invitations
    ADD CONSTRAINT invitations_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES iam.users(id);
ALTER TABLE ONLY iam.memberships
    ADD CONSTRAINT memberships_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;
ALTER TABLE ONLY iam.memberships
    ADD CONSTRAINT memberships_user_id_fkey FOREIGN KEY (user_id) REFERENCES iam.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY iam.memberships
    ADD CONSTRAINT memberships_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES iam.users(id) ON DELETE SET NULL;
ALTER TABLE ONLY iam.sessions
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES iam.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY iam.sessions
    ADD CONSTRAINT sessions_membership_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES iam.memberships(tenant_id, user_id) ON DELETE CASCADE;
ALTER TABLE ONLY iam.sso_connections
    ADD CONSTRAINT sso_connections_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;
ALTER TABLE ONLY iam.tenant_domains
    ADD CONSTRAINT tenant_domains_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.checkout_sessions
    ADD CONSTRAINT checkout_sessions_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.checkout_sessions
    ADD CONSTRAINT checkout_sessions_price_id_fkey FOREIGN KEY (price_id) REFERENCES billing.prices(id);
ALTER TABLE ONLY billing.coupons
    ADD CONSTRAINT coupons_currency_fkey FOREIGN KEY (currency) REFERENCES billing.currencies(code);
ALTER TABLE ONLY billing.credit_note_lines
    ADD CONSTRAINT credit_note_lines_credit_note_id_fkey FOREIGN KEY (credit_note_id) REFERENCES billing.credit_notes(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.credit_note_lines
    ADD CONSTRAINT credit_note_lines_invoice_line_id_fkey FOREIGN KEY (invoice_line_id) REFERENCES billing.invoice_lines(id);
ALTER TABLE ONLY billing.credit_notes
    ADD CONSTRAINT credit_notes_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES billing.invoices(id);
ALTER TABLE ONLY billing.customers
    ADD CONSTRAINT customers_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.customers
    ADD CONSTRAINT customers_currency_fkey FOREIGN KEY (currency) REFERENCES billing.currencies(code);
ALTER TABLE ONLY billing.discounts
    ADD CONSTRAINT discounts_subscription_id_fkey FOREIGN KEY (subscription_id) REFERENCES billing.subscriptions(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.discounts
    ADD CONSTRAINT discounts_coupon_id_fkey FOREIGN KEY (coupon_id) REFERENCES billing.coupons(id);
ALTER TABLE ONLY billing.disputes
    ADD CONSTRAINT disputes_payment_id_fkey FOREIGN KEY (payment_id) REFERENCES billing.payments(id);
ALTER TABLE ONLY billing.dunning_attempts
    ADD CONSTRAINT dunning_attempts_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES billing.invoices(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.dunning_attempts
    ADD CONSTRAINT dunning_attempts_step_fkey FOREIGN KEY (campaign_id, step) REFERENCES billing.dunning_steps(campaign_id, step);
ALTER TABLE ONLY billing.dunning_steps
    ADD CONSTRAINT dunning_steps_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES billing.dunning_campaigns(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.entitlements
    ADD CONSTRAINT entitlements_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.entitlements
    ADD CONSTRAINT entitlements_feature_key_fkey FOREIGN KEY (feature_key) REFERENCES billing.features(key);
ALTER TABLE ONLY billing.exchange_rates
    ADD CONSTRAINT exchange_rates_base_fkey FOREIGN KEY (base) REFERENCES billing.currencies(code);
ALTER TABLE ONLY billing.exchange_rates
    ADD CONSTRAINT exchange_rates_quote_fkey FOREIGN KEY (quote) REFERENCES billing.currencies(code);
ALTER TABLE ONLY billing.invoice_lines
    ADD CONSTRAINT invoice_lines_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES billing.invoices(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.invoice_lines
    ADD CONSTRAINT invoice_lines_price_id_fkey FOREIGN KEY (price_id) REFERENCES billing.prices(id);
ALTER TABLE ONLY billing.invoice_taxes
    ADD CONSTRAINT invoice_taxes_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES billing.invoices(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.invoice_taxes
    ADD CONSTRAINT invoice_taxes_tax_rate_id_fkey FOREIGN KEY (tax_rate_id) REFERENCES billing.tax_rates(id);
ALTER TABLE ONLY billing.invoices
    ADD CONSTRAINT invoices_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES billing.customers(tenant_id);
ALTER TABLE ONLY billing.invoices
    ADD CONSTRAINT invoices_subscription_id_fkey FOREIGN KEY (subscription_id) REFERENCES billing.subscriptions(id) ON DELETE SET NULL;
ALTER TABLE ONLY billing.invoices
    ADD CONSTRAINT invoices_currency_fkey FOREIGN KEY (currency) REFERENCES billing.currencies(code);
ALTER TABLE ONLY billing.payment_attempts
    ADD CONSTRAINT payment_attempts_payment_id_fkey FOREIGN KEY (payment_id) REFERENCES billing.payments(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.payment_methods
    ADD CONSTRAINT payment_methods_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES billing.customers(tenant_id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.payments
    ADD CONSTRAINT payments_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES billing.customers(tenant_id);
ALTER TABLE ONLY billing.payments
    ADD CONSTRAINT payments_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES billing.invoices(id);
ALTER TABLE ONLY billing.payments
    ADD CONSTRAINT payments_payment_method_id_fkey FOREIGN KEY (payment_method_id) REFERENCES billing.payment_methods(id) ON DELETE SET NULL;
ALTER TABLE ONLY billing.payments
    ADD CONSTRAINT payments_currency_fkey FOREIGN KEY (currency) REFERENCES billing.currencies(code);
ALTER TABLE ONLY billing.plan_features
    ADD CONSTRAINT plan_features_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES billing.plans(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.plan_features
    ADD CONSTRAINT plan_features_feature_key_fkey FOREIGN KEY (feature_key) REFERENCES billing.features(key) ON UPDATE CASCADE;
ALTER TABLE ONLY billing.plans
    ADD CONSTRAINT plans_product_id_fkey FOREIGN KEY (product_id) REFERENCES billing.products(id);
ALTER TABLE ONLY billing.price_tiers
    ADD CONSTRAINT price_tiers_price_id_fkey FOREIGN KEY (price_id) REFERENCES billing.prices(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.prices
    ADD CONSTRAINT prices_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES billing.plans(id);
ALTER TABLE ONLY billing.prices
    ADD CONSTRAINT prices_currency_fkey FOREIGN KEY (currency) REFERENCES billing.currencies(code);
ALTER TABLE ONLY billing.prices
    ADD CONSTRAINT prices_meter_id_fkey FOREIGN KEY (meter_id) REFERENCES metering.meters(id);
ALTER TABLE ONLY billing.refunds
    ADD CONSTRAINT refunds_payment_id_fkey FOREIGN KEY (payment_id) REFERENCES billing.payments(id);
ALTER TABLE ONLY billing.revenue_schedules
    ADD CONSTRAINT revenue_schedules_invoice_line_id_fkey FOREIGN KEY (invoice_line_id) REFERENCES billing.invoice_lines(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.subscription_events
    ADD CONSTRAINT subscription_events_subscription_id_fkey FOREIGN KEY (subscription_id) REFERENCES billing.subscriptions(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.subscription_items
    ADD CONSTRAINT subscription_items_subscription_id_fkey FOREIGN KEY (subscription_id) REFERENCES billing.subscriptions(id) ON DELETE CASCADE;
ALTER TABLE ONLY billing.subscription_items
    ADD CONSTRAINT subscription_items_price_id_fkey FOREIGN KEY (price_id) REFERENCES billing.prices(id);
ALTER TABLE ONLY billing.subscriptions
    ADD CONSTRAINT subscriptions_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES billing.customers(tenant_id);
ALTER TABLE ONLY billing.subscriptions
    ADD CONSTRAINT subscriptions_default_payment_method_id_fkey FOREIGN KEY (default_payment_method_id) REFERENCES billing.payment_methods(id) ON DELETE SET NULL;
ALTER TABLE ONLY billing.subscriptions
    ADD CONSTRAINT subscriptions_coupon_id_fkey FOREIGN KEY (coupon_id) REFERENCES billing.coupons(id);
ALTER TABLE ONLY billing.tax_ids
    ADD CONSTRAINT tax_ids_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES billing.customers(tenant_id) ON DELETE CASCADE;
ALTER TABLE ONLY metering.meters
    ADD CONSTRAINT meters_feature_key_fkey FOREIGN KEY (feature_key) REFERENCES billing.features(key);
ALTER TABLE ONLY metering.quota_alerts
    ADD CONSTRAINT quota_alerts_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;
ALTER TABLE ONLY metering.quotas
    ADD CONSTRAINT quotas_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;
ALTER TABLE ONLY metering.quotas
    ADD CONSTRAINT quotas_feature_key_fkey FOREIGN KEY (feature_key) REFERENCES billing.features(key);
ALTER TABLE ONLY metering.usage_daily
    ADD CONSTRAINT usage_daily_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;
ALTER TABLE ONLY metering.usage_daily
    ADD CONSTRAINT usage_daily_meter_id_fkey FOREIGN KEY (meter_id) REFERENCES metering.meters(id);
ALTER TABLE metering.usage_records
    ADD CONSTRAINT usage_records_meter_id_fkey FOREIGN KEY (meter_id) REFERENCES metering.meters(id);
ALTER TABLE ONLY ledger.accounts
    ADD CONSTRAINT accounts_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES ledger.accounts(id);
ALTER TABLE ONLY ledger.accounts
    ADD CONSTRAINT accounts_currency_fkey FOREIGN KEY (currency) REFERENCES billing.currencies(code);
ALTER TABLE ONLY ledger.entries
    ADD CONSTRAINT entries_transaction_id_fkey FOREIGN KEY (transaction_id) REFERENCES ledger.transactions(id) ON DELETE CASCADE;
ALTER TABLE ONLY ledger.entries
    ADD CONSTRAINT entries_account_id_fkey FOREIGN KEY (account_id) REFERENCES ledger.accounts(id);
ALTER TABLE ONLY ledger.payout_items
    ADD CONSTRAINT payout_items_payout_id_fkey FOREIGN KEY (payout_id) REFERENCES ledger.payouts(id) ON DELETE CASCADE;
ALTER TABLE ONLY ledger.payout_items
    ADD CONSTRAINT payout_items_payment_id_fkey FOREIGN KEY (payment_id) REFERENCES billing.payments(id);
ALTER TABLE ONLY ledger.payouts
    ADD CONSTRAINT payouts_transaction_id_fkey FOREIGN KEY (transaction_id) REFERENCES ledger.transactions(id);
ALTER TABLE ONLY ledger.transactions
    ADD CONSTRAINT transactions_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) NOT VALID;
ALTER TABLE ONLY ops.feature_flag_overrides
    ADD CONSTRAINT feature_flag_overrides_flag_key_fkey FOREIGN KEY (flag_key) REFERENCES ops.feature_flags(key) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE ONLY ops.feature_flag_overrides
    ADD CONSTRAINT feature_flag_overrides_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;
ALTER TABLE ONLY ops.notifications
    ADD CONSTRAINT notifications_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;
ALTER TABLE ONLY ops.notifications
    ADD CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES iam.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY ops.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_event_id_fkey FOREIGN KEY (event_id) REFERENCES ops.webhook_events(id) ON DELETE CASCADE;
ALTER TABLE ONLY ops.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_endpoint_id_fkey FOREIGN KEY (endpoint_id) REFERENCES ops.webhook_endpoints(id) ON DELETE CASCADE;
ALTER TABLE ONLY ops.webhook_endpoints
    ADD CONSTRAINT webhook_endpoints_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;
ALTER TABLE ONLY ops.webhook_events
    ADD CONSTRAINT webhook_events_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES iam.tenants(id) ON DELETE CASCADE;

--
-- Row level security: tenant isolation
--

ALTER TABLE iam.tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE iam.memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE iam.api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE iam.audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.invoices FORCE ROW LEVEL SECURITY;
ALTER TABLE billing.payments ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.payment_methods ENABLE ROW LEVEL SECURITY;
ALTER TABLE metering.usage_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE ops.webhook_endpoints ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON iam.tenants USING (((id = iam.current_tenant()) OR iam.is_platform_admin()));
CREATE POLICY tenant_isolation ON iam.memberships USING (((tenant_id = iam.current_tenant()) OR iam.is_platform_admin()));
CREATE POLICY tenant_isolation ON iam.api_keys USING ((tenant_id = iam.current_tenant()));
CREATE POLICY tenant_isolation ON iam.audit_events FOR SELECT USING ((tenant_id = iam.current_tenant()));
CREATE POLICY append_only ON iam.audit_events FOR INSERT WITH CHECK ((tenant_id = iam.current_tenant()));
CREATE POLICY tenant_isolation ON billing.customers USING ((tenant_id = iam.current_tenant())) WITH CHECK ((tenant_id = iam.current_tenant()));
CREATE POLICY tenant_isolation ON billing.subscriptions USING ((tenant_id = iam.current_tenant()));
CREATE POLICY tenant_isolation ON billing.invoices USING ((tenant_id = iam.current_tenant()));
CREATE POLICY no_drafts_for_viewers ON billing.invoices AS RESTRICTIVE FOR SELECT TO rt_reader USING ((status <> 'draft'::billing.invoice_status));
CREATE POLICY tenant_isolation ON billing.payments USING ((tenant_id = iam.current_tenant()));
CREATE POLICY tenant_isolation ON billing.payment_methods USING ((tenant_id = iam.current_tenant()));
CREATE POLICY tenant_isolation ON metering.usage_records USING ((tenant_id = iam.current_tenant())) WITH CHECK ((tenant_id = iam.current_tenant()));
CREATE POLICY tenant_isolation ON ops.webhook_endpoints USING ((tenant_id = iam.current_tenant()));
CREATE POLICY platform_admin ON billing.invoices TO rt_admin USING (iam.is_platform_admin());

--
-- Privileges
--

GRANT USAGE ON SCHEMA iam TO rt_reader;
GRANT USAGE ON SCHEMA iam TO rt_writer;
GRANT USAGE ON SCHEMA billing TO rt_reader;
GRANT USAGE ON SCHEMA billing TO rt_writer;
GRANT ALL ON SCHEMA billing TO rt_admin;
GRANT USAGE ON SCHEMA metering TO rt_writer;
GRANT USAGE ON SCHEMA ledger TO rt_admin;
GRANT SELECT ON TABLE iam.tenants TO rt_reader;
GRANT SELECT (id, email, display_name) ON TABLE iam.users TO rt_reader;
GRANT SELECT ON TABLE iam.tenant_members TO rt_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE iam.memberships TO rt_writer;
GRANT SELECT, INSERT ON TABLE iam.audit_events TO rt_writer;
GRANT SELECT ON TABLE billing.invoices TO rt_reader;
GRANT SELECT ON TABLE billing.invoice_lines TO rt_reader;
GRANT SELECT ON TABLE billing.open_invoices TO rt_reader;
GRANT SELECT ON TABLE billing.subscriptions TO rt_reader;
GRANT SELECT, INSERT, UPDATE ON TABLE billing.subscriptions TO rt_writer;
GRANT SELECT, INSERT, UPDATE ON TABLE billing.subscription_items TO rt_writer;
GRANT SELECT ON TABLE billing.mrr_by_currency TO rt_admin;
GRANT SELECT ON TABLE billing.accounts_receivable TO rt_admin;
GRANT INSERT ON TABLE metering.usage_records TO rt_writer;
GRANT SELECT ON TABLE metering.quota_status TO rt_writer;
GRANT SELECT ON TABLE ledger.account_balances TO rt_admin;
GRANT USAGE ON SEQUENCE billing.invoice_number_seq TO rt_writer;
REVOKE ALL ON FUNCTION iam.is_platform_admin() FROM PUBLIC;
GRANT ALL ON FUNCTION iam.is_platform_admin() TO rt_admin;
GRANT ALL ON FUNCTION iam.is_platform_admin() TO rt_reader;
GRANT ALL ON FUNCTION iam.is_platform_admin() TO rt_writer;
REVOKE ALL ON FUNCTION billing.next_invoice_number(tenant uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION billing.next_invoice_number(tenant uuid) TO rt_writer;
REVOKE USAGE ON TYPE ledger.entry_side FROM PUBLIC;
GRANT USAGE ON TYPE ledger.entry_side TO rt_admin;

--
-- PostgreSQL database dump complete
--
