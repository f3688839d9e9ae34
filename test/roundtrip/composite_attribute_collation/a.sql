CREATE TYPE name_pair AS (first text, last text);
