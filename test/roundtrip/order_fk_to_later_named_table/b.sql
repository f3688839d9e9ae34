-- Tables whose foreign keys point at tables that sort after them by name.
CREATE TABLE z_countries (code text PRIMARY KEY);
CREATE TABLE m_cities (id int PRIMARY KEY, country text REFERENCES z_countries);
CREATE TABLE a_addresses (id int PRIMARY KEY, city_id int REFERENCES m_cities);
