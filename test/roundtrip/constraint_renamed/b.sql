CREATE TABLE shipments (
    id integer CONSTRAINT shipments_pk PRIMARY KEY,
    weight numeric CONSTRAINT shipments_weight_check CHECK (weight > 0),
    tracking text CONSTRAINT shipments_tracking_uq UNIQUE
);
