CREATE TABLE shipments (
    id integer CONSTRAINT shipments_pkey PRIMARY KEY,
    weight numeric CONSTRAINT weight_positive CHECK (weight > 0),
    tracking text CONSTRAINT shipments_tracking_key UNIQUE
);
