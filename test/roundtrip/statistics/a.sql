-- Extended statistics: one whose kinds change (dropped and made again),
-- one whose target changes (ALTER STATISTICS), one added, one dropped, a
-- comment.
CREATE TABLE addresses (id integer PRIMARY KEY, city text, zip text, country text, street text);
CREATE STATISTICS addr_city_zip (ndistinct) ON city, zip FROM addresses;
CREATE STATISTICS addr_zip_country ON zip, country FROM addresses;
ALTER STATISTICS addr_zip_country SET STATISTICS 500;
CREATE STATISTICS addr_gone (mcv) ON city, country FROM addresses;
