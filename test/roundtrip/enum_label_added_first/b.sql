CREATE TYPE color AS ENUM ('blue', 'red', 'green');
