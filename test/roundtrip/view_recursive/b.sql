CREATE TABLE tree (id int, parent int);
CREATE RECURSIVE VIEW descendants (id, root) AS
  SELECT id, id FROM tree WHERE parent IS NULL
  UNION ALL
  SELECT t.id, d.root FROM tree t JOIN descendants d ON t.parent = d.id;
