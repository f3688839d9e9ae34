-- Every statistics object of statistics/b.sql created from nothing and dropped to nothing.
CREATE TABLE addresses (id integer PRIMARY KEY, city text, zip text, country text, street text);
CREATE STATISTICS addr_city_zip (ndistinct, dependencies) ON city, zip FROM addresses;
CREATE STATISTICS addr_zip_country ON zip, country FROM addresses;
ALTER STATISTICS addr_zip_country SET STATISTICS 1000;
CREATE STATISTICS addr_lower_city ON lower(city), country FROM addresses;
COMMENT ON STATISTICS addr_city_zip IS 'city and zip go together';
