CREATE DOMAIN money_eur AS numeric(12,2);
