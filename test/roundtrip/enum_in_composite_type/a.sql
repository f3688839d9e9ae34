CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TYPE entry AS (at date, m mood);
