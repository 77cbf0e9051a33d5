-- id: i1_items
-- message: items with a unique code, built without blocking writes
-- transactional: no

-- upgrade
CREATE TABLE ii_items (code int);
INSERT INTO ii_items VALUES (1), (1), (2);
CREATE UNIQUE INDEX CONCURRENTLY ii_items_code ON ii_items (code);

-- downgrade
DROP TABLE ii_items;
