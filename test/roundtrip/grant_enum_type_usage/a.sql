CREATE TYPE mood AS ENUM ('a', 'b');
