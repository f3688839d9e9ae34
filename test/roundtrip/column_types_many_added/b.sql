CREATE TABLE t (id integer PRIMARY KEY, a smallint, b real, c double precision, d money, e bytea,
 f inet, g cidr, h macaddr, i interval, j time, k timetz, l bit(4), m varbit(8), n tsvector,
 o point, p box, q uuid, r xml, s int4range, u tstzrange, v numrange, w oid);
