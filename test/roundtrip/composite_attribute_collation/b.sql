CREATE TYPE name_pair AS (first text COLLATE "C", last text);
