CREATE TABLE readings (sensor int NOT NULL, at date NOT NULL, v numeric) PARTITION BY RANGE (sensor, at);
CREATE TABLE readings_low PARTITION OF readings FOR VALUES FROM (MINVALUE, MINVALUE) TO (100, MINVALUE);
