CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE entry AS (at date, m mood, note text);
