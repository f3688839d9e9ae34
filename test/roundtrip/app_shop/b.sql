--
-- PostgreSQL database dump of "Corner Shop", an online store
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
-- Name: audit; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA audit;

COMMENT ON SCHEMA audit IS 'Change history of the shop tables';

--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

--
-- Name: btree_gist; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

--
-- Types
--

CREATE TYPE public.order_status AS ENUM (
    'cart',
    'pending_payment',
    'paid',
    'packing',
    'shipped',
    'delivered',
    'cancelled',
    'refunded'
);

CREATE TYPE public.payment_status AS ENUM (
    'initiated',
    'authorized',
    'captured',
    'failed',
    'voided',
    'refunded'
);

CREATE TYPE public.shipment_status AS ENUM (
    'label_created',
    'in_transit',
    'out_for_delivery',
    'delivered',
    'lost',
    'returned'
);

CREATE TYPE public.stock_movement_kind AS ENUM (
    'receipt',
    'sale',
    'return',
    'adjustment',
    'transfer_in',
    'transfer_out'
);

CREATE TYPE public.address_kind AS ENUM (
    'billing',
    'shipping'
);

CREATE TYPE public.discount_kind AS ENUM (
    'percent',
    'fixed_amount',
    'free_shipping'
);

CREATE TYPE public.return_reason AS ENUM (
    'damaged',
    'wrong_item',
    'not_as_described',
    'changed_mind',
    'other'
);

CREATE TYPE audit.operation AS ENUM (
    'INSERT',
    'UPDATE',
    'DELETE',
    'TRUNCATE'
);

CREATE DOMAIN public.money_cents AS bigint
	CONSTRAINT money_cents_check CHECK ((VALUE >= 0));

COMMENT ON DOMAIN public.money_cents IS 'An amount of money in the smallest unit of its currency';

CREATE DOMAIN public.currency_code AS character(3)
	CONSTRAINT currency_code_check CHECK ((VALUE ~ '^[A-Z]{3}$'::text));

CREATE DOMAIN public.country_code AS character(2)
	CONSTRAINT country_code_check CHECK ((VALUE ~ '^[A-Z]{2}$'::text));

CREATE DOMAIN public.email_address AS public.citext
	CONSTRAINT email_address_check CHECK ((VALUE OPERATOR(public.~) '^[^@\s]+@[^@\s]+\.[^@\s]+$'::public.citext));

CREATE DOMAIN public.slug AS text
	CONSTRAINT slug_check CHECK ((VALUE ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text));

CREATE DOMAIN public.percentage AS numeric(5,2)
	CONSTRAINT percentage_check CHECK (((VALUE >= (0)::numeric) AND (VALUE <= (100)::numeric)));

CREATE TYPE public.dimensions AS (
	length_mm integer,
	width_mm integer,
	height_mm integer,
	weight_g integer
);

--
-- Functions
--

CREATE FUNCTION public.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION public.set_updated_at() IS 'BEFORE UPDATE trigger: stamps updated_at';

CREATE FUNCTION public.slugify(value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
  SELECT trim(both '-' from regexp_replace(lower(value), '[^a-z0-9]+', '-', 'g'))
$$;

CREATE FUNCTION public.order_total(p_order_id bigint) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$
  SELECT coalesce(sum(quantity * unit_price_cents - discount_cents), 0)::bigint
    FROM public.order_lines
   WHERE order_id = p_order_id
$$;

CREATE FUNCTION public.refresh_order_total() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    v_order bigint := coalesce(NEW.order_id, OLD.order_id);
BEGIN
    UPDATE public.orders
       SET subtotal_cents = public.order_total(v_order)
     WHERE id = v_order;
    RETURN NULL;
END;
$$;

CREATE FUNCTION public.apply_stock_movement() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO public.stock_levels (warehouse_id, variant_id, on_hand)
    VALUES (NEW.warehouse_id, NEW.variant_id, NEW.quantity)
    ON CONFLICT (warehouse_id, variant_id)
    DO UPDATE SET on_hand = public.stock_levels.on_hand + EXCLUDED.on_hand;
    RETURN NEW;
END;
$$;

CREATE FUNCTION public.log_order_status() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO public.order_status_history (order_id, status, changed_at)
        VALUES (NEW.id, NEW.status, now());
    END IF;
    RETURN NEW;
END;
$$;

CREATE FUNCTION public.products_search_vector() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('simple', coalesce(NEW.name, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(NEW.description, '')), 'B');
    RETURN NEW;
END;
$$;

CREATE FUNCTION public.current_customer_id() RETURNS bigint
    LANGUAGE sql STABLE
    AS $$
  SELECT nullif(current_setting('shop.customer_id', true), '')::bigint
$$;

COMMENT ON FUNCTION public.current_customer_id() IS 'The customer of the web session (set by the application), for row level security';

CREATE FUNCTION public.gift_card_balance(p_card_id bigint) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$
  SELECT coalesce(sum(amount_cents), 0)::bigint
    FROM public.gift_card_transactions
   WHERE gift_card_id = p_card_id
$$;

CREATE FUNCTION audit.record_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public'
    AS $$
BEGIN
    INSERT INTO audit.events (occurred_at, table_name, operation, row_data, changed_by)
    VALUES (now(), TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP::audit.operation,
            CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END,
            current_user);
    RETURN NULL;
END;
$$;

CREATE PROCEDURE public.expire_carts(IN p_older_than interval DEFAULT '30 days'::interval)
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM public.carts WHERE updated_at < now() - p_older_than;
END;
$$;

--
-- Tables
--

CREATE TABLE public.currencies (
    code public.currency_code NOT NULL,
    name text NOT NULL,
    minor_units smallint DEFAULT 2 NOT NULL,
    symbol text
);

CREATE TABLE public.exchange_rates (
    base public.currency_code NOT NULL,
    quote public.currency_code NOT NULL,
    valid_on date NOT NULL,
    rate numeric(18,8) NOT NULL,
    CONSTRAINT exchange_rates_rate_check CHECK ((rate > (0)::numeric))
);

CREATE TABLE public.countries (
    code public.country_code NOT NULL,
    name text NOT NULL,
    currency public.currency_code NOT NULL,
    eu_member boolean DEFAULT false NOT NULL
);

CREATE TABLE public.tax_classes (
    id integer NOT NULL,
    name text NOT NULL,
    description text
);

CREATE SEQUENCE public.tax_classes_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.tax_classes_id_seq OWNED BY public.tax_classes.id;

CREATE TABLE public.tax_rates (
    id integer NOT NULL,
    tax_class_id integer NOT NULL,
    country public.country_code NOT NULL,
    region text,
    rate public.percentage NOT NULL,
    valid_from date DEFAULT CURRENT_DATE NOT NULL,
    valid_to date,
    CONSTRAINT tax_rates_valid_check CHECK (((valid_to IS NULL) OR (valid_to > valid_from)))
);

CREATE SEQUENCE public.tax_rates_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.tax_rates_id_seq OWNED BY public.tax_rates.id;

CREATE TABLE public.customer_groups (
    id integer NOT NULL,
    name text NOT NULL,
    discount public.percentage DEFAULT 0 NOT NULL
);

ALTER TABLE public.customer_groups ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.customer_groups_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.customers (
    id bigint NOT NULL,
    email public.email_address NOT NULL,
    password_hash text,
    first_name text,
    last_name text,
    phone text,
    birthday date,
    accepts_marketing boolean DEFAULT false NOT NULL,
    locale text DEFAULT 'en'::text NOT NULL,
    currency public.currency_code DEFAULT 'EUR'::bpchar NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT customers_locale_check CHECK ((locale ~ '^[a-z]{2}(-[A-Z]{2})?$'::text))
);

COMMENT ON TABLE public.customers IS 'People who can log in and order';
COMMENT ON COLUMN public.customers.password_hash IS 'argon2id; NULL for guest checkouts';
COMMENT ON COLUMN public.customers.deleted_at IS 'Soft delete: set when the customer asks to be forgotten';

ALTER TABLE public.customers ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.customers_id_seq
    START WITH 1000
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.customer_group_members (
    customer_id bigint NOT NULL,
    group_id integer NOT NULL,
    since date DEFAULT CURRENT_DATE NOT NULL
);

CREATE TABLE public.customer_addresses (
    id bigint NOT NULL,
    customer_id bigint NOT NULL,
    kind public.address_kind NOT NULL,
    is_default boolean DEFAULT false NOT NULL,
    name text NOT NULL,
    company text,
    line1 text NOT NULL,
    line2 text,
    postal_code text NOT NULL,
    city text NOT NULL,
    region text,
    country public.country_code NOT NULL,
    phone text
);

ALTER TABLE public.customer_addresses ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.customer_addresses_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.sessions (
    token text NOT NULL,
    customer_id bigint,
    user_agent text,
    ip inet,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL
);

CREATE UNLOGGED TABLE public.rate_limits (
    key text NOT NULL,
    window_start timestamp with time zone NOT NULL,
    hits integer DEFAULT 0 NOT NULL
);

CREATE TABLE public.brands (
    id integer NOT NULL,
    name text NOT NULL,
    slug public.slug NOT NULL,
    website text,
    logo_url text
);

ALTER TABLE public.brands ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.brands_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.categories (
    id integer NOT NULL,
    parent_id integer,
    name text NOT NULL,
    slug public.slug NOT NULL,
    position integer DEFAULT 0 NOT NULL,
    description text,
    visible boolean DEFAULT true NOT NULL,
    CONSTRAINT categories_not_own_parent CHECK ((parent_id <> id))
);

ALTER TABLE public.categories ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.categories_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.products (
    id bigint NOT NULL,
    brand_id integer,
    tax_class_id integer NOT NULL,
    name text NOT NULL,
    slug public.slug NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    search_vector tsvector,
    published_at timestamp with time zone,
    dimensions public.dimensions,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.products ALTER COLUMN description SET STORAGE EXTERNAL;
ALTER TABLE ONLY public.products ALTER COLUMN name SET STATISTICS 1000;

COMMENT ON TABLE public.products IS 'What the shop sells; prices and stock are per variant';
COMMENT ON COLUMN public.products.search_vector IS 'Maintained by trigger products_search_vector';

ALTER TABLE public.products ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.products_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.product_variants (
    id bigint NOT NULL,
    product_id bigint NOT NULL,
    sku text NOT NULL,
    barcode text,
    title text NOT NULL,
    position integer DEFAULT 0 NOT NULL,
    weight_g integer,
    active boolean DEFAULT true NOT NULL,
    CONSTRAINT product_variants_sku_check CHECK ((sku ~ '^[A-Z0-9-]{3,32}$'::text)),
    CONSTRAINT product_variants_weight_g_check CHECK ((weight_g > 0))
);

ALTER TABLE public.product_variants ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.product_variants_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.product_images (
    id bigint NOT NULL,
    product_id bigint NOT NULL,
    variant_id bigint,
    url text NOT NULL,
    alt text DEFAULT ''::text NOT NULL,
    position integer DEFAULT 0 NOT NULL
);

CREATE SEQUENCE public.product_images_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.product_images_id_seq OWNED BY public.product_images.id;

CREATE TABLE public.product_categories (
    product_id bigint NOT NULL,
    category_id integer NOT NULL,
    position integer DEFAULT 0 NOT NULL
);

CREATE TABLE public.attributes (
    id integer NOT NULL,
    code text NOT NULL,
    label text NOT NULL,
    filterable boolean DEFAULT false NOT NULL
);

CREATE SEQUENCE public.attributes_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.attributes_id_seq OWNED BY public.attributes.id;

CREATE TABLE public.attribute_values (
    id integer NOT NULL,
    attribute_id integer NOT NULL,
    value text NOT NULL,
    position integer DEFAULT 0 NOT NULL
);

CREATE SEQUENCE public.attribute_values_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.attribute_values_id_seq OWNED BY public.attribute_values.id;

CREATE TABLE public.variant_attribute_values (
    variant_id bigint NOT NULL,
    attribute_value_id integer NOT NULL
);

CREATE TABLE public.tags (
    id integer NOT NULL,
    name public.citext NOT NULL
);

CREATE SEQUENCE public.tags_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.tags_id_seq OWNED BY public.tags.id;

CREATE TABLE public.product_tags (
    product_id bigint NOT NULL,
    tag_id integer NOT NULL
);

CREATE TABLE public.price_lists (
    id integer NOT NULL,
    name text NOT NULL,
    currency public.currency_code NOT NULL,
    customer_group_id integer,
    priority integer DEFAULT 0 NOT NULL,
    valid_during tstzrange DEFAULT tstzrange(now(), NULL::timestamp with time zone) NOT NULL
);

CREATE SEQUENCE public.price_lists_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.price_lists_id_seq OWNED BY public.price_lists.id;

CREATE TABLE public.prices (
    price_list_id integer NOT NULL,
    variant_id bigint NOT NULL,
    min_quantity integer DEFAULT 1 NOT NULL,
    amount_cents public.money_cents NOT NULL,
    compare_at_cents public.money_cents,
    CONSTRAINT prices_min_quantity_check CHECK ((min_quantity >= 1)),
    CONSTRAINT prices_compare_at_check CHECK (((compare_at_cents IS NULL) OR ((compare_at_cents)::bigint > (amount_cents)::bigint)))
);

CREATE TABLE public.warehouses (
    id integer NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    country public.country_code NOT NULL,
    active boolean DEFAULT true NOT NULL
);

CREATE SEQUENCE public.warehouses_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.warehouses_id_seq OWNED BY public.warehouses.id;

CREATE TABLE public.stock_levels (
    warehouse_id integer NOT NULL,
    variant_id bigint NOT NULL,
    on_hand integer DEFAULT 0 NOT NULL,
    reserved integer DEFAULT 0 NOT NULL,
    reorder_point integer,
    CONSTRAINT stock_levels_reserved_check CHECK (((reserved >= 0) AND (reserved <= GREATEST(on_hand, 0))))
)
WITH (fillfactor='80');

CREATE TABLE public.stock_movements (
    id bigint NOT NULL,
    warehouse_id integer NOT NULL,
    variant_id bigint NOT NULL,
    kind public.stock_movement_kind NOT NULL,
    quantity integer NOT NULL,
    reference text,
    moved_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT stock_movements_quantity_check CHECK ((quantity <> 0))
);

ALTER TABLE public.stock_movements ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.stock_movements_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 50
);

CREATE TABLE public.suppliers (
    id integer NOT NULL,
    name text NOT NULL,
    email public.email_address,
    country public.country_code,
    lead_time_days integer DEFAULT 7 NOT NULL
);

CREATE SEQUENCE public.suppliers_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.suppliers_id_seq OWNED BY public.suppliers.id;

CREATE TABLE public.purchase_orders (
    id bigint NOT NULL,
    supplier_id integer NOT NULL,
    warehouse_id integer NOT NULL,
    ordered_on date DEFAULT CURRENT_DATE NOT NULL,
    expected_on date,
    received_on date,
    note text
);

CREATE SEQUENCE public.purchase_orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.purchase_orders_id_seq OWNED BY public.purchase_orders.id;

CREATE TABLE public.purchase_order_lines (
    purchase_order_id bigint NOT NULL,
    line_no smallint NOT NULL,
    variant_id bigint NOT NULL,
    quantity integer NOT NULL,
    unit_cost_cents public.money_cents NOT NULL,
    received_quantity integer DEFAULT 0 NOT NULL,
    CONSTRAINT purchase_order_lines_quantity_check CHECK ((quantity > 0))
);

CREATE TABLE public.carts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id bigint,
    session_token text,
    currency public.currency_code DEFAULT 'EUR'::bpchar NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.cart_items (
    cart_id uuid NOT NULL,
    variant_id bigint NOT NULL,
    quantity integer DEFAULT 1 NOT NULL,
    added_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT cart_items_quantity_check CHECK (((quantity > 0) AND (quantity <= 999)))
);

CREATE TABLE public.coupons (
    id integer NOT NULL,
    code public.citext NOT NULL,
    kind public.discount_kind NOT NULL,
    value numeric(12,2) DEFAULT 0 NOT NULL,
    max_redemptions integer,
    per_customer_limit integer DEFAULT 1,
    valid_during tstzrange NOT NULL,
    min_order_cents public.money_cents DEFAULT 0 NOT NULL,
    CONSTRAINT coupons_percent_check CHECK (((kind <> 'percent'::public.discount_kind) OR (value <= (100)::numeric)))
);

CREATE SEQUENCE public.coupons_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.coupons_id_seq OWNED BY public.coupons.id;

CREATE TABLE public.promotions (
    id integer NOT NULL,
    name text NOT NULL,
    active boolean DEFAULT false NOT NULL,
    starts_at timestamp with time zone,
    ends_at timestamp with time zone,
    priority integer DEFAULT 0 NOT NULL
);

CREATE SEQUENCE public.promotions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.promotions_id_seq OWNED BY public.promotions.id;

CREATE TABLE public.promotion_rules (
    id integer NOT NULL,
    promotion_id integer NOT NULL,
    category_id integer,
    product_id bigint,
    kind public.discount_kind NOT NULL,
    value numeric(12,2) NOT NULL,
    CONSTRAINT promotion_rules_target_check CHECK ((num_nonnulls(category_id, product_id) <= 1))
);

CREATE SEQUENCE public.promotion_rules_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.promotion_rules_id_seq OWNED BY public.promotion_rules.id;

CREATE SEQUENCE public.order_number_seq
    START WITH 100000
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

COMMENT ON SEQUENCE public.order_number_seq IS 'Order numbers printed on invoices; never reused';

CREATE TABLE public.orders (
    id bigint NOT NULL,
    number bigint DEFAULT nextval('public.order_number_seq'::regclass) NOT NULL,
    customer_id bigint,
    email public.email_address NOT NULL,
    status public.order_status DEFAULT 'pending_payment'::public.order_status NOT NULL,
    currency public.currency_code NOT NULL,
    subtotal_cents public.money_cents DEFAULT 0 NOT NULL,
    shipping_cents public.money_cents DEFAULT 0 NOT NULL,
    tax_cents public.money_cents DEFAULT 0 NOT NULL,
    discount_cents public.money_cents DEFAULT 0 NOT NULL,
    total_cents bigint GENERATED ALWAYS AS (((((subtotal_cents)::bigint + (shipping_cents)::bigint) + (tax_cents)::bigint) - (discount_cents)::bigint)) STORED,
    billing_address jsonb NOT NULL,
    shipping_address jsonb,
    coupon_id integer,
    placed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    note text
);

COMMENT ON TABLE public.orders IS 'Orders, from checkout to delivery';
COMMENT ON COLUMN public.orders.billing_address IS 'Copy of the address at the time of the order';

ALTER TABLE public.orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.order_lines (
    order_id bigint NOT NULL,
    line_no smallint NOT NULL,
    variant_id bigint NOT NULL,
    sku text NOT NULL,
    title text NOT NULL,
    quantity integer NOT NULL,
    unit_price_cents public.money_cents NOT NULL,
    discount_cents public.money_cents DEFAULT 0 NOT NULL,
    tax_rate public.percentage DEFAULT 0 NOT NULL,
    CONSTRAINT order_lines_quantity_check CHECK ((quantity > 0))
);

CREATE TABLE public.order_status_history (
    id bigint NOT NULL,
    order_id bigint NOT NULL,
    status public.order_status NOT NULL,
    changed_at timestamp with time zone DEFAULT now() NOT NULL,
    comment text
);

CREATE SEQUENCE public.order_status_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.order_status_history_id_seq OWNED BY public.order_status_history.id;

CREATE TABLE public.coupon_redemptions (
    coupon_id integer NOT NULL,
    order_id bigint NOT NULL,
    customer_id bigint,
    redeemed_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.payment_methods (
    id integer NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    provider text NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    fee public.percentage DEFAULT 0 NOT NULL
);

CREATE SEQUENCE public.payment_methods_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.payment_methods_id_seq OWNED BY public.payment_methods.id;

CREATE TABLE public.payments (
    id bigint NOT NULL,
    order_id bigint NOT NULL,
    payment_method_id integer NOT NULL,
    status public.payment_status DEFAULT 'initiated'::public.payment_status NOT NULL,
    amount_cents public.money_cents NOT NULL,
    currency public.currency_code NOT NULL,
    provider_reference text,
    raw_response jsonb,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE public.payments ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.payments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.refunds (
    id bigint NOT NULL,
    payment_id bigint NOT NULL,
    amount_cents public.money_cents NOT NULL,
    reason text,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE public.refunds ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.refunds_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.carriers (
    id integer NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    tracking_url_template text
);

CREATE SEQUENCE public.carriers_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.carriers_id_seq OWNED BY public.carriers.id;

CREATE TABLE public.shipping_zones (
    id integer NOT NULL,
    name text NOT NULL,
    countries public.country_code[] NOT NULL
);

CREATE SEQUENCE public.shipping_zones_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.shipping_zones_id_seq OWNED BY public.shipping_zones.id;

CREATE TABLE public.shipping_rates (
    id integer NOT NULL,
    zone_id integer NOT NULL,
    carrier_id integer NOT NULL,
    weight_range int4range NOT NULL,
    price_cents public.money_cents NOT NULL,
    currency public.currency_code NOT NULL
);

CREATE SEQUENCE public.shipping_rates_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.shipping_rates_id_seq OWNED BY public.shipping_rates.id;

CREATE TABLE public.shipments (
    id bigint NOT NULL,
    order_id bigint NOT NULL,
    warehouse_id integer NOT NULL,
    carrier_id integer NOT NULL,
    tracking_number text,
    status public.shipment_status DEFAULT 'label_created'::public.shipment_status NOT NULL,
    shipped_at timestamp with time zone,
    delivered_at timestamp with time zone,
    CONSTRAINT shipments_delivered_check CHECK (((delivered_at IS NULL) OR (shipped_at IS NOT NULL)))
);

ALTER TABLE public.shipments ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.shipments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.shipment_items (
    shipment_id bigint NOT NULL,
    order_id bigint NOT NULL,
    line_no smallint NOT NULL,
    quantity integer NOT NULL,
    CONSTRAINT shipment_items_quantity_check CHECK ((quantity > 0))
);

CREATE TABLE public.returns (
    id bigint NOT NULL,
    order_id bigint NOT NULL,
    requested_at timestamp with time zone DEFAULT now() NOT NULL,
    received_at timestamp with time zone,
    refund_id bigint
);

ALTER TABLE public.returns ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.returns_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.return_items (
    return_id bigint NOT NULL,
    order_id bigint NOT NULL,
    line_no smallint NOT NULL,
    quantity integer NOT NULL,
    reason public.return_reason NOT NULL,
    restock boolean DEFAULT true NOT NULL
);

CREATE TABLE public.gift_cards (
    id bigint NOT NULL,
    code text NOT NULL,
    currency public.currency_code NOT NULL,
    issued_to bigint,
    expires_on date,
    disabled boolean DEFAULT false NOT NULL
);

ALTER TABLE public.gift_cards ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.gift_cards_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.gift_card_transactions (
    id bigint NOT NULL,
    gift_card_id bigint NOT NULL,
    order_id bigint,
    amount_cents bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE public.gift_card_transactions ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.gift_card_transactions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.reviews (
    id bigint NOT NULL,
    product_id bigint NOT NULL,
    customer_id bigint,
    rating smallint NOT NULL,
    title text,
    body text,
    approved boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT reviews_rating_check CHECK (((rating >= 1) AND (rating <= 5)))
);

ALTER TABLE public.reviews ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.reviews_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.review_votes (
    review_id bigint NOT NULL,
    customer_id bigint NOT NULL,
    helpful boolean NOT NULL
);

CREATE TABLE public.wishlists (
    id bigint NOT NULL,
    customer_id bigint NOT NULL,
    name text DEFAULT 'Wishlist'::text NOT NULL,
    public boolean DEFAULT false NOT NULL
);

ALTER TABLE public.wishlists ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.wishlists_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.wishlist_items (
    wishlist_id bigint NOT NULL,
    variant_id bigint NOT NULL,
    added_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.newsletter_subscriptions (
    email public.email_address NOT NULL,
    customer_id bigint,
    confirmed_at timestamp with time zone,
    unsubscribed_at timestamp with time zone,
    source text
);

CREATE TABLE public.pages (
    id integer NOT NULL,
    slug public.slug NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    published boolean DEFAULT false NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE SEQUENCE public.pages_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.pages_id_seq OWNED BY public.pages.id;

CREATE TABLE public.menus (
    id integer NOT NULL,
    handle text NOT NULL,
    title text NOT NULL
);

CREATE SEQUENCE public.menus_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.menus_id_seq OWNED BY public.menus.id;

CREATE TABLE public.menu_items (
    id integer NOT NULL,
    menu_id integer NOT NULL,
    parent_id integer,
    label text NOT NULL,
    page_id integer,
    category_id integer,
    url text,
    position integer DEFAULT 0 NOT NULL,
    CONSTRAINT menu_items_one_target CHECK ((num_nonnulls(page_id, category_id, url) = 1))
);

CREATE SEQUENCE public.menu_items_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.menu_items_id_seq OWNED BY public.menu_items.id;

CREATE TABLE public.settings (
    key text NOT NULL,
    value jsonb NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

COMMENT ON TABLE public.settings IS 'Shop-wide configuration, one row per key';

CREATE TABLE public.staff_users (
    id integer NOT NULL,
    email public.email_address NOT NULL,
    name text NOT NULL,
    role text DEFAULT 'support'::text NOT NULL,
    active boolean DEFAULT true NOT NULL,
    CONSTRAINT staff_users_role_check CHECK ((role = ANY (ARRAY['admin'::text, 'support'::text, 'warehouse'::text, 'marketing'::text])))
);

CREATE SEQUENCE public.staff_users_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.staff_users_id_seq OWNED BY public.staff_users.id;

CREATE TABLE public.order_notes (
    id bigint NOT NULL,
    order_id bigint NOT NULL,
    staff_user_id integer,
    body text NOT NULL,
    visible_to_customer boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE public.order_notes ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.order_notes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.abandoned_cart_emails (
    cart_id uuid NOT NULL,
    sent_at timestamp with time zone DEFAULT now() NOT NULL,
    opened_at timestamp with time zone,
    recovered_order_id bigint
);

CREATE TABLE public.search_queries (
    id bigint NOT NULL,
    query text NOT NULL,
    results integer NOT NULL,
    session_token text,
    searched_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE public.search_queries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.search_queries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 100
);

--
-- Name: events; Type: TABLE; Schema: audit; Owner: -
--

CREATE TABLE audit.events (
    id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    table_name text NOT NULL,
    operation audit.operation NOT NULL,
    row_data jsonb,
    changed_by name DEFAULT CURRENT_USER NOT NULL
)
PARTITION BY RANGE (occurred_at);

COMMENT ON TABLE audit.events IS 'One row per changed row of the audited tables, partitioned by month';

CREATE SEQUENCE audit.events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE audit.events_id_seq OWNED BY audit.events.id;

CREATE TABLE audit.events_2025_01 (
    id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    table_name text NOT NULL,
    operation audit.operation NOT NULL,
    row_data jsonb,
    changed_by name DEFAULT CURRENT_USER NOT NULL
);

CREATE TABLE audit.events_2025_02 (
    id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    table_name text NOT NULL,
    operation audit.operation NOT NULL,
    row_data jsonb,
    changed_by name DEFAULT CURRENT_USER NOT NULL
);

CREATE TABLE audit.events_2025_03 (
    id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    table_name text NOT NULL,
    operation audit.operation NOT NULL,
    row_data jsonb,
    changed_by name DEFAULT CURRENT_USER NOT NULL
);

CREATE TABLE audit.events_default (
    id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    table_name text NOT NULL,
    operation audit.operation NOT NULL,
    row_data jsonb,
    changed_by name DEFAULT CURRENT_USER NOT NULL
);

ALTER TABLE ONLY audit.events ATTACH PARTITION audit.events_2025_01 FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2025-02-01 00:00:00+00');
ALTER TABLE ONLY audit.events ATTACH PARTITION audit.events_2025_02 FOR VALUES FROM ('2025-02-01 00:00:00+00') TO ('2025-03-01 00:00:00+00');
ALTER TABLE ONLY audit.events ATTACH PARTITION audit.events_2025_03 FOR VALUES FROM ('2025-03-01 00:00:00+00') TO ('2025-04-01 00:00:00+00');
ALTER TABLE ONLY audit.events ATTACH PARTITION audit.events_default DEFAULT;

--
-- Views
--

CREATE VIEW public.active_products AS
 SELECT p.id,
    p.name,
    p.slug,
    p.brand_id,
    p.published_at
   FROM public.products p
  WHERE ((p.published_at IS NOT NULL) AND (p.published_at <= now()));

CREATE VIEW public.variant_stock AS
 SELECT v.id AS variant_id,
    v.product_id,
    v.sku,
    COALESCE(sum(s.on_hand), (0)::bigint) AS on_hand,
    COALESCE(sum(s.reserved), (0)::bigint) AS reserved,
    (COALESCE(sum(s.on_hand), (0)::bigint) - COALESCE(sum(s.reserved), (0)::bigint)) AS available
   FROM (public.product_variants v
     LEFT JOIN public.stock_levels s ON ((s.variant_id = v.id)))
  GROUP BY v.id, v.product_id, v.sku;

CREATE VIEW public.catalog AS
 SELECT ap.id AS product_id,
    ap.name,
    ap.slug,
    b.name AS brand,
    vs.variant_id,
    vs.sku,
    vs.available,
    (vs.available > 0) AS in_stock
   FROM ((public.active_products ap
     JOIN public.variant_stock vs ON ((vs.product_id = ap.id)))
     LEFT JOIN public.brands b ON ((b.id = ap.brand_id)));

COMMENT ON VIEW public.catalog IS 'What the storefront lists: published products with their stock';

CREATE VIEW public.low_stock AS
 SELECT c.product_id,
    c.name,
    c.sku,
    c.available
   FROM public.catalog c
  WHERE (c.available < 5);

CREATE VIEW public.order_summaries AS
 SELECT o.id,
    o.number,
    o.status,
    o.currency,
    o.total_cents,
    o.placed_at,
    count(l.line_no) AS line_count,
    COALESCE(sum(l.quantity), (0)::bigint) AS item_count
   FROM (public.orders o
     LEFT JOIN public.order_lines l ON ((l.order_id = o.id)))
  GROUP BY o.id, o.number, o.status, o.currency, o.total_cents, o.placed_at;

CREATE VIEW public.customer_order_stats WITH (security_barrier='true') AS
 SELECT c.id AS customer_id,
    c.email,
    count(o.id) AS orders,
    COALESCE(sum(o.total_cents), (0)::numeric) AS lifetime_cents,
    max(o.placed_at) AS last_order_at
   FROM (public.customers c
     LEFT JOIN public.order_summaries o ON ((o.id IN ( SELECT orders.id
           FROM public.orders
          WHERE (orders.customer_id = c.id)))))
  WHERE (c.deleted_at IS NULL)
  GROUP BY c.id, c.email;

CREATE VIEW public.product_ratings AS
 SELECT r.product_id,
    count(*) AS reviews,
    round(avg(r.rating), 2) AS average
   FROM public.reviews r
  WHERE r.approved
  GROUP BY r.product_id;

CREATE MATERIALIZED VIEW public.daily_sales AS
 SELECT date_trunc('day'::text, o.placed_at) AS day,
    o.currency,
    count(*) AS orders,
    sum(o.total_cents) AS revenue_cents
   FROM public.orders o
  WHERE (o.status <> ALL (ARRAY['cancelled'::public.order_status, 'refunded'::public.order_status, 'cart'::public.order_status]))
  GROUP BY (date_trunc('day'::text, o.placed_at)), o.currency
  WITH NO DATA;

CREATE MATERIALIZED VIEW public.bestsellers AS
 SELECT l.variant_id,
    sum(l.quantity) AS sold
   FROM (public.order_lines l
     JOIN public.orders o ON ((o.id = l.order_id)))
  WHERE (o.placed_at > (now() - '90 days'::interval))
  GROUP BY l.variant_id
  WITH NO DATA;

--
-- Defaults of serial-style columns
--

ALTER TABLE ONLY public.attribute_values ALTER COLUMN id SET DEFAULT nextval('public.attribute_values_id_seq'::regclass);
ALTER TABLE ONLY public.attributes ALTER COLUMN id SET DEFAULT nextval('public.attributes_id_seq'::regclass);
ALTER TABLE ONLY public.carriers ALTER COLUMN id SET DEFAULT nextval('public.carriers_id_seq'::regclass);
ALTER TABLE ONLY public.coupons ALTER COLUMN id SET DEFAULT nextval('public.coupons_id_seq'::regclass);
ALTER TABLE ONLY public.menu_items ALTER COLUMN id SET DEFAULT nextval('public.menu_items_id_seq'::regclass);
ALTER TABLE ONLY public.menus ALTER COLUMN id SET DEFAULT nextval('public.menus_id_seq'::regclass);
ALTER TABLE ONLY public.order_status_history ALTER COLUMN id SET DEFAULT nextval('public.order_status_history_id_seq'::regclass);
ALTER TABLE ONLY public.pages ALTER COLUMN id SET DEFAULT nextval('public.pages_id_seq'::regclass);
ALTER TABLE ONLY public.payment_methods ALTER COLUMN id SET DEFAULT nextval('public.payment_methods_id_seq'::regclass);
ALTER TABLE ONLY public.price_lists ALTER COLUMN id SET DEFAULT nextval('public.price_lists_id_seq'::regclass);
ALTER TABLE ONLY public.product_images ALTER COLUMN id SET DEFAULT nextval('public.product_images_id_seq'::regclass);
ALTER TABLE ONLY public.promotion_rules ALTER COLUMN id SET DEFAULT nextval('public.promotion_rules_id_seq'::regclass);
ALTER TABLE ONLY public.promotions ALTER COLUMN id SET DEFAULT nextval('public.promotions_id_seq'::regclass);
ALTER TABLE ONLY public.purchase_orders ALTER COLUMN id SET DEFAULT nextval('public.purchase_orders_id_seq'::regclass);
ALTER TABLE ONLY public.shipping_rates ALTER COLUMN id SET DEFAULT nextval('public.shipping_rates_id_seq'::regclass);
ALTER TABLE ONLY public.shipping_zones ALTER COLUMN id SET DEFAULT nextval('public.shipping_zones_id_seq'::regclass);
ALTER TABLE ONLY public.staff_users ALTER COLUMN id SET DEFAULT nextval('public.staff_users_id_seq'::regclass);
ALTER TABLE ONLY public.suppliers ALTER COLUMN id SET DEFAULT nextval('public.suppliers_id_seq'::regclass);
ALTER TABLE ONLY public.tags ALTER COLUMN id SET DEFAULT nextval('public.tags_id_seq'::regclass);
ALTER TABLE ONLY public.tax_classes ALTER COLUMN id SET DEFAULT nextval('public.tax_classes_id_seq'::regclass);
ALTER TABLE ONLY public.tax_rates ALTER COLUMN id SET DEFAULT nextval('public.tax_rates_id_seq'::regclass);
ALTER TABLE ONLY public.warehouses ALTER COLUMN id SET DEFAULT nextval('public.warehouses_id_seq'::regclass);
ALTER TABLE ONLY audit.events ALTER COLUMN id SET DEFAULT nextval('audit.events_id_seq'::regclass);

--
-- Primary keys and unique constraints
--

ALTER TABLE ONLY public.abandoned_cart_emails
    ADD CONSTRAINT abandoned_cart_emails_pkey PRIMARY KEY (cart_id, sent_at);
ALTER TABLE ONLY public.attribute_values
    ADD CONSTRAINT attribute_values_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.attribute_values
    ADD CONSTRAINT attribute_values_attribute_id_value_key UNIQUE (attribute_id, value);
ALTER TABLE ONLY public.attributes
    ADD CONSTRAINT attributes_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.attributes
    ADD CONSTRAINT attributes_code_key UNIQUE (code);
ALTER TABLE ONLY public.brands
    ADD CONSTRAINT brands_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.brands
    ADD CONSTRAINT brands_slug_key UNIQUE (slug);
ALTER TABLE ONLY public.cart_items
    ADD CONSTRAINT cart_items_pkey PRIMARY KEY (cart_id, variant_id);
ALTER TABLE ONLY public.carriers
    ADD CONSTRAINT carriers_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.carriers
    ADD CONSTRAINT carriers_code_key UNIQUE (code);
ALTER TABLE ONLY public.carts
    ADD CONSTRAINT carts_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.categories
    ADD CONSTRAINT categories_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.categories
    ADD CONSTRAINT categories_slug_key UNIQUE (slug);
ALTER TABLE ONLY public.countries
    ADD CONSTRAINT countries_pkey PRIMARY KEY (code);
ALTER TABLE ONLY public.coupon_redemptions
    ADD CONSTRAINT coupon_redemptions_pkey PRIMARY KEY (coupon_id, order_id);
ALTER TABLE ONLY public.coupons
    ADD CONSTRAINT coupons_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.coupons
    ADD CONSTRAINT coupons_code_key UNIQUE (code);
ALTER TABLE ONLY public.currencies
    ADD CONSTRAINT currencies_pkey PRIMARY KEY (code);
ALTER TABLE ONLY public.customer_addresses
    ADD CONSTRAINT customer_addresses_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.customer_group_members
    ADD CONSTRAINT customer_group_members_pkey PRIMARY KEY (customer_id, group_id);
ALTER TABLE ONLY public.customer_groups
    ADD CONSTRAINT customer_groups_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.customer_groups
    ADD CONSTRAINT customer_groups_name_key UNIQUE (name);
ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.exchange_rates
    ADD CONSTRAINT exchange_rates_pkey PRIMARY KEY (base, quote, valid_on);
ALTER TABLE ONLY public.gift_card_transactions
    ADD CONSTRAINT gift_card_transactions_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.gift_cards
    ADD CONSTRAINT gift_cards_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.gift_cards
    ADD CONSTRAINT gift_cards_code_key UNIQUE (code);
ALTER TABLE ONLY public.menu_items
    ADD CONSTRAINT menu_items_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.menus
    ADD CONSTRAINT menus_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.menus
    ADD CONSTRAINT menus_handle_key UNIQUE (handle);
ALTER TABLE ONLY public.newsletter_subscriptions
    ADD CONSTRAINT newsletter_subscriptions_pkey PRIMARY KEY (email);
ALTER TABLE ONLY public.order_lines
    ADD CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, line_no);
ALTER TABLE ONLY public.order_notes
    ADD CONSTRAINT order_notes_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.order_status_history
    ADD CONSTRAINT order_status_history_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_number_key UNIQUE (number);
ALTER TABLE ONLY public.pages
    ADD CONSTRAINT pages_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.pages
    ADD CONSTRAINT pages_slug_key UNIQUE (slug);
ALTER TABLE ONLY public.payment_methods
    ADD CONSTRAINT payment_methods_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.payment_methods
    ADD CONSTRAINT payment_methods_code_key UNIQUE (code);
ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.price_lists
    ADD CONSTRAINT price_lists_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.prices
    ADD CONSTRAINT prices_pkey PRIMARY KEY (price_list_id, variant_id, min_quantity);
ALTER TABLE ONLY public.product_categories
    ADD CONSTRAINT product_categories_pkey PRIMARY KEY (product_id, category_id);
ALTER TABLE ONLY public.product_images
    ADD CONSTRAINT product_images_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.product_tags
    ADD CONSTRAINT product_tags_pkey PRIMARY KEY (product_id, tag_id);
ALTER TABLE ONLY public.product_variants
    ADD CONSTRAINT product_variants_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.product_variants
    ADD CONSTRAINT product_variants_sku_key UNIQUE (sku);
ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_slug_key UNIQUE (slug);
ALTER TABLE ONLY public.promotion_rules
    ADD CONSTRAINT promotion_rules_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.promotions
    ADD CONSTRAINT promotions_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.purchase_order_lines
    ADD CONSTRAINT purchase_order_lines_pkey PRIMARY KEY (purchase_order_id, line_no);
ALTER TABLE ONLY public.purchase_orders
    ADD CONSTRAINT purchase_orders_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.rate_limits
    ADD CONSTRAINT rate_limits_pkey PRIMARY KEY (key, window_start);
ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT refunds_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.return_items
    ADD CONSTRAINT return_items_pkey PRIMARY KEY (return_id, order_id, line_no);
ALTER TABLE ONLY public.returns
    ADD CONSTRAINT returns_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.review_votes
    ADD CONSTRAINT review_votes_pkey PRIMARY KEY (review_id, customer_id);
ALTER TABLE ONLY public.reviews
    ADD CONSTRAINT reviews_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.search_queries
    ADD CONSTRAINT search_queries_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (token);
ALTER TABLE ONLY public.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (key);
ALTER TABLE ONLY public.shipment_items
    ADD CONSTRAINT shipment_items_pkey PRIMARY KEY (shipment_id, order_id, line_no);
ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT shipments_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.shipping_rates
    ADD CONSTRAINT shipping_rates_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.shipping_zones
    ADD CONSTRAINT shipping_zones_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.staff_users
    ADD CONSTRAINT staff_users_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.staff_users
    ADD CONSTRAINT staff_users_email_key UNIQUE (email);
ALTER TABLE ONLY public.stock_levels
    ADD CONSTRAINT stock_levels_pkey PRIMARY KEY (warehouse_id, variant_id);
ALTER TABLE ONLY public.stock_movements
    ADD CONSTRAINT stock_movements_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.suppliers
    ADD CONSTRAINT suppliers_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.tags
    ADD CONSTRAINT tags_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.tags
    ADD CONSTRAINT tags_name_key UNIQUE (name);
ALTER TABLE ONLY public.tax_classes
    ADD CONSTRAINT tax_classes_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.tax_rates
    ADD CONSTRAINT tax_rates_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.variant_attribute_values
    ADD CONSTRAINT variant_attribute_values_pkey PRIMARY KEY (variant_id, attribute_value_id);
ALTER TABLE ONLY public.warehouses
    ADD CONSTRAINT warehouses_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.warehouses
    ADD CONSTRAINT warehouses_code_key UNIQUE (code);
ALTER TABLE ONLY public.wishlist_items
    ADD CONSTRAINT wishlist_items_pkey PRIMARY KEY (wishlist_id, variant_id);
ALTER TABLE ONLY public.wishlists
    ADD CONSTRAINT wishlists_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.price_lists
    ADD CONSTRAINT price_lists_no_overlap EXCLUDE USING gist (currency WITH =, customer_group_id WITH =, valid_during WITH &&) DEFERRABLE;
ALTER TABLE ONLY audit.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id, occurred_at);

--
-- Indexes
--

CREATE UNIQUE INDEX customers_email_key ON public.customers USING btree (lower((email)::text)) WHERE (deleted_at IS NULL);
CREATE INDEX customers_created_at_idx ON public.customers USING brin (created_at);
CREATE INDEX customers_name_trgm_idx ON public.customers USING gin (((COALESCE(first_name, ''::text) || ' '::text) || COALESCE(last_name, ''::text)) public.gin_trgm_ops);
CREATE INDEX customer_addresses_customer_id_idx ON public.customer_addresses USING btree (customer_id);
CREATE UNIQUE INDEX customer_addresses_one_default_idx ON public.customer_addresses USING btree (customer_id, kind) WHERE is_default;
CREATE INDEX customer_group_members_group_id_idx ON public.customer_group_members USING btree (group_id);
CREATE INDEX sessions_customer_id_idx ON public.sessions USING btree (customer_id);
CREATE INDEX sessions_expires_at_idx ON public.sessions USING btree (expires_at);
CREATE INDEX categories_parent_id_position_idx ON public.categories USING btree (parent_id, position);
CREATE INDEX products_brand_id_idx ON public.products USING btree (brand_id);
CREATE INDEX products_search_vector_idx ON public.products USING gin (search_vector);
CREATE INDEX products_name_trgm_idx ON public.products USING gist (name public.gist_trgm_ops);
CREATE INDEX products_published_at_idx ON public.products USING btree (published_at DESC NULLS LAST) WHERE (published_at IS NOT NULL);
CREATE INDEX products_metadata_idx ON public.products USING gin (metadata jsonb_path_ops);
CREATE INDEX product_variants_product_id_position_idx ON public.product_variants USING btree (product_id, position) INCLUDE (sku);
CREATE UNIQUE INDEX product_variants_barcode_key ON public.product_variants USING btree (barcode) WHERE (barcode IS NOT NULL);
CREATE INDEX product_images_product_id_idx ON public.product_images USING btree (product_id, position);
CREATE INDEX product_categories_category_id_idx ON public.product_categories USING btree (category_id, position);
CREATE INDEX product_tags_tag_id_idx ON public.product_tags USING btree (tag_id);
CREATE INDEX variant_attribute_values_value_idx ON public.variant_attribute_values USING btree (attribute_value_id);
CREATE INDEX prices_variant_id_idx ON public.prices USING btree (variant_id);
CREATE INDEX stock_levels_variant_id_idx ON public.stock_levels USING btree (variant_id);
CREATE INDEX stock_movements_variant_id_moved_at_idx ON public.stock_movements USING btree (variant_id, moved_at);
CREATE INDEX stock_movements_moved_at_idx ON public.stock_movements USING brin (moved_at) WITH (pages_per_range='64');
CREATE INDEX purchase_orders_supplier_id_idx ON public.purchase_orders USING btree (supplier_id);
CREATE INDEX purchase_orders_open_idx ON public.purchase_orders USING btree (expected_on) WHERE (received_on IS NULL);
CREATE INDEX carts_customer_id_idx ON public.carts USING btree (customer_id);
CREATE INDEX carts_updated_at_idx ON public.carts USING btree (updated_at);
CREATE INDEX coupons_valid_during_idx ON public.coupons USING gist (valid_during);
CREATE INDEX orders_customer_id_placed_at_idx ON public.orders USING btree (customer_id, placed_at DESC);
CREATE INDEX orders_status_idx ON public.orders USING btree (status) WHERE (status <> ALL (ARRAY['delivered'::public.order_status, 'cancelled'::public.order_status, 'refunded'::public.order_status]));
CREATE INDEX orders_placed_at_idx ON public.orders USING brin (placed_at);
CREATE INDEX orders_email_idx ON public.orders USING hash (email);
CREATE INDEX order_lines_variant_id_idx ON public.order_lines USING btree (variant_id);
CREATE INDEX order_status_history_order_id_idx ON public.order_status_history USING btree (order_id, changed_at);
CREATE INDEX coupon_redemptions_customer_id_idx ON public.coupon_redemptions USING btree (customer_id);
CREATE INDEX payments_order_id_idx ON public.payments USING btree (order_id);
CREATE UNIQUE INDEX payments_provider_reference_key ON public.payments USING btree (payment_method_id, provider_reference) WHERE (provider_reference IS NOT NULL);
CREATE INDEX refunds_payment_id_idx ON public.refunds USING btree (payment_id);
CREATE INDEX shipping_rates_zone_id_idx ON public.shipping_rates USING btree (zone_id, carrier_id);
CREATE INDEX shipping_zones_countries_idx ON public.shipping_zones USING gin (countries);
CREATE INDEX shipments_order_id_idx ON public.shipments USING btree (order_id);
CREATE UNIQUE INDEX shipments_tracking_number_key ON public.shipments USING btree (carrier_id, tracking_number) WHERE (tracking_number IS NOT NULL);
CREATE INDEX shipment_items_order_line_idx ON public.shipment_items USING btree (order_id, line_no);
CREATE INDEX returns_order_id_idx ON public.returns USING btree (order_id);
CREATE INDEX gift_card_transactions_gift_card_id_idx ON public.gift_card_transactions USING btree (gift_card_id);
CREATE INDEX reviews_product_id_idx ON public.reviews USING btree (product_id) WHERE approved;
CREATE UNIQUE INDEX reviews_one_per_customer_idx ON public.reviews USING btree (product_id, customer_id) NULLS NOT DISTINCT;
CREATE INDEX wishlists_customer_id_idx ON public.wishlists USING btree (customer_id);
CREATE INDEX menu_items_menu_id_idx ON public.menu_items USING btree (menu_id, parent_id, position);
CREATE INDEX order_notes_order_id_idx ON public.order_notes USING btree (order_id);
CREATE INDEX search_queries_query_idx ON public.search_queries USING btree (lower(query) text_pattern_ops);
CREATE UNIQUE INDEX daily_sales_day_currency_idx ON public.daily_sales USING btree (day, currency);
CREATE UNIQUE INDEX bestsellers_variant_id_idx ON public.bestsellers USING btree (variant_id);
CREATE INDEX events_table_name_idx ON ONLY audit.events USING btree (table_name, occurred_at);
CREATE INDEX events_2025_01_table_name_occurred_at_idx ON audit.events_2025_01 USING btree (table_name, occurred_at);
CREATE INDEX events_2025_02_table_name_occurred_at_idx ON audit.events_2025_02 USING btree (table_name, occurred_at);
CREATE INDEX events_2025_03_table_name_occurred_at_idx ON audit.events_2025_03 USING btree (table_name, occurred_at);
CREATE INDEX events_default_table_name_occurred_at_idx ON audit.events_default USING btree (table_name, occurred_at);
ALTER INDEX audit.events_table_name_idx ATTACH PARTITION audit.events_2025_01_table_name_occurred_at_idx;
ALTER INDEX audit.events_table_name_idx ATTACH PARTITION audit.events_2025_02_table_name_occurred_at_idx;
ALTER INDEX audit.events_table_name_idx ATTACH PARTITION audit.events_2025_03_table_name_occurred_at_idx;
ALTER INDEX audit.events_table_name_idx ATTACH PARTITION audit.events_default_table_name_occurred_at_idx;
ALTER TABLE ONLY audit.events_2025_01
    ADD CONSTRAINT events_2025_01_pkey PRIMARY KEY (id, occurred_at);
ALTER TABLE ONLY audit.events_2025_02
    ADD CONSTRAINT events_2025_02_pkey PRIMARY KEY (id, occurred_at);
ALTER TABLE ONLY audit.events_2025_03
    ADD CONSTRAINT events_2025_03_pkey PRIMARY KEY (id, occurred_at);
ALTER TABLE ONLY audit.events_default
    ADD CONSTRAINT events_default_pkey PRIMARY KEY (id, occurred_at);
ALTER INDEX audit.events_pkey ATTACH PARTITION audit.events_2025_01_pkey;
ALTER INDEX audit.events_pkey ATTACH PARTITION audit.events_2025_02_pkey;
ALTER INDEX audit.events_pkey ATTACH PARTITION audit.events_2025_03_pkey;
ALTER INDEX audit.events_pkey ATTACH PARTITION audit.events_default_pkey;

COMMENT ON INDEX public.customers_email_key IS 'Emails are unique among customers who are not deleted';

--
-- Triggers
--

CREATE TRIGGER customers_set_updated_at BEFORE UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER products_set_updated_at BEFORE UPDATE ON public.products FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER products_search_vector BEFORE INSERT OR UPDATE OF name, description ON public.products FOR EACH ROW EXECUTE FUNCTION public.products_search_vector();
CREATE TRIGGER carts_set_updated_at BEFORE UPDATE ON public.carts FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER orders_set_updated_at BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER orders_log_status AFTER INSERT OR UPDATE OF status ON public.orders FOR EACH ROW EXECUTE FUNCTION public.log_order_status();
CREATE TRIGGER order_lines_refresh_total AFTER INSERT OR DELETE OR UPDATE ON public.order_lines FOR EACH ROW EXECUTE FUNCTION public.refresh_order_total();
CREATE TRIGGER payments_set_updated_at BEFORE UPDATE ON public.payments FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER pages_set_updated_at BEFORE UPDATE ON public.pages FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER settings_set_updated_at BEFORE UPDATE ON public.settings FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER stock_movements_apply AFTER INSERT ON public.stock_movements FOR EACH ROW EXECUTE FUNCTION public.apply_stock_movement();
CREATE TRIGGER customers_audit AFTER INSERT OR DELETE OR UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION audit.record_change();
CREATE TRIGGER orders_audit AFTER INSERT OR DELETE OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION audit.record_change();
CREATE TRIGGER payments_audit AFTER INSERT OR DELETE OR UPDATE ON public.payments FOR EACH ROW EXECUTE FUNCTION audit.record_change();
CREATE TRIGGER prices_audit AFTER INSERT OR DELETE OR UPDATE ON public.prices FOR EACH ROW EXECUTE FUNCTION audit.record_change();
CREATE TRIGGER settings_audit AFTER INSERT OR DELETE OR UPDATE ON public.settings FOR EACH ROW EXECUTE FUNCTION audit.record_change();

ALTER TABLE public.settings DISABLE TRIGGER settings_audit;

COMMENT ON TRIGGER orders_log_status ON public.orders IS 'Keeps order_status_history complete';

--
-- Foreign keys
--

ALTER TABLE ONLY public.abandoned_cart_emails
    ADD CONSTRAINT abandoned_cart_emails_cart_id_fkey FOREIGN KEY (cart_id) REFERENCES public.carts(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.abandoned_cart_emails
    ADD CONSTRAINT abandoned_cart_emails_recovered_order_id_fkey FOREIGN KEY (recovered_order_id) REFERENCES public.orders(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.attribute_values
    ADD CONSTRAINT attribute_values_attribute_id_fkey FOREIGN KEY (attribute_id) REFERENCES public.attributes(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.cart_items
    ADD CONSTRAINT cart_items_cart_id_fkey FOREIGN KEY (cart_id) REFERENCES public.carts(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.cart_items
    ADD CONSTRAINT cart_items_variant_id_fkey FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.carts
    ADD CONSTRAINT carts_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.carts
    ADD CONSTRAINT carts_currency_fkey FOREIGN KEY (currency) REFERENCES public.currencies(code);
ALTER TABLE ONLY public.categories
    ADD CONSTRAINT categories_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.categories(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.countries
    ADD CONSTRAINT countries_currency_fkey FOREIGN KEY (currency) REFERENCES public.currencies(code);
ALTER TABLE ONLY public.coupon_redemptions
    ADD CONSTRAINT coupon_redemptions_coupon_id_fkey FOREIGN KEY (coupon_id) REFERENCES public.coupons(id);
ALTER TABLE ONLY public.coupon_redemptions
    ADD CONSTRAINT coupon_redemptions_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.coupon_redemptions
    ADD CONSTRAINT coupon_redemptions_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.customer_addresses
    ADD CONSTRAINT customer_addresses_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.customer_addresses
    ADD CONSTRAINT customer_addresses_country_fkey FOREIGN KEY (country) REFERENCES public.countries(code);
ALTER TABLE ONLY public.customer_group_members
    ADD CONSTRAINT customer_group_members_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.customer_group_members
    ADD CONSTRAINT customer_group_members_group_id_fkey FOREIGN KEY (group_id) REFERENCES public.customer_groups(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_currency_fkey FOREIGN KEY (currency) REFERENCES public.currencies(code);
ALTER TABLE ONLY public.exchange_rates
    ADD CONSTRAINT exchange_rates_base_fkey FOREIGN KEY (base) REFERENCES public.currencies(code);
ALTER TABLE ONLY public.exchange_rates
    ADD CONSTRAINT exchange_rates_quote_fkey FOREIGN KEY (quote) REFERENCES public.currencies(code);
ALTER TABLE ONLY public.gift_card_transactions
    ADD CONSTRAINT gift_card_transactions_gift_card_id_fkey FOREIGN KEY (gift_card_id) REFERENCES public.gift_cards(id);
ALTER TABLE ONLY public.gift_card_transactions
    ADD CONSTRAINT gift_card_transactions_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id);
ALTER TABLE ONLY public.gift_cards
    ADD CONSTRAINT gift_cards_issued_to_fkey FOREIGN KEY (issued_to) REFERENCES public.customers(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.menu_items
    ADD CONSTRAINT menu_items_menu_id_fkey FOREIGN KEY (menu_id) REFERENCES public.menus(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.menu_items
    ADD CONSTRAINT menu_items_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.menu_items(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.menu_items
    ADD CONSTRAINT menu_items_page_id_fkey FOREIGN KEY (page_id) REFERENCES public.pages(id);
ALTER TABLE ONLY public.menu_items
    ADD CONSTRAINT menu_items_category_id_fkey FOREIGN KEY (category_id) REFERENCES public.categories(id);
ALTER TABLE ONLY public.newsletter_subscriptions
    ADD CONSTRAINT newsletter_subscriptions_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.order_lines
    ADD CONSTRAINT order_lines_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.order_lines
    ADD CONSTRAINT order_lines_variant_id_fkey FOREIGN KEY (variant_id) REFERENCES public.product_variants(id);
ALTER TABLE ONLY public.order_notes
    ADD CONSTRAINT order_notes_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.order_notes
    ADD CONSTRAINT order_notes_staff_user_id_fkey FOREIGN KEY (staff_user_id) REFERENCES public.staff_users(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.order_status_history
    ADD CONSTRAINT order_status_history_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_currency_fkey FOREIGN KEY (currency) REFERENCES public.currencies(code);
ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_coupon_id_fkey FOREIGN KEY (coupon_id) REFERENCES public.coupons(id);
ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id);
ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_payment_method_id_fkey FOREIGN KEY (payment_method_id) REFERENCES public.payment_methods(id);
ALTER TABLE ONLY public.price_lists
    ADD CONSTRAINT price_lists_currency_fkey FOREIGN KEY (currency) REFERENCES public.currencies(code);
ALTER TABLE ONLY public.price_lists
    ADD CONSTRAINT price_lists_customer_group_id_fkey FOREIGN KEY (customer_group_id) REFERENCES public.customer_groups(id);
ALTER TABLE ONLY public.prices
    ADD CONSTRAINT prices_price_list_id_fkey FOREIGN KEY (price_list_id) REFERENCES public.price_lists(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.prices
    ADD CONSTRAINT prices_variant_id_fkey FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.product_categories
    ADD CONSTRAINT product_categories_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.product_categories
    ADD CONSTRAINT product_categories_category_id_fkey FOREIGN KEY (category_id) REFERENCES public.categories(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.product_images
    ADD CONSTRAINT product_images_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.product_images
    ADD CONSTRAINT product_images_variant_id_fkey FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.product_tags
    ADD CONSTRAINT product_tags_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.product_tags
    ADD CONSTRAINT product_tags_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES public.tags(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.product_variants
    ADD CONSTRAINT product_variants_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_brand_id_fkey FOREIGN KEY (brand_id) REFERENCES public.brands(id);
ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_tax_class_id_fkey FOREIGN KEY (tax_class_id) REFERENCES public.tax_classes(id);
ALTER TABLE ONLY public.promotion_rules
    ADD CONSTRAINT promotion_rules_promotion_id_fkey FOREIGN KEY (promotion_id) REFERENCES public.promotions(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.promotion_rules
    ADD CONSTRAINT promotion_rules_category_id_fkey FOREIGN KEY (category_id) REFERENCES public.categories(id);
ALTER TABLE ONLY public.promotion_rules
    ADD CONSTRAINT promotion_rules_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id);
ALTER TABLE ONLY public.purchase_order_lines
    ADD CONSTRAINT purchase_order_lines_purchase_order_id_fkey FOREIGN KEY (purchase_order_id) REFERENCES public.purchase_orders(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.purchase_order_lines
    ADD CONSTRAINT purchase_order_lines_variant_id_fkey FOREIGN KEY (variant_id) REFERENCES public.product_variants(id);
ALTER TABLE ONLY public.purchase_orders
    ADD CONSTRAINT purchase_orders_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES public.suppliers(id);
ALTER TABLE ONLY public.purchase_orders
    ADD CONSTRAINT purchase_orders_warehouse_id_fkey FOREIGN KEY (warehouse_id) REFERENCES public.warehouses(id);
ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT refunds_payment_id_fkey FOREIGN KEY (payment_id) REFERENCES public.payments(id);
ALTER TABLE ONLY public.return_items
    ADD CONSTRAINT return_items_return_id_fkey FOREIGN KEY (return_id) REFERENCES public.returns(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.return_items
    ADD CONSTRAINT return_items_order_line_fkey FOREIGN KEY (order_id, line_no) REFERENCES public.order_lines(order_id, line_no);
ALTER TABLE ONLY public.returns
    ADD CONSTRAINT returns_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id);
ALTER TABLE ONLY public.returns
    ADD CONSTRAINT returns_refund_id_fkey FOREIGN KEY (refund_id) REFERENCES public.refunds(id);
ALTER TABLE ONLY public.review_votes
    ADD CONSTRAINT review_votes_review_id_fkey FOREIGN KEY (review_id) REFERENCES public.reviews(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.review_votes
    ADD CONSTRAINT review_votes_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.reviews
    ADD CONSTRAINT reviews_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.reviews
    ADD CONSTRAINT reviews_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.shipment_items
    ADD CONSTRAINT shipment_items_shipment_id_fkey FOREIGN KEY (shipment_id) REFERENCES public.shipments(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.shipment_items
    ADD CONSTRAINT shipment_items_order_line_fkey FOREIGN KEY (order_id, line_no) REFERENCES public.order_lines(order_id, line_no);
ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT shipments_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id);
ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT shipments_warehouse_id_fkey FOREIGN KEY (warehouse_id) REFERENCES public.warehouses(id);
ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT shipments_carrier_id_fkey FOREIGN KEY (carrier_id) REFERENCES public.carriers(id);
ALTER TABLE ONLY public.shipping_rates
    ADD CONSTRAINT shipping_rates_zone_id_fkey FOREIGN KEY (zone_id) REFERENCES public.shipping_zones(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.shipping_rates
    ADD CONSTRAINT shipping_rates_carrier_id_fkey FOREIGN KEY (carrier_id) REFERENCES public.carriers(id);
ALTER TABLE ONLY public.shipping_rates
    ADD CONSTRAINT shipping_rates_currency_fkey FOREIGN KEY (currency) REFERENCES public.currencies(code);
ALTER TABLE ONLY public.stock_levels
    ADD CONSTRAINT stock_levels_warehouse_id_fkey FOREIGN KEY (warehouse_id) REFERENCES public.warehouses(id);
ALTER TABLE ONLY public.stock_levels
    ADD CONSTRAINT stock_levels_variant_id_fkey FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.stock_movements
    ADD CONSTRAINT stock_movements_stock_level_fkey FOREIGN KEY (warehouse_id, variant_id) REFERENCES public.stock_levels(warehouse_id, variant_id) DEFERRABLE INITIALLY DEFERRED NOT VALID;
ALTER TABLE ONLY public.suppliers
    ADD CONSTRAINT suppliers_country_fkey FOREIGN KEY (country) REFERENCES public.countries(code);
ALTER TABLE ONLY public.tax_rates
    ADD CONSTRAINT tax_rates_tax_class_id_fkey FOREIGN KEY (tax_class_id) REFERENCES public.tax_classes(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.tax_rates
    ADD CONSTRAINT tax_rates_country_fkey FOREIGN KEY (country) REFERENCES public.countries(code);
ALTER TABLE ONLY public.variant_attribute_values
    ADD CONSTRAINT variant_attribute_values_variant_id_fkey FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.variant_attribute_values
    ADD CONSTRAINT variant_attribute_values_attribute_value_id_fkey FOREIGN KEY (attribute_value_id) REFERENCES public.attribute_values(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.warehouses
    ADD CONSTRAINT warehouses_country_fkey FOREIGN KEY (country) REFERENCES public.countries(code);
ALTER TABLE ONLY public.wishlist_items
    ADD CONSTRAINT wishlist_items_wishlist_id_fkey FOREIGN KEY (wishlist_id) REFERENCES public.wishlists(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.wishlist_items
    ADD CONSTRAINT wishlist_items_variant_id_fkey FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.wishlists
    ADD CONSTRAINT wishlists_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE CASCADE;

--
-- Row level security
--

ALTER TABLE public.customer_addresses ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.wishlists ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.reviews ENABLE ROW LEVEL SECURITY;

CREATE POLICY customer_addresses_own ON public.customer_addresses TO rt_reader, rt_writer USING ((customer_id = public.current_customer_id())) WITH CHECK ((customer_id = public.current_customer_id()));
CREATE POLICY customer_addresses_staff ON public.customer_addresses TO rt_admin USING (true);
CREATE POLICY orders_own ON public.orders FOR SELECT TO rt_reader, rt_writer USING ((customer_id = public.current_customer_id()));
CREATE POLICY orders_staff ON public.orders TO rt_admin USING (true) WITH CHECK (true);
CREATE POLICY wishlists_own ON public.wishlists USING (((customer_id = public.current_customer_id()) OR public));
CREATE POLICY reviews_public ON public.reviews FOR SELECT USING ((approved OR (customer_id = public.current_customer_id())));
CREATE POLICY reviews_insert_own ON public.reviews FOR INSERT TO rt_writer WITH CHECK (((customer_id = public.current_customer_id()) AND (NOT approved)));
CREATE POLICY reviews_no_delete ON public.reviews AS RESTRICTIVE FOR DELETE TO rt_reader, rt_writer USING (false);

--
-- Privileges
--

GRANT USAGE ON SCHEMA audit TO rt_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA audit TO rt_admin;
GRANT SELECT ON TABLE public.catalog TO rt_reader;
GRANT SELECT ON TABLE public.product_ratings TO rt_reader;
GRANT SELECT ON TABLE public.order_summaries TO rt_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.carts TO rt_writer;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.cart_items TO rt_writer;
GRANT SELECT, INSERT, UPDATE ON TABLE public.orders TO rt_writer;
GRANT SELECT, INSERT ON TABLE public.order_lines TO rt_writer;
GRANT SELECT, INSERT, UPDATE ON TABLE public.customer_addresses TO rt_writer;
GRANT SELECT (id, email, first_name, last_name, locale, currency) ON TABLE public.customers TO rt_reader;
GRANT UPDATE (first_name, last_name, phone, accepts_marketing, locale) ON TABLE public.customers TO rt_writer;
GRANT USAGE ON SEQUENCE public.order_number_seq TO rt_writer;
GRANT ALL ON TABLE public.settings TO rt_admin;
GRANT SELECT ON TABLE public.daily_sales TO rt_admin;
REVOKE ALL ON FUNCTION public.current_customer_id() FROM PUBLIC;
GRANT ALL ON FUNCTION public.current_customer_id() TO rt_reader;
GRANT ALL ON FUNCTION public.current_customer_id() TO rt_writer;
REVOKE ALL ON PROCEDURE public.expire_carts(IN p_older_than interval) FROM PUBLIC;
GRANT ALL ON PROCEDURE public.expire_carts(IN p_older_than interval) TO rt_admin;

--
-- PostgreSQL database dump complete
--
