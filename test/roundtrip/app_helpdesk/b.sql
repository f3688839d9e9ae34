--
-- PostgreSQL database dump of "Beacon Desk", a multi-organisation helpdesk
-- and knowledge base
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

--
-- Name: helpdesk; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA helpdesk;

COMMENT ON SCHEMA helpdesk IS 'Tickets, agents, automation';

CREATE SCHEMA kb;

COMMENT ON SCHEMA kb IS 'Knowledge base';

CREATE SCHEMA reporting;

--
-- Name: hstore; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public;

--
-- Types
--

CREATE TYPE helpdesk.ticket_status AS ENUM (
    'new',
    'open',
    'pending',
    'on_hold',
    'solved',
    'closed'
);

CREATE TYPE helpdesk.ticket_priority AS ENUM (
    'low',
    'normal',
    'high',
    'urgent'
);

CREATE TYPE helpdesk.channel_kind AS ENUM (
    'email',
    'web',
    'chat',
    'phone',
    'api',
    'social'
);

CREATE TYPE helpdesk.agent_role AS ENUM (
    'light',
    'agent',
    'team_lead',
    'admin'
);

CREATE TYPE helpdesk.field_type AS ENUM (
    'text',
    'textarea',
    'number',
    'decimal',
    'checkbox',
    'date',
    'dropdown',
    'multiselect'
);

CREATE TYPE helpdesk.event_kind AS ENUM (
    'created',
    'comment',
    'status',
    'assignment',
    'priority',
    'tag',
    'merge',
    'sla'
);

CREATE TYPE kb.article_state AS ENUM (
    'draft',
    'review',
    'published',
    'archived'
);

CREATE DOMAIN helpdesk.email AS text
	CONSTRAINT email_check CHECK ((VALUE ~* '^[^@\s]+@[^@\s]+$'::text));

CREATE DOMAIN helpdesk.hex_color AS character(7)
	DEFAULT '#888888'::bpchar
	CONSTRAINT hex_color_check CHECK ((VALUE ~ '^#[0-9a-f]{6}$'::text));

CREATE DOMAIN helpdesk.minutes AS integer
	CONSTRAINT minutes_check CHECK ((VALUE >= 0));

CREATE DOMAIN helpdesk.weekday AS smallint
	CONSTRAINT weekday_check CHECK (((VALUE >= 1) AND (VALUE <= 7)));

CREATE DOMAIN kb.locale AS text NOT NULL
	CONSTRAINT locale_check CHECK ((VALUE ~ '^[a-z]{2}(-[a-z]{2})?$'::text));

CREATE TYPE helpdesk.sla_target AS (
	first_reply helpdesk.minutes,
	next_reply helpdesk.minutes,
	resolution helpdesk.minutes
);

COMMENT ON TYPE helpdesk.sla_target IS 'Minutes allowed for each SLA metric; NULL when the metric is not tracked';

--
-- Functions
--

CREATE FUNCTION helpdesk.current_org() RETURNS integer
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$SELECT nullif(current_setting('helpdesk.org_id', true), '')::integer$$;

COMMENT ON FUNCTION helpdesk.current_org() IS 'Organisation of the current request, set by the application; used by every policy';

CREATE FUNCTION helpdesk.current_agent() RETURNS integer
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$SELECT nullif(current_setting('helpdesk.agent_id', true), '')::integer$$;

CREATE FUNCTION helpdesk.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE FUNCTION helpdesk.assign_ticket_number() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE helpdesk.organizations
       SET last_ticket_number = last_ticket_number + 1
     WHERE id = NEW.organization_id
    RETURNING last_ticket_number INTO NEW.number;
    RETURN NEW;
END
$$;

CREATE FUNCTION helpdesk.business_minutes_between(org integer, starts timestamp with time zone, ends timestamp with time zone) RETURNS integer
    LANGUAGE plpgsql STABLE
    AS $$
DECLARE
    total integer := 0;
    day date;
BEGIN
    IF ends <= starts THEN
        RETURN 0;
    END IF;
    FOR day IN SELECT generate_series(starts::date, ends::date, interval '1 day')::date LOOP
        SELECT total + coalesce(sum(
                   extract(epoch FROM (least(ends, day + h.closes) - greatest(starts, day + h.opens))) / 60
               ), 0)::integer
          INTO total
          FROM helpdesk.business_hours h
         WHERE h.organization_id = org
           AND h.weekday = extract(isodow FROM day)
           AND NOT EXISTS (SELECT 1 FROM helpdesk.holidays x
                            WHERE x.organization_id = org AND x.day = day)
           AND least(ends, day + h.closes) > greatest(starts, day + h.opens);
    END LOOP;
    RETURN total;
END
$$;

CREATE FUNCTION helpdesk.record_ticket_event() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO helpdesk.ticket_events (ticket_id, kind, actor_id, data)
        VALUES (NEW.id, 'created', helpdesk.current_agent(), hstore('status', NEW.status::text));
    ELSE
        IF NEW.status IS DISTINCT FROM OLD.status THEN
            INSERT INTO helpdesk.ticket_events (ticket_id, kind, actor_id, data)
            VALUES (NEW.id, 'status', helpdesk.current_agent(),
                    hstore(ARRAY['from', OLD.status::text, 'to', NEW.status::text]));
        END IF;
        IF NEW.assignee_id IS DISTINCT FROM OLD.assignee_id THEN
            INSERT INTO helpdesk.ticket_events (ticket_id, kind, actor_id, data)
            VALUES (NEW.id, 'assignment', helpdesk.current_agent(),
                    hstore('assignee', NEW.assignee_id::text));
        END IF;
        IF NEW.priority IS DISTINCT FROM OLD.priority THEN
            INSERT INTO helpdesk.ticket_events (ticket_id, kind, actor_id, data)
            VALUES (NEW.id, 'priority', helpdesk.current_agent(),
                    hstore(ARRAY['from', OLD.priority::text, 'to', NEW.priority::text]));
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION helpdesk.comment_side_effects() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE helpdesk.tickets t
       SET comment_count = t.comment_count + 1,
           first_replied_at = CASE
               WHEN t.first_replied_at IS NULL AND NEW.author_agent_id IS NOT NULL AND NEW.public
               THEN NEW.created_at ELSE t.first_replied_at END,
           updated_at = now()
     WHERE t.id = NEW.ticket_id;
    RETURN NULL;
END
$$;

CREATE FUNCTION helpdesk.set_solved_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.status IN ('solved', 'closed') AND OLD.status NOT IN ('solved', 'closed') THEN
        NEW.solved_at := now();
    ELSIF NEW.status NOT IN ('solved', 'closed') THEN
        NEW.solved_at := NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION helpdesk.ticket_search_document(subject text, description text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (setweight(to_tsvector('english'::regconfig, COALESCE(subject, ''::text)), 'A'::"char") || setweight(to_tsvector('english'::regconfig, COALESCE(description, ''::text)), 'B'::"char"));

CREATE FUNCTION kb.article_slug(title text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$SELECT left(trim(both '-' from regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g')), 80)$$;

CREATE FUNCTION kb.snapshot_article_version() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO kb.article_versions (article_id, version, title, body, author_id)
    VALUES (NEW.id, NEW.version, NEW.title, NEW.body, NEW.author_id);
    RETURN NEW;
END
$$;


--
-- Tables
--

CREATE TABLE helpdesk.organizations (
    id integer NOT NULL,
    name text NOT NULL,
    subdomain text NOT NULL,
    time_zone text DEFAULT 'UTC'::text NOT NULL,
    last_ticket_number integer DEFAULT 0 NOT NULL,
    settings public.hstore DEFAULT ''::public.hstore NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT organizations_subdomain_check CHECK ((subdomain ~ '^[a-z0-9-]{2,63}$'::text))
);

COMMENT ON TABLE helpdesk.organizations IS 'Customers of the helpdesk product; every other row belongs to one';

CREATE SEQUENCE helpdesk.organizations_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE helpdesk.organizations_id_seq OWNED BY helpdesk.organizations.id;

CREATE TABLE helpdesk.organization_domains (
    organization_id integer NOT NULL,
    domain text NOT NULL,
    verified boolean DEFAULT false NOT NULL
);

CREATE TABLE helpdesk.users (
    id integer NOT NULL,
    organization_id integer NOT NULL,
    email helpdesk.email NOT NULL,
    name text NOT NULL,
    phone text,
    locale text DEFAULT 'en'::text NOT NULL,
    suspended boolean DEFAULT false NOT NULL,
    last_seen_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

COMMENT ON TABLE helpdesk.users IS 'End users (requesters) and agents alike';

CREATE SEQUENCE helpdesk.users_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE helpdesk.users_id_seq OWNED BY helpdesk.users.id;

CREATE TABLE helpdesk.customer_companies (
    id integer NOT NULL,
    organization_id integer NOT NULL,
    name text NOT NULL,
    domain text,
    notes text
);

ALTER TABLE helpdesk.customer_companies ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.customer_companies_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.company_members (
    company_id integer NOT NULL,
    user_id integer NOT NULL
);

CREATE TABLE helpdesk.agents (
    user_id integer NOT NULL,
    role helpdesk.agent_role DEFAULT 'agent'::helpdesk.agent_role NOT NULL,
    signature text,
    max_open_tickets integer,
    available boolean DEFAULT true NOT NULL,
    CONSTRAINT agents_max_open_tickets_check CHECK ((max_open_tickets > 0))
);

CREATE TABLE helpdesk.teams (
    id integer NOT NULL,
    organization_id integer NOT NULL,
    name text NOT NULL,
    color helpdesk.hex_color,
    description text
);

ALTER TABLE helpdesk.teams ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.teams_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.team_members (
    team_id integer NOT NULL,
    agent_id integer NOT NULL,
    is_lead boolean DEFAULT false NOT NULL
);

CREATE TABLE helpdesk.permissions (
    code text NOT NULL,
    description text NOT NULL
);

CREATE TABLE helpdesk.custom_roles (
    id integer NOT NULL,
    organization_id integer NOT NULL,
    name text NOT NULL
);

ALTER TABLE helpdesk.custom_roles ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.custom_roles_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.custom_role_permissions (
    role_id integer NOT NULL,
    permission text NOT NULL
);

CREATE TABLE helpdesk.agent_custom_roles (
    agent_id integer NOT NULL,
    role_id integer NOT NULL
);

CREATE TABLE helpdesk.channels (
    id integer NOT NULL,
    organization_id integer NOT NULL,
    kind helpdesk.channel_kind NOT NULL,
    name text NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    config jsonb DEFAULT '{}'::jsonb NOT NULL
);

ALTER TABLE helpdesk.channels ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.channels_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.email_accounts (
    id integer NOT NULL,
    channel_id integer NOT NULL,
    address helpdesk.email NOT NULL,
    forwarding_verified boolean DEFAULT false NOT NULL,
    default_team_id integer
);

ALTER TABLE helpdesk.email_accounts ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.email_accounts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.sla_policies (
    id integer NOT NULL,
    organization_id integer NOT NULL,
    name text NOT NULL,
    position integer DEFAULT 0 NOT NULL,
    business_hours_only boolean DEFAULT true NOT NULL,
    conditions jsonb DEFAULT '[]'::jsonb NOT NULL
);

ALTER TABLE helpdesk.sla_policies ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.sla_policies_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.sla_targets (
    policy_id integer NOT NULL,
    priority helpdesk.ticket_priority NOT NULL,
    target helpdesk.sla_target NOT NULL
);

CREATE TABLE helpdesk.business_hours (
    organization_id integer NOT NULL,
    weekday helpdesk.weekday NOT NULL,
    opens time without time zone NOT NULL,
    closes time without time zone NOT NULL,
    CONSTRAINT business_hours_check CHECK ((closes > opens))
);

CREATE TABLE helpdesk.holidays (
    organization_id integer NOT NULL,
    day date NOT NULL,
    name text NOT NULL
);

CREATE TABLE helpdesk.tickets (
    id bigint NOT NULL,
    organization_id integer NOT NULL,
    number integer NOT NULL,
    subject text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    status helpdesk.ticket_status DEFAULT 'new'::helpdesk.ticket_status NOT NULL,
    priority helpdesk.ticket_priority DEFAULT 'normal'::helpdesk.ticket_priority NOT NULL,
    channel helpdesk.channel_kind DEFAULT 'web'::helpdesk.channel_kind NOT NULL,
    requester_id integer NOT NULL,
    assignee_id integer,
    team_id integer,
    company_id integer,
    sla_policy_id integer,
    due_at timestamp with time zone,
    first_replied_at timestamp with time zone,
    solved_at timestamp with time zone,
    comment_count integer DEFAULT 0 NOT NULL,
    search tsvector GENERATED ALWAYS AS (helpdesk.ticket_search_document(subject, description)) STORED,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY helpdesk.tickets ALTER COLUMN description SET COMPRESSION lz4;

COMMENT ON TABLE helpdesk.tickets IS 'Support requests';
COMMENT ON COLUMN helpdesk.tickets.number IS 'Per-organisation ticket number, assigned by trigger';
COMMENT ON COLUMN helpdesk.tickets.comment_count IS 'Denormalised; maintained by trigger ticket_comments_side_effects';

ALTER TABLE helpdesk.tickets ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME helpdesk.tickets_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 20
);

CREATE TABLE helpdesk.ticket_comments (
    id bigint NOT NULL,
    ticket_id bigint NOT NULL,
    author_user_id integer,
    author_agent_id integer,
    body text NOT NULL,
    body_html text,
    public boolean DEFAULT true NOT NULL,
    via helpdesk.channel_kind DEFAULT 'web'::helpdesk.channel_kind NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ticket_comments_author_check CHECK ((num_nonnulls(author_user_id, author_agent_id) = 1))
);

ALTER TABLE helpdesk.ticket_comments ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME helpdesk.ticket_comments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 20
);

CREATE TABLE helpdesk.attachments (
    id bigint NOT NULL,
    comment_id bigint NOT NULL,
    file_name text NOT NULL,
    content_type text NOT NULL,
    size_bytes bigint NOT NULL,
    storage_key text NOT NULL,
    inline boolean DEFAULT false NOT NULL,
    CONSTRAINT attachments_size_bytes_check CHECK (((size_bytes > 0) AND (size_bytes <= 52428800)))
);

CREATE SEQUENCE helpdesk.attachments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE helpdesk.attachments_id_seq OWNED BY helpdesk.attachments.id;

CREATE TABLE helpdesk.tags (
    id integer NOT NULL,
    organization_id integer NOT NULL,
    name text NOT NULL,
    color helpdesk.hex_color
);

CREATE SEQUENCE helpdesk.tags_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE helpdesk.tags_id_seq OWNED BY helpdesk.tags.id;

CREATE TABLE helpdesk.ticket_tags (
    ticket_id bigint NOT NULL,
    tag_id integer NOT NULL
);

CREATE TABLE helpdesk.ticket_watchers (
    ticket_id bigint NOT NULL,
    user_id integer NOT NULL,
    since timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE helpdesk.ticket_links (
    source_id bigint NOT NULL,
    target_id bigint NOT NULL,
    kind text NOT NULL,
    CONSTRAINT ticket_links_kind_check CHECK ((kind = ANY (ARRAY['related'::text, 'duplicate'::text, 'blocks'::text]))),
    CONSTRAINT ticket_links_check CHECK ((source_id <> target_id))
);

CREATE TABLE helpdesk.ticket_merges (
    merged_id bigint NOT NULL,
    into_id bigint NOT NULL,
    merged_by integer,
    merged_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE helpdesk.custom_fields (
    id integer NOT NULL,
    organization_id integer NOT NULL,
    key text NOT NULL,
    label text NOT NULL,
    type helpdesk.field_type NOT NULL,
    required boolean DEFAULT false NOT NULL,
    visible_to_requester boolean DEFAULT false NOT NULL,
    position integer DEFAULT 0 NOT NULL,
    CONSTRAINT custom_fields_key_check CHECK ((key ~ '^[a-z][a-z0-9_]*$'::text))
);

ALTER TABLE helpdesk.custom_fields ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.custom_fields_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.custom_field_options (
    field_id integer NOT NULL,
    value text NOT NULL,
    label text NOT NULL,
    position integer DEFAULT 0 NOT NULL
);

CREATE TABLE helpdesk.ticket_field_values (
    ticket_id bigint NOT NULL,
    field_id integer NOT NULL,
    value_text text,
    value_number numeric,
    value_date date,
    value_bool boolean,
    value_options text[],
    CONSTRAINT ticket_field_values_one_value CHECK ((num_nonnulls(value_text, value_number, value_date, value_bool, value_options) <= 1))
);

CREATE TABLE helpdesk.macros (
    id integer NOT NULL,
    organization_id integer NOT NULL,
    title text NOT NULL,
    active boolean DEFAULT true NOT NULL,
    owner_agent_id integer,
    usage_count integer DEFAULT 0 NOT NULL
);

ALTER TABLE helpdesk.macros ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.macros_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.macro_actions (
    macro_id integer NOT NULL,
    position smallint NOT NULL,
    field text NOT NULL,
    value text
);

CREATE TABLE helpdesk.automation_rules (
    id integer NOT NULL,
    organization_id integer NOT NULL,
    title text NOT NULL,
    event text NOT NULL,
    position integer DEFAULT 0 NOT NULL,
    active boolean DEFAULT true NOT NULL,
    CONSTRAINT automation_rules_event_check CHECK ((event = ANY (ARRAY['ticket_created'::text, 'ticket_updated'::text, 'hourly'::text])))
);

ALTER TABLE helpdesk.automation_rules ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.automation_rules_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.automation_conditions (
    rule_id integer NOT NULL,
    position smallint NOT NULL,
    match_all boolean DEFAULT true NOT NULL,
    field text NOT NULL,
    operator text NOT NULL,
    value text
);

CREATE TABLE helpdesk.automation_actions (
    rule_id integer NOT NULL,
    position smallint NOT NULL,
    field text NOT NULL,
    value text
);

CREATE TABLE helpdesk.saved_views (
    id integer NOT NULL,
    organization_id integer NOT NULL,
    owner_agent_id integer,
    title text NOT NULL,
    filter jsonb NOT NULL,
    sort_by text DEFAULT 'updated_at'::text NOT NULL,
    sort_desc boolean DEFAULT true NOT NULL,
    shared boolean DEFAULT false NOT NULL
);

ALTER TABLE helpdesk.saved_views ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.saved_views_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.saved_view_columns (
    view_id integer NOT NULL,
    position smallint NOT NULL,
    column_key text NOT NULL
);

CREATE TABLE helpdesk.canned_responses (
    id integer NOT NULL,
    organization_id integer NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    shortcut text
);

ALTER TABLE helpdesk.canned_responses ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.canned_responses_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.inbound_emails (
    id bigint NOT NULL,
    email_account_id integer NOT NULL,
    message_id text NOT NULL,
    from_address text NOT NULL,
    subject text,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    raw_size integer NOT NULL,
    ticket_id bigint,
    processed boolean DEFAULT false NOT NULL,
    error text
);

ALTER TABLE helpdesk.inbound_emails ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME helpdesk.inbound_emails_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.outbound_emails (
    id bigint NOT NULL,
    comment_id bigint,
    to_addresses text[] NOT NULL,
    subject text NOT NULL,
    queued_at timestamp with time zone DEFAULT now() NOT NULL,
    sent_at timestamp with time zone,
    attempts smallint DEFAULT 0 NOT NULL,
    last_error text
);

ALTER TABLE helpdesk.outbound_emails ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME helpdesk.outbound_emails_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.notifications (
    id bigint NOT NULL,
    user_id integer NOT NULL,
    ticket_id bigint,
    kind text NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    read_at timestamp with time zone
);

ALTER TABLE helpdesk.notifications ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME helpdesk.notifications_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.time_entries (
    id bigint NOT NULL,
    ticket_id bigint NOT NULL,
    agent_id integer NOT NULL,
    minutes helpdesk.minutes NOT NULL,
    billable boolean DEFAULT true NOT NULL,
    note text,
    logged_on date DEFAULT CURRENT_DATE NOT NULL
);

ALTER TABLE helpdesk.time_entries ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.time_entries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.satisfaction_ratings (
    ticket_id bigint NOT NULL,
    score smallint NOT NULL,
    comment text,
    rated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT satisfaction_ratings_score_check CHECK ((score = ANY (ARRAY[1, 2, 3, 4, 5])))
);

CREATE TABLE helpdesk.escalations (
    id bigint NOT NULL,
    ticket_id bigint NOT NULL,
    level smallint DEFAULT 1 NOT NULL,
    reason text NOT NULL,
    escalated_to integer,
    escalated_at timestamp with time zone DEFAULT now() NOT NULL,
    resolved_at timestamp with time zone
);

ALTER TABLE helpdesk.escalations ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.escalations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.customer_notes (
    id bigint NOT NULL,
    user_id integer NOT NULL,
    agent_id integer NOT NULL,
    body text NOT NULL,
    pinned boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE helpdesk.customer_notes ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.customer_notes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.api_tokens (
    id integer NOT NULL,
    organization_id integer NOT NULL,
    agent_id integer NOT NULL,
    token_hash bytea NOT NULL,
    label text NOT NULL,
    scopes text[] DEFAULT '{read}'::text[] NOT NULL,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone
);

ALTER TABLE helpdesk.api_tokens ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.api_tokens_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.webhooks (
    id integer NOT NULL,
    organization_id integer NOT NULL,
    url text NOT NULL,
    secret text NOT NULL,
    events text[] NOT NULL,
    active boolean DEFAULT true NOT NULL,
    CONSTRAINT webhooks_url_check CHECK ((url ~ '^https://'::text))
);

ALTER TABLE helpdesk.webhooks ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME helpdesk.webhooks_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.webhook_deliveries (
    id bigint NOT NULL,
    webhook_id integer NOT NULL,
    event text NOT NULL,
    payload jsonb NOT NULL,
    response_status smallint,
    duration_ms integer,
    delivered_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE helpdesk.webhook_deliveries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME helpdesk.webhook_deliveries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 100
);

CREATE TABLE helpdesk.audit_log (
    id bigint NOT NULL,
    organization_id integer NOT NULL,
    actor_id integer,
    action text NOT NULL,
    target text,
    details public.hstore,
    ip inet,
    at timestamp with time zone DEFAULT now() NOT NULL
)
WITH (autovacuum_vacuum_scale_factor='0.01', autovacuum_analyze_scale_factor='0.02');

ALTER TABLE helpdesk.audit_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME helpdesk.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE helpdesk.ticket_events (
    id bigint NOT NULL,
    ticket_id bigint NOT NULL,
    kind helpdesk.event_kind NOT NULL,
    actor_id integer,
    data public.hstore,
    at timestamp with time zone DEFAULT now() NOT NULL
)
PARTITION BY HASH (ticket_id);

COMMENT ON TABLE helpdesk.ticket_events IS 'Everything that happened to a ticket, spread over 4 hash partitions';

CREATE SEQUENCE helpdesk.ticket_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 50;

ALTER SEQUENCE helpdesk.ticket_events_id_seq OWNED BY helpdesk.ticket_events.id;

CREATE TABLE helpdesk.ticket_events_p0 (
    id bigint NOT NULL,
    ticket_id bigint NOT NULL,
    kind helpdesk.event_kind NOT NULL,
    actor_id integer,
    data public.hstore,
    at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE helpdesk.ticket_events_p1 (
    id bigint NOT NULL,
    ticket_id bigint NOT NULL,
    kind helpdesk.event_kind NOT NULL,
    actor_id integer,
    data public.hstore,
    at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE helpdesk.ticket_events_p2 (
    id bigint NOT NULL,
    ticket_id bigint NOT NULL,
    kind helpdesk.event_kind NOT NULL,
    actor_id integer,
    data public.hstore,
    at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE helpdesk.ticket_events_p3 (
    id bigint NOT NULL,
    ticket_id bigint NOT NULL,
    kind helpdesk.event_kind NOT NULL,
    actor_id integer,
    data public.hstore,
    at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY helpdesk.ticket_events ATTACH PARTITION helpdesk.ticket_events_p0 FOR VALUES WITH (modulus 4, remainder 0);
ALTER TABLE ONLY helpdesk.ticket_events ATTACH PARTITION helpdesk.ticket_events_p1 FOR VALUES WITH (modulus 4, remainder 1);
ALTER TABLE ONLY helpdesk.ticket_events ATTACH PARTITION helpdesk.ticket_events_p2 FOR VALUES WITH (modulus 4, remainder 2);
ALTER TABLE ONLY helpdesk.ticket_events ATTACH PARTITION helpdesk.ticket_events_p3 FOR VALUES WITH (modulus 4, remainder 3);

CREATE TABLE kb.categories (
    id integer NOT NULL,
    organization_id integer NOT NULL,
    locale kb.locale DEFAULT 'en'::text,
    name text NOT NULL,
    position integer DEFAULT 0 NOT NULL
);

ALTER TABLE kb.categories ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME kb.categories_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE kb.sections (
    id integer NOT NULL,
    category_id integer NOT NULL,
    parent_id integer,
    name text NOT NULL,
    position integer DEFAULT 0 NOT NULL,
    visible_to text DEFAULT 'everyone'::text NOT NULL,
    CONSTRAINT sections_visible_to_check CHECK ((visible_to = ANY (ARRAY['everyone'::text, 'signed_in'::text, 'agents'::text])))
);

ALTER TABLE kb.sections ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME kb.sections_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE kb.articles (
    id integer NOT NULL,
    section_id integer NOT NULL,
    locale kb.locale DEFAULT 'en'::text,
    title text NOT NULL,
    slug text GENERATED ALWAYS AS (kb.article_slug(title)) STORED,
    body text NOT NULL,
    state kb.article_state DEFAULT 'draft'::kb.article_state NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    author_id integer NOT NULL,
    promoted boolean DEFAULT false NOT NULL,
    view_count bigint DEFAULT 0 NOT NULL,
    published_at timestamp with time zone,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT articles_published_check CHECK (((state <> 'published'::kb.article_state) OR (published_at IS NOT NULL)))
);

ALTER TABLE kb.articles ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME kb.articles_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE kb.article_versions (
    article_id integer NOT NULL,
    version integer NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    author_id integer NOT NULL,
    saved_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE kb.article_votes (
    article_id integer NOT NULL,
    user_id integer NOT NULL,
    helpful boolean NOT NULL,
    voted_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE kb.article_tickets (
    article_id integer NOT NULL,
    ticket_id bigint NOT NULL,
    linked_by integer
);

CREATE TABLE kb.article_attachments (
    id integer NOT NULL,
    article_id integer NOT NULL,
    file_name text NOT NULL,
    storage_key text NOT NULL
);

ALTER TABLE kb.article_attachments ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME kb.article_attachments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE kb.search_misses (
    organization_id integer NOT NULL,
    query text NOT NULL,
    day date DEFAULT CURRENT_DATE NOT NULL,
    count integer DEFAULT 1 NOT NULL
);

CREATE PROCEDURE helpdesk.close_solved_tickets(IN after_days integer DEFAULT 4)
    LANGUAGE sql
    BEGIN ATOMIC
     UPDATE helpdesk.tickets SET status = 'closed'::helpdesk.ticket_status
       WHERE ((tickets.status = 'solved'::helpdesk.ticket_status) AND (tickets.solved_at < (now() - make_interval(days => close_solved_tickets.after_days))));
    END;

--
-- Views
--

CREATE VIEW helpdesk.open_tickets AS
 SELECT t.id,
    t.organization_id,
    t.number,
    t.subject,
    t.status,
    t.priority,
    t.assignee_id,
    t.team_id,
    t.due_at,
    t.created_at,
    t.updated_at
   FROM helpdesk.tickets t
  WHERE (t.status < 'solved'::helpdesk.ticket_status);

CREATE VIEW helpdesk.agent_queues AS
 SELECT o.organization_id,
    o.assignee_id AS agent_id,
    count(*) AS open_count,
    count(*) FILTER (WHERE (o.priority >= 'high'::helpdesk.ticket_priority)) AS urgent_count,
    min(o.due_at) AS next_due_at
   FROM helpdesk.open_tickets o
  WHERE (o.assignee_id IS NOT NULL)
  GROUP BY o.organization_id, o.assignee_id;

CREATE VIEW helpdesk.team_dashboard AS
 SELECT tm.team_id,
    sum(q.open_count) AS open_count,
    sum(q.urgent_count) AS urgent_count,
    min(q.next_due_at) AS next_due_at,
    count(DISTINCT tm.agent_id) AS agents
   FROM (helpdesk.team_members tm
     LEFT JOIN helpdesk.agent_queues q ON ((q.agent_id = tm.agent_id)))
  GROUP BY tm.team_id;

CREATE VIEW helpdesk.overdue_tickets WITH (security_barrier='true') AS
 SELECT o.id,
    o.organization_id,
    o.number,
    o.subject,
    o.assignee_id,
    (now() - o.due_at) AS overdue_by
   FROM helpdesk.open_tickets o
  WHERE (o.due_at < now());

CREATE VIEW helpdesk.unassigned_tickets AS
 SELECT o.id,
    o.organization_id,
    o.number,
    o.subject,
    o.priority,
    o.team_id
   FROM helpdesk.open_tickets o
  WHERE (o.assignee_id IS NULL)
  WITH CASCADED CHECK OPTION;

CREATE VIEW helpdesk.agent_directory WITH (security_invoker='true') AS
 SELECT u.id,
    u.organization_id,
    u.name,
    u.email,
    a.role,
    a.available
   FROM (helpdesk.users u
     JOIN helpdesk.agents a ON ((a.user_id = u.id)))
  WHERE (NOT u.suspended);

CREATE VIEW kb.published_articles AS
 SELECT a.id,
    c.organization_id,
    a.locale,
    a.title,
    a.slug,
    a.body,
    a.published_at,
    s.name AS section,
    c.name AS category
   FROM ((kb.articles a
     JOIN kb.sections s ON ((s.id = a.section_id)))
     JOIN kb.categories c ON ((c.id = s.category_id)))
  WHERE ((a.state = 'published'::kb.article_state) AND (s.visible_to = 'everyone'::text));

CREATE VIEW reporting.ticket_facts AS
 SELECT t.id,
    t.organization_id,
    t.status,
    t.priority,
    t.channel,
    t.created_at,
    t.solved_at,
    (t.first_replied_at - t.created_at) AS first_reply_time,
    (t.solved_at - t.created_at) AS resolution_time,
    r.score AS satisfaction
   FROM (helpdesk.tickets t
     LEFT JOIN helpdesk.satisfaction_ratings r ON ((r.ticket_id = t.id)));

CREATE VIEW reporting.weekly_volume AS
 SELECT f.organization_id,
    date_trunc('week'::text, f.created_at) AS week,
    f.channel,
    count(*) AS created,
    count(f.solved_at) AS solved,
    avg(f.satisfaction) AS avg_satisfaction
   FROM reporting.ticket_facts f
  GROUP BY f.organization_id, (date_trunc('week'::text, f.created_at)), f.channel;

CREATE MATERIALIZED VIEW reporting.agent_performance AS
 SELECT t.organization_id,
    t.assignee_id AS agent_id,
    date_trunc('month'::text, t.solved_at) AS month,
    count(*) AS solved,
    percentile_cont((0.5)::double precision) WITHIN GROUP (ORDER BY ((EXTRACT(epoch FROM (t.solved_at - t.created_at)))::double precision)) AS median_resolution_seconds
   FROM helpdesk.tickets t
  WHERE ((t.solved_at IS NOT NULL) AND (t.assignee_id IS NOT NULL))
  GROUP BY t.organization_id, t.assignee_id, (date_trunc('month'::text, t.solved_at))
  WITH NO DATA;

COMMENT ON MATERIALIZED VIEW reporting.agent_performance IS 'Refreshed nightly by the scheduler';

--
-- Defaults of serial-style columns
--

ALTER TABLE ONLY helpdesk.attachments ALTER COLUMN id SET DEFAULT nextval('helpdesk.attachments_id_seq'::regclass);
ALTER TABLE ONLY helpdesk.organizations ALTER COLUMN id SET DEFAULT nextval('helpdesk.organizations_id_seq'::regclass);
ALTER TABLE ONLY helpdesk.tags ALTER COLUMN id SET DEFAULT nextval('helpdesk.tags_id_seq'::regclass);
ALTER TABLE ONLY helpdesk.ticket_events ALTER COLUMN id SET DEFAULT nextval('helpdesk.ticket_events_id_seq'::regclass);
ALTER TABLE ONLY helpdesk.users ALTER COLUMN id SET DEFAULT nextval('helpdesk.users_id_seq'::regclass);

--
-- Constraints
--

ALTER TABLE ONLY helpdesk.agent_custom_roles
    ADD CONSTRAINT agent_custom_roles_pkey PRIMARY KEY (agent_id, role_id);
ALTER TABLE ONLY helpdesk.agents
    ADD CONSTRAINT agents_pkey PRIMARY KEY (user_id);
ALTER TABLE ONLY helpdesk.api_tokens
    ADD CONSTRAINT api_tokens_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.api_tokens
    ADD CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash);
ALTER TABLE ONLY helpdesk.attachments
    ADD CONSTRAINT attachments_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.automation_actions
    ADD CONSTRAINT automation_actions_pkey PRIMARY KEY (rule_id, position);
ALTER TABLE ONLY helpdesk.automation_conditions
    ADD CONSTRAINT automation_conditions_pkey PRIMARY KEY (rule_id, position);
ALTER TABLE ONLY helpdesk.automation_rules
    ADD CONSTRAINT automation_rules_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.business_hours
    ADD CONSTRAINT business_hours_pkey PRIMARY KEY (organization_id, weekday, opens);
ALTER TABLE ONLY helpdesk.canned_responses
    ADD CONSTRAINT canned_responses_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.canned_responses
    ADD CONSTRAINT canned_responses_shortcut_key UNIQUE (organization_id, shortcut);
ALTER TABLE ONLY helpdesk.channels
    ADD CONSTRAINT channels_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.company_members
    ADD CONSTRAINT company_members_pkey PRIMARY KEY (company_id, user_id);
ALTER TABLE ONLY helpdesk.custom_field_options
    ADD CONSTRAINT custom_field_options_pkey PRIMARY KEY (field_id, value);
ALTER TABLE ONLY helpdesk.custom_fields
    ADD CONSTRAINT custom_fields_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.custom_fields
    ADD CONSTRAINT custom_fields_organization_id_key_key UNIQUE (organization_id, key);
ALTER TABLE ONLY helpdesk.custom_role_permissions
    ADD CONSTRAINT custom_role_permissions_pkey PRIMARY KEY (role_id, permission);
ALTER TABLE ONLY helpdesk.custom_roles
    ADD CONSTRAINT custom_roles_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.customer_companies
    ADD CONSTRAINT customer_companies_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.customer_notes
    ADD CONSTRAINT customer_notes_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.email_accounts
    ADD CONSTRAINT email_accounts_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.email_accounts
    ADD CONSTRAINT email_accounts_address_key UNIQUE (address);
ALTER TABLE ONLY helpdesk.escalations
    ADD CONSTRAINT escalations_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.holidays
    ADD CONSTRAINT holidays_pkey PRIMARY KEY (organization_id, day);
ALTER TABLE ONLY helpdesk.inbound_emails
    ADD CONSTRAINT inbound_emails_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.inbound_emails
    ADD CONSTRAINT inbound_emails_message_id_key UNIQUE (email_account_id, message_id);
ALTER TABLE ONLY helpdesk.macro_actions
    ADD CONSTRAINT macro_actions_pkey PRIMARY KEY (macro_id, position);
ALTER TABLE ONLY helpdesk.macros
    ADD CONSTRAINT macros_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.notifications
    ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.organization_domains
    ADD CONSTRAINT organization_domains_pkey PRIMARY KEY (domain);
ALTER TABLE ONLY helpdesk.organizations
    ADD CONSTRAINT organizations_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.organizations
    ADD CONSTRAINT organizations_subdomain_key UNIQUE (subdomain);
ALTER TABLE ONLY helpdesk.outbound_emails
    ADD CONSTRAINT outbound_emails_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.permissions
    ADD CONSTRAINT permissions_pkey PRIMARY KEY (code);
ALTER TABLE ONLY helpdesk.satisfaction_ratings
    ADD CONSTRAINT satisfaction_ratings_pkey PRIMARY KEY (ticket_id);
ALTER TABLE ONLY helpdesk.saved_view_columns
    ADD CONSTRAINT saved_view_columns_pkey PRIMARY KEY (view_id, position);
ALTER TABLE ONLY helpdesk.saved_views
    ADD CONSTRAINT saved_views_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.sla_policies
    ADD CONSTRAINT sla_policies_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.sla_targets
    ADD CONSTRAINT sla_targets_pkey PRIMARY KEY (policy_id, priority);
ALTER TABLE ONLY helpdesk.tags
    ADD CONSTRAINT tags_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.tags
    ADD CONSTRAINT tags_organization_id_name_key UNIQUE (organization_id, name);
ALTER TABLE ONLY helpdesk.team_members
    ADD CONSTRAINT team_members_pkey PRIMARY KEY (team_id, agent_id);
ALTER TABLE ONLY helpdesk.teams
    ADD CONSTRAINT teams_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.teams
    ADD CONSTRAINT teams_organization_id_name_key UNIQUE (organization_id, name);
ALTER TABLE ONLY helpdesk.ticket_comments
    ADD CONSTRAINT ticket_comments_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.ticket_events
    ADD CONSTRAINT ticket_events_pkey PRIMARY KEY (ticket_id, id);
ALTER TABLE ONLY helpdesk.ticket_field_values
    ADD CONSTRAINT ticket_field_values_pkey PRIMARY KEY (ticket_id, field_id);
ALTER TABLE ONLY helpdesk.ticket_links
    ADD CONSTRAINT ticket_links_pkey PRIMARY KEY (source_id, target_id);
ALTER TABLE ONLY helpdesk.ticket_merges
    ADD CONSTRAINT ticket_merges_pkey PRIMARY KEY (merged_id);
ALTER TABLE ONLY helpdesk.ticket_tags
    ADD CONSTRAINT ticket_tags_pkey PRIMARY KEY (ticket_id, tag_id);
ALTER TABLE ONLY helpdesk.ticket_watchers
    ADD CONSTRAINT ticket_watchers_pkey PRIMARY KEY (ticket_id, user_id);
ALTER TABLE ONLY helpdesk.tickets
    ADD CONSTRAINT tickets_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.tickets
    ADD CONSTRAINT tickets_organization_id_number_key UNIQUE (organization_id, number);
ALTER TABLE ONLY helpdesk.time_entries
    ADD CONSTRAINT time_entries_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (id);
ALTER TABLE ONLY helpdesk.webhooks
    ADD CONSTRAINT webhooks_pkey PRIMARY KEY (id);
ALTER TABLE ONLY kb.article_attachments
    ADD CONSTRAINT article_attachments_pkey PRIMARY KEY (id);
ALTER TABLE ONLY kb.article_tickets
    ADD CONSTRAINT article_tickets_pkey PRIMARY KEY (article_id, ticket_id);
ALTER TABLE ONLY kb.article_versions
    ADD CONSTRAINT article_versions_pkey PRIMARY KEY (article_id, version);
ALTER TABLE ONLY kb.article_votes
    ADD CONSTRAINT article_votes_pkey PRIMARY KEY (article_id, user_id);
ALTER TABLE ONLY kb.articles
    ADD CONSTRAINT articles_pkey PRIMARY KEY (id);
ALTER TABLE ONLY kb.categories
    ADD CONSTRAINT categories_pkey PRIMARY KEY (id);
ALTER TABLE ONLY kb.search_misses
    ADD CONSTRAINT search_misses_pkey PRIMARY KEY (organization_id, query, day);
ALTER TABLE ONLY kb.sections
    ADD CONSTRAINT sections_pkey PRIMARY KEY (id);

--
-- Indexes
--

CREATE UNIQUE INDEX users_organization_id_email_key ON helpdesk.users USING btree (organization_id, lower((email)::text));
CREATE INDEX users_last_seen_at_idx ON helpdesk.users USING brin (last_seen_at);
CREATE INDEX customer_companies_organization_id_idx ON helpdesk.customer_companies USING btree (organization_id, lower(name));
CREATE INDEX company_members_user_id_idx ON helpdesk.company_members USING btree (user_id);
CREATE INDEX team_members_agent_id_idx ON helpdesk.team_members USING btree (agent_id);
CREATE INDEX channels_organization_id_kind_idx ON helpdesk.channels USING btree (organization_id, kind) WHERE enabled;
CREATE INDEX tickets_assignee_open_idx ON helpdesk.tickets USING btree (assignee_id, priority DESC, updated_at) WHERE (status < 'solved'::helpdesk.ticket_status);
CREATE INDEX tickets_team_open_idx ON helpdesk.tickets USING btree (team_id, updated_at) WHERE (status < 'solved'::helpdesk.ticket_status);
CREATE INDEX tickets_requester_id_idx ON helpdesk.tickets USING btree (requester_id, created_at DESC);
CREATE INDEX tickets_company_id_idx ON helpdesk.tickets USING btree (company_id) WHERE (company_id IS NOT NULL);
CREATE INDEX tickets_due_at_idx ON helpdesk.tickets USING btree (due_at) WHERE ((due_at IS NOT NULL) AND (status < 'solved'::helpdesk.ticket_status));
CREATE INDEX tickets_search_idx ON helpdesk.tickets USING gin (search);
CREATE INDEX tickets_created_at_idx ON helpdesk.tickets USING brin (created_at) WITH (pages_per_range='32');
CREATE INDEX ticket_comments_ticket_id_idx ON helpdesk.ticket_comments USING btree (ticket_id, created_at);
CREATE INDEX attachments_comment_id_idx ON helpdesk.attachments USING btree (comment_id);
CREATE INDEX ticket_tags_tag_id_idx ON helpdesk.ticket_tags USING btree (tag_id);
CREATE INDEX ticket_watchers_user_id_idx ON helpdesk.ticket_watchers USING btree (user_id);
CREATE INDEX ticket_links_target_id_idx ON helpdesk.ticket_links USING btree (target_id);
CREATE INDEX ticket_field_values_field_text_idx ON helpdesk.ticket_field_values USING btree (field_id, value_text) WHERE (value_text IS NOT NULL);
CREATE INDEX ticket_field_values_options_idx ON helpdesk.ticket_field_values USING gin (value_options);
CREATE INDEX macros_organization_id_idx ON helpdesk.macros USING btree (organization_id) INCLUDE (title) WHERE active;
CREATE INDEX automation_rules_organization_id_idx ON helpdesk.automation_rules USING btree (organization_id, event, position) WHERE active;
CREATE INDEX inbound_emails_unprocessed_idx ON helpdesk.inbound_emails USING btree (received_at) WHERE (NOT processed);
CREATE INDEX outbound_emails_queue_idx ON helpdesk.outbound_emails USING btree (queued_at) WHERE (sent_at IS NULL);
CREATE INDEX notifications_user_unread_idx ON helpdesk.notifications USING btree (user_id, created_at DESC) WHERE (read_at IS NULL);
CREATE INDEX time_entries_ticket_id_idx ON helpdesk.time_entries USING btree (ticket_id);
CREATE INDEX time_entries_agent_logged_on_idx ON helpdesk.time_entries USING btree (agent_id, logged_on);
CREATE INDEX escalations_open_idx ON helpdesk.escalations USING btree (ticket_id) WHERE (resolved_at IS NULL);
CREATE INDEX customer_notes_user_id_idx ON helpdesk.customer_notes USING btree (user_id, pinned DESC, created_at DESC);
CREATE INDEX webhook_deliveries_webhook_id_idx ON helpdesk.webhook_deliveries USING btree (webhook_id, delivered_at DESC);
CREATE INDEX audit_log_organization_id_at_idx ON helpdesk.audit_log USING btree (organization_id, at DESC);
CREATE INDEX audit_log_details_idx ON helpdesk.audit_log USING gin (details);
CREATE INDEX ticket_events_at_idx ON ONLY helpdesk.ticket_events USING brin (at);
CREATE INDEX ticket_events_p0_at_idx ON helpdesk.ticket_events_p0 USING brin (at);
CREATE INDEX ticket_events_p1_at_idx ON helpdesk.ticket_events_p1 USING brin (at);
CREATE INDEX ticket_events_p2_at_idx ON helpdesk.ticket_events_p2 USING brin (at);
CREATE INDEX ticket_events_p3_at_idx ON helpdesk.ticket_events_p3 USING brin (at);
ALTER INDEX helpdesk.ticket_events_at_idx ATTACH PARTITION helpdesk.ticket_events_p0_at_idx;
ALTER INDEX helpdesk.ticket_events_at_idx ATTACH PARTITION helpdesk.ticket_events_p1_at_idx;
ALTER INDEX helpdesk.ticket_events_at_idx ATTACH PARTITION helpdesk.ticket_events_p2_at_idx;
ALTER INDEX helpdesk.ticket_events_at_idx ATTACH PARTITION helpdesk.ticket_events_p3_at_idx;
CREATE UNIQUE INDEX articles_section_slug_key ON kb.articles USING btree (section_id, locale, slug);
CREATE INDEX articles_published_idx ON kb.articles USING btree (published_at DESC) WHERE (state = 'published'::kb.article_state);
CREATE INDEX articles_fts_idx ON kb.articles USING gin (to_tsvector('simple'::regconfig, ((title || ' '::text) || body)));
CREATE INDEX sections_category_id_idx ON kb.sections USING btree (category_id, parent_id, position);
CREATE INDEX article_tickets_ticket_id_idx ON kb.article_tickets USING btree (ticket_id);
CREATE INDEX agent_performance_idx ON reporting.agent_performance USING btree (organization_id, agent_id, month);

COMMENT ON INDEX helpdesk.tickets_assignee_open_idx IS 'The agent''s "my open tickets" view';

--
-- Triggers
--

CREATE TRIGGER tickets_assign_number BEFORE INSERT ON helpdesk.tickets FOR EACH ROW WHEN ((new.number IS NULL)) EXECUTE FUNCTION helpdesk.assign_ticket_number();
CREATE TRIGGER tickets_touch BEFORE UPDATE ON helpdesk.tickets FOR EACH ROW EXECUTE FUNCTION helpdesk.touch_updated_at();
CREATE TRIGGER tickets_solved_at BEFORE UPDATE OF status ON helpdesk.tickets FOR EACH ROW EXECUTE FUNCTION helpdesk.set_solved_at();
CREATE TRIGGER tickets_events AFTER INSERT OR UPDATE ON helpdesk.tickets FOR EACH ROW EXECUTE FUNCTION helpdesk.record_ticket_event();
CREATE TRIGGER ticket_comments_side_effects AFTER INSERT ON helpdesk.ticket_comments FOR EACH ROW EXECUTE FUNCTION helpdesk.comment_side_effects();
CREATE TRIGGER users_touch BEFORE UPDATE ON helpdesk.users FOR EACH ROW EXECUTE FUNCTION helpdesk.touch_updated_at();
CREATE TRIGGER articles_touch BEFORE UPDATE ON kb.articles FOR EACH ROW EXECUTE FUNCTION helpdesk.touch_updated_at();
CREATE TRIGGER articles_version AFTER INSERT OR UPDATE OF body, title ON kb.articles FOR EACH ROW EXECUTE FUNCTION kb.snapshot_article_version();

--
-- Foreign keys
--

ALTER TABLE ONLY helpdesk.agent_custom_roles
    ADD CONSTRAINT agent_custom_roles_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES helpdesk.agents(user_id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.agent_custom_roles
    ADD CONSTRAINT agent_custom_roles_role_id_fkey FOREIGN KEY (role_id) REFERENCES helpdesk.custom_roles(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.agents
    ADD CONSTRAINT agents_user_id_fkey FOREIGN KEY (user_id) REFERENCES helpdesk.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.api_tokens
    ADD CONSTRAINT api_tokens_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.api_tokens
    ADD CONSTRAINT api_tokens_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES helpdesk.agents(user_id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.attachments
    ADD CONSTRAINT attachments_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES helpdesk.ticket_comments(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.audit_log
    ADD CONSTRAINT audit_log_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.automation_actions
    ADD CONSTRAINT automation_actions_rule_id_fkey FOREIGN KEY (rule_id) REFERENCES helpdesk.automation_rules(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.automation_conditions
    ADD CONSTRAINT automation_conditions_rule_id_fkey FOREIGN KEY (rule_id) REFERENCES helpdesk.automation_rules(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.automation_rules
    ADD CONSTRAINT automation_rules_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.business_hours
    ADD CONSTRAINT business_hours_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.canned_responses
    ADD CONSTRAINT canned_responses_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.channels
    ADD CONSTRAINT channels_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.company_members
    ADD CONSTRAINT company_members_company_id_fkey FOREIGN KEY (company_id) REFERENCES helpdesk.customer_companies(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.company_members
    ADD CONSTRAINT company_members_user_id_fkey FOREIGN KEY (user_id) REFERENCES helpdesk.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.custom_field_options
    ADD CONSTRAINT custom_field_options_field_id_fkey FOREIGN KEY (field_id) REFERENCES helpdesk.custom_fields(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.custom_fields
    ADD CONSTRAINT custom_fields_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.custom_role_permissions
    ADD CONSTRAINT custom_role_permissions_role_id_fkey FOREIGN KEY (role_id) REFERENCES helpdesk.custom_roles(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.custom_role_permissions
    ADD CONSTRAINT custom_role_permissions_permission_fkey FOREIGN KEY (permission) REFERENCES helpdesk.permissions(code) ON UPDATE CASCADE;
ALTER TABLE ONLY helpdesk.custom_roles
    ADD CONSTRAINT custom_roles_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.customer_companies
    ADD CONSTRAINT customer_companies_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.customer_notes
    ADD CONSTRAINT customer_notes_user_id_fkey FOREIGN KEY (user_id) REFERENCES helpdesk.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.customer_notes
    ADD CONSTRAINT customer_notes_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES helpdesk.agents(user_id);
ALTER TABLE ONLY helpdesk.email_accounts
    ADD CONSTRAINT email_accounts_channel_id_fkey FOREIGN KEY (channel_id) REFERENCES helpdesk.channels(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.email_accounts
    ADD CONSTRAINT email_accounts_default_team_id_fkey FOREIGN KEY (default_team_id) REFERENCES helpdesk.teams(id) ON DELETE SET NULL;
ALTER TABLE ONLY helpdesk.escalations
    ADD CONSTRAINT escalations_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES helpdesk.tickets(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.escalations
    ADD CONSTRAINT escalations_escalated_to_fkey FOREIGN KEY (escalated_to) REFERENCES helpdesk.agents(user_id);
ALTER TABLE ONLY helpdesk.holidays
    ADD CONSTRAINT holidays_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.inbound_emails
    ADD CONSTRAINT inbound_emails_email_account_id_fkey FOREIGN KEY (email_account_id) REFERENCES helpdesk.email_accounts(id);
ALTER TABLE ONLY helpdesk.inbound_emails
    ADD CONSTRAINT inbound_emails_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES helpdesk.tickets(id) ON DELETE SET NULL;
ALTER TABLE ONLY helpdesk.macro_actions
    ADD CONSTRAINT macro_actions_macro_id_fkey FOREIGN KEY (macro_id) REFERENCES helpdesk.macros(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.macros
    ADD CONSTRAINT macros_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.macros
    ADD CONSTRAINT macros_owner_agent_id_fkey FOREIGN KEY (owner_agent_id) REFERENCES helpdesk.agents(user_id) ON DELETE SET NULL;
ALTER TABLE ONLY helpdesk.notifications
    ADD CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES helpdesk.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.notifications
    ADD CONSTRAINT notifications_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES helpdesk.tickets(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.organization_domains
    ADD CONSTRAINT organization_domains_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.outbound_emails
    ADD CONSTRAINT outbound_emails_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES helpdesk.ticket_comments(id) ON DELETE SET NULL;
ALTER TABLE ONLY helpdesk.satisfaction_ratings
    ADD CONSTRAINT satisfaction_ratings_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES helpdesk.tickets(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.saved_view_columns
    ADD CONSTRAINT saved_view_columns_view_id_fkey FOREIGN KEY (view_id) REFERENCES helpdesk.saved_views(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.saved_views
    ADD CONSTRAINT saved_views_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.saved_views
    ADD CONSTRAINT saved_views_owner_agent_id_fkey FOREIGN KEY (owner_agent_id) REFERENCES helpdesk.agents(user_id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.sla_policies
    ADD CONSTRAINT sla_policies_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.sla_targets
    ADD CONSTRAINT sla_targets_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES helpdesk.sla_policies(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.tags
    ADD CONSTRAINT tags_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.team_members
    ADD CONSTRAINT team_members_team_id_fkey FOREIGN KEY (team_id) REFERENCES helpdesk.teams(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.team_members
    ADD CONSTRAINT team_members_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES helpdesk.agents(user_id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.teams
    ADD CONSTRAINT teams_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.ticket_comments
    ADD CONSTRAINT ticket_comments_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES helpdesk.tickets(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.ticket_comments
    ADD CONSTRAINT ticket_comments_author_user_id_fkey FOREIGN KEY (author_user_id) REFERENCES helpdesk.users(id);
ALTER TABLE ONLY helpdesk.ticket_comments
    ADD CONSTRAINT ticket_comments_author_agent_id_fkey FOREIGN KEY (author_agent_id) REFERENCES helpdesk.agents(user_id);
ALTER TABLE helpdesk.ticket_events
    ADD CONSTRAINT ticket_events_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES helpdesk.tickets(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.ticket_field_values
    ADD CONSTRAINT ticket_field_values_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES helpdesk.tickets(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.ticket_field_values
    ADD CONSTRAINT ticket_field_values_field_id_fkey FOREIGN KEY (field_id) REFERENCES helpdesk.custom_fields(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.ticket_links
    ADD CONSTRAINT ticket_links_source_id_fkey FOREIGN KEY (source_id) REFERENCES helpdesk.tickets(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.ticket_links
    ADD CONSTRAINT ticket_links_target_id_fkey FOREIGN KEY (target_id) REFERENCES helpdesk.tickets(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.ticket_merges
    ADD CONSTRAINT ticket_merges_merged_id_fkey FOREIGN KEY (merged_id) REFERENCES helpdesk.tickets(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.ticket_merges
    ADD CONSTRAINT ticket_merges_into_id_fkey FOREIGN KEY (into_id) REFERENCES helpdesk.tickets(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.ticket_merges
    ADD CONSTRAINT ticket_merges_merged_by_fkey FOREIGN KEY (merged_by) REFERENCES helpdesk.agents(user_id);
ALTER TABLE ONLY helpdesk.ticket_tags
    ADD CONSTRAINT ticket_tags_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES helpdesk.tickets(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.ticket_tags
    ADD CONSTRAINT ticket_tags_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES helpdesk.tags(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.ticket_watchers
    ADD CONSTRAINT ticket_watchers_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES helpdesk.tickets(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.ticket_watchers
    ADD CONSTRAINT ticket_watchers_user_id_fkey FOREIGN KEY (user_id) REFERENCES helpdesk.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.tickets
    ADD CONSTRAINT tickets_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.tickets
    ADD CONSTRAINT tickets_requester_id_fkey FOREIGN KEY (requester_id) REFERENCES helpdesk.users(id);
ALTER TABLE ONLY helpdesk.tickets
    ADD CONSTRAINT tickets_assignee_id_fkey FOREIGN KEY (assignee_id) REFERENCES helpdesk.agents(user_id) ON DELETE SET NULL;
ALTER TABLE ONLY helpdesk.tickets
    ADD CONSTRAINT tickets_team_id_fkey FOREIGN KEY (team_id) REFERENCES helpdesk.teams(id) ON DELETE SET NULL;
ALTER TABLE ONLY helpdesk.tickets
    ADD CONSTRAINT tickets_company_id_fkey FOREIGN KEY (company_id) REFERENCES helpdesk.customer_companies(id) ON DELETE SET NULL;
ALTER TABLE ONLY helpdesk.tickets
    ADD CONSTRAINT tickets_sla_policy_id_fkey FOREIGN KEY (sla_policy_id) REFERENCES helpdesk.sla_policies(id) ON DELETE SET NULL;
ALTER TABLE ONLY helpdesk.time_entries
    ADD CONSTRAINT time_entries_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES helpdesk.tickets(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.time_entries
    ADD CONSTRAINT time_entries_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES helpdesk.agents(user_id);
ALTER TABLE ONLY helpdesk.users
    ADD CONSTRAINT users_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_webhook_id_fkey FOREIGN KEY (webhook_id) REFERENCES helpdesk.webhooks(id) ON DELETE CASCADE;
ALTER TABLE ONLY helpdesk.webhooks
    ADD CONSTRAINT webhooks_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY kb.article_attachments
    ADD CONSTRAINT article_attachments_article_id_fkey FOREIGN KEY (article_id) REFERENCES kb.articles(id) ON DELETE CASCADE;
ALTER TABLE ONLY kb.article_tickets
    ADD CONSTRAINT article_tickets_article_id_fkey FOREIGN KEY (article_id) REFERENCES kb.articles(id) ON DELETE CASCADE;
ALTER TABLE ONLY kb.article_tickets
    ADD CONSTRAINT article_tickets_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES helpdesk.tickets(id) ON DELETE CASCADE;
ALTER TABLE ONLY kb.article_tickets
    ADD CONSTRAINT article_tickets_linked_by_fkey FOREIGN KEY (linked_by) REFERENCES helpdesk.agents(user_id);
ALTER TABLE ONLY kb.article_versions
    ADD CONSTRAINT article_versions_article_id_fkey FOREIGN KEY (article_id) REFERENCES kb.articles(id) ON DELETE CASCADE;
ALTER TABLE ONLY kb.article_votes
    ADD CONSTRAINT article_votes_article_id_fkey FOREIGN KEY (article_id) REFERENCES kb.articles(id) ON DELETE CASCADE;
ALTER TABLE ONLY kb.article_votes
    ADD CONSTRAINT article_votes_user_id_fkey FOREIGN KEY (user_id) REFERENCES helpdesk.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY kb.articles
    ADD CONSTRAINT articles_section_id_fkey FOREIGN KEY (section_id) REFERENCES kb.sections(id);
ALTER TABLE ONLY kb.articles
    ADD CONSTRAINT articles_author_id_fkey FOREIGN KEY (author_id) REFERENCES helpdesk.agents(user_id);
ALTER TABLE ONLY kb.categories
    ADD CONSTRAINT categories_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY kb.search_misses
    ADD CONSTRAINT search_misses_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES helpdesk.organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY kb.sections
    ADD CONSTRAINT sections_category_id_fkey FOREIGN KEY (category_id) REFERENCES kb.categories(id) ON DELETE CASCADE;
ALTER TABLE ONLY kb.sections
    ADD CONSTRAINT sections_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES kb.sections(id) ON DELETE CASCADE;

--
-- Row level security: every organisation sees its own rows
--

ALTER TABLE helpdesk.tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE helpdesk.tickets FORCE ROW LEVEL SECURITY;
ALTER TABLE helpdesk.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE helpdesk.ticket_comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE helpdesk.audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE kb.articles ENABLE ROW LEVEL SECURITY;

CREATE POLICY tickets_org ON helpdesk.tickets USING ((organization_id = helpdesk.current_org())) WITH CHECK ((organization_id = helpdesk.current_org()));
CREATE POLICY tickets_requester ON helpdesk.tickets AS RESTRICTIVE FOR SELECT TO rt_reader USING ((requester_id = helpdesk.current_agent()));
CREATE POLICY users_org ON helpdesk.users USING ((organization_id = helpdesk.current_org()));
CREATE POLICY ticket_comments_org ON helpdesk.ticket_comments USING ((EXISTS ( SELECT 1
   FROM helpdesk.tickets t
  WHERE ((t.id = ticket_comments.ticket_id) AND (t.organization_id = helpdesk.current_org())))));
CREATE POLICY ticket_comments_public_only ON helpdesk.ticket_comments AS RESTRICTIVE FOR SELECT TO rt_reader USING (public);
CREATE POLICY audit_log_admin ON helpdesk.audit_log FOR SELECT TO rt_admin USING ((organization_id = helpdesk.current_org()));
CREATE POLICY audit_log_append ON helpdesk.audit_log FOR INSERT WITH CHECK ((organization_id = helpdesk.current_org()));
CREATE POLICY articles_published ON kb.articles FOR SELECT USING ((state = 'published'::kb.article_state));
CREATE POLICY articles_agents ON kb.articles TO rt_writer, rt_admin USING (true) WITH CHECK ((author_id = helpdesk.current_agent()));

COMMENT ON POLICY tickets_org ON helpdesk.tickets IS 'Tenant isolation';

--
-- Privileges
--

GRANT USAGE ON SCHEMA helpdesk TO rt_reader;
GRANT USAGE ON SCHEMA helpdesk TO rt_writer;
GRANT USAGE ON SCHEMA helpdesk TO rt_admin;
GRANT USAGE ON SCHEMA kb TO PUBLIC;
GRANT USAGE ON SCHEMA reporting TO rt_admin;
GRANT SELECT ON TABLE helpdesk.tickets TO rt_reader;
GRANT SELECT, INSERT, UPDATE ON TABLE helpdesk.tickets TO rt_writer;
GRANT ALL ON TABLE helpdesk.tickets TO rt_admin;
GRANT SELECT, INSERT ON TABLE helpdesk.ticket_comments TO rt_reader;
GRANT SELECT, INSERT ON TABLE helpdesk.ticket_comments TO rt_writer;
GRANT SELECT (id, organization_id, name) ON TABLE helpdesk.users TO rt_reader;
GRANT SELECT ON TABLE helpdesk.users TO rt_writer;
GRANT SELECT ON TABLE helpdesk.open_tickets TO rt_writer;
GRANT SELECT ON TABLE helpdesk.agent_queues TO rt_writer;
GRANT SELECT ON TABLE helpdesk.team_dashboard TO rt_admin;
GRANT SELECT ON TABLE kb.published_articles TO PUBLIC;
GRANT SELECT ON TABLE reporting.ticket_facts TO rt_admin;
GRANT SELECT ON TABLE reporting.weekly_volume TO rt_admin;
GRANT SELECT ON TABLE reporting.agent_performance TO rt_admin;
GRANT SELECT, INSERT ON TABLE helpdesk.audit_log TO rt_writer;
GRANT USAGE ON SEQUENCE helpdesk.ticket_events_id_seq TO rt_writer;
REVOKE ALL ON FUNCTION helpdesk.business_minutes_between(org integer, starts timestamp with time zone, ends timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION helpdesk.business_minutes_between(org integer, starts timestamp with time zone, ends timestamp with time zone) TO rt_admin;
REVOKE ALL ON PROCEDURE helpdesk.close_solved_tickets(IN after_days integer) FROM PUBLIC;

--
-- PostgreSQL database dump complete
--
