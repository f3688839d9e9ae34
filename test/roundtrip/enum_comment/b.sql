CREATE TYPE color AS ENUM ('red');
COMMENT ON TYPE color IS 'colours';
