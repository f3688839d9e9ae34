-- Range partitions bounded by MINVALUE and MAXVALUE on a two-column key.
CREATE TABLE readings (sensor int NOT NULL, at date NOT NULL, v numeric) PARTITION BY RANGE (sensor, at);
CREATE TABLE readings_low PARTITION OF readings FOR VALUES FROM (MINVALUE, MINVALUE) TO (100, MINVALUE);
CREATE TABLE readings_high PARTITION OF readings FOR VALUES FROM (100, MINVALUE) TO (MAXVALUE, MAXVALUE);
