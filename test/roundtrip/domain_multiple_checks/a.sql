CREATE DOMAIN temp_c AS numeric(5,1);
