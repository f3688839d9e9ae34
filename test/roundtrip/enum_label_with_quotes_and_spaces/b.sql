CREATE TYPE odd AS ENUM ('it''s', 'a b', 'back\slash', 'ünï');
