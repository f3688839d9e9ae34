CREATE DOMAIN money_eur AS numeric(12,2);
REVOKE USAGE ON DOMAIN money_eur FROM PUBLIC;
GRANT USAGE ON DOMAIN money_eur TO rt_writer;
