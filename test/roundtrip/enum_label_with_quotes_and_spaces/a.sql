CREATE TYPE odd AS ENUM ('it''s', 'a b');
